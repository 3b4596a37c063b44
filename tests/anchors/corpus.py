"""The anchor corpus (tests/anchors/corpus/*.json) and how a resolver is
scored on it; used by the test suite and by `make bench`.

A case is a text in several versions, with ``{{a:...}}`` around the passage
as it reads in each (see corpus_build.py). A comment is posted on the passage
of the first version; every later version is saved in turn, and the outcome
is where the comment stands in the last one. Outcomes, per anchor:

- exact: the span found is the expected one, character for character;
- orphan: expected orphaned, and orphaned;
- partial: overlaps the expected span but is not it (some words more or less);
- miss: orphaned although the passage is still there;
- false: placed where the passage is not (expected orphaned, or no overlap
  with the expected span): words put in the commenter's mouth.
"""

from dataclasses import dataclass
from dataclasses import field
from pathlib import Path
from torino.socialplan.consultation.anchors import carry_ids
from torino.socialplan.consultation.anchors import Edit
from torino.socialplan.consultation.anchors import extract_paragraph_texts
from torino.socialplan.consultation.anchors import normalize
from torino.socialplan.consultation.anchors import reanchor
from torino.socialplan.consultation.anchors import selector_for

import itertools
import json
import re
import time


CORPUS = Path(__file__).resolve().parent / "corpus"
OUTCOMES = ("exact", "orphan", "partial", "miss", "false")
_MARKER = re.compile(r"\{\{a:(.*?)\}\}")


@dataclass
class Version:
    texts: list  # paragraph texts, markers removed
    span: tuple | None  # (paragraph index, start, end) of the passage


@dataclass
class Case:
    id: str
    kind: str
    lang: str
    versions: list
    stored: bool = True
    base: str = ""


def _version(html):
    marked = extract_paragraph_texts(html)
    texts, span = [], None
    for index, text in enumerate(marked):
        match = _MARKER.search(text)
        if match:
            if span is not None or _MARKER.search(text, match.end()):
                raise ValueError(f"two passages in {html!r}")
            span = (index, match.start(), match.start() + len(match.group(1)))
            text = text[: match.start()] + match.group(1) + text[match.end() :]
        texts.append(text)
    clean = extract_paragraph_texts(html.replace("{{a:", "").replace("}}", ""))
    if texts != clean:
        raise ValueError(f"markers change the text of {html!r}: {texts} {clean}")
    if span is not None:
        index, start, end = span
        passage = texts[index][start:end]
        if not passage or passage != normalize(passage):
            raise ValueError(f"the passage {passage!r} has spaces at its edges")
    return Version(texts, span)


def load(corpus=CORPUS):
    cases = []
    for path in sorted(corpus.glob("*.json")):
        for raw in json.loads(path.read_text(encoding="utf-8")):
            versions = [_version(html) for html in raw["versions"]]
            if versions[0].span is None:
                raise ValueError(f"{raw['id']}: no passage in the first version")
            cases.append(
                Case(
                    raw["id"],
                    raw["kind"],
                    raw["lang"],
                    versions,
                    raw.get("stored", True),
                    raw.get("base", ""),
                )
            )
    return cases


def document_span(texts, span):
    """(start, end) of a paragraph span in the texts joined with "\\n"."""
    index, start, end = span
    offset = sum(len(text) + 1 for text in texts[:index])
    return offset + start, offset + end


def _ids():
    counter = itertools.count(1)
    return lambda: f"p-{next(counter):08x}"


def posted_selector(case):
    """The paragraphs of the first version and the selector posted there."""
    first = case.versions[0]
    paragraphs = carry_ids([], first.texts, new_id=_ids())
    index, start, end = first.span
    return paragraphs, selector_for(paragraphs, paragraphs[index].id, start, end)


def ours(case):
    """The product's re-anchoring: the place stored on posting carried through
    each save (consultation/paragraphs.py does the same on a real site).
    Returns the document span in the last version, or None."""
    new_id = _ids()
    first = case.versions[0]
    before = carry_ids([], first.texts, new_id=new_id)
    index, start, end = first.span
    selector = selector_for(before, before[index].id, start, end)
    location = (before[index].id, start, end) if case.stored else None
    orphaned = False
    for version in case.versions[1:]:
        after = carry_ids(before, version.texts, new_id=new_id)
        found = reanchor(
            selector, location, before, after, Edit(before, after), orphaned=orphaned
        )
        if found is None:
            location, orphaned = None, True
        else:
            location, orphaned = (found.paragraph, found.start, found.end), False
        before = after
    if orphaned or location is None:
        return None
    ids = [p.id for p in before]
    return document_span(
        [p.text for p in before], (ids.index(location[0]), location[1], location[2])
    )


def classify(found, expected):
    if expected is None:
        return "orphan" if found is None else "false"
    if found is None:
        return "miss"
    if found == expected:
        return "exact"
    if found[0] < expected[1] and expected[0] < found[1]:
        return "partial"
    return "false"


@dataclass
class Score:
    name: str
    counts: dict = field(default_factory=lambda: dict.fromkeys(OUTCOMES, 0))
    seconds: float = 0.0
    anchors: int = 0
    failures: list = field(default_factory=list)

    @property
    def exact_share(self):
        """Exact spans and correct orphans, of all anchors."""
        right = self.counts["exact"] + self.counts["orphan"]
        return right / max(1, self.anchors)

    def per_anchor_ms(self):
        return 1000 * self.seconds / max(1, self.anchors)


def score(resolver, cases, name):
    result = Score(name)
    for case in cases:
        last = case.versions[-1]
        expected = None if last.span is None else document_span(last.texts, last.span)
        began = time.perf_counter()
        found = resolver(case)
        result.seconds += time.perf_counter() - began
        outcome = classify(found, expected)
        result.counts[outcome] += 1
        result.anchors += 1
        if outcome not in ("exact", "orphan"):
            text = "\n".join(last.texts)
            result.failures.append(
                (
                    case.id,
                    outcome,
                    None if expected is None else text[expected[0] : expected[1]],
                    None if found is None else text[found[0] : found[1]],
                )
            )
    return result
