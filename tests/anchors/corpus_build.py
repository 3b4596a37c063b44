"""Write the anchor corpus: ``python tests/anchors/corpus_build.py``.

Each case is the HTML of a text in two or more versions and, in each version,
``{{a:...}}`` around the commented passage as it reads there; a passage
missing from the last version is expected orphaned. Every expected outcome
follows from how the edit was made (the edit moves the markers with the words
they hold), never from running a resolver. The edits are those an editor
makes: words inserted, deleted or replaced inside, before and after the
passage, punctuation and typographic quotes, sentences rewritten, paragraphs
split, merged, moved and deleted, lists and tables, repeated phrases, the
whole text rewritten, several edits in a row; plus the hand-written cases of
``SPECIAL`` (apostrophes, accents, the defects of issue 10). ``stored``:
false marks cases whose anchor has no stored place (posted against an older
version, imported): they are found by searching, as on posting.

The files (one per kind of edit) are committed; rebuild them after changing
the sources and check the diff.
"""

from pathlib import Path

import html
import json
import re
import sys


sys.path.insert(0, str(Path(__file__).resolve().parent))

from corpus_sources import BASES
from corpus_sources import BEFORE_WORDS
from corpus_sources import CLAUSES
from corpus_sources import INSERTIONS
from corpus_sources import NEW_PARAGRAPHS
from corpus_sources import REPLACEMENTS
from corpus_sources import REWRITES
from corpus_sources import SYNONYMS
from corpus_sources import WHOLE_REWRITES
from torino.socialplan.consultation.anchors.mapping import content_word
from torino.socialplan.consultation.anchors.mapping import KEEP_CONTENT


CORPUS = Path(__file__).resolve().parent / "corpus"
OPEN, CLOSE = "{{a:", "}}"
_SENTENCE_END = re.compile(r"(?<=[.;:!?])\s+")


class NotApplicable(Exception):
    pass


# Blocks -----------------------------------------------------------------------


def render(blocks):
    """HTML of (tag, text) blocks: ``li`` grouped in a list, ``td`` two to a
    row in a table."""
    parts, index = [], 0
    while index < len(blocks):
        tag, text = blocks[index]
        if tag in ("li", "td"):
            group = []
            while index < len(blocks) and blocks[index][0] == tag:
                group.append(html.escape(blocks[index][1], quote=False))
                index += 1
            if tag == "li":
                parts.append("<ul>" + "".join(f"<li>{t}</li>" for t in group) + "</ul>")
            else:
                rows = [group[i : i + 2] for i in range(0, len(group), 2)]
                body = "".join(
                    "<tr>" + "".join(f"<td>{t}</td>" for t in row) + "</tr>"
                    for row in rows
                )
                parts.append(f"<table><tbody>{body}</tbody></table>")
            continue
        parts.append(f"<{tag}>{html.escape(text, quote=False)}</{tag}>")
        index += 1
    return "".join(parts)


def where(blocks):
    for index, (_tag, text) in enumerate(blocks):
        if OPEN in text:
            return index
    raise NotApplicable("no passage")


def split_passage(text):
    before, rest = text.split(OPEN, 1)
    inner, after = rest.split(CLOSE, 1)
    return before, inner, after


def join_passage(before, inner, after):
    return f"{before}{OPEN}{inner}{CLOSE}{after}"


def sentences(text):
    return _SENTENCE_END.split(text)


def replace_block(blocks, index, text):
    blocks = list(blocks)
    blocks[index] = (blocks[index][0], text)
    return blocks


def passage_sentence(text):
    parts = sentences(text)
    for index, sentence in enumerate(parts):
        if OPEN in sentence:
            return parts, index
    raise NotApplicable("passage across sentences")


# Edits: each takes the blocks (markers included) and returns the new ones ------


def _pick(pool, seed):
    return pool[seed % len(pool)]


