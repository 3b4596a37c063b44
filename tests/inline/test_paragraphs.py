"""consultation/commented_paragraphs.py: ids and annotated HTML stored when a text is
saved, carried over edits, read (never written) by page views."""

from plone import api
from plone.app.textfield.value import RichTextValue
from tests.inline.chapter import FIRST
from tests.inline.chapter import HEADING
from tests.inline.chapter import SECOND
from tests.inline.chapter import THIRD
from tests.inline.chapter import tree
from tests.support.contributions import VALID
from tests.support.plans import rich
from torino.socialplan.consultation import anchors
from torino.socialplan.consultation import commented_paragraphs
from torino.socialplan.consultation.contributions import submit
from torino.socialplan.upgrades.to_1001 import assign_paragraph_ids
from zope.annotation.interfaces import IAnnotations
from zope.event import notify
from zope.lifecycleevent import ObjectModifiedEvent

import pytest
import re


ID = re.compile(r"^p-[0-9a-f]{8}$")


def texts(obj):
    return [p.text for p in commented_paragraphs.paragraphs(obj)]


def edit(obj, html):
    obj.text = rich(html)
    notify(ObjectModifiedEvent(obj))


def stored(obj):
    return IAnnotations(obj)[commented_paragraphs.KEY]


def test_added_content_gets_paragraph_ids(site):
    chapter = site["chapter"]
    current = commented_paragraphs.paragraphs(chapter)
    assert [p.text for p in current] == [HEADING, FIRST, SECOND, THIRD]
    assert all(ID.match(p.id) for p in current)
    assert len({p.id for p in current}) == 4
    assert commented_paragraphs.is_fresh(chapter)
    # Plan and Action too.
    assert texts(site["plan"]) == ["Il piano."]
    assert texts(site["action"]) == ["Corsi per operatori."]


def test_body_html_carries_the_ids(site):
    chapter = site["chapter"]
    page = tree(commented_paragraphs.body_html(chapter))
    ids = [p.id for p in commented_paragraphs.paragraphs(chapter)]
    marked = page.xpath("//*[@data-paragraph]")
    assert [e.get("data-paragraph") for e in marked] == ids
    assert [e.get("id") for e in marked] == ids
    assert [e.tag for e in marked] == ["h2", "p", "p", "li"]
    assert [" ".join(e.text_content().split()) for e in marked] == texts(chapter)


def test_ids_survive_edits(site):
    chapter = site["chapter"]
    before = {p.text: p.id for p in commented_paragraphs.paragraphs(chapter)}
    edit(
        chapter,
        f"<p>Un paragrafo nuovo in testa.</p><h2>Obiettivi</h2><p>{FIRST}</p>"
        f"<ul><li>{THIRD.replace('rotativo', 'di garanzia')}</li></ul>",
    )
    after = commented_paragraphs.paragraphs(chapter)
    assert after[0].id not in before.values()  # inserted: a new id
    assert after[1].id == before[HEADING]
    assert after[2].id == before[FIRST]
    # Words changed: the same paragraph, the same id.
    assert after[3].id == before[THIRD]
    assert before[SECOND] not in {p.id for p in after}  # deleted


def test_a_title_change_rewrites_nothing(site):
    chapter = site["chapter"]
    state = stored(chapter)
    html = state["html"]
    chapter.title = "Lavoro e impresa"
    notify(ObjectModifiedEvent(chapter))
    assert stored(chapter)["html"] is html
    assert commented_paragraphs.refresh_paragraphs(chapter) is False


def test_stored_html_is_independent_of_the_host(site):
    chapter = site["chapter"]
    action = site["action"]
    link = f'<p>Vedi <a href="resolveuid/{action.UID()}">l\'azione</a>.</p>'
    edit(chapter, link)
    portal_url = api.portal.get().absolute_url()
    assert portal_url not in stored(chapter)["html"]
    (anchor,) = tree(commented_paragraphs.body_html(chapter)).xpath("//a")
    assert anchor.get("href") == action.absolute_url()
    assert anchor.get("href").startswith(portal_url + "/")


