"""``@changes`` on a Plan or a Chapter: how the Plan changed."""
