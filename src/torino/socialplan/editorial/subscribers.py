"""Keep the catalog's security index in step with computed local roles.

The roles of editors are computed from relations (see editorial/__init__.py);
when those change, the objects below or behind them must be reindexed, or
private drafts would stay listed to the wrong group (or hidden from the right
one) in searches and folder listings.
"""


def reindex_plan_security(plan, event):
    plan.reindexObjectSecurity()


def reindex_led_content_security(institution, event):
    institution.reindexObjectSecurity()
    for action in institution.led_actions():
        action.reindexObjectSecurity()
