"""The consultation the privacy sweep looks at, built through the real routes.

Every contribution carries its own markers: an e-mail address whose local
part holds a word unique to it, and names, organisation and text made of
words found nowhere else. ``Scenario.submit_all`` posts them over HTTP (REST
and the Classic form) as Anonymous, a plain Member and a moderator, then
moderates them as a Manager, in-process and over ``@moderation``.
"""

from dataclasses import dataclass
from plone import api
from plone.app.discussion.interfaces import IConversation
from plone.app.testing import setRoles
from plone.app.testing import SITE_OWNER_NAME
from plone.app.testing import SITE_OWNER_PASSWORD
from plone.app.testing import TEST_USER_ID
from plone.base.interfaces.syndication import IFeedSettings
from plone.base.interfaces.syndication import ISiteSyndicationSettings
from plone.registry.interfaces import IRegistry
from tests.support.plans import build_plan
from tests.support.plans import Plan
from torino.socialplan.consultation import guards
from zope.component import getUtility

import requests
import transaction
import uuid


# Unique per run: a marker cannot match anything an earlier run left.
TAG = uuid.uuid4().hex[:10]

MEMBER = ("sweep-member", "member-secret-31")
MODERATOR = ("sweep-moderator", "moderator-secret-31")
# The Member's account address: stock code (feeds, author pages) could show
# it for the content the Member creates.
MEMBER_EMAIL = f"mk{TAG}account@example.org"

TIMEOUT = 20

FEED_VIEWS = ("RSS", "rss.xml", "atom.xml", "itunes.xml")

JSON = {"Accept": "application/json"}

TRANSITIONS = {"published": "publish", "rejected": "reject", "spam": "mark_as_spam"}


@dataclass
class Contribution:
    """One comment or pledge; ``key`` is the word unique to its markers."""

    key: str
    kind: str  # "comment" or "pledge"
    target: str  # "plan", "chapter" or "action"
    state: str  # where the scenario leaves it
    by: str = "anonymous"  # or "member", "moderator"
    route: str = "rest"  # or "classic" (the comment form)
    # How it reaches its state: "service" (POST @moderation), "transition"
    # (api.content.transition in-process), "at once" (a moderator's own
    # comment), "withdrawn" (published over @moderation, then rejected by
    # api.content.transition).
    moderation: str = "service"
    reply_to: str | None = None  # key of the comment replied to
    url: str = ""  # the comment's @comments URL or the Pledge's URL
    comment_id: str = ""

    @property
    def local_part(self):
        # One prefix for every address: a single prefix query finds them all.
        return f"mk{TAG}{self.key}"

    @property
    def email(self):
        return f"{self.local_part}@example.org"

    @property
    def published(self):
        return self.state == "published"

    @property
    def prefix(self):
        """Starts every name and text word: ``H`` hidden, ``P`` published."""
        return f"{'P' if self.published else 'H'}{TAG}"

    @property
    def first_name(self):
        return f"{self.prefix}nome{self.key}"

    @property
    def last_name(self):
        return f"{self.prefix}cognome{self.key}"

    @property
    def organization(self):
        return f"{self.prefix}ente{self.key}"

    @property
    def text_word(self):
        return f"{self.prefix}testo{self.key}"

    @property
    def resource_kind(self):
        return f"{self.prefix}risorsa{self.key}"

    @property
    def text(self):
        return f"Proposta {self.text_word} per la consultazione."

    @property
    def private_markers(self):
        """Never on a public surface, whatever the state."""
        return (self.email, self.local_part)

    @property
    def content_markers(self):
        """What the public sees once it is published, and never before."""
        markers = [self.first_name, self.last_name, self.organization, self.text_word]
        if self.kind == "pledge":
            markers.append(self.resource_kind)
        return markers

    def comment_data(self):
        return {
            "text": self.text,
            "first_name": self.first_name,
            "last_name": self.last_name,
            "organization": self.organization,
            "organization_type": "social_enterprise",
            "author_email": self.email,
            "privacy_consent": True,
        }

    def pledge_data(self):
        return {
            "first_name": self.first_name,
            "last_name": self.last_name,
            "organization": self.organization,
            "organization_type": "third_sector",
            "email": self.email,
            "contribution": self.text,
            "resources": [{"kind": self.resource_kind, "value": "10 ore"}],
            "privacy_consent": True,
        }


