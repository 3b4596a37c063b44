"""The data of the export bench: a published Plan of 5 chapters and 20 actions
whose published contributions are built in bulk, fast: comment objects are
added to the conversations and Pledges to the Plan with events silenced (no
notification, no per-object indexing), their workflow state written
directly, then cataloged with every index but the full-text one.

The mix of every batch: 70% comments on the Plan, its chapters and actions
(a third of them inline on a quoted passage, every seventh a reply), 30%
Pledges naming one to three actions with resources. Creation dates are spread
over the 30-day window, in order. A fixed seed: every run builds the same.
"""

from contextlib import contextmanager
from DateTime import DateTime
from datetime import datetime
from datetime import timedelta
from persistent.mapping import PersistentMapping
from plone import api
from plone.app.discussion.comment import Comment
from plone.app.discussion.interfaces import IConversation
from plone.app.testing import setRoles
from plone.app.testing import TEST_USER_ID
from plone.dexterity.utils import createContent
from plone.uuid.handlers import addAttributeUUID
from tests.support import plans
from z3c.relationfield import RelationValue
from zope.component import createObject
from zope.component import getUtility
from zope.intid.interfaces import IIntIds

import html
import random
import transaction
import uuid
import zope.event


SEED = 6
CHAPTERS = 5
ACTIONS_PER_CHAPTER = 4
WINDOW_DAYS = 30
COMMIT_EVERY = 2000

FIRST_NAMES = "Maria Giulia Chiara Elena Marco Luca Andrea Jörg Zoë Łukasz Chloé Ælfred"
LAST_NAMES = "Rossi Bianchi Ferrero Müller Çelik Nowak Dupré Sørensen Russo Colombo"
ORGANIZATIONS = (
    ("Cooperativa sociale Aurora", "social_enterprise"),
    ("Associazione Ñandú", "third_sector"),
    ("Fondazione di comunità del Canavese", "foundation"),
    ("Comune di Chieri", "public_body"),
    ("Politecnico di Torino", "university_research"),
    ("Officine Meccaniche Sangone srl", "company"),
    ("", "citizen"),
)
TEXTS = (
    "Servono più percorsi di formazione per gli operatori dei piccoli comuni.",
    "Sarebbe utile indicare tempi certi e un responsabile per ogni misura.",
    "=SUM(A1:A9) le imprese sociali delle aree interne hanno costi più alti.",
    "- Il fondo di garanzia dovrebbe essere accessibile anche alle associazioni.",
    "La clausola sociale funziona solo se gli inserimenti sono verificati.\n\n"
    "I dati dell'osservatorio dovrebbero essere pubblicati in formato aperto.",
)
PASSAGES = (
    ("favorire l'", "inserimento lavorativo delle persone fragili", " nel territorio"),
    ("un ", "fondo di garanzia", " per le imprese sociali"),
    ("", "percorsi di formazione", " per gli operatori"),
)
RESOURCES = (
    {"kind": "Spazi", "description": "Due aule attrezzate", "value": "200 m²"},
    {"kind": "Tempo del personale", "description": "", "value": "120 ore"},
    {"kind": "Fondi", "description": "Cofinanziamento", "value": "10.000 €"},
)
# Not maintained while building: the full-text indexes (their text analysis
# would dominate the build; the export never queries them) and the position
# in the Plan (an ordered folder: O(n) per Pledge, so quadratic).
SKIPPED_INDEXES = ("SearchableText", "Title", "Description", "getObjPositionInParent")


@contextmanager
def plain_comment_text():
    """Comments' Description metadata without PortalTransforms (its path
    search costs more than the rest of the build): the escaped text, as the
    text/plain to text/html transform gives it."""
    original = Comment.getText
    Comment.getText = lambda self, targetMimetype=None: html.escape(self.text or "")
    try:
        yield
    finally:
        Comment.getText = original


@contextmanager
def silenced():
    """No event reaches a subscriber (notifications, indexing, ...)."""
    saved = zope.event.subscribers[:]
    zope.event.subscribers[:] = []
    try:
        yield
    finally:
        zope.event.subscribers[:] = saved


def build_plan(portal, plan_id="bench-plan"):
    """A published Plan with its chapters and actions; returns (plan, places)
    where places are the Plan, chapters and actions comments go on."""
    setRoles(portal, TEST_USER_ID, ["Manager"])
    start = datetime.now() - timedelta(days=WINDOW_DAYS + 1)
    made = plans.build_plan(
        portal,
        plans.Plan(
            id=plan_id,
            title="Piano metropolitano per l'economia sociale (bench)",
            window=(start, start + timedelta(days=WINDOW_DAYS)),
            chapters=tuple(
                plans.Chapter(
                    f"capitolo-{c}",
                    f"Capitolo {c}",
                    tuple(
                        plans.Action(f"azione-{c}-{a}", f"A.{c}.{a}", f"Azione {c}.{a}")
                        for a in range(1, ACTIONS_PER_CHAPTER + 1)
                    ),
                )
                for c in range(1, CHAPTERS + 1)
            ),
        ),
    )
    plan = made[plan_id]
    # The Plan, then each chapter followed by its actions.
    places = list(made.values())
    actions = [obj for obj in places if obj.portal_type == "Action"]
    transaction.commit()
    return plan, places, actions


