"""``@pledges`` on a Plan or an Action: POST a pledge, GET the list."""
