"""The consulted text kept: pinned (a CMFEditions version) when the Plan moves
on to analysis, unchanged by later edits and by reverts."""

from plone import api
from plone.app.testing import login
from plone.app.testing import setRoles
from plone.app.testing import TEST_USER_ID
from tests.plan_life.life import CHAPTER_TEXT
from tests.plan_life.life import close
from tests.plan_life.life import FIRST
from tests.plan_life.life import QUOTE
from tests.plan_life.life import set_text
from tests.plan_life.life import THIRD
from torino.socialplan.base.plan_stages import ANALYSIS
from torino.socialplan.consultation import consulted_text
from torino.socialplan.consultation import plan_stages
from torino.socialplan.consultation.anchors import document_text

import pytest


def to_analysis(c):
    close(c)
    login(c.portal, "plan_editor")
    plan_stages.move_on(c.plan, ANALYSIS)


def test_nothing_pinned_before_analysis(plan_life):
    c = plan_life
    assert consulted_text.consulted(c.content["lavoro"]) is None


def test_every_chapter_and_action_pinned(plan_life):
    c = plan_life
    to_analysis(c)
    pinned = {
        obj.getId()
        for obj in consulted_text.pinned_contents(c.plan)
        if consulted_text.consulted(obj) is not None
    }
    # The private Action too: its text was consulted by nobody, but it is
    # the Plan's.
    assert pinned == {"lavoro", "finanza", "a111", "a112", "a211", "a222"}
    lavoro = consulted_text.consulted(c.content["lavoro"])
    assert lavoro["paragraphs"][0].text == FIRST
    # The comments' places in the consulted text.
    fund = lavoro["locations"][str(c.fund.id)]
    text = {p.id: p.text for p in lavoro["paragraphs"]}[fund[0]]
    assert text[fund[1] : fund[2]] == QUOTE
    # The version consulted is a CMFEditions version holding that text.
    version = consulted_text.consulted_version(c.content["lavoro"])
    assert version.object.text.raw == CHAPTER_TEXT


def test_edits_after_make_the_text_to_be_approved(plan_life):
    c = plan_life
    to_analysis(c)
    lavoro = c.content["lavoro"]
    before = consulted_text.consulted(lavoro)
    setRoles(c.portal, TEST_USER_ID, ["Manager"])
    login(c.portal, "manager")
    new = CHAPTER_TEXT.replace("un fondo rotativo", "un fondo di garanzia")
    set_text(lavoro, new)
    api.portal.get_tool("portal_repository").save(obj=lavoro, comment="Revised")
    after = consulted_text.consulted(lavoro)
    assert document_text(after["paragraphs"]) == document_text(before["paragraphs"])
    assert after["version_id"] == before["version_id"]
    assert "fondo di garanzia" in lavoro.text.raw
    # Reverting to an older version does not unpin or change the pin.
    repository = api.portal.get_tool("portal_repository")
    repository.revert(lavoro, 0)
    assert consulted_text.consulted(lavoro)["version_id"] == before["version_id"]
    assert THIRD in document_text(consulted_text.consulted(lavoro)["paragraphs"])


def test_a_pin_is_written_once(plan_life):
    c = plan_life
    to_analysis(c)
    first = consulted_text.consulted(c.content["a111"])
    with pytest.raises(consulted_text.AlreadyPinned):
        consulted_text.pin(c.content["a111"])
    assert consulted_text.pin_plan(c.plan) == 0
    assert consulted_text.consulted(c.content["a111"]) == first
    assert (
        document_text(first["paragraphs"])
        == "Corsi di formazione per gli operatori delle cooperative."
    )
