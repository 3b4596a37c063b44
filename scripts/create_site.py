"""Create the Plone site with torino.socialplan installed, unless it exists.

Run inside Zope, which provides ``app``:

    zconsole run instance/etc/zope.conf scripts/create_site.py   (make start)
    bin/instance run scripts/create_site.py                      (buildout)

Idempotent: an existing site is reused, never recreated; only the add-on's
pending upgrade steps are run on it. A new site also gets the demo content
(profile torino.socialplan:demo); an existing one never does. Settings come
from the environment: SITE_ID (Plone) and ADMIN_PASSWORD (admin, used only
when the Zope user ``admin`` does not exist yet).
"""

from AccessControl.SecurityManagement import newSecurityManager
from plone.base.interfaces import IPloneSiteRoot
from plone.base.utils import get_installer
from plone.distribution.api import site as site_api
from Testing.makerequest import makerequest
from torino.socialplan.demo.reader import read_approved
from torino.socialplan.demo.reader import read_demo
from zope.component.hooks import setSite
from zope.globalrequest import setRequest

import os
import re
import sys
import transaction


PACKAGE = "torino.socialplan"
VALID_SITE_ID = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]{0,99}$")
PROFILE = f"{PACKAGE}:default"
DEMO_PROFILE = f"profile-{PACKAGE}:demo"

SITE_ANSWERS = {
    "title": "Piano metropolitano dell'economia sociale di Torino",
    "description": (
        "Consultazione pubblica sul Piano metropolitano dell'economia sociale "
        "di Torino - Torino Social Impact"
    ),
    "default_language": "it",
    "portal_timezone": "Europe/Rome",
    # No Plone sample pages: the add-on brings its own content.
    "setup_content": False,
}


def say(message):
    print(f"[create_site] {message}", flush=True)


def ensure_admin(app, password):
    """Return the Zope-root ``admin`` user, creating it on the first run."""
    users = app.acl_users
    if users.getUserById("admin") is None:
        users._doAddUser("admin", password, ["Manager"], [])
        say("created Zope user 'admin'")
    return users.getUserById("admin").__of__(users)


def create_site(app, site_id):
    site = site_api.create(app, "classic", {"site_id": site_id, **SITE_ANSWERS})
    setSite(site)
    get_installer(site, site.REQUEST).install_product(PACKAGE)
    # The Plan speaks Italian first; English visitors get the interface in
    # English from their browser's language.
    registry = site.portal_registry
    registry["plone.available_languages"] = ["it", "en"]
    registry["plone.use_request_negotiation"] = True
    # Only a new site gets the demo: an existing one may hold the real Plan.
    site.portal_setup.runAllImportStepsFromProfile(DEMO_PROFILE)
    return site


def upgrade_site(site):
    """Install the add-on if missing, else run its pending upgrade steps."""
    setSite(site)
    installer = get_installer(site, site.REQUEST)
    if not installer.is_product_installed(PACKAGE):
        installer.install_product(PACKAGE)
        say(f"installed {PACKAGE} in the existing site")
        return
    setup = site.portal_setup
    before = setup.getLastVersionForProfile(PROFILE)
    if setup.listUpgrades(PROFILE):
        setup.upgradeProfile(PROFILE)
        after = setup.getLastVersionForProfile(PROFILE)
        say(f"upgraded {PACKAGE} from {'.'.join(before)} to {'.'.join(after)}")


def settings():
    """SITE_ID and ADMIN_PASSWORD from the environment, checked."""
    site_id = os.environ.get("SITE_ID") or "Plone"
    password = os.environ.get("ADMIN_PASSWORD", "admin")
    if not VALID_SITE_ID.match(site_id):
        sys.exit(
            f"[create_site] SITE_ID {site_id!r} is not a valid id: use letters, "
            "digits, '-', '_' or '.', starting with a letter or digit"
        )
    if not password:
        sys.exit("[create_site] ADMIN_PASSWORD is empty")
    return site_id, password


def main(app):
    site_id, password = settings()
    app = makerequest(app)
    setRequest(app.REQUEST)
    newSecurityManager(None, ensure_admin(app, password))
    transaction.commit()

    if site_id in app.objectIds():
        if not IPloneSiteRoot.providedBy(app[site_id]):
            sys.exit(f"[create_site] '{site_id}' exists and is not a Plone site")
        upgrade_site(app[site_id])
        transaction.commit()
        say(f"site '{site_id}' exists: reused")
    else:
        create_site(app, site_id)
        transaction.commit()
        say(f"site '{site_id}' created with {PACKAGE} installed")
        plan = read_demo().plan
        say(
            f"demo content added: the Plan /{site_id}/{plan['id']}, open for "
            f"comments for {plan['consultation_days']} days, with its promoting bodies "
            "and sample published comments (some inline) and pledges"
        )
        approved = read_approved().plan
        say(
            f"and an approved Plan /{site_id}/{approved['id']}: its whole life "
            f"done, see /{site_id}/{approved['id']}/@@how-the-plan-changed"
        )


if __name__ == "__main__":
    # ``app`` is given by zconsole / bin/instance run.
    try:
        main(app)  # noqa: F821
    finally:
        # Closing the database writes the FileStorage index, so the server
        # that starts next does not rebuild it.
        app._p_jar.db().close()  # noqa: F821
