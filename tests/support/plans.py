"""The one builder of a Plan tree for the tests (and bench/): a Plan with
its Chapters and Actions, named as the test needs, inside a window given by
name ("open", "upcoming", "closed") or as (start, end), published unless
said otherwise. ``open_plan`` is its most common use."""

from dataclasses import dataclass
from dataclasses import field
from datetime import timedelta
from plone import api
from plone.app.testing import setRoles
from plone.app.testing import TEST_USER_ID
from plone.app.textfield.value import RichTextValue
from torino.socialplan.base.window import now_in_rome
from z3c.relationfield import RelationValue
from zope.component import getUtility
from zope.intid.interfaces import IIntIds

import transaction


# Where "now" falls for each state of the window. "open" and "closed" hold
# the last days, so that contributions dated up to a few days ago stay
# inside the window either way.
WINDOWS = {
    "open": (timedelta(days=-6), timedelta(days=8)),
    "upcoming": (timedelta(days=3), timedelta(days=30)),
    "closed": (timedelta(days=-30), timedelta(minutes=-1)),
}


def rich(html):
    return RichTextValue(html, "text/html", "text/x-html-safe")


def relations(*targets):
    intids = getUtility(IIntIds)
    return [RelationValue(intids.getId(obj)) for obj in targets]


def window_dates(window):
    """(start, end) of ``window``: a name of WINDOWS, or (start, end)."""
    if isinstance(window, str):
        now = now_in_rome()
        before, after = WINDOWS[window]
        return now + before, now + after
    return window


def set_window(plan, state, commit=True):
    """Move the Plan's consultation window so that it is ``state`` now."""
    plan.consultation_start, plan.consultation_end = window_dates(state)
    assert plan.window().state == state
    if commit:
        transaction.commit()


def texts(text):
    """The ``text`` field: HTML (made a RichTextValue) or a RichTextValue."""
    if text is None:
        return {}
    return {"text": rich(text) if isinstance(text, str) else text}


@dataclass
class Action:
    id: str
    code: str
    title: str = ""  # "Action <code>" when empty
    lead: tuple = ()  # Institutions
    text: object = None
    published: bool = True
    extra: dict = field(default_factory=dict)  # more fields of the Action


@dataclass
class Chapter:
    id: str
    title: str = ""  # "Chapter <id>" when empty
    actions: tuple = ()
    text: object = None
    published: bool = True
    extra: dict = field(default_factory=dict)  # more fields of the Chapter


# open_plan's tree: Chapter "lavoro" with Action "formazione" (A.1.1).
LAVORO = Chapter(
    "lavoro", "Lavoro", actions=(Action("formazione", "A.1.1", "Formazione"),)
)


@dataclass
class Plan:
    id: str = "plan"
    title: str = "Piano"
    chapters: tuple = (LAVORO,)
    window: object = "open"
    promoters: tuple = ()  # Institutions
    text: object = None
    published: bool = True
    extra: dict = field(default_factory=dict)  # more fields of the Plan


def build_plan(container, plan=None):
    """``plan`` (a Plan, by default open_plan's) built in ``container`` as
    the current user; {id: object} of the Plan, its Chapters and Actions."""
    plan = plan or Plan()
    start, end = window_dates(plan.window)
    made = {}
    published = []
    obj = made[plan.id] = api.content.create(
        container=container,
        type="Plan",
        id=plan.id,
        title=plan.title,
        consultation_start=start,
        consultation_end=end,
        **({"promoters": relations(*plan.promoters)} if plan.promoters else {}),
        **texts(plan.text),
        **plan.extra,
    )
    if plan.published:
        published.append(obj)
    for chapter in plan.chapters:
        chapter_obj = made[chapter.id] = make_chapter(
            obj, chapter.id, chapter.title, chapter.text, **chapter.extra
        )
        if chapter.published:
            published.append(chapter_obj)
        for action in chapter.actions:
            made[action.id] = make_action(
                chapter_obj,
                action.id,
                action.code,
                action.title,
                action.lead,
                action.text,
                **action.extra,
            )
            if action.published:
                published.append(made[action.id])
    for item in published:
        api.content.transition(obj=item, transition="publish")
    return made


def make_chapter(plan, id_, title="", text=None, **extra):
    """A private Chapter, titled "Chapter <id>" unless given."""
    return api.content.create(
        container=plan,
        type="Chapter",
        id=id_,
        title=title or f"Chapter {id_}",
        **texts(text),
        **extra,
    )


def make_action(chapter, id_, code, title="", lead=(), text=None, **extra):
    """A private Action, titled "Action <code>" unless given; ``lead``: the
    Institutions that lead it."""
    return api.content.create(
        container=chapter,
        type="Action",
        id=id_,
        title=title or f"Action {code}",
        code=code,
        **({"lead_institutions": relations(*lead)} if lead else {}),
        **texts(text),
        **extra,
    )


def make_institution(portal, id_, group=None, title=None, published=False, **extra):
    """An Institution, titled "Institution <id>" unless given, whose editors
    are ``group``."""
    institution = api.content.create(
        container=portal,
        type="Institution",
        id=id_,
        title=title or f"Institution {id_}",
        **({"editors_group": group} if group else {}),
        **extra,
    )
    if published:
        api.content.transition(obj=institution, transition="publish")
    return institution


def open_plan(portal, chapter_text=None, plan_text=None, action_text=None):
    """A published Plan "plan", open, with a published Chapter "lavoro" and
    Action "formazione" (A.1.1); texts given as HTML. The test user is made
    Manager to build it. {"portal", "plan", "chapter", "action"}."""
    setRoles(portal, TEST_USER_ID, ["Manager"])
    made = build_plan(
        portal,
        Plan(
            text=plan_text,
            chapters=(
                Chapter(
                    "lavoro",
                    "Lavoro",
                    text=chapter_text,
                    actions=(
                        Action("formazione", "A.1.1", "Formazione", text=action_text),
                    ),
                ),
            ),
        ),
    )
    return {
        "portal": portal,
        "plan": made["plan"],
        "chapter": made["lavoro"],
        "action": made["formazione"],
    }
