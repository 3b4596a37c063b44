"""Run by zconsole in tests/instance/test_data_on_disk.py: print the site's
contributions (paths, sorted) as one JSON line; with STEP=add, add one
comment first (committed)."""

from AccessControl.SecurityManagement import newSecurityManager
from AccessControl.SpecialUsers import system
from torino.socialplan.consultation.personal_data import places
from zope.component.hooks import setSite

import json
import os
import transaction


def main(app):
    site = app[os.environ.get("SITE_ID", "Plone")]
    setSite(site)
    newSecurityManager(None, system)
    if os.environ.get("STEP") == "add":
        from torino.socialplan.consultation.contributions import submit
        from zope.event import notify
        from zope.traversing.interfaces import BeforeTraverseEvent

        notify(BeforeTraverseEvent(site, app.REQUEST))
        plan = site.portal_catalog(portal_type="Plan")[0].getObject()
        submit(
            "comment",
            plan,
            {
                "text": "Aggiunto dopo il backup.",
                "first_name": "Dopo",
                "last_name": "Backup",
                "organization_type": "social_enterprise",
                "author_email": "after-backup@example.org",
                "privacy_consent": True,
            },
            app.REQUEST,
        )
        transaction.commit()
    paths = sorted(
        "/".join(obj.getPhysicalPath()) for _k, obj in places.contributions()
    )
    print(json.dumps({"contributions": paths}), flush=True)


main(app)  # noqa: F821
app._p_jar.db().close()  # noqa: F821
