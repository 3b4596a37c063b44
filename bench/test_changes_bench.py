"""How the Plan changed, timed (issue 26): the comparison of the bench's
Chapter (page_fixtures: its 300 comments, 100 inline) with a tenth of its
paragraphs rewritten after the consultation, against the Chapter page itself.
Two sizes: the bench's Chapter as it is (1,534 words), and the same grown to
10,000 words (the issue's case: more paragraphs appended before the
consultation closes, the 300 comments where they were).
Bound: ≤ 1.5x the Chapter page, for both. Anonymous GETs once outcomes are
published, interleaved rounds (test_page_bench.timed_rounds)."""

from page_fixtures import build
from page_fixtures import COMMENTS
from persistent.mapping import PersistentMapping
from plone.app.testing import setRoles
from plone.app.testing import TEST_USER_ID
from plone.app.textfield.value import RichTextValue
from test_page_bench import timed_rounds
from torino.socialplan.base.plan_stages import LIFE_KEY
from torino.socialplan.base.plan_stages import OUTCOMES_PUBLISHED
from torino.socialplan.consultation import changes
from torino.socialplan.consultation import commented_paragraphs
from torino.socialplan.consultation import consulted_text
from zope.annotation.interfaces import IAnnotations
from zope.event import notify
from zope.lifecycleevent import ObjectModifiedEvent

import lxml.html
import pytest
import re
import requests
import statistics
import time
import transaction


BOUND = 1.5
# The Chapter: at least this many words.
LONG_WORDS = 10_000


def grown(html, words, wanted):
    """``html`` with paragraphs appended until it holds ``wanted`` words:
    its own paragraphs again, each numbered so that no two are the same."""
    paragraphs = re.findall(r"<p>.*?</p>", html)
    extra, count, round_ = [], words, 0
    while count < wanted:
        round_ += 1
        for paragraph in paragraphs:
            inner = paragraph[3:-4]
            extra.append(f"<p>Punto {round_}.{len(extra) + 1}: {inner}</p>")
            count += len(inner.split()) + 2
            if count >= wanted:
                break
    return html + "\n" + "\n".join(extra)


def rewrite(html):
    """Every tenth paragraph gets words replaced, inserted and deleted."""
    parts = re.split(r"(<p>.*?</p>)", html)
    count = 0
    for index, part in enumerate(parts):
        if part.startswith("<p>"):
            count += 1
            if count % 10 == 0:
                words = part[3:-4].split(" ")
                words[2:4] = ["nuove", "parole", "inserite"]
                del words[-3]
                parts[index] = "<p>" + " ".join(words) + "</p>"
    return "".join(parts)


def word_count(chapter):
    return len(
        " ".join(p.text for p in commented_paragraphs.paragraphs(chapter)).split()
    )


@pytest.mark.parametrize("size", ["bench chapter", "10,000 words"])
def test_changes_speed(functional_portal, functional_http_request, size):
    portal = functional_portal
    setRoles(portal, TEST_USER_ID, ["Manager"])
    built = build(portal, functional_http_request)
    chapter = built["chapters"]["con-commenti"]
    plan = built["plan"]
    words = word_count(chapter)
    if size == "10,000 words":
        # Grown while the consultation is open: the comments re-anchored
        # where they were, then the text is pinned at 10,000 words.
        chapter.text = RichTextValue(
            grown(chapter.text.raw, words, LONG_WORDS),
            "text/html",
            "text/x-html-safe",
        )
        notify(ObjectModifiedEvent(chapter))
        transaction.commit()
        words = word_count(chapter)
        assert words >= LONG_WORDS
    started = time.perf_counter()
    consulted_text.pin(chapter)
    pin_seconds = time.perf_counter() - started
    chapter.text = RichTextValue(
        rewrite(chapter.text.raw), "text/html", "text/x-html-safe"
    )
    notify(ObjectModifiedEvent(chapter))
    # Straight to the last stage: the bench times pages, not the steps.
    IAnnotations(plan)[LIFE_KEY] = PersistentMapping(
        {"stage": OUTCOMES_PUBLISHED, "approvals": {}, "log": []}
    )
    transaction.commit()
    comparison = changes.content_comparison(chapter)
    started = time.perf_counter()
    for _ in range(10):
        changes.plan_comparison(chapter)
    core_ms = (time.perf_counter() - started) * 100
    touched = {c["@id"] for ch in comparison["changes"] for c in ch["contributions"]}

    url = chapter.absolute_url()
    targets = {
        "chapter page": {"url": url},
        "how it changed": {"url": url + "/@@how-the-plan-changed"},
    }
    session = requests.Session()
    check = session.get(**targets["how it changed"])
    tree = lxml.html.fromstring(check.content)
    shown = len(tree.cssselect(".socialplan-change"))
    timings = timed_rounds(session, targets)
    medians = {name: statistics.median(values) for name, values in timings.items()}
    ratio = medians["how it changed"] / medians["chapter page"]
    print()
    print(
        f"Changes bench ({size}): {words} words, {COMMENTS} comments, "
        f"{len(comparison['changes'])} changes touching {len(touched)} comments; "
        f"pin {pin_seconds * 1000:.0f} ms; comparison core {core_ms:.1f} ms"
    )
    for name, value in medians.items():
        print(f"  {name}: median {value * 1000:.1f} ms")
    print(f"  how it changed / chapter page: {ratio:.2f}x (bound {BOUND}x)")
    if check.status_code != 200 or shown != len(comparison["changes"]) or not shown:
        pytest.fail(f"the comparison shows {shown} changes", pytrace=False)
    if ratio > BOUND:
        pytest.fail(f"{ratio:.2f}x > {BOUND}x", pytrace=False)