class Builder:
    """Adds published contributions to a bench Plan, in creation order."""

    def __init__(self, plan, places, actions):
        self.plan = plan
        self.places = places
        self.actions = actions
        self.random = random.Random(SEED)  # noqa: S311 (test data, not secrets)
        self.catalog = api.portal.get_tool("portal_catalog")
        self.workflow = api.portal.get_tool("portal_workflow")
        self.indexes = [
            name for name in self.catalog.indexes() if name not in SKIPPED_INDEXES
        ]
        intids = getUtility(IIntIds)
        self.action_ids = [intids.getId(action) for action in actions]
        self.start = plan.consultation_start
        self.built = 0
        self.comments = 0
        self.recent = {}  # place path -> a few published comment ids (replies)

    def add(self, count, total):
        """Add ``count`` contributions, dated as the ``built``-th to the
        ``total``-th of the window."""
        step = timedelta(days=WINDOW_DAYS) / max(total, 1)
        with plain_comment_text():
            for _ in range(count):
                when = self.start + step * self.built
                if self.random.random() < 0.7:
                    self._comment(when)
                else:
                    self._pledge(when)
                self.built += 1
                if self.built % COMMIT_EVERY == 0:
                    transaction.commit()
                    self.plan._p_jar.cacheMinimize()
            transaction.commit()
        self.plan._p_jar.cacheMinimize()

    def _person(self, obj):
        rnd = self.random
        obj.first_name = rnd.choice(FIRST_NAMES.split())
        obj.last_name = rnd.choice(LAST_NAMES.split())
        obj.organization, obj.organization_type = rnd.choice(ORGANIZATIONS)

    def _published(self, obj):
        (workflow_id,) = self.workflow.getChainFor(obj)
        obj.workflow_history = PersistentMapping(
            {
                workflow_id: (
                    {
                        "action": None,
                        "actor": "admin",
                        "comments": "",
                        "review_state": "published",
                        "time": DateTime(),
                    },
                )
            }
        )
        self.workflow.getWorkflowById(workflow_id).updateRoleMappingsFor(obj)

    def _index(self, obj):
        self.catalog.catalog_object(
            obj, uid="/".join(obj.getPhysicalPath()), idxs=self.indexes
        )

    def _comment(self, when):
        rnd = self.random
        content = rnd.choice(self.places)
        comment = createObject("plone.Comment")
        self._person(comment)
        comment.text = rnd.choice(TEXTS)
        comment.mime_type = "text/plain"
        comment.author_name = f"{comment.first_name} {comment.last_name}"
        comment.author_email = (
            f"bench-{uuid.UUID(int=rnd.getrandbits(128)).hex[:12]}@example.org"
        )
        comment.privacy_consent = True
        comment.user_notification = None
        comment.creation_date = comment.modification_date = when
        path = "/".join(content.getPhysicalPath())
        recent = self.recent.setdefault(path, [])
        if recent and rnd.random() < 1 / 7:
            comment.in_reply_to = rnd.choice(recent)
        elif rnd.random() < 1 / 3:
            prefix, exact, suffix = rnd.choice(PASSAGES)
            start = rnd.randrange(0, 2000)
            comment.anchor = {
                "exact": exact,
                "prefix": prefix,
                "suffix": suffix,
                "position": {"start": start, "end": start + len(exact)},
            }
            comment.paragraph = f"p-{rnd.getrandbits(32):08x}"
            comment.orphaned = False
            comment.text_version = None
        conversation = IConversation(content)
        with silenced():
            comment_id = conversation.addComment(comment)
        comment = conversation[comment_id]
        self.comments += 1
        if len(recent) < 20:
            recent.append(comment_id)
        self._published(comment)
        self._index(comment)

    def _pledge(self, when):
        rnd = self.random
        with silenced():
            pledge = createContent(
                "Pledge",
                contribution=rnd.choice(TEXTS),
                email=f"bench-{rnd.getrandbits(48):012x}@example.org",
                actions=[
                    RelationValue(intid)
                    for intid in rnd.sample(self.action_ids, rnd.randint(1, 3))
                ],
                resources=[dict(r) for r in rnd.sample(RESOURCES, rnd.randint(0, 2))],
                privacy_consent=True,
            )
            self._person(pledge)
            pledge.id = f"pledge-{rnd.getrandbits(48):012x}"
            pledge.creation_date = pledge.modification_date = DateTime(when)
            self.plan._setObject(pledge.id, pledge, suppress_events=True)
        pledge = self.plan[pledge.id]
        # What the silenced ObjectCreatedEvent gives every new content.
        addAttributeUUID(pledge, None)
        self._published(pledge)
        self._index(pledge)
