"""``POST {obj}/@comments[/{id}]`` on the Plan, its Chapters and Actions."""
