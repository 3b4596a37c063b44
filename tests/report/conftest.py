"""A consultation with every kind of contribution, for the report, the
results page, the outcomes and the exports (tests/report/).

``report`` builds it in the functional layer and commits (HTTP tests);
``report_integration`` builds the same in the integration layer. Both return
a ``Consultation`` namespace: the objects, the users and the specification
of every contribution (``items``), from which tests compute what they expect.

Layout (every chapter and action published unless said otherwise)::

    plan "Piano per l'economia sociale" (promoters: camera, citta)
      chapter lavoro "Lavoro e inclusione"
        action A.1.1 "Formazione" (lead: camera)
        action A.1.2 "Inserimento lavorativo" (lead: citta)
      chapter finanza "Finanza d'impatto"
        action A.2.1 "Fondo di garanzia" (lead: camera)
        action A.2.2 "Bozza riservata" (private: most readers cannot see it)
    empty plan "Piano senza contributi": one chapter, one action, nothing else

The window opens 6 days ago and closes in 8 days (``set_window`` moves it);
contributions are dated from 5 days ago to 1 hour ago, within the window.
"""

from dataclasses import dataclass
from dataclasses import field
from DateTime import DateTime
from datetime import datetime
from datetime import timedelta
from plone import api
from plone.app.discussion.interfaces import IConversation
from plone.app.testing import setRoles
from plone.app.testing import TEST_USER_ID
from plone.app.testing import TEST_USER_PASSWORD
from plone.dexterity.utils import createContentInContainer
from torino.socialplan.base.window import as_rome
from torino.socialplan.base.window import now_in_rome
from torino.socialplan.consultation import guards
from z3c.relationfield import RelationValue
from zope.component import createObject
from zope.component import getUtility
from zope.intid.interfaces import IIntIds

import pytest
import transaction


# Every contribution's e-mail: it must appear only where e-mails may.
EMAIL = "report-private-7c2e@example.org"

ANONYMOUS = "anonymous"
PASSWORD = TEST_USER_PASSWORD

# User id: (groups, site-wide roles).
USERS = {
    "member": ((), ("Member",)),
    "chamber_editor": (("chamber-editors",), ("Member",)),
    "city_editor": (("city-editors",), ("Member",)),
    "plan_editor": (("plan-editors",), ("Member",)),
    "moderator": (("moderators",), ("Member",)),
    "reviewer": ((), ("Member", "Reviewer")),
    "manager": ((), ("Member", "Manager")),
}
ACTORS = (ANONYMOUS, *USERS)
# Who holds "View consultation report" on the Plan (and "Record outcomes").
REPORT_READERS = (
    "chamber_editor",
    "city_editor",
    "plan_editor",
    "moderator",
    "reviewer",
    "manager",
)
# Who holds "Moderate contributions" and "View contributor e-mail".
MODERATORS = ("moderator", "reviewer", "manager")


@dataclass
class Item:
    """A contribution of the fixture."""

    key: str
    kind: str  # "comment" or "pledge"
    state: str  # pending, published, rejected, spam
    on: str  # comments: plan, lavoro, finanza or an action key; pledges: "plan"
    first_name: str
    last_name: str
    organization: str
    organization_type: str
    text: str
    days_ago: float
    reply_to: str | None = None  # key of the parent comment
    anchor: dict | None = None  # inline comments
    paragraph: str | None = None
    actions: tuple = ()  # pledges: action keys
    resources: tuple = ()  # pledges: dicts kind, description, value
    outcome: str | None = None
    outcome_motivation: str | None = None
    obj: object = field(default=None, repr=False)  # set when built
    created: datetime | None = None  # Europe/Rome, set when built

    @property
    def inline(self):
        return self.kind == "comment" and self.anchor is not None

    @property
    def is_reply(self):
        return self.reply_to is not None