def ins_inside(blocks, lang, seed):
    index = where(blocks)
    before, inner, after = split_passage(blocks[index][1])
    words = inner.split(" ")
    if len(words) < 2:
        raise NotApplicable("one word")
    at = 1 if lang == "it" else len(words) - 1
    words.insert(at, _pick(INSERTIONS[lang], seed))
    return replace_block(blocks, index, join_passage(before, " ".join(words), after))


def clause_inside(blocks, lang, seed):
    index = where(blocks)
    before, inner, after = split_passage(blocks[index][1])
    words = inner.split(" ")
    if len(words) < 2:
        raise NotApplicable("one word")
    words[0] += _pick(CLAUSES[lang], seed)
    return replace_block(blocks, index, join_passage(before, " ".join(words), after))


def _word_start(before):
    """Where the word holding the passage's start begins in ``before``."""
    return before.rfind(" ") + 1


def ins_before(blocks, lang, seed):
    index = where(blocks)
    before, inner, after = split_passage(blocks[index][1])
    cut = _word_start(before)
    word = _pick(BEFORE_WORDS[lang], seed)
    before = before[:cut] + word + " " + before[cut:]
    return replace_block(blocks, index, join_passage(before, inner, after))


def ins_after(blocks, lang, seed):
    index = where(blocks)
    before, inner, after = split_passage(blocks[index][1])
    match = re.match(r"\S*", after)
    cut = match.end()
    if after[cut : cut + 1] != " ":
        raise NotApplicable("passage ends its block")
    word = _pick(INSERTIONS[lang], seed + 1)
    after = after[:cut] + " " + word + after[cut:]
    return replace_block(blocks, index, join_passage(before, inner, after))


def sentence_first(blocks, lang, seed):
    index = where(blocks)
    text = _pick(NEW_PARAGRAPHS[lang], seed)
    return replace_block(blocks, index, text + " " + blocks[index][1])


def sentence_last(blocks, lang, seed):
    index = where(blocks)
    text = _pick(NEW_PARAGRAPHS[lang], seed + 1)
    return replace_block(blocks, index, blocks[index][1] + " " + text)


def del_inside(blocks, lang, seed):
    index = where(blocks)
    before, inner, after = split_passage(blocks[index][1])
    words = inner.split(" ")
    if len(words) < 4:
        raise NotApplicable("short passage")
    middle = 1 + seed % (len(words) - 2)
    del words[middle]
    return replace_block(blocks, index, join_passage(before, " ".join(words), after))


def del_before(blocks, lang, seed):
    index = where(blocks)
    before, inner, after = split_passage(blocks[index][1])
    cut = _word_start(before)
    head = before[:cut].rstrip(" ")
    if not head or head[-1] in ".;:":
        raise NotApplicable("no word before")
    previous = head.rfind(" ") + 1
    if not head[previous:].isalpha():
        raise NotApplicable("not a word before")
    before = head[:previous] + before[cut:]
    return replace_block(blocks, index, join_passage(before, inner, after))


def del_after(blocks, lang, seed):
    index = where(blocks)
    before, inner, after = split_passage(blocks[index][1])
    match = re.match(r"^ ([^\W\d]+)(?= )", after)
    if not match:
        raise NotApplicable("no word after")
    after = after[match.end() :]
    return replace_block(blocks, index, join_passage(before, inner, after))


def replace_inside(blocks, lang, seed):
    index = where(blocks)
    before, inner, after = split_passage(blocks[index][1])
    words = inner.split(" ")
    if len(words) < 3:
        raise NotApplicable("short passage")
    # The longest inner word: the most of the passage an edit can replace
    # while the passage stays the same statement.
    middle = max(range(1, len(words) - 1), key=lambda i: len(words[i]))
    if len(words[middle]) > 0.35 * len(inner):
        raise NotApplicable("the word is most of the passage")
    replaced = words[middle]
    words[middle] = _pick(SYNONYMS[lang], seed)
    content = [w for w in inner.split(" ") if _content(w)]
    if _content(replaced) and len(content) - 1 < KEEP_CONTENT * len(content) - 1e-9:
        # Too few of its content words left (the threshold of mapping.py):
        # another statement in the same frame, the comment is orphaned.
        return replace_block(blocks, index, before + " ".join(words) + after)
    return replace_block(blocks, index, join_passage(before, " ".join(words), after))


