"""The moderation tests' consultation: a published Plan with two Chapters,
an Action in each, and a second Plan; pending comments on every level and
pending Pledges; the moderation's people; and what the routes show of the
queue and the mail sent."""

from datetime import datetime
from datetime import timedelta
from email import message_from_bytes
from email import message_from_string
from email.header import decode_header
from email.header import make_header
from plone import api
from plone.app.discussion.interfaces import IConversation
from plone.app.testing import setRoles
from plone.app.testing import TEST_USER_ID
from plone.dexterity.utils import createContentInContainer
from tests.support.plans import Action
from tests.support.plans import build_plan
from tests.support.plans import Chapter
from tests.support.plans import make_institution
from tests.support.plans import Plan
from tests.support.plans import relations
from tests.support.users import acting_as
from tests.support.users import ANONYMOUS
from tests.support.users import USERS
from torino.socialplan.consultation import moderation
from zope.component import createObject


# USERS but the city and plan editors, and a moderator without an address
# (never mailed); with their e-mail addresses.
MODERATION_USERS = {
    "member": USERS["member"],
    "chamber_editor": USERS["chamber_editor"],
    "moderator": USERS["moderator"],
    "silent_moderator": (("moderators",), ("Member",), ""),
    "reviewer": USERS["reviewer"],
    "manager": USERS["manager"],
}
ACTORS = (ANONYMOUS, "member", "chamber_editor", "moderator", "reviewer", "manager")
MODERATING = {"moderator", "reviewer", "manager"}
# The site's sender (conftest's ``mailbox`` sets it).
SENDER = "consultazione@example.org"


def queue(plan, review_state="pending", kind=None, chapter=None, b_start=0, b_size=20):
    """One page of the queue, as the routes build it from the core."""
    entries = moderation.queue_entries(plan, review_state, kind, chapter)
    audit = moderation.audit_by_item(plan)
    return {
        "items_total": len(entries),
        "items": [
            moderation.describe(brain, audit)
            for brain in entries[b_start : b_start + b_size]
        ],
    }


def add_comment(obj, text, first_name, minutes_ago=0, email=None, username=None):
    comment = createObject("plone.Comment")
    if username:
        # As the comment form does for a logged-in author.
        comment.creator = comment.author_username = username
    comment.text = text
    comment.first_name = first_name
    comment.last_name = "Rossi"
    comment.author_name = f"{first_name} Rossi"
    comment.author_email = (
        f"{first_name.lower()}@example.org" if email is None else email
    )
    comment.organization = "Cooperativa Aurora"
    comment.organization_type = "social_enterprise"
    comment.creation_date = comment.modification_date = datetime.now() - timedelta(
        minutes=minutes_ago
    )
    comment_id = IConversation(obj).addComment(comment)
    return IConversation(obj)[comment_id]


def add_pledge(plan, actions, first_name, email=None):
    # As the core does: the name chooser gives the opaque id.
    return createContentInContainer(
        plan,
        "Pledge",
        first_name=first_name,
        last_name="Bianchi",
        organization="Fondazione Nord",
        organization_type="foundation",
        email=f"{first_name.lower()}@example.org" if email is None else email,
        actions=relations(*actions),
        contribution=f"{first_name} offers two tutors.",
        privacy_consent=True,
    )


def comment_url(comment):
    return comment.absolute_url()


def state(obj):
    return api.content.get_state(obj=obj)


def build_site(portal):
    """The consultation, built by the layer's test user as Manager, who is
    none of the actors."""
    setRoles(portal, TEST_USER_ID, ["Manager"])
    chamber = make_institution(
        portal, "chamber", "chamber-editors", title="Camera di commercio"
    )
    built = build_plan(
        portal,
        Plan(
            title="Piano plan",
            promoters=(chamber,),
            chapters=(
                Chapter("work", "Work", (Action("training", "A.1.1", "Training"),)),
                Chapter("money", "Money", (Action("funds", "B.1.1", "Funds"),)),
            ),
        ),
    )
    built |= build_plan(
        portal,
        Plan(
            id="other-plan",
            title="Piano other-plan",
            promoters=(chamber,),
            chapters=(Chapter("other", "Other"),),
        ),
    )
    plan, work, money = built["plan"], built["work"], built["money"]
    training, funds, other_chapter = built["training"], built["funds"], built["other"]
    site = {
        "portal": portal,
        "plan": plan,
        "other_plan": built["other-plan"],
        "work": work,
        "money": money,
        "training": training,
        "funds": funds,
        "p_training": add_pledge(plan, [training], "Ivo"),
        "p_funds": add_pledge(plan, [funds], "Luca"),
        "p_other": add_pledge(built["other-plan"], [], "Mara"),
    }
    # As citizens: plone.app.discussion publishes at once the comments of
    # users who may review them.
    with acting_as(portal, ANONYMOUS):
        site.update(
            {
                # Oldest first, all older than the Pledges.
                "c_plan": add_comment(plan, "On the whole plan.", "Carla", 50),
                "c_work": add_comment(work, "On the work chapter.", "Dario", 40),
                "c_training": add_comment(
                    training, "On the training action.", "Elena", 30
                ),
                "c_funds": add_comment(funds, "On the funds action.", "Fabio", 20),
                "c_other": add_comment(other_chapter, "Elsewhere.", "Gino", 10),
            }
        )
    setRoles(portal, TEST_USER_ID, ["Member"])
    return site


def sent(mailbox):
    """The messages of ``mailbox`` (conftest's fixture): to, from, subject
    and body."""
    messages = []
    for message in mailbox.messages:
        if isinstance(message, bytes):
            message = message_from_bytes(message)
        elif isinstance(message, str):
            message = message_from_string(message)
        body = message.get_payload(decode=True)
        messages.append(
            {
                "to": message["To"],
                "from": message["From"],
                "subject": str(make_header(decode_header(message["Subject"]))),
                "body": body.decode(message.get_content_charset() or "utf-8"),
            }
        )
    return messages
