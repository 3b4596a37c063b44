"""Keep the catalog's security index in step with computed local roles.

The roles of editors are computed from relations (see editorial/__init__.py);
when those change, the objects below or behind them must be reindexed, or
private drafts would stay listed to the wrong group (or hidden from the right
one) in searches and folder listings.
"""

from torino.socialplan.content.institution import related_from
from zope.container.interfaces import IContainerModifiedEvent


def reindex_plan_security(plan, event):
    # Adding or removing a child (every Pledge sent) notifies the Plan as a
    # modified container; its promoters, and so its roles, did not change.
    if IContainerModifiedEvent.providedBy(event):
        return
    plan.reindexObjectSecurity()


def reindex_led_content_security(institution, event):
    """The body's editors group may have changed: it has roles on the body's
    page, on the Actions it leads and (inherited) in the Plans it promotes.

    All of them, not only those the modifying user can see.
    """
    institution.reindexObjectSecurity()
    for attribute in ("lead_institutions", "promoters"):
        for obj in related_from(institution, attribute):
            obj.reindexObjectSecurity()
