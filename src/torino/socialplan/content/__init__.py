"""Content types of the Plan: schemas and thin classes, one module per type."""