def specification():
    """The contributions of the main Plan (fresh objects for every test)."""
    return [
        Item(
            "whole_plan",
            "comment",
            "published",
            "plan",
            "Jörg",
            "Müller",
            "Società Cooperativa «Él»",
            "social_enterprise",
            "Il piano è chiaro; servono più dati sull'impatto.",
            5,
            outcome="accepted",
            outcome_motivation="Aggiunto un capitolo sugli indicatori.",
        ),
        Item(
            "lavoro_published",
            "comment",
            "published",
            "lavoro",
            "Maria",
            "Rossi",
            "Cooperativa Aurora",
            "social_enterprise",
            "Servono più percorsi di formazione.",
            4.5,
        ),
        Item(
            "lavoro_reply",
            "comment",
            "published",
            "lavoro",
            "Giuseppe",
            "Verdi",
            "",
            "citizen",
            "Sono d'accordo, anche per gli over 50.",
            4,
            reply_to="lavoro_published",
            outcome="partly_accepted",
            outcome_motivation="Solo per i giovani, per ora.",
        ),
        Item(
            "lavoro_inline",
            "comment",
            "published",
            "lavoro",
            "Zoë",
            "Çelik",
            "Associazione Ñandú",
            "third_sector",
            "Questo passaggio va chiarito.",
            3,
            anchor={
                "exact": "inserimento lavorativo delle persone fragili",
                "prefix": "favorire l'",
                "suffix": " nel territorio",
                "position": {"start": 120, "end": 164},
            },
            paragraph="p-2",
        ),
        Item(
            "lavoro_pending",
            "comment",
            "pending",
            "lavoro",
            "Paolo",
            "Neri",
            "Impresa In Attesa",
            "company",
            "Commento in attesa di moderazione.",
            1,
        ),
        Item(
            "lavoro_rejected",
            "comment",
            "rejected",
            "lavoro",
            "Rita",
            "Scartata",
            "Rifiuti Srl",
            "company",
            "Commento respinto.",
            2,
        ),
        Item(
            "lavoro_spam",
            "comment",
            "spam",
            "lavoro",
            "Spam",
            "Bot",
            "Spam Inc",
            "other",
            "Compra ora!",
            2,
        ),
        Item(
            "a111_published",
            "comment",
            "published",
            "a111",
            "Łukasz",
            "Nowak",
            "Fondazione Ōsaka",
            "foundation",
            "=SUM(A1:A2) la formazione deve essere gratuita.",
            2.5,
            outcome="not_accepted",
            outcome_motivation="Non compatibile con il bilancio.",
        ),
        Item(
            "a111_pending_inline",
            "comment",
            "pending",
            "a111",
            "Anna",
            "Attesa",
            "Ente In Coda",
            "public_body",
            "Commento in linea in attesa.",
            0.5,
            anchor={
                "exact": "corsi",
                "prefix": "",
                "suffix": "",
                "position": None,
            },
            paragraph=None,
        ),
        Item(
            "a211_inline",
            "comment",
            "published",
            "a211",
            "Chloé",
            "Dupré",
            "Università di Torino",
            "university_research",
            "Il fondo dovrebbe coprire anche le startup.",
            1.5,
            anchor={
                "exact": "fondo di garanzia",
                "prefix": "un ",
                "suffix": " per",
                "position": None,
            },
            paragraph="p-1",
        ),
        Item(
            "finanza_rejected",
            "comment",
            "rejected",
            "finanza",
            "Ugo",
            "Respinto",
            "",
            "citizen",
            "Fuori tema.",
            1,
        ),
        Item(
            "pledge_published",
            "pledge",
            "published",
            "plan",
            "Ælfred",
            "Sørensen",
            "Fondazione Comunità «Porta Palazzo»",
            "foundation",
            "Mettiamo a disposizione spazi e tutor.",
            3.5,
            actions=("a111", "a211"),
            resources=(
                {"kind": "Spazi", "description": "Due aule", "value": "200 m²"},
                {"kind": "Tempo del personale", "description": "", "value": "120 ore"},
            ),
            outcome="partly_accepted",
            outcome_motivation="Gli spazi sono inseriti nell'azione A.1.1.",
        ),
        Item(
            "pledge_published_2",
            "pledge",
            "published",
            "plan",
            "Anna",
            "Bianchi",
            "Bianchi & Figli S.p.A.",
            "company",
            "Assumeremo due persone.",
            2,
            actions=("a112",),
            resources=({"kind": "Lavoro", "description": "", "value": "2 posti"},),
        ),
        Item(
            "pledge_pending",
            "pledge",
            "pending",
            "plan",
            "Carlo",
            "Attesa",
            "Ditta In Coda",
            "company",
            "Impegno in attesa.",
            0.25,
            actions=("a111",),
        ),
        Item(
            "pledge_rejected",
            "pledge",
            "rejected",
            "plan",
            "Dario",
            "Rifiutato",
            "Ditta Respinta",
            "other",
            "Impegno respinto.",
            1,
            actions=("a111",),
        ),
        Item(
            "pledge_spam",
            "pledge",
            "spam",
            "plan",
            "Spam",
            "Bot",
            "Spam Inc",
            "other",
            "Impegno spam.",
            1,
            actions=("a211",),
        ),
    ]


