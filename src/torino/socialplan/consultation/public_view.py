"""What a reader sees of a contribution: one function for every route.

``contribution_view`` reads a stored comment, reply or Pledge through its
kind's allow-list (consultation/privacy.py) and returns plain values, by
field name. The Classic pages, @comments, @pledges, the report's lists, the
exports and the moderation queue all format what it returns, and none reads
a contributor's attributes itself: a field added to a kind later is on no
route until its allow-list names it.

Values are route-neutral: a vocabulary value is a ``Term`` (token and title,
the title a message id that each route translates), a comment's text a
``Text`` (as typed, and its stored safe HTML), dates as stored.
"""

from copy import deepcopy
from plone import api
from torino.socialplan.base.attributes import own_attribute
from torino.socialplan.consultation.comment_text import comment_html
from torino.socialplan.consultation.commented_paragraphs import paragraph_texts
from torino.socialplan.consultation.commented_paragraphs import passage_now
from torino.socialplan.consultation.contributions.kinds import kind_of
from torino.socialplan.consultation.contributions.kinds import readable_fields
from torino.socialplan.consultation.contributions.pledge_kind import RESOURCE_KEYS
from torino.socialplan.consultation.position_papers.attachment import (
    FILE_ATTRIBUTE as PAPER_ATTRIBUTE,
)
from torino.socialplan.content.action import code_key
from torino.socialplan.vocabularies import ORGANIZATION_TYPES_VOCABULARY
from torino.socialplan.vocabularies import OUTCOMES_VOCABULARY
from typing import NamedTuple
from zope.component import queryUtility
from zope.schema.interfaces import IVocabularyFactory


class Term(NamedTuple):
    """A vocabulary value: its token, and its title (a message id to
    translate; the token itself when the vocabulary no longer has it)."""

    token: str
    title: object


class Text(NamedTuple):
    """A comment's text as its author typed it, and as safe HTML."""

    raw: str
    html: str


class Reading:
    """What one rendering (a page, a response, an export) reads once for all
    the contributions it shows: vocabularies and each text's paragraphs."""

    def __init__(self):
        self._vocabularies = {}
        self._paragraph_texts = {}

    def term(self, vocabulary_name, token, obj):
        if not token:
            return None
        if vocabulary_name not in self._vocabularies:
            factory = queryUtility(IVocabularyFactory, vocabulary_name)
            self._vocabularies[vocabulary_name] = factory(obj) if factory else None
        vocabulary = self._vocabularies[vocabulary_name]
        try:
            title = vocabulary.getTermByToken(token).title if vocabulary else token
        except LookupError:
            title = token
        return Term(token, title)

    def passage_now(self, comment):
        """The comment's passage as its text reads now (None if gone)."""
        content = comment.__parent__.__parent__
        key = "/".join(content.getPhysicalPath())
        if key not in self._paragraph_texts:
            self._paragraph_texts[key] = paragraph_texts(content)
        return passage_now(comment, self._paragraph_texts[key])


def _own(name, default=None):
    return lambda obj, reading: own_attribute(obj, name, default)


def _text(obj, reading):
    return Text(own_attribute(obj, "text", None) or "", comment_html(obj))


def _organization_type(obj, reading):
    token = own_attribute(obj, "organization_type", None)
    return reading.term(ORGANIZATION_TYPES_VOCABULARY, token, obj)


def _outcome(obj, reading):
    token = own_attribute(obj, "outcome", None)
    return reading.term(OUTCOMES_VOCABULARY, token, obj)


def _anchor(obj, reading):
    anchor = own_attribute(obj, "anchor", None)
    return deepcopy(dict(anchor)) if anchor else None


def _current_text(obj, reading):
    if not own_attribute(obj, "anchor", None):
        return None
    return reading.passage_now(obj)


def _resources(obj, reading):
    return [
        {key: row.get(key) for key in RESOURCE_KEYS}
        for row in own_attribute(obj, "resources", None) or ()
        if row.get("kind")
    ]


def _actions(obj, reading):
    """The Actions a Pledge names that the current user may view, in code
    order."""
    actions = []
    for relation in own_attribute(obj, "actions", None) or ():
        action = getattr(relation, "to_object", None)
        if action is not None and api.user.has_permission("View", obj=action):
            actions.append(action)
    return sorted(actions, key=lambda action: code_key(action.code))


def _position_paper(obj, reading):
    """Where to download the paper (its published copy, without the
    metadata that named people), its type and size; None without one."""
    paper = own_attribute(obj, PAPER_ATTRIBUTE, None)
    if paper is None:
        return None
    return {
        "url": f"{obj.absolute_url()}/@@position-paper",
        "content_type": paper.contentType,
        "size": paper.getSize(),
    }


def _in_reply_to(obj, reading):
    return own_attribute(obj, "in_reply_to", None) or None


# How a field is read, where a plain own attribute will not do.
READERS = {
    "organization": _own("organization"),
    "organization_type": _organization_type,
    "text": _text,
    "resources": _resources,
    "actions": _actions,
    "created": lambda obj, reading: obj.created(),
    "review_state": lambda obj, reading: api.content.get_state(obj, default=None),
    "in_reply_to": _in_reply_to,
    "anchor": _anchor,
    "current_text": _current_text,
    "orphaned": lambda obj, reading: bool(
        own_attribute(obj, "anchor", None) and own_attribute(obj, "orphaned", False)
    ),
    "outcome": _outcome,
    "position_paper": _position_paper,
}


def contribution_view(obj, fields, reading=None):
    """``obj``'s values for ``fields`` (an allow-list), by name.

    ``obj`` is the stored contribution, acquisition-wrapped. A name no reader
    knows is the contribution's own attribute, never acquired.
    """
    reading = reading or Reading()
    return {name: READERS.get(name, _own(name))(obj, reading) for name in fields}


def public_view(obj, reading=None, only=None):
    """What anyone may read of ``obj``: its kind's public allow-list, or of
    it only the names in ``only`` (a route that shows fewer fields reads
    fewer; a name outside the allow-list stays out)."""
    kind = kind_of(obj)
    fields = kind.public_fields if kind else ()
    if only is not None:
        fields = [name for name in fields if name in only]
    return contribution_view(obj, fields, reading)


def readable_view(obj, context, reading=None):
    """What the current user may read of ``obj`` at ``context``: the public
    allow-list, or the moderators' with "View contributor e-mail"."""
    return contribution_view(obj, readable_fields(obj, context), reading)
