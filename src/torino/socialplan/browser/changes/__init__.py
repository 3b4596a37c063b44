"""@@how-the-plan-changed: the consulted and approved texts compared."""
