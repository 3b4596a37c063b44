"""@@outcomes: the promoters record the outcome of published contributions."""