def _content(word):
    return content_word(re.split(r"['\u2019]", word.strip(",.;:«»()"))[-1])


def replace_first(blocks, lang, seed):
    index = where(blocks)
    before, inner, after = split_passage(blocks[index][1])
    words = inner.split(" ")
    articles = {
        "un": "il",
        "una": "la",
        "uno": "lo",
        "la": "una",
        "il": "un",
        "a": "the",
        "an": "the",
        "the": "a",
        "l'economia": "un'economia",
    }
    if len(words) < 2 or words[0].lower() not in articles:
        raise NotApplicable("no article first")
    words[0] = articles[words[0].lower()]
    return replace_block(blocks, index, join_passage(before, " ".join(words), after))


def comma_inside(blocks, lang, seed):
    index = where(blocks)
    before, inner, after = split_passage(blocks[index][1])
    words = inner.split(" ")
    if len(words) < 3:
        raise NotApplicable("short passage")
    words[len(words) // 2 - 1] += ","
    return replace_block(blocks, index, join_passage(before, " ".join(words), after))


def typographic_apostrophes(blocks, lang, seed):
    if not any("'" in text for _tag, text in blocks):
        raise NotApplicable("no apostrophe")
    return [(tag, text.replace("'", "\u2019")) for tag, text in blocks]


def quote_last_word(blocks, lang, seed):
    index = where(blocks)
    before, inner, after = split_passage(blocks[index][1])
    words = inner.split(" ")
    if len(words) < 2:
        raise NotApplicable("one word")
    opening, closing = ("\u00ab", "\u00bb") if lang == "it" else ("\u201c", "\u201d")
    words[-1] = opening + words[-1] + closing
    return replace_block(blocks, index, join_passage(before, " ".join(words), after))


def rewrite_sentence(blocks, lang, seed):
    index = where(blocks)
    parts, at = passage_sentence(blocks[index][1])
    parts[at] = _pick(REWRITES[lang], seed)
    return replace_block(blocks, index, " ".join(parts))


def rewrite_passage(blocks, lang, seed):
    index = where(blocks)
    before, _inner, after = split_passage(blocks[index][1])
    return replace_block(
        blocks, index, before + _pick(REPLACEMENTS[lang], seed) + after
    )


def delete_passage(blocks, lang, seed):
    index = where(blocks)
    before, _inner, after = split_passage(blocks[index][1])
    text = re.sub(r"  +", " ", before + after).replace(" ,", ",").replace(" .", ".")
    return replace_block(blocks, index, text)


def delete_sentence(blocks, lang, seed):
    index = where(blocks)
    parts, at = passage_sentence(blocks[index][1])
    if len(parts) < 2:
        raise NotApplicable("one sentence")
    del parts[at]
    return replace_block(blocks, index, " ".join(parts))


def delete_block(blocks, lang, seed):
    index = where(blocks)
    rest = blocks[:index] + blocks[index + 1 :]
    if not rest:
        raise NotApplicable("only block")
    return rest


def _splittable(blocks):
    index = where(blocks)
    if blocks[index][0] not in ("p", "li"):
        raise NotApplicable("cells are not split")
    return index


def split_before(blocks, lang, seed):
    index = _splittable(blocks)
    parts, at = passage_sentence(blocks[index][1])
    if at == 0:
        raise NotApplicable("passage in the first sentence")
    tag = blocks[index][0]
    new = [(tag, " ".join(parts[:at])), (tag, " ".join(parts[at:]))]
    return blocks[:index] + new + blocks[index + 1 :]


def split_after(blocks, lang, seed):
    index = _splittable(blocks)
    parts, at = passage_sentence(blocks[index][1])
    if at == len(parts) - 1:
        raise NotApplicable("passage in the last sentence")
    tag = blocks[index][0]
    new = [(tag, " ".join(parts[: at + 1])), (tag, " ".join(parts[at + 1 :]))]
    return blocks[:index] + new + blocks[index + 1 :]


def merge_previous(blocks, lang, seed):
    index = _splittable(blocks)
    if index == 0 or blocks[index - 1][0] != blocks[index][0]:
        raise NotApplicable("no block of the same kind before")
    merged = (blocks[index][0], blocks[index - 1][1] + " " + blocks[index][1])
    return [*blocks[: index - 1], merged, *blocks[index + 1 :]]


def merge_next(blocks, lang, seed):
    index = _splittable(blocks)
    if index + 1 >= len(blocks) or blocks[index + 1][0] != blocks[index][0]:
        raise NotApplicable("no block of the same kind after")
    merged = (blocks[index][0], blocks[index][1] + " " + blocks[index + 1][1])
    return [*blocks[:index], merged, *blocks[index + 2 :]]


def move_block(blocks, lang, seed):
    index = where(blocks)
    tag = blocks[index][0]
    if tag == "td":
        raise NotApplicable("cells stay in their table")
    block = blocks[index]
    rest = blocks[:index] + blocks[index + 1 :]
    if index == len(blocks) - 1:
        return [block, *rest]
    return [*rest, block]


def move_other(blocks, lang, seed):
    index = where(blocks)
    if index == len(blocks) - 1 or blocks[-1][0] == "td":
        raise NotApplicable("passage last")
    return [blocks[-1], *blocks[:-1]]


def new_block_before(blocks, lang, seed):
    index = where(blocks)
    tag = "p" if blocks[index][0] == "td" else blocks[index][0]
    if blocks[index][0] == "td":
        index = 0
    return [*blocks[:index], (tag, _pick(NEW_PARAGRAPHS[lang], seed)), *blocks[index:]]


def edit_elsewhere(blocks, lang, seed):
    index = where(blocks)
    for other, (tag, text) in enumerate(blocks):
        if other != index and tag == "p" and text.endswith("."):
            addition = _pick(NEW_PARAGRAPHS[lang], seed + 1)
            return replace_block(blocks, other, text + " " + addition)
    raise NotApplicable("no other paragraph")


def whole_rewrite(blocks, lang, seed):
    return list(WHOLE_REWRITES[lang])


def repeat_before(blocks, lang, seed):
    index = where(blocks)
    parts, at = passage_sentence(blocks[index][1])
    _before, inner, _after = split_passage(parts[at])
    echo = (
        f"Si parla spesso di {inner} nei documenti europei."
        if lang == "it"
        else f"European documents often mention {inner} as well."
    )
    parts.insert(at, echo)
    return replace_block(blocks, index, " ".join(parts))


def context_both(blocks, lang, seed):
    return del_after(del_before(blocks, lang, seed), lang, seed)


EDITS = {
    "insert-inside": ins_inside,
    "insert-clause-inside": clause_inside,
    "insert-before": ins_before,
    "insert-after": ins_after,
    "sentence-added-first": sentence_first,
    "sentence-added-last": sentence_last,
    "delete-inside": del_inside,
    "delete-before": del_before,
    "delete-after": del_after,
    "context-both-sides": context_both,
    "replace-inside": replace_inside,
    "replace-first-word": replace_first,
    "comma-inside": comma_inside,
    "typographic-apostrophes": typographic_apostrophes,
    "quotes-around-last-word": quote_last_word,
    "rewrite-sentence": rewrite_sentence,
    "rewrite-passage": rewrite_passage,
    "delete-passage": delete_passage,
    "delete-sentence": delete_sentence,
    "delete-paragraph": delete_block,
    "split-before": split_before,
    "split-after": split_after,
    "merge-previous": merge_previous,
    "merge-next": merge_next,
    "move-paragraph": move_block,
    "move-other-paragraph": move_other,
    "new-paragraph-before": new_block_before,
    "edit-elsewhere": edit_elsewhere,
    "whole-rewrite": whole_rewrite,
    "repeated-phrase-before": repeat_before,
}

# Several edits in a row: each list is saved one edit at a time.
SEQUENCES = {
    "sequence-insert-then-split": ["insert-before", "insert-inside", "split-before"],
    "sequence-elsewhere-delete-merge": [
        "edit-elsewhere",
        "delete-inside",
        "merge-previous",
    ],
    "sequence-insert-then-rewrite": ["insert-inside", "rewrite-passage"],
    "sequence-move-then-apostrophes": [
        "move-paragraph",
        "typographic-apostrophes",
        "insert-after",
    ],
    "sequence-new-paragraph-repeat-clause": [
        "new-paragraph-before",
        "repeated-phrase-before",
        "insert-clause-inside",
    ],
    "sequence-replace-then-delete-sentence": ["replace-inside", "delete-sentence"],
}

# Kinds also tried without a stored place (posted against an older version).
SEARCHED = [
    "insert-before",
    "insert-after",
    "insert-inside",
    "delete-before",
    "move-paragraph",
    "repeated-phrase-before",
    "rewrite-passage",
    "rewrite-sentence",
    "delete-passage",
]

# Hand-written: (kind, lang, [html of each version]).
SPECIAL = [
    (
        "issue-10-one-word-inside",
        "it",
        [
            "<p>Il Piano intende favorire l'{{a:accesso al mercato del lavoro}} "
            "delle persone fragili.</p>",
            "<p>Il Piano intende favorire l'{{a:accesso effettivo al mercato del "
            "lavoro}} delle persone fragili.</p>",
        ],
    ),
    (
        "issue-10-sentence-replaced-sharing-context",
        "it",
        [
            "<p>Le imprese sociali sono molte. Il Piano vuole favorire "
            "l'{{a:accesso al credito}} delle imprese sociali del territorio. "
            "Il resto segue.</p>",
            "<p>Le imprese sociali sono molte. Il Piano vuole favorire la "
            "formazione dei lavoratori delle imprese sociali del territorio. "
            "Il resto segue.</p>",
        ],
    ),
    (
        "apostrophe-elision-added",
        "it",
        [
            "<p>Serve {{a:un impegno per l'impresa sociale}} nelle periferie.</p>",
            "<p>Serve {{a:un impegno per un'impresa sociale}} nelle periferie.</p>",
        ],
    ),
    (
        "apostrophe-before-passage",
        "it",
        [
            "<p>Si chiede di migliorare la {{a:qualità dei servizi}} offerti.</p>",
            "<p>Si chiede di migliorare l'{{a:qualità dei servizi}} offerti.</p>",
        ],
    ),
    (
        "accent-fixed-inside",
        "it",
        [
            "<p>Il Piano {{a:e' una opportunita per il territorio}} e per le "
            "imprese.</p>",
            "<p>Il Piano {{a:è un'opportunità per il territorio}} e per le "
            "imprese.</p>",
        ],
    ),
    (
        "accent-fixed-around",
        "it",
        [
            "<p>Perche {{a:le comunita locali}} contano di piu.</p>",
            "<p>Perché {{a:le comunità locali}} contano di più.</p>",
        ],
    ),
    (
        "typographic-quotes-around",
        "en",
        [
            '<p>The event "{{a:Towards the Metropolitan Plan}}" opened a new '
            "phase.</p>",
            "<p>The event \u201c{{a:Towards the Metropolitan Plan}}\u201d opened a "
            "new phase.</p>",
        ],
    ),
    (
        "nbsp-and-spaces",
        "it",
        [
            "<p>Il Piano {{a:sostiene le reti}} di imprese.</p>",
            "<p>Il Piano&nbsp;{{a:sostiene   le reti}}\n di imprese.</p>",
        ],
    ),
    (
        "repeated-phrase-first-occurrence-edited",
        "it",
        [
            "<p>La rete delle imprese cresce. {{a:La rete delle imprese}} "
            "conta oggi cento soci.</p>",
            "<p>La rete delle imprese sociali cresce. {{a:La rete delle "
            "imprese}} conta oggi cento soci.</p>",
        ],
    ),
    (
        "repeated-phrase-copy-deleted",
        "en",
        [
            "<p>The network grows. The network grows again. {{a:The network "
            "grows}} every year.</p>",
            "<p>The network grows again. {{a:The network grows}} every year.</p>",
        ],
    ),
    (
        "passage-moved-to-another-paragraph",
        "it",
        [
            "<p>Il Piano ha tre obiettivi. {{a:Il fondo rotativo sarà aperto alle "
            "start-up}}. Gli obiettivi sono misurabili.</p><p>Il fondo è gestito "
            "dalla Camera di commercio.</p>",
            "<p>Il Piano ha tre obiettivi. Gli obiettivi sono misurabili.</p><p>Il "
            "fondo è gestito dalla Camera di commercio. {{a:Il fondo rotativo sarà "
            "aperto alle start-up}}.</p>",
        ],
    ),
    (
        "list-item-split",
        "it",
        [
            "<ul><li>formazione dei volontari e {{a:sostegno ai dirigenti delle "
            "cooperative}}</li><li>bandi</li></ul>",
            "<ul><li>formazione dei volontari;</li><li>{{a:sostegno ai dirigenti "
            "delle cooperative}}</li><li>bandi</li></ul>",
        ],
    ),
    (
        "list-to-paragraph",
        "en",
        [
            "<ul><li>training</li><li>{{a:support for cooperative managers}}</li></ul>",
            "<p>The Plan offers training and {{a:support for cooperative "
            "managers}}.</p>",
        ],
    ),
    (
        "table-row-added",
        "it",
        [
            "<table><tr><td>2025</td><td>{{a:Mappatura delle organizzazioni}}</td>"
            "</tr></table>",
            "<table><tr><td>2024</td><td>Analisi documentale</td></tr><tr><td>2025"
            "</td><td>{{a:Mappatura delle organizzazioni}}</td></tr></table>",
        ],
    ),
    (
        "table-cell-rewritten",
        "en",
        [
            "<table><tr><td>2025</td><td>{{a:Mapping of organisations}}</td></tr>"
            "</table>",
            "<table><tr><td>2025</td><td>Launch of the working groups</td></tr>"
            "</table>",
        ],
    ),
    (
        "mostly-deleted",
        "it",
        [
            "<p>Si propone {{a:un fondo rotativo per le imprese sociali}} "
            "gestito insieme.</p>",
            "<p>Si propone un fondo gestito insieme.</p>",
        ],
    ),
    (
        "half-kept-above-threshold",
        "it",
        [
            "<p>Si propone {{a:un fondo rotativo per le imprese sociali}} "
            "gestito insieme.</p>",
            "<p>Si propone {{a:un fondo rotativo per le imprese}} gestito insieme.</p>",
        ],
    ),
    (
        "undo-restores",
        "it",
        [
            "<p>Il Piano sostiene {{a:le cooperative di comunità}} delle valli.</p>",
            "<p>Il Piano sostiene i comuni delle valli.</p>",
            "<p>Il Piano sostiene {{a:le cooperative di comunità}} delle valli.</p>",
        ],
    ),
    (
        "heading-edited",
        "it",
        [
            "<h2>{{a:Inclusione lavorativa}}</h2><p>Testo.</p>",
            "<h2>{{a:Inclusione lavorativa e sociale}}</h2><p>Testo.</p>",
        ],
    ),
    (
        "whole-paragraph-extended",
        "en",
        [
            "<p>{{a:The Plan will be reviewed every two years.}}</p><p>Other.</p>",
            "<p>{{a:After the consultation, the Plan will be reviewed every two "
            "years.}}</p><p>Other.</p>",
        ],
    ),
    # Issue 22: shapes an independent corpus found, written by judgement.
    (
        "issue-22-parallel-item-before",
        "it",
        [
            "<p>Il Piano riserva quote degli appalti alle {{a:cooperative sociali "
            "di tipo B}} del territorio.</p>",
            "<p>Il Piano riserva quote degli appalti alle cooperative sociali di "
            "tipo A e alle {{a:cooperative sociali di tipo B}} del territorio.</p>",
        ],
    ),
    (
        "issue-22-parallel-item-before-en",
        "en",
        [
            "<p>Contracts are reserved for {{a:type B social cooperatives}} of "
            "the area.</p>",
            "<p>Contracts are reserved for type A social cooperatives and for "
            "{{a:type B social cooperatives}} of the area.</p>",
        ],
    ),
    (
        "issue-22-parallel-item-after",
        "it",
        [
            "<p>Sono previsti {{a:corsi di formazione per i soci}} delle "
            "cooperative.</p>",
            "<p>Sono previsti {{a:corsi di formazione per i soci}} e corsi di "
            "formazione per i dipendenti delle cooperative.</p>",
        ],
    ),
    (
        "issue-22-frame-kept-replacement",
        "en",
        [
            "<ul><li>{{a:A dedicated tutor for each participant}} in the "
            "schemes.</li><li>Evening courses.</li></ul>",
            "<ul><li>A shared mentor for every ten participants in the "
            "schemes.</li><li>Evening courses.</li></ul>",
        ],
    ),
    (
        "issue-22-orphan-words-back-in-another-sentence",
        "it",
        [
            "<p>Il Piano prevede {{a:un osservatorio sui ritardi di pagamento}} "
            "delle amministrazioni.</p><p>Le scuole ospiteranno laboratori.</p>",
            "<p>Il Piano punta sulla formazione.</p><p>Le scuole ospiteranno "
            "laboratori.</p>",
            "<p>Il Piano punta sulla formazione.</p><p>Le scuole ospiteranno "
            "laboratori. Non servirà più un osservatorio sui ritardi di pagamento, "
            "secondo alcuni.</p>",
        ],
    ),
    (
        "issue-22-orphan-restored-with-its-context",
        "en",
        [
            "<p>The Plan provides for {{a:an observatory on payment delays}} of "
            "public bodies.</p><p>Schools will host workshops.</p>",
            "<p>The Plan focuses on training.</p><p>Schools will host workshops.</p>",
            "<p>The Plan provides for {{a:an observatory on payment delays}} of "
            "public bodies.</p><p>Schools will host workshops.</p>",
        ],
    ),
    (
        "issue-22-one-word-in-a-sentence-moved",
        "it",
        [
            "<p>Un fondo copre i prestiti. Le fondazioni partecipano alla "
            "{{a:valutazione}} dei progetti.</p><p>I bandi escono ogni anno.</p>",
            "<p>Un fondo copre i prestiti.</p><p>Le fondazioni partecipano alla "
            "{{a:valutazione}} dei progetti. I bandi escono ogni anno.</p>",
        ],
    ),
    (
        "issue-22-moved-next-to-the-same-words",
        "en",
        [
            "<p>A fund covers the loans. {{a:Banking foundations take part}} in "
            "the assessment.</p><p>Banking foundations take part in many "
            "boards.</p>",
            "<p>A fund covers the loans.</p><p>Banking foundations take part in "
            "many boards. {{a:Banking foundations take part}} in the "
            "assessment.</p>",
        ],
    ),
    (
        "issue-22-moved-with-a-word-changed",
        "it",
        [
            "<p>Premessa. La Città metropolitana {{a:coordina un tavolo permanente "
            "con i sindaci}} dei comuni più piccoli.</p><p>Altro paragrafo.</p>",
            "<p>Premessa.</p><p>Altro paragrafo. La Città metropolitana "
            "{{a:coordina un tavolo stabile con i sindaci}} dei comuni più "
            "piccoli.</p>",
        ],
    ),
    (
        "issue-22-typo-fixed-inside",
        "it",
        [
            "<p>Il Piano sostiene le {{a:cooperative socilai di comunità}} nelle "
            "valli.</p>",
            "<p>Il Piano sostiene le {{a:cooperative sociali di comunità}} nelle "
            "valli.</p>",
        ],
    ),
    (
        "issue-22-plural-made-singular",
        "en",
        [
            "<p>Each scheme offers {{a:evening language courses}} for workers.</p>",
            "<p>Each scheme offers an {{a:evening language course}} for workers.</p>",
        ],
    ),
    (
        "issue-22-year-changed-inside",
        "it",
        [
            "<p>Obiettivo: {{a:cinquanta nuove imprese sociali entro il 2026}}, "
            "con un monitoraggio annuale.</p>",
            "<p>Obiettivo: {{a:cinquanta nuove imprese sociali entro il 2027}}, "
            "con un monitoraggio annuale.</p>",
        ],
    ),
    (
        "issue-22-two-of-three-content-words-replaced",
        "it",
        [
            "<p>Si propone {{a:uno sportello unico metropolitano}} per "
            "l'orientamento.</p>",
            "<p>Si propone una rete diffusa metropolitana per l'orientamento.</p>",
        ],
    ),
    (
        "issue-22-sentence-reordered-in-its-paragraph",
        "en",
        [
            "<p>Results are published every year. {{a:A standing table meets the "
            "mayors}} each quarter. Data are open.</p>",
            "<p>{{a:A standing table meets the mayors}} each quarter. Results are "
            "published every year. Data are open.</p>",
        ],
    ),
]


def _case(kind, lang, versions, base=None, stored=True):
    case = {"kind": kind, "lang": lang, "versions": versions}
    if base:
        case["base"] = base
    if not stored:
        case["stored"] = False
    return case


def build():
    by_kind = {}
    for seed, base in enumerate(BASES):
        blocks, lang = base["blocks"], base["lang"]
        original = render(blocks)
        for kind, edit in EDITS.items():
            try:
                edited = edit(list(blocks), lang, seed)
            except NotApplicable:
                continue
            versions = [original, render(edited)]
            by_kind.setdefault(kind, []).append(_case(kind, lang, versions, base["id"]))
            if kind in SEARCHED:
                by_kind.setdefault("searched-" + kind, []).append(
                    _case("searched-" + kind, lang, versions, base["id"], stored=False)
                )
        for kind, steps in SEQUENCES.items():
            versions, current = [original], list(blocks)
            try:
                for step in steps:
                    current = EDITS[step](current, lang, seed)
                    versions.append(render(current))
            except NotApplicable:
                continue
            by_kind.setdefault(kind, []).append(_case(kind, lang, versions, base["id"]))
    for kind, lang, versions in SPECIAL:
        by_kind.setdefault("hand-written", []).append(_case(kind, lang, versions))
    return by_kind


def main():
    CORPUS.mkdir(exist_ok=True)
    for old in CORPUS.glob("*.json"):
        old.unlink()
    total = 0
    for kind, cases in sorted(build().items()):
        for number, case in enumerate(cases, 1):
            case["id"] = f"{kind}-{number:03d}"
        path = CORPUS / f"{kind}.json"
        path.write_text(
            json.dumps(cases, ensure_ascii=False, indent=1) + "\n", encoding="utf-8"
        )
        total += len(cases)
    print(f"{total} cases in {CORPUS}")


if __name__ == "__main__":
    main()
