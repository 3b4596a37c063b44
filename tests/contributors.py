"""What many test folders share: a Plan open for contributions, the people
who contribute and moderate, and a valid comment. Imported by the folders'
conftests and tests (``from contributors import ...``: tests/ is on the path,
as for ``content.conftest``)."""

from datetime import datetime
from datetime import timedelta
from plone import api
from plone.app.testing import setRoles
from plone.app.testing import TEST_USER_ID
from plone.app.textfield.value import RichTextValue
from torino.socialplan.consultation import guards
from torino.socialplan.consultation.contributions import submit

import transaction


# Sent as the e-mail of every comment: no public surface may contain it.
EMAIL = "private-marker-4f1c@example.org"

VALID = {
    "text": "Servono più percorsi di formazione.",
    "first_name": "Maria",
    "last_name": "Rossi",
    "organization": "Cooperativa Aurora",
    "organization_type": "social_enterprise",
    "author_email": EMAIL,
    "privacy_consent": True,
}

MODERATOR = ("comments-moderator", "moderator-secret-17")
MEMBER = ("comments-member", "member-secret-17")


def rich(html):
    return RichTextValue(html, "text/html", "text/x-html-safe")


def open_plan(portal, chapter_text=None, plan_text=None, action_text=None):
    """A published Plan "plan", open since yesterday for two weeks, with a
    published Chapter "lavoro" and Action "formazione" (A.1.1); texts given
    as HTML. The test user is made Manager to build it."""
    setRoles(portal, TEST_USER_ID, ["Manager"])
    now = datetime.now()
    texts = {}
    for key, html in (
        ("plan", plan_text),
        ("chapter", chapter_text),
        ("action", action_text),
    ):
        texts[key] = {"text": rich(html)} if html is not None else {}
    plan = api.content.create(
        container=portal,
        type="Plan",
        id="plan",
        title="Piano",
        consultation_start=now - timedelta(days=1),
        consultation_end=now + timedelta(days=14),
        **texts["plan"],
    )
    chapter = api.content.create(
        container=plan, type="Chapter", id="lavoro", title="Lavoro", **texts["chapter"]
    )
    action = api.content.create(
        container=chapter,
        type="Action",
        id="formazione",
        title="Formazione",
        code="A.1.1",
        **texts["action"],
    )
    for obj in (plan, chapter, action):
        api.content.transition(obj=obj, transition="publish")
    return {"portal": portal, "plan": plan, "chapter": chapter, "action": action}


def add_people():
    """A moderator (moderators group) and a plain member, committed."""
    api.user.create(
        email=f"{MODERATOR[0]}@example.org",
        username=MODERATOR[0],
        password=MODERATOR[1],
    )
    api.group.add_user(groupname="moderators", username=MODERATOR[0])
    api.user.create(
        email=f"{MEMBER[0]}@example.org", username=MEMBER[0], password=MEMBER[1]
    )
    transaction.commit()
    return {"moderator": MODERATOR, "member": MEMBER}


def post_comment(site, text):
    """An anonymous comment on the folder's Chapter (``open_plan``), past
    the rate limit."""
    guards.reset_rate_limits()
    return submit(
        "comment", site["chapter"], dict(VALID, text=text), site["portal"].REQUEST
    )
