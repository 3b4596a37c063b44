"""``@outcomes`` on a Plan: list published contributions with their outcome,
record outcomes for a selection."""
