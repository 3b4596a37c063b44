"""A re-implementation of Hypothesis's quote matcher, the baseline of the
anchor corpus: ``match_quote`` follows hypothesis/client
src/annotator/anchoring/match-quote.ts, and ``search`` the approx-string-match
package it calls (Myers' bit-parallel algorithm; Python's integers hold the
whole pattern in one block). Hypothesis keeps the selector as posted and
searches for it again in the text on every load: no stored place, no diff.
"""


def _match_ends(text, pattern, max_errors):
    """The ends and error counts of the matches of ``pattern`` in ``text``
    with the fewest errors (at most ``max_errors``)."""
    length = len(pattern)
    if not length:
        return []
    max_errors = min(max_errors, length)
    mask = (1 << length) - 1
    last = 1 << (length - 1)
    peq = {}
    for index, char in enumerate(pattern):
        peq[char] = peq.get(char, 0) | (1 << index)
    pv, mv, score = mask, 0, length
    matches = []
    for end, char in enumerate(text, 1):
        eq = peq.get(char, 0)
        xv = eq | mv
        xh = (((eq & pv) + pv) ^ pv) | eq
        ph = mv | (~(xh | pv) & mask)
        mh = pv & xh
        if ph & last:
            score += 1
        elif mh & last:
            score -= 1
        # The text may begin anywhere: the top row stays 0 (no carry in).
        ph = (ph << 1) & mask
        mh = (mh << 1) & mask
        pv = mh | (~(xv | ph) & mask)
        mv = ph & xv
        if score <= max_errors:
            if score < max_errors:
                matches = []
            matches.append((end, score))
            max_errors = score
    return matches


def search(text, pattern, max_errors):
    """[(start, end, errors)] of the best approximate matches, as
    approx-string-match's ``search``: the longest match for each end."""
    found = []
    reversed_pattern = pattern[::-1]
    for end, errors in _match_ends(text, pattern, max_errors):
        low = max(0, end - len(pattern) - errors)
        reversed_text = text[low:end][::-1]
        start = end
        for reversed_end, _errors in _match_ends(
            reversed_text, reversed_pattern, errors
        ):
            start = min(start, end - reversed_end)
        found.append((start, end, errors))
    return found


def _search(text, quote, max_errors):
    """match-quote.ts ``search``: exact matches first, then approximate."""
    exact, at = [], text.find(quote)
    while at != -1:
        exact.append((at, at + len(quote), 0))
        at = text.find(quote, at + 1)
    if exact:
        return exact
    return search(text, quote, max_errors)


def _text_match_score(text, quote):
    if not quote or not text:
        return 0.0
    matches = _search(text, quote, len(quote))
    return 1 - matches[0][2] / len(quote)


def match_quote(text, quote, prefix="", suffix="", hint=None):
    """(start, end, score) of the best match of ``quote`` in ``text``, or
    None: match-quote.ts ``matchQuote``."""
    if not quote:
        return None
    max_errors = min(256, len(quote) / 2)
    matches = _search(text, quote, max_errors)
    if not matches:
        return None

    def score(match):
        start, end, errors = match
        quote_score = 1 - errors / len(quote)
        prefix_score = (
            _text_match_score(text[max(0, start - len(prefix)) : start], prefix)
            if prefix
            else 1.0
        )
        suffix_score = (
            _text_match_score(text[end : end + len(suffix)], suffix) if suffix else 1.0
        )
        position_score = 1.0
        if hint is not None:
            position_score = 1.0 - abs(start - hint) / len(text)
        raw = 50 * quote_score + 20 * prefix_score + 20 * suffix_score
        raw += 2 * position_score
        return raw / 92

    # Sorted by score, first best kept (JavaScript's sort is stable).
    best = max(matches, key=score)
    return best[0], best[1], score(best)


def hypothesis(case):
    """The corpus resolver: the selector posted on the first version, matched
    in the last one as Hypothesis would on loading the page."""
    from tests.anchors.corpus import posted_selector

    _paragraphs, selector = posted_selector(case)
    last = case.versions[-1]
    text = "\n".join(last.texts)
    found = match_quote(
        text,
        selector["exact"],
        selector.get("prefix", ""),
        selector.get("suffix", ""),
        selector["position"]["start"],
    )
    return None if found is None else (found[0], found[1])
