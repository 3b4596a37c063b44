"""Run inside Zope (zconsole run <zope-relstorage.conf> bench/cluster_pending.py
COUNT) while the cluster serves: add COUNT pending comments on the demo
Chapter through the public's road (the contribution pipeline as Zope's nobody, the
rate limit forgotten before each, as the demo does), committed by 200."""

from AccessControl.SecurityManagement import newSecurityManager
from Testing.makerequest import makerequest
from torino.socialplan.consultation import guards
from torino.socialplan.consultation.contributions import submit
from torino.socialplan.demo.loader import as_the_public
from torino.socialplan.demo.loader import with_site_layers
from zope.component.hooks import setSite
from zope.globalrequest import setRequest

import os
import sys
import transaction


CHAPTER = "piano-metropolitano-economia-sociale/lavoro-e-inclusione-sociale"


def main(app, count):
    app = makerequest(app)
    setRequest(app.REQUEST)
    site = app[os.environ.get("SITE_ID", "Plone")]
    setSite(site)
    newSecurityManager(None, app.acl_users.getUserById("admin").__of__(app.acl_users))
    chapter = site.unrestrictedTraverse(CHAPTER)
    request = with_site_layers(app.REQUEST)
    for i in range(count):
        guards.reset_rate_limits()
        with as_the_public():
            submit(
                "comment",
                chapter,
                {
                    "text": f"Commento in coda numero {i}.",
                    "first_name": "Coda",
                    "last_name": f"Numero{i}",
                    "organization": "",
                    "organization_type": "citizen",
                    "author_email": f"coda{i}@example.org",
                    "privacy_consent": True,
                },
                request,
            )
        if i % 200 == 199:
            transaction.commit()
    transaction.commit()
    print(f"[pending] {count} added")


if __name__ == "__main__":
    try:
        main(app, int(sys.argv[-1]))  # noqa: F821
    finally:
        app._p_jar.db().close()  # noqa: F821