def contributions():
    comment, pledge = "comment", "pledge"
    return [
        Contribution(
            "pubchapter", comment, "chapter", "published", moderation="transition"
        ),
        Contribution("pubaction", comment, "action", "published"),
        Contribution(
            "reply", comment, "chapter", "published", by="member", reply_to="pubchapter"
        ),
        Contribution("pendaction", comment, "action", "pending"),
        Contribution("pendreply", comment, "action", "pending", reply_to="pubaction"),
        Contribution("rejchapter", comment, "chapter", "rejected"),
        Contribution("spamaction", comment, "action", "spam", by="member"),
        Contribution("classic", comment, "plan", "published", route="classic"),
        Contribution(
            "modplan",
            comment,
            "plan",
            "published",
            by="moderator",
            moderation="at once",
        ),
        Contribution(
            "withdrawn", comment, "action", "rejected", moderation="withdrawn"
        ),
        Contribution("pledgepub", pledge, "action", "published", by="member"),
        Contribution("pledgepend", pledge, "action", "pending"),
        Contribution("pledgerej", pledge, "plan", "rejected"),
        Contribution("pledgespam", pledge, "action", "spam", moderation="transition"),
    ]


# Sent through forms that refuse it: no contribution is created, the page
# shows the form again to the same request.
FAILED_COMMENT = Contribution("failcomment", "comment", "chapter", "refused")
FAILED_PLEDGE = Contribution("failpledge", "pledge", "action", "refused")


