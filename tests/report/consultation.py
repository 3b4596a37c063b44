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
from plone.dexterity.utils import createContentInContainer
from tests.support.plans import Action
from tests.support.plans import build_plan
from tests.support.plans import Chapter
from tests.support.plans import make_institution
from tests.support.plans import Plan
from tests.support.plans import relations
from tests.support.users import create_users
from torino.socialplan.base.window import as_rome
from torino.socialplan.base.window import now_in_rome
from zope.component import createObject


# Every contribution's e-mail: it must appear only where e-mails may.
EMAIL = "report-private-7c2e@example.org"

# Who holds "View consultation report" on the Plan (and "Record outcomes").
REPORT_READERS = (
    "chamber_editor",
    "city_editor",
    "plan_editor",
    "moderator",
    "reviewer",
    "manager",
)


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
    camera = make_institution(
        portal,
        "camera",
        "chamber-editors",
        title="Camera di commercio di Torino",
        published=True,
    )
    citta = make_institution(
        portal,
        "citta",
        "city-editors",
        title="Città metropolitana di Torino",
        published=True,
    )
    made = build_plan(
        portal,
        Plan(
            id="piano",
            title="Piano per l'economia sociale",
            promoters=(camera, citta),
            chapters=(
                Chapter(
                    "lavoro",
                    "Lavoro e inclusione",
                    (
                        Action("a111", "A.1.1", "Formazione", lead=(camera,)),
                        Action(
                            "a112", "A.1.2", "Inserimento lavorativo", lead=(citta,)
                        ),
                    ),
                ),
                Chapter(
                    "finanza",
                    "Finanza d'impatto",
                    (
                        Action("a211", "A.2.1", "Fondo di garanzia", lead=(camera,)),
                        Action(
                            "a222",
                            "A.2.2",
                            "Bozza riservata",
                            lead=(citta,),
                            published=False,
                        ),
                    ),
                ),
            ),
        ),
    )
    plan = made["piano"]
    content = {"plan": plan}
    for key in ("lavoro", "finanza", "a111", "a112", "a211", "a222"):
        content[key] = made[key]
    now = now_in_rome()
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

    empty_plan = build_plan(
        portal,
        Plan(
            id="piano-vuoto",
            title="Piano senza contributi",
            promoters=(camera, citta),
            chapters=(
                Chapter(
                    "capitolo",
                    "Capitolo unico",
                    (Action("azione", "A.1.1", "Azione unica"),),
                ),
            ),
        ),
    )["piano-vuoto"]
    setRoles(portal, TEST_USER_ID, ["Member"])
    return Consultation(
        portal=portal,
        plan=plan,
        empty_plan=empty_plan,
        content=content,
        items=items,
        institutions={"camera": camera, "citta": citta},
    )