@dataclass
class Consultation:
    portal: object
    plan: object
    empty_plan: object
    content: dict  # key -> Plan, Chapter or Action (plan, lavoro, finanza, a111 ...)
    items: list  # Item
    institutions: dict

    def item(self, key):
        return next(i for i in self.items if i.key == key)

    def select(self, **filters):
        """The items whose attributes equal ``filters`` (callables: tested)."""
        found = []
        for item in self.items:
            ok = True
            for name, wanted in filters.items():
                value = getattr(item, name)
                ok = ok and (wanted(value) if callable(wanted) else value == wanted)
            if ok:
                found.append(item)
        return found

    def url(self, key="plan"):
        return self.content[key].absolute_url()


def relations(*targets):
    intids = getUtility(IIntIds)
    return [RelationValue(intids.getId(obj)) for obj in targets]


def set_window(plan, state, commit=True):
    """Move the Plan's window so that it is ``state`` now; contributions stay
    inside it when it is open or closed."""
    now = now_in_rome()
    start, end = {
        "open": (now - timedelta(days=6), now + timedelta(days=8)),
        "upcoming": (now + timedelta(days=3), now + timedelta(days=30)),
        "closed": (now - timedelta(days=6), now - timedelta(minutes=1)),
    }[state]
    plan.consultation_start = start
    plan.consultation_end = end
    assert plan.window().state == state
    if commit:
        transaction.commit()


def create_users(portal):
    for user_id, (groups, roles) in USERS.items():
        portal.acl_users.userFolderAddUser(user_id, PASSWORD, list(roles), [])
        for group in groups:
            api.group.add_user(groupname=group, username=user_id)


def _add_comment(context, item, parent=None):
    comment = createObject("plone.Comment")
    comment.mime_type = "text/plain"
    comment.text = item.text
    comment.first_name = item.first_name
    comment.last_name = item.last_name
    comment.organization = item.organization
    comment.organization_type = item.organization_type
    comment.author_email = EMAIL
    comment.author_name = f"{item.first_name} {item.last_name}"
    comment.privacy_consent = True
    comment.user_notification = None
    comment.creation_date = comment.modification_date = item.created
    if item.anchor is not None:
        comment.anchor = dict(item.anchor)
        comment.paragraph = item.paragraph
        comment.orphaned = False
        comment.text_version = 1
    if parent is not None:
        comment.in_reply_to = parent.comment_id
    conversation = IConversation(context)
    comment_id = conversation.addComment(comment)
    return conversation[comment_id]


def _add_pledge(plan, item, content):
    pledge = createContentInContainer(
        plan,
        "Pledge",
        first_name=item.first_name,
        last_name=item.last_name,
        organization=item.organization,
        organization_type=item.organization_type,
        email=EMAIL,
        actions=relations(*(content[key] for key in item.actions)),
        contribution=item.text,
        resources=[dict(row) for row in item.resources],
        privacy_consent=True,
    )
    pledge.creation_date = DateTime(item.created)
    pledge.reindexObject()
    return pledge


def _move_to(obj, state):
    if api.content.get_state(obj=obj) == state:
        return
    transition = {
        # Comments added by a Manager start published.
        "pending": "recall",
        "published": "publish",
        "rejected": "reject",
        "spam": "mark_as_spam",
    }[state]
    api.content.transition(obj=obj, transition=transition)


def _set_outcome(obj, item, now):
    if item.outcome is None:
        return
    obj.outcome = item.outcome
    obj.outcome_motivation = item.outcome_motivation
    obj.outcome_by = "plan_editor"
    obj.outcome_date = now


