"""How the Plan changed: the word comparison of the consulted and approved
texts, the contributions each change touches, links from outcomes to
changes."""

from AccessControl import Unauthorized
from plone.app.testing import login
from plone.app.testing import setRoles
from plone.app.testing import TEST_USER_ID
from tests.plan_life.life import CHAPTER_TEXT
from tests.plan_life.life import close
from tests.plan_life.life import set_text
from torino.socialplan.base.plan_stages import ANALYSIS
from torino.socialplan.consultation import changes
from torino.socialplan.consultation import plan_stages
from torino.socialplan.consultation.errors import ContributionError
from torino.socialplan.consultation.outcomes import record_outcomes

import pytest


REVISED = CHAPTER_TEXT.replace(
    "un fondo rotativo", "un fondo di garanzia e un fondo rotativo"
).replace("Il lavoro sociale cresce", "Il lavoro sociale aumenta")


def revise(c, html=REVISED):
    close(c)
    login(c.portal, "plan_editor")
    plan_stages.move_on(c.plan, ANALYSIS)
    setRoles(c.portal, TEST_USER_ID, ["Manager"])
    login(c.portal, "manager")
    set_text(c.content["lavoro"], html)


def test_word_changes_and_who_they_touch(plan_life):
    c = plan_life
    revise(c)
    comparison = changes.content_comparison(c.content["lavoro"])
    found = [(ch["old"], ch["new"]) for ch in comparison["changes"]]
    assert found == [("cresce", "aumenta"), ("", " un fondo di garanzia e")]
    first, second = comparison["changes"]
    assert first["contributions"] == []
    (touching,) = second["contributions"]
    assert touching["@id"] == c.fund.absolute_url()
    assert touching["text"] == "Il fondo deve essere di garanzia."
    assert touching["quote"] == "un fondo rotativo"
    # Where the passage stands in the approved text (it survived).
    assert touching["passage_now"] == "un fondo rotativo"
    # Only public fields.
    assert "author_email" not in touching and "email" not in touching
    # The comment on a passage no change touched.
    assert [u["@id"] for u in comparison["untouched"]] == [c.services.absolute_url()]
    # The blocks read as the new text, with the deleted words in place.
    kinds = [(kind, text) for block in comparison["blocks"] for kind, text, _i in block]
    assert ("deleted", "cresce") in kinds and ("inserted", "aumenta") in kinds
    assert len(comparison["blocks"]) == 3


def test_unchanged_texts_have_no_changes(plan_life):
    c = plan_life
    revise(c, CHAPTER_TEXT)
    whole = changes.plan_comparison(c.plan)
    assert whole["total"] == 0
    assert {x["title"] for x in whole["contents"]} >= {"Lavoro e inclusione"}


def test_numbered_across_the_plan(plan_life):
    c = plan_life
    revise(c)
    set_text(
        c.content["a111"], "<p>Corsi di formazione per i soci delle cooperative.</p>"
    )
    whole = changes.plan_comparison(c.plan)
    numbers = [ch["number"] for x in whole["contents"] for ch in x["changes"]]
    assert numbers == list(range(1, whole["total"] + 1))
    assert whole["total"] == 3
    # Per Chapter: the Chapter and its Actions only.
    chapter = changes.plan_comparison(c.content["lavoro"])
    assert {x["title"] for x in chapter["contents"]} == {
        "Lavoro e inclusione",
        "Formazione",
        "Inserimento lavorativo",
    }


def test_links_between_outcomes_and_changes(plan_life):
    c = plan_life
    revise(c)
    comparison = changes.content_comparison(c.content["lavoro"])
    key = comparison["changes"][1]["key"]
    login(c.portal, "moderator")
    record_outcomes(c.plan, [c.fund.absolute_url()], "accepted", "Fondo di garanzia.")
    assert c.fund.absolute_url() in changes.unlinked_taken_in(c.plan)
    proposed = changes.proposals(c.plan)
    assert proposed[c.fund.absolute_url()][0][0] == key
    changes.link_changes(c.plan, [c.fund.absolute_url()], [key])
    assert changes.linked_changes(c.fund) == (key,)
    assert c.fund.absolute_url() not in changes.unlinked_taken_in(c.plan)
    again = changes.content_comparison(c.content["lavoro"])
    assert again["changes"][1]["contributions"][0]["linked"] is True


def test_linking_another_plans_change_is_refused(plan_life):
    c = plan_life
    revise(c)
    setRoles(c.portal, TEST_USER_ID, ["Manager"])
    from plone import api

    other = api.content.create(
        container=c.portal,
        type="Plan",
        id="altro",
        title="Altro",
        consultation_start=c.plan.consultation_start,
        consultation_end=c.plan.consultation_end,
    )
    chapter = api.content.create(container=other, type="Chapter", id="c", title="C")
    from plone.uuid.interfaces import IUUID

    foreign = changes.change_key(IUUID(chapter), 0, 3)
    login(c.portal, "moderator")
    for bad, words in ((foreign, "another Plan"), ("nonsense", "No such change")):
        with pytest.raises(ContributionError) as raised:
            changes.link_changes(c.plan, [c.fund.absolute_url()], [bad])
        assert words in str(raised.value.errors[0][1])
    assert changes.linked_changes(c.fund) == ()


def test_only_moderators_link(plan_life):
    c = plan_life
    revise(c)
    login(c.portal, "member")
    with pytest.raises(Unauthorized):
        changes.link_changes(c.plan, [c.fund.absolute_url()], [])


def test_figures(plan_life):
    c = plan_life
    revise(c)
    comparison = changes.content_comparison(c.content["lavoro"])
    key = comparison["changes"][1]["key"]
    login(c.portal, "moderator")
    record_outcomes(c.plan, [c.fund.absolute_url()], "accepted", "Sì.")
    changes.link_changes(c.plan, [c.fund.absolute_url()], [key])
    figures = changes.outcome_figures(c.plan)
    published = [i for i in c.items if i.state == "published"]
    with_outcome = [i for i in published if i.outcome]
    # The report's published contributions and the two inline comments (one
    # with an outcome now).
    assert figures["total"] == len(published) + 2
    assert figures["with_outcome"] == len(with_outcome) + 1
    taken_in = [i for i in with_outcome if i.outcome in changes.TAKEN_IN]
    assert figures["taken_in"] == len(taken_in) + 1
    assert figures["taken_in_linked"] == 1
    chapters = {row["chapter"]: row for row in figures["by_chapter"]}
    lavoro = chapters["Lavoro e inclusione"]
    on_lavoro = [i for i in published if i.on in ("lavoro", "a111", "a112")]
    assert lavoro["total"] == len(on_lavoro) + 2
    lavoro_taken_in = [i for i in on_lavoro if i.outcome in changes.TAKEN_IN]
    assert lavoro["taken_in"] == len(lavoro_taken_in) + 1
    assert lavoro["taken_in_linked"] == 1
    assert lavoro["taken_in_linked_share"] == round(100 / lavoro["taken_in"])
    assert sum(row["total"] for row in figures["by_type"]) == figures["total"]