class Scenario:
    def __init__(self, portal):
        self.portal = portal
        self.portal_url = portal.absolute_url()
        self.api_url = f"{self.portal_url}/++api++"
        self.items = {c.key: c for c in contributions()}

    # The content

    def build_content(self):
        portal = self.portal
        setRoles(portal, TEST_USER_ID, ["Manager"])
        # open_plan's tree, under another id.
        made = build_plan(portal, Plan(id="sweep-plan", title="Piano di prova"))
        self.plan = made["sweep-plan"]
        self.chapter = made["lavoro"]
        self.action = made["formazione"]
        api.user.create(
            email=MEMBER_EMAIL,
            username=MEMBER[0],
            password=MEMBER[1],
            properties={"fullname": "Socio Sweep"},
        )
        api.user.create(
            email=f"moderator{TAG}@example.org",
            username=MODERATOR[0],
            password=MODERATOR[1],
        )
        api.group.add_user(groupname="moderators", username=MODERATOR[0])
        registry = getUtility(IRegistry)
        syndication = registry.forInterface(ISiteSyndicationSettings)
        syndication.allowed = True
        syndication.search_rss_enabled = True
        syndication.show_author_info = True
        syndication.render_body = True
        syndication.allowed_feed_types = (
            "RSS|RSS 1.0",
            "rss.xml|RSS 2.0",
            "atom.xml|Atom",
            "itunes.xml|iTunes",
        )
        IFeedSettings(self.plan).enabled = True
        IFeedSettings(self.plan).feed_types = FEED_VIEWS
        registry["plone.enable_sitemap"] = True
        transaction.commit()
        self.objects = {
            "plan": self.plan,
            "chapter": self.chapter,
            "action": self.action,
        }

    # Sessions

    def session(self, who):
        session = requests.Session()
        if who == "member":
            session.auth = MEMBER
        elif who == "moderator":
            session.auth = MODERATOR
        elif who == "manager":
            session.auth = (SITE_OWNER_NAME, SITE_OWNER_PASSWORD)
        return session

    def url(self, target, rest=False):
        url = self.objects[target].absolute_url()
        if rest:
            url = url.replace(self.portal_url, self.api_url, 1)
        return url

    # The contributions

    def submit_all(self):
        """Post every contribution, then moderate it by its route; replies
        after their parents are published, the withdrawal last of all."""
        top = [c for c in self.items.values() if c.reply_to is None]
        replies = [c for c in self.items.values() if c.reply_to is not None]
        for group in (top, replies):
            for item in group:
                self.submit(item)
            self.moderate(group)
        self.withdraw([c for c in self.items.values() if c.moderation == "withdrawn"])
        transaction.begin()  # see what the server committed
        for item in self.items.values():
            assert api.content.get_state(self.obj(item)) == item.state, item.key

    def submit(self, item):
        guards.reset_rate_limits()
        session = self.session(item.by)
        if item.kind == "pledge":
            response = session.post(
                f"{self.url(item.target, rest=True)}/@pledges",
                json=self.with_actions(item),
                headers=JSON,
                timeout=TIMEOUT,
            )
            assert response.status_code == 201, response.text
            item.url = response.json()["@id"]
            return
        if item.route == "classic":
            form = dict(item.comment_data(), privacy_consent="1", website_url="")
            form["form.submitted"] = "1"
            response = session.post(
                f"{self.url(item.target)}/@@comment-submit",
                data=form,
                allow_redirects=False,
                timeout=TIMEOUT,
            )
            assert response.status_code == 302, response.text
            transaction.begin()
            conversation = IConversation(self.objects[item.target])
            [comment] = [
                c for c in conversation.values() if c.author_email == item.email
            ]
            item.comment_id = str(comment.comment_id)
        else:
            url = f"{self.url(item.target, rest=True)}/@comments"
            if item.reply_to:
                url = f"{url}/{self.items[item.reply_to].comment_id}"
            response = session.post(
                url, json=item.comment_data(), headers=JSON, timeout=TIMEOUT
            )
            assert response.status_code == 201, response.text
            expected = "published" if item.moderation == "at once" else "pending"
            assert response.json()["review_state"] == expected
            item.comment_id = str(response.json()["comment_id"])
        item.url = f"{self.url(item.target)}/@comments/{item.comment_id}"

    def with_actions(self, item):
        data = item.pledge_data()
        if item.target == "plan":
            data["actions"] = [self.action.UID()]
        return data

    def obj(self, item):
        """The Comment or Pledge of ``item``, as this connection sees it."""
        if item.kind == "pledge":
            return self.plan[item.url.rsplit("/", 1)[-1]]
        conversation = IConversation(self.objects[item.target])
        return conversation[int(item.comment_id)]

    def moderation_id(self, item):
        """The @id the moderation queue gives the contribution."""
        return self.obj(item).absolute_url()

    def moderate(self, items):
        transaction.begin()  # see what the server committed
        by_service = {}
        for item in items:
            if item.moderation == "transition":
                transition = TRANSITIONS[item.state]
                api.content.transition(obj=self.obj(item), transition=transition)
            elif item.moderation == "withdrawn":
                by_service.setdefault("publish", []).append(item)
            elif item.moderation == "service" and item.state in TRANSITIONS:
                by_service.setdefault(TRANSITIONS[item.state], []).append(item)
        transaction.commit()
        manager = self.session("manager")
        for transition, group in by_service.items():
            data = {"items": [self.moderation_id(c) for c in group]}
            data["transition"] = transition
            if transition != "publish":
                data["reason"] = "other"
            response = manager.post(
                f"{self.url('plan', rest=True)}/@moderation",
                json=data,
                headers=JSON,
                timeout=TIMEOUT,
            )
            assert response.status_code == 200, response.text
            transaction.begin()

    def withdraw(self, items):
        """Reject published comments by a plain workflow transition, as a
        script or an upgrade step would (not through @moderation)."""
        transaction.begin()
        for item in items:
            api.content.transition(obj=self.obj(item), transition="reject")
        transaction.commit()

    # What the sweep looks for

    def all_items(self):
        return [*self.items.values(), FAILED_COMMENT, FAILED_PLEDGE]

    def private_markers(self):
        markers = [MEMBER_EMAIL, MEMBER_EMAIL.split("@")[0]]
        for item in self.all_items():
            markers.extend(item.private_markers)
        return markers

    def hidden_markers(self):
        """Names and texts of what is not published (refused ones included)."""
        return [
            marker
            for item in self.all_items()
            if not item.published
            for marker in item.content_markers
        ]

    def published(self, kind=None, target=None):
        return [
            c
            for c in self.items.values()
            if c.published
            and (kind is None or c.kind == kind)
            and (target is None or c.target == target)
        ]
