"""Re-anchoring on the corpus of edits (tests/anchors/corpus/), against a
re-implementation of Hypothesis's quote matcher, in the same run.

Ours: the place stored when the comment was posted, carried through each save
by a character diff (consultation/anchors/mapping.py), searched for only when
there is no stored place. Hypothesis: the selector as posted, matched again
in the last version (approximate match of the quote, scored with prefix,
suffix and position: hypothesis/client match-quote.ts).

Printed per kind of edit and in total: exact spans (and correct orphans),
partial spans, misses, false anchors, and the time per anchor. Fails on any
false anchor of ours, or if ours is not ahead on exact spans.
"""

from tests.anchors import adversarial
from tests.anchors.corpus import load
from tests.anchors.corpus import ours
from tests.anchors.corpus import score
from tests.anchors.hypothesis_quote import hypothesis

import collections


def _group(case):
    return case.kind if case.base else "hand-written"


def _row(label, mine, theirs):
    def cell(result):
        counts = result.counts
        return (
            f"{counts['exact'] + counts['orphan']:5d} {counts['partial']:4d} "
            f"{counts['miss']:4d} {counts['false']:4d}"
        )

    return f"{label:40s} {mine.anchors:5d} | {cell(mine)} | {cell(theirs)}"


def _print_by_kind(title, groups):
    """A row per kind of edit: ours beside the Hypothesis-style baseline."""
    header = "exact part miss false"
    print()
    print(
        f"{title:40s} {'cases':>5s} | {'ours: ' + header:>24s} | "
        f"{'hypothesis: ' + header}"
    )
    for kind in sorted(groups):
        print(
            _row(
                kind,
                score(ours, groups[kind], kind),
                score(hypothesis, groups[kind], kind),
            )
        )


def test_reanchoring_against_hypothesis():
    cases = load()
    groups = collections.defaultdict(list)
    for case in cases:
        groups[_group(case)].append(case)
    _print_by_kind("kind of edit", groups)
    mine = score(ours, cases, "ours")
    theirs = score(hypothesis, cases, "hypothesis")
    print(_row("all", mine, theirs))
    print(
        f"exact spans and orphans: ours {mine.exact_share:.1%}, "
        f"hypothesis {theirs.exact_share:.1%} "
        f"(ratio {mine.exact_share / theirs.exact_share:.2f}); "
        f"false anchors: ours {mine.counts['false']}, hypothesis "
        f"{theirs.counts['false']}"
    )
    print(
        f"time per anchor (ids carried, diffs, every save of the case): ours "
        f"{mine.per_anchor_ms():.2f} ms, hypothesis {theirs.per_anchor_ms():.2f} ms "
        f"(ratio {mine.per_anchor_ms() / theirs.per_anchor_ms():.1f})"
    )
    assert mine.counts["false"] == 0
    assert mine.exact_share > theirs.exact_share


def test_reanchoring_on_the_adversarial_corpus():
    """The second corpus (adversarial.py), by kind and by half: tuned on
    "tuning", reported on "held-out"; with the Hypothesis-style baseline."""
    cases = adversarial.load()
    groups = collections.defaultdict(list)
    for case in cases:
        groups[case.kind].append(case)
    _print_by_kind("adversarial: kind of edit", groups)
    results = {}
    for half in ("tuning", "held-out"):
        subset = adversarial.load(half)
        results[half] = (score(ours, subset, half), score(hypothesis, subset, half))
        print(_row(f"half: {half}", *results[half]))
    print(_row("all", score(ours, cases, "all"), score(hypothesis, cases, "all")))
    for half, (mine, theirs) in results.items():
        print(
            f"{half}: exact spans and orphans ours {mine.exact_share:.1%}, "
            f"hypothesis {theirs.exact_share:.1%}; false anchors ours "
            f"{mine.counts['false']}, hypothesis {theirs.counts['false']}"
        )
    for mine, _theirs in results.values():
        assert mine.counts["false"] == 0
        assert mine.exact_share >= 0.98
