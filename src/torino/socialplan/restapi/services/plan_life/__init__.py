"""``@plan-life`` on a Plan: its stage, approvals and log; POST moves it on."""
