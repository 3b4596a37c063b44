"""Run by zconsole in tests/instance/test_erasure_on_disk.py: the lifecycle
of one person's data on a real site, each step committed (so its revisions
are in the storage): contribute under notice v1, publish notice v2, request
access, erase, run retention. With LIFECYCLE_MAIL_QUEUE the site MailHost
queues its mail in that Maildir (nothing delivers it: MAILHOST_QUEUE_ONLY),
so that the person's mail waits on disk when erasure comes. Prints one JSON
line of what it saw."""

from AccessControl.SecurityManagement import newSecurityManager
from AccessControl.SpecialUsers import nobody
from AccessControl.SpecialUsers import system
from datetime import timedelta
from plone import api
from torino.socialplan.base.window import now_in_rome
from torino.socialplan.consultation.contributions import submit
from torino.socialplan.consultation.legal import notice
from torino.socialplan.consultation.personal_data import mail_queue
from torino.socialplan.consultation.personal_data import retention
from torino.socialplan.consultation.personal_data import rights
from zope.component.hooks import setSite
from zope.event import notify
from zope.traversing.interfaces import BeforeTraverseEvent

import json
import os
import transaction


ADDRESS = os.environ["LIFECYCLE_ADDRESS"]


def main(app):
    site = app[os.environ.get("SITE_ID", "Plone")]
    setSite(site)
    request = app.REQUEST
    # The site's browser layers on the request, as traversal gives them.
    notify(BeforeTraverseEvent(site, request))
    queue = os.environ.get("LIFECYCLE_MAIL_QUEUE")
    if queue:
        host = site.MailHost
        host.smtp_host, host.smtp_port = "127.0.0.1", 9
        host.smtp_queue, host.smtp_queue_directory = True, queue
        api.portal.set_registry_record("plone.smtp_host", "127.0.0.1")
        api.portal.set_registry_record("plone.email_from_address", "piano@example.org")
        transaction.commit()
    plan = site.portal_catalog(portal_type="Plan")[0].getObject()
    action = site.portal_catalog(portal_type="Action", review_state="published")[0]
    newSecurityManager(None, nobody)
    person = {
        "first_name": "Lucia",
        "last_name": "Ferro",
        "organization": "Cooperativa Vela",
        "organization_type": "social_enterprise",
        "privacy_consent": True,
    }
    comment = submit(
        "comment",
        plan,
        dict(person, text="Un commento da cancellare.", author_email=ADDRESS),
        request,
    )
    submit(
        "pledge",
        plan,
        dict(
            person,
            email=ADDRESS,
            actions=[action.UID],
            contribution="Un impegno da cancellare.",
        ),
        request,
    )
    transaction.commit()
    newSecurityManager(None, system)
    api.content.transition(obj=comment, transition="publish")
    transaction.commit()  # the author is told: queued, with a queue
    queued = len(
        [
            path
            for path in mail_queue.queued_files()
            if ADDRESS in mail_queue.addresses_in(path.read_bytes())
        ]
    )
    # Notice v2: new contributions only.
    api.portal.set_registry_record("torino.socialplan.legal.notice_version", 2)
    transaction.commit()
    data = rights.export(ADDRESS, via="moderator")
    transaction.commit()
    erased = rights.erase(ADDRESS, via="moderator")
    transaction.commit()
    later = now_in_rome() + timedelta(days=3650)
    report = retention.purge(now=later, commit=True).as_json()
    transaction.commit()
    print(
        json.dumps(
            {
                "exported": len(data["contributions"]),
                "versions": data["privacy_notice_versions_accepted"],
                "current": notice.current_version(),
                "erased": erased,
                "retention": report,
                "queued_before_erasure": queued,
                "queued_after": len(mail_queue.queued_files()),
            }
        ),
        flush=True,
    )


main(app)  # noqa: F821
app._p_jar.db().close()  # noqa: F821
