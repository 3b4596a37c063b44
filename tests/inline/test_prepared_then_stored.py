"""A contribution is checked before the write turn and stored in it
(contributions/pipeline.py): what another transaction changed in between is
checked again when it is stored."""

from plone import api
from plone.app.testing import logout
from tests.inline.chapter import SECOND
from tests.inline.chapter import selector
from tests.inline.chapter import TEXT
from tests.support.contributions import VALID
from tests.support.plans import rich
from tests.support.plans import set_window
from torino.socialplan.consultation import commented_paragraphs
from torino.socialplan.consultation import guards
from torino.socialplan.consultation.contributions import pipeline
from torino.socialplan.consultation.errors import ContributionError
from zope.lifecycleevent import modified

import pytest


PASSAGE = "servizi di prossimità"


def prepared(site):
    """A reader's inline comment, checked (as Anonymous: it waits pending)."""
    logout()
    guards.reset_rate_limits()
    data = dict(VALID, anchor=selector(PASSAGE, SECOND))
    return pipeline.prepare("comment", site["chapter"], data, site["portal"].REQUEST)


def edit(chapter, html):
    """An editor saves ``html`` meanwhile."""
    with api.env.adopt_roles(["Manager"]):
        chapter.text = rich(html)
        modified(chapter)


def test_stored_as_prepared_when_nothing_changed(site):
    submission = prepared(site)
    comment = pipeline.store(submission)
    text = commented_paragraphs.paragraph_texts(site["chapter"])[comment.paragraph]
    assert text[comment.anchor_start : comment.anchor_end] == PASSAGE


def test_an_edit_in_between_resolves_the_passage_again(site):
    submission = prepared(site)
    start_before = submission.values["anchor_start"]
    # An editor saves meanwhile: the passage moves within its paragraph.
    chapter = site["chapter"]
    edit(chapter, TEXT.replace("Le cooperative", "Da anni le cooperative"))
    comment = pipeline.store(submission)
    text = commented_paragraphs.paragraph_texts(chapter)[comment.paragraph]
    assert text[comment.anchor_start : comment.anchor_end] == PASSAGE
    assert comment.anchor_start == start_before + len("Da anni ")


def test_an_edit_that_removes_the_passage_refuses_it(site):
    submission = prepared(site)
    chapter = site["chapter"]
    edit(chapter, TEXT.replace(PASSAGE, "sportelli"))
    with pytest.raises(ContributionError):
        pipeline.store(submission)


def test_a_window_closed_in_between_refuses_it(site):
    submission = prepared(site)
    set_window(site["plan"], "closed", commit=False)
    with pytest.raises(ContributionError) as raised:
        pipeline.store(submission)
    assert raised.value.status == 403


def test_a_pending_inline_comment_recounts_nothing(site, monkeypatch):
    """The counts and highlights are of published comments (and those whose
    passage an edit changed): a new pending one leaves them alone; its
    publication counts it."""
    counted = []
    refresh = commented_paragraphs.refresh_counts
    monkeypatch.setattr(
        commented_paragraphs,
        "refresh_counts",
        lambda content: counted.append(content) or refresh(content),
    )
    comment = pipeline.store(prepared(site))
    assert counted == []
    with api.env.adopt_roles(["Manager"]):
        api.content.transition(obj=comment, transition="publish")
    assert counted == [site["chapter"]]
    summary = commented_paragraphs.inline_summary(site["chapter"])
    assert sum(summary["counts"].values()) == 1


def test_the_top_level_ids_are_kept_in_buckets(site):
    """A post writes one bucket of the text's top-level ids, not the whole
    set (it grew with every comment); the stock threads read them alike."""
    from BTrees.LLBTree import LLTreeSet
    from plone.app.discussion.interfaces import IConversation

    first = pipeline.store(prepared(site))
    second = pipeline.store(prepared(site))
    conversation = IConversation(site["chapter"])
    assert isinstance(conversation._children[0], LLTreeSet)
    threads = [thread["comment"].id for thread in conversation.getThreads()]
    assert threads == [first.id, second.id]