def build(portal):
    """The consultation; the caller commits (functional) or not."""
    setRoles(portal, TEST_USER_ID, ["Manager"])
    create_users(portal)
    camera = api.content.create(
        container=portal,
        type="Institution",
        id="camera",
        title="Camera di commercio di Torino",
        editors_group="chamber-editors",
    )
    citta = api.content.create(
        container=portal,
        type="Institution",
        id="citta",
        title="Città metropolitana di Torino",
        editors_group="city-editors",
    )
    now = now_in_rome()
    plan = api.content.create(
        container=portal,
        type="Plan",
        id="piano",
        title="Piano per l'economia sociale",
        consultation_start=now - timedelta(days=6),
        consultation_end=now + timedelta(days=8),
        promoters=relations(camera, citta),
    )
    lavoro = api.content.create(
        container=plan, type="Chapter", id="lavoro", title="Lavoro e inclusione"
    )
    finanza = api.content.create(
        container=plan, type="Chapter", id="finanza", title="Finanza d'impatto"
    )
    content = {"plan": plan, "lavoro": lavoro, "finanza": finanza}
    for key, chapter, code, title, lead in (
        ("a111", lavoro, "A.1.1", "Formazione", camera),
        ("a112", lavoro, "A.1.2", "Inserimento lavorativo", citta),
        ("a211", finanza, "A.2.1", "Fondo di garanzia", camera),
        ("a222", finanza, "A.2.2", "Bozza riservata", citta),
    ):
        content[key] = api.content.create(
            container=chapter,
            type="Action",
            id=key,
            title=title,
            code=code,
            lead_institutions=relations(lead),
        )
    for key, obj in (("camera", camera), ("citta", citta), *content.items()):
        if key != "a222":
            api.content.transition(obj=obj, transition="publish")

    items = specification()
    by_key = {}
    for item in items:
        item.created = as_rome(now - timedelta(days=item.days_ago))
        if item.kind == "comment":
            parent = by_key[item.reply_to].obj if item.reply_to else None
            item.obj = _add_comment(content[item.on], item, parent)
        else:
            item.obj = _add_pledge(plan, item, content)
        _move_to(item.obj, item.state)
        _set_outcome(item.obj, item, now)
        by_key[item.key] = item

    empty_plan = api.content.create(
        container=portal,
        type="Plan",
        id="piano-vuoto",
        title="Piano senza contributi",
        consultation_start=now - timedelta(days=6),
        consultation_end=now + timedelta(days=8),
        promoters=relations(camera, citta),
    )
    empty_chapter = api.content.create(
        container=empty_plan, type="Chapter", id="capitolo", title="Capitolo unico"
    )
    empty_action = api.content.create(
        container=empty_chapter,
        type="Action",
        id="azione",
        title="Azione unica",
        code="A.1.1",
    )
    for obj in (empty_plan, empty_chapter, empty_action):
        api.content.transition(obj=obj, transition="publish")
    setRoles(portal, TEST_USER_ID, ["Member"])
    return Consultation(
        portal=portal,
        plan=plan,
        empty_plan=empty_plan,
        content=content,
        items=items,
        institutions={"camera": camera, "citta": citta},
    )


@pytest.fixture(autouse=True)
def _fresh_rate_limits():
    guards.reset_rate_limits()
    yield
    guards.reset_rate_limits()


@pytest.fixture
def report(functional_portal):
    """The consultation, committed: for tests over HTTP."""
    consultation = build(functional_portal)
    transaction.commit()
    return consultation


@pytest.fixture
def report_integration(portal):
    return build(portal)


@pytest.fixture
def browser(functional_app):
    """A zope.testbrowser for ``who`` (a user id of USERS, or ANONYMOUS)."""
    from plone.testing.zope import Browser

    def factory(who=ANONYMOUS):
        browser = Browser(functional_app)
        browser.handleErrors = True
        browser.raiseHttpErrors = False
        if who != ANONYMOUS:
            browser.addHeader("Authorization", f"Basic {who}:{PASSWORD}")
        return browser

    return factory


@pytest.fixture
def rest(request_factory):
    """A REST session (on ++api++) for ``who``."""

    def factory(who=ANONYMOUS):
        if who == ANONYMOUS:
            return request_factory()
        return request_factory(basic_auth=(who, PASSWORD))

    return factory
