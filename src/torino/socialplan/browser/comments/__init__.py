"""Comments in the Classic UI: the list and form below our pages."""