def test_a_view_of_a_stale_text_writes_nothing(site):
    chapter = site["chapter"]
    ids = [p.id for p in commented_paragraphs.paragraphs(chapter)]
    # A script sets the text and notifies nothing.
    chapter.text = rich(f"<p>{FIRST}</p><p>Testo aggiunto senza eventi.</p>")
    state = stored(chapter)
    state._p_changed = False
    snapshot = dict(state)
    assert not commented_paragraphs.is_fresh(chapter)
    page = tree(commented_paragraphs.body_html(chapter))
    marked = page.xpath("//*[@data-paragraph]")
    assert [e.text_content() for e in marked] == [FIRST, "Testo aggiunto senza eventi."]
    assert marked[0].get("data-paragraph") == ids[1]  # carried, not stored
    assert texts(chapter) == [FIRST, "Testo aggiunto senza eventi."]
    assert commented_paragraphs.inline_summary(chapter)["counts"] == {}
    assert dict(state) == snapshot
    assert not state._p_changed
    assert commented_paragraphs.refresh_paragraphs(chapter) is True
    assert commented_paragraphs.is_fresh(chapter)


def test_moving_refreshes(site):
    chapter = site["chapter"]
    ids = [p.id for p in commented_paragraphs.paragraphs(chapter)]
    api.content.rename(obj=chapter, new_id="lavoro-e-impresa")
    moved = site["plan"]["lavoro-e-impresa"]
    assert commented_paragraphs.is_fresh(moved)
    assert [p.id for p in commented_paragraphs.paragraphs(moved)] == ids


@pytest.mark.parametrize("html", [None, "", "<p> &nbsp; </p>"])
def test_no_text_no_paragraphs(site, html):
    chapter = site["chapter"]
    if html is None:
        chapter.text = None
    else:
        chapter.text = RichTextValue(html, "text/html", "text/x-html-safe")
    notify(ObjectModifiedEvent(chapter))
    assert commented_paragraphs.paragraphs(chapter) == []
    # A text without words may still show something (an image): kept as is.
    output = chapter.text.output_relative_to(chapter) if chapter.text else None
    assert commented_paragraphs.body_html(chapter) == (output or None)
    assert commented_paragraphs.inline_summary(chapter) == {
        "counts": {},
        "highlights": [],
        "orphaned": 0,
        "orphaned_in": {},
    }


def test_the_upgrade_step_assigns_ids(site):
    for key in ("plan", "chapter", "action"):
        del IAnnotations(site[key])[commented_paragraphs.KEY]
        assert not commented_paragraphs.is_fresh(site[key])
    assign_paragraph_ids(api.portal.get_tool("portal_setup"))
    for key in ("plan", "chapter", "action"):
        assert commented_paragraphs.is_fresh(site[key])
    assert texts(site["chapter"]) == [HEADING, FIRST, SECOND, THIRD]


def test_whitespace_rule_matches_the_browser(site):
    chapter = site["chapter"]
    edit(chapter, "<p>Uno&nbsp;&nbsp;due\u2003tre\n\tquattro &amp; cinque</p>")
    assert texts(chapter) == ["Uno due tre quattro & cinque"]
    assert anchors.normalize("a\u00a0\u2009b\ufeff") == "a b"


def inline_comment(site, obj, exact):
    return submit(
        "comment", obj, dict(VALID, anchor={"exact": exact}), site["portal"].REQUEST
    )


def test_copying_keeps_ids_and_counts(site):
    chapter = site["chapter"]
    inline_comment(site, chapter, "fondo rotativo")
    summary = commented_paragraphs.inline_summary(chapter)
    assert sum(summary["counts"].values()) == 1
    copy = api.content.copy(source=chapter, target=site["plan"], id="copia")
    assert commented_paragraphs.is_fresh(copy)
    assert commented_paragraphs.paragraphs(copy) == commented_paragraphs.paragraphs(
        chapter
    )
    assert (
        commented_paragraphs.inline_summary(copy)["counts"]
        == commented_paragraphs.inline_summary(chapter)["counts"]
    )


def test_deleting_content_with_inline_comments(site):
    chapter = site["chapter"]
    inline_comment(site, chapter, "fondo rotativo")
    api.content.delete(obj=chapter)
    assert "lavoro" not in site["plan"]
