"""Run by tests/cluster/test_migrate.py inside Zope (zconsole run) on the
embedded database: a File with a blob, a new version of an Action's text, a
pending comment and a rejected pledge (audit entries), beyond the demo."""

from AccessControl.SecurityManagement import newSecurityManager
from plone import api
from plone.namedfile.file import NamedBlobFile
from Testing.makerequest import makerequest
from torino.socialplan.consultation import guards
from torino.socialplan.consultation.contributions import submit
from torino.socialplan.consultation.moderation import moderate
from torino.socialplan.demo.loader import as_the_public
from torino.socialplan.demo.loader import with_site_layers
from zope.component.hooks import setSite
from zope.globalrequest import setRequest

import os
import transaction


PLAN = "piano-metropolitano-economia-sociale"
BLOB = bytes(range(256)) * 4096  # 1 MiB, not text


def main(app):
    app = makerequest(app)
    setRequest(app.REQUEST)
    site = app[os.environ.get("SITE_ID", "Plone")]
    setSite(site)
    newSecurityManager(None, app.acl_users.getUserById("admin").__of__(app.acl_users))
    api.content.create(
        container=site,
        type="File",
        id="allegato",
        title="Allegato",
        file=NamedBlobFile(BLOB, filename="allegato.bin"),
    )
    plan = site[PLAN]
    action = next(
        brain.getObject()
        for brain in site.portal_catalog(
            portal_type="Action", path="/".join(plan.getPhysicalPath())
        )
    )
    repository = site.portal_repository
    action.title = action.title + " (rivista)"
    repository.save(obj=action, comment="Revisione per la migrazione")
    # The public's road (pending), as the demo posts its comments; the
    # second is rejected (an audit entry with its reason).
    posted = []
    for text in (
        "Commento in attesa, prima della migrazione.",
        "Commento respinto, prima della migrazione.",
    ):
        guards.reset_rate_limits()
        with as_the_public():
            posted.append(
                submit(
                    "comment",
                    action,
                    {
                        "text": text,
                        "first_name": "Migrazione",
                        "last_name": "Test",
                        "organization": "",
                        "organization_type": "citizen",
                        "author_email": "migrazione@example.org",
                        "privacy_consent": True,
                    },
                    with_site_layers(app.REQUEST),
                )
            )
    moderate(plan, [posted[1].absolute_url()], "reject", reason="off_topic")
    transaction.commit()
    print("[extras] done")


if __name__ == "__main__":
    try:
        main(app)  # noqa: F821
    finally:
        app._p_jar.db().close()  # noqa: F821
