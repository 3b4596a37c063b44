"""Apply the retention periods of Site Setup → Personal data and legal pages
(torino.socialplan.consultation.personal_data.retention): erase the e-mail
addresses and tokens, delete rejected and spam contributions, pseudonymise
the moderation audit, where the periods past each consultation's end have
run. Idempotent.

    make purge-personal-data            (DRY_RUN=1: list what would go)
    zconsole run instance/etc/zope.conf scripts/purge_personal_data.py [--dry-run]

Then ``make pack`` removes the old revisions that still hold what was erased.
A daily cron line (the instance may stay up on ZEO or RelStorage; on the
embedded FileStorage, run it while the instance is stopped):

    15 3 * * *  cd /srv/socialplan && make purge-personal-data pack
"""

from AccessControl.SecurityManagement import newSecurityManager
from torino.socialplan.consultation.personal_data.retention import purge
from zope.component.hooks import setSite

import os
import sys
import transaction


def say(message):
    print(f"[purge-personal-data] {message}", flush=True)


def main(app):
    site_id = os.environ.get("SITE_ID") or "Plone"
    from_env = os.environ.get("DRY_RUN") not in (None, "", "0")
    dry_run = "--dry-run" in sys.argv or from_env
    if site_id not in app.objectIds():
        sys.exit(f"[purge-personal-data] no site '{site_id}'")
    site = app[site_id]
    setSite(site)
    admin = app.acl_users.getUserById("admin")
    if admin is not None:
        newSecurityManager(None, admin.__of__(app.acl_users))
    report = purge(dry_run=dry_run, progress=say, commit=True)
    for line in report.lines():
        say(line)
    if dry_run:
        transaction.abort()
        say("dry run: nothing changed")
    else:
        transaction.commit()
        say("done; run `make pack` to remove the old revisions")


if __name__ == "__main__":
    try:
        main(app)  # noqa: F821
    finally:
        app._p_jar.db().close()  # noqa: F821
