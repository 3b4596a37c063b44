"""A second anchor corpus, built another way: adversarial edits generated on
word tokens, each token carrying whether it belongs to the commented passage.

corpus_build.py writes fixed JSON files by editing strings around ``{{a:``
markers. Here a text is a list of blocks of tokens; every edit moves, copies,
deletes or replaces tokens, and the passage is wherever the tokens flagged as
passage end up: the expected outcome follows from the edit's provenance,
never from running a resolver. The edits are the shapes that broke the
resolver on an independent corpus (issue 22), and their neighbours:

- parallel items inserted before or after the passage that repeat its
  opening or closing words ("di tipo B" → "di tipo A e di tipo B");
- frame-kept replacements: 1..n of the passage's words replaced, expected
  orphaned when fewer than KEEP_CONTENT of its content words survive (the
  stated threshold, counted on the edit's own record of what it replaced);
- revivals: the passage's sentence deleted (orphaned), then either restored
  with its context (expected back) or its words written into an unrelated
  sentence elsewhere (expected orphaned: a quote-only match is for the
  moderators' triage, never public);
- moves that carry the passage's sentence: to another paragraph, next to
  another sentence holding the same words (the moved copy wins), with a word
  of the passage changed on the way;
- distractors (the same words elsewhere from the start), edits of the
  context, insertions and deletions inside, lists and tables, and successive
  revisions mixing all of these.

Cases are made from a fixed seed and split by it: even case numbers are the
tuning half, odd ones the held-out half (``load(half="held-out")``), reported
by ``make bench`` and bounded by the test suite.
"""

from dataclasses import dataclass
from dataclasses import replace
from tests.anchors.corpus import _version
from tests.anchors.corpus import Case
from torino.socialplan.consultation.anchors.mapping import content_word
from torino.socialplan.consultation.anchors.mapping import KEEP_CONTENT

import html
import itertools
import random
import re


SEED = 22
CASES = 480
_TOKEN = re.compile(r"\w+(?:['’]\w+)*|[^\w\s]", re.UNICODE)
_SENTENCE_END = frozenset(".;!?")


@dataclass(frozen=True)
class Token:
    text: str
    glue: bool = False  # no space before it
    flag: bool = False  # part of the passage
    origin: int = -1  # the passage token it was when the comment was posted


def _tokens(sentence):
    out = []
    for match in _TOKEN.finditer(sentence):
        glue = match.start() > 0 and not sentence[match.start() - 1].isspace()
        out.append(Token(match.group(), glue=glue))
    return out


def _is_word(token):
    return token.text[0].isalnum()


def _is_content(token):
    # The spec's definition of a content word; "dell'economia" is judged by
    # its last part, as the resolver's tokens split it.
    return _is_word(token) and content_word(re.split(r"['’]", token.text)[-1])


# Material: paragraphs written for this corpus only (not corpus_sources.py).

TEXTS = {
    "it": [
        (
            "p",
            "Il Piano sostiene le cooperative sociali di tipo B che inseriscono al "
            "lavoro persone svantaggiate. Ogni cooperativa riceve un contributo "
            "annuale per la formazione dei soci lavoratori. Le amministrazioni "
            "locali riservano una quota degli appalti alle imprese sociali del "
            "territorio.",
        ),
        ("h2", "Finanza a impatto sociale"),
        (
            "p",
            "La Camera di commercio promuove strumenti di finanza a impatto per le "
            "imprese sociali. Un fondo di garanzia copre fino al settanta per cento "
            "dei prestiti bancari. Le fondazioni di origine bancaria partecipano "
            "alla valutazione dei progetti.",
        ),
        (
            "li",
            "Un tutor dedicato per ogni partecipante ai percorsi di inserimento.",
        ),
        (
            "li",
            "Una piattaforma comune per le offerte di lavoro delle cooperative.",
        ),
        (
            "li",
            "Corsi serali di lingua italiana per i lavoratori stranieri.",
        ),
        (
            "p",
            "Nelle aree montane le cooperative di comunità gestiscono servizi "
            "essenziali come il trasporto scolastico e la piccola distribuzione. "
            "La Città metropolitana coordina un tavolo permanente con i sindaci "
            "dei comuni più piccoli. I risultati saranno misurati con indicatori "
            "condivisi e pubblicati ogni anno.",
        ),
        ("td", "Indicatore di occupazione"),
        ("td", "Numero di persone svantaggiate assunte entro dodici mesi"),
        (
            "p",
            "Gli enti del terzo settore chiedono tempi di pagamento certi per i "
            "servizi affidati. Il Piano prevede un osservatorio sui ritardi delle "
            "pubbliche amministrazioni. Le scuole superiori ospiteranno laboratori "
            "di educazione all'imprenditorialità sociale.",
        ),
    ],
    "en": [
        (
            "p",
            "The Plan supports type B social cooperatives that bring disadvantaged "
            "people into work. Each cooperative receives an annual grant for the "
            "training of its worker members. Local authorities reserve a share of "
            "public contracts for social enterprises of the area.",
        ),
        ("h2", "Impact finance"),
        (
            "p",
            "The Chamber of Commerce promotes impact finance instruments for social "
            "enterprises. A guarantee fund covers up to seventy per cent of bank "
            "loans. Banking foundations take part in the assessment of projects.",
        ),
        ("li", "A dedicated tutor for each participant in the placement schemes."),
        ("li", "A shared platform for the job offers of the cooperatives."),
        ("li", "Evening language courses for foreign workers."),
        (
            "p",
            "In mountain areas community cooperatives run essential services such "
            "as school transport and small retail. The Metropolitan City "
            "coordinates a standing table with the mayors of the smallest towns. "
            "Results will be measured with shared indicators and published every "
            "year.",
        ),
        ("td", "Employment indicator"),
        ("td", "Number of disadvantaged people hired within twelve months"),
        (
            "p",
            "Third sector bodies ask for reliable payment times for the services "
            "they deliver. The Plan provides for an observatory on the delays of "
            "public administrations. Secondary schools will host workshops on "
            "social entrepreneurship.",
        ),
    ],
}

NEW_WORDS = {
    "it": [
        "regionali",
        "temporanee",
        "mensile",
        "volontari",
        "digitale",
        "rurali",
        "straordinario",
        "mentore",
        "condiviso",
        "giovani",
        "ridotto",
        "sportello",
    ],
    "en": [
        "regional",
        "temporary",
        "monthly",
        "volunteer",
        "digital",
        "rural",
        "extraordinary",
        "mentor",
        "shared",
        "young",
        "reduced",
        "desk",
    ],
}
CONJUNCTIONS = {"it": ["e", "o", ",", "nonché"], "en": ["and", "or", ",", "as well as"]}
UNRELATED = {
    "it": [
        "Non è previsto in alcun modo che {q} entri nel bilancio di quest'anno.",
        "Alcuni partecipanti hanno scritto che {q} non serve più.",
        "Resta escluso dal Piano, per ora, {q}.",
    ],
    "en": [
        "It is not foreseen in any way that {q} enters this year's budget.",
        "Some participants wrote that {q} is no longer needed.",
        "Left out of the Plan, for now: {q}.",
    ],
}
DISTRACTOR = {
    "it": "Si discute anche di {q} in altre sedi.",
    "en": "There is also talk of {q} elsewhere.",
}


class NotApplicable(Exception):
    pass


@dataclass
class Doc:
    blocks: list  # [(tag, [Token])]
    orphaned: bool = False
    quote: str = ""


def _initial(lang, rng):
    blocks = [(tag, _tokens(text)) for tag, text in TEXTS[lang]]
    # The passage: 1..6 words of one sentence, never a heading.
    candidates = []
    for index, (tag, tokens) in enumerate(blocks):
        if tag == "h2":
            continue
        for start, end in _sentences(tokens):
            words = [i for i in range(start, end) if _is_word(tokens[i])]
            candidates.append((index, words))
    index, words = rng.choice(candidates)
    length = min(len(words), rng.choice([1, 2, 2, 3, 3, 4, 4, 5, 6]))
    first = rng.randrange(0, len(words) - length + 1)
    low, high = words[first], words[first + length - 1] + 1
    tag, tokens = blocks[index]
    tokens = [
        replace(token, flag=True, origin=i) if low <= i < high else token
        for i, token in enumerate(tokens)
    ]
    blocks[index] = (tag, tokens)
    return Doc(blocks)


def _sentences(tokens):
    """(start, end) token ranges of the sentences of a block."""
    out, start = [], 0
    for i, token in enumerate(tokens):
        if token.text in _SENTENCE_END:
            out.append((start, i + 1))
            start = i + 1
    if start < len(tokens):
        out.append((start, len(tokens)))
    return out


def _where(doc):
    for index, (_tag, tokens) in enumerate(doc.blocks):
        flagged = [i for i, t in enumerate(tokens) if t.flag]
        if flagged:
            return index, flagged[0], flagged[-1] + 1
    raise NotApplicable("orphaned")


def _carrier(doc):
    """(block, start, end) of the sentence(s) holding the passage."""
    index, low, high = _where(doc)
    tokens = doc.blocks[index][1]
    spans = [s for s in _sentences(tokens) if s[0] < high and low < s[1]]
    return index, spans[0][0], spans[-1][1]


def _passage_text(tokens, low, high):
    return _render_tokens(tokens[low:high]).strip()


def _render_tokens(tokens, marks=False):
    out = []
    inside = False
    for i, token in enumerate(tokens):
        space = "" if (i == 0 or token.glue) else " "
        if marks and token.flag and not inside:
            out.append(space + "{{a:")
            space = ""
            inside = True
        if marks and inside and not token.flag:
            out.append("}}")
            inside = False
        out.append(space + html.escape(token.text, quote=False))
    if inside:
        out.append("}}")
    return "".join(out)


def render(doc):
    parts, index = [], 0
    blocks = doc.blocks
    while index < len(blocks):
        tag, tokens = blocks[index]
        if tag in ("li", "td"):
            group = []
            while index < len(blocks) and blocks[index][0] == tag:
                group.append(_render_tokens(blocks[index][1], marks=True))
                index += 1
            if tag == "li":
                parts.append("<ul>" + "".join(f"<li>{t}</li>" for t in group) + "</ul>")
            else:
                rows = [group[i : i + 2] for i in range(0, len(group), 2)]
                parts.append(
                    "<table><tbody>"
                    + "".join(
                        "<tr>" + "".join(f"<td>{t}</td>" for t in row) + "</tr>"
                        for row in rows
                    )
                    + "</tbody></table>"
                )
            continue
        parts.append(f"<{tag}>{_render_tokens(tokens, marks=True)}</{tag}>")
        index += 1
    return "".join(parts)


def _judge(before, after):
    """Orphan the passage of ``after`` if fewer than KEEP_CONTENT of the
    content words it had in ``before`` came through unchanged."""
    if before.orphaned:
        return after
    try:
        index, low, high = _where(before)
    except NotApplicable:
        return after
    old = before.blocks[index][1][low:high]
    content = [t for t in old if _is_content(t)] or [t for t in old if _is_word(t)]
    # Replaced words lose their origin; retouched ones (a typo fixed, a
    # plural) keep it.
    survivors = {t.origin for _tag, tokens in after.blocks for t in tokens if t.flag}
    kept = sum(1 for t in content if t.origin in survivors)
    if content and kept >= KEEP_CONTENT * len(content) - 1e-9:
        if low == 0 and high == len(before.blocks[index][1]):
            return _whole(after)
        return after
    return _orphan(after, _passage_text(before.blocks[index][1], low, high))


def _whole(doc):
    """A comment on a whole paragraph stays on the whole paragraph."""
    index, _low, _high = _where(doc)
    tokens = [replace(t, flag=True) for t in doc.blocks[index][1]]
    return _set_block(doc, index, tokens)


def _orphan(doc, quote):
    blocks = [
        (tag, [replace(t, flag=False) for t in tokens]) for tag, tokens in doc.blocks
    ]
    return Doc(blocks, orphaned=True, quote=quote)


def _set_block(doc, index, tokens):
    blocks = list(doc.blocks)
    blocks[index] = (blocks[index][0], tokens)
    return Doc(blocks, doc.orphaned, doc.quote)


_ORIGINS = itertools.count(10_000)


def _new(text, flag=False, glue=False):
    """A word the edit wrote: an origin of its own."""
    return Token(text, glue=glue, flag=flag, origin=next(_ORIGINS))


def _phrase(text, flag=False):
    return [
        replace(t, flag=flag, glue=t.glue or t.text in ",.;:") for t in _tokens(text)
    ]


def _plain(tokens):
    return [replace(t, flag=False, origin=-1) for t in tokens]


# Edits ---------------------------------------------------------------------


def _parallel(doc, rng):
    """Where a parallel item goes: the passage's block, its tokens, the
    passage's bounds and how many of its words the item repeats."""
    index, low, high = _where(doc)
    tokens = doc.blocks[index][1]
    if high - low < 2:
        raise NotApplicable("one word")
    return index, tokens, low, high, rng.randrange(1, high - low)


def parallel_before(doc, lang, rng):
    """An item inserted just before the passage, beginning with its words."""
    index, tokens, low, high, keep = _parallel(doc, rng)
    passage = tokens[low:high]
    lead = rng.randrange(0, 3)  # words before the passage repeated too
    context = [t for t in tokens[max(0, low - lead) : low] if _is_word(t)][-lead:]
    inserted = [*_plain(passage[:keep]), _new(rng.choice(NEW_WORDS[lang]))]
    conjunction = rng.choice(CONJUNCTIONS[lang])
    inserted += _phrase(conjunction) + (_plain(context) if lead else [])
    return _set_block(doc, index, tokens[:low] + inserted + tokens[low:])


def parallel_after(doc, lang, rng):
    """An item inserted just after the passage, ending with its words."""
    index, tokens, low, high, keep = _parallel(doc, rng)
    passage = tokens[low:high]
    inserted = _phrase(rng.choice(CONJUNCTIONS[lang]))
    if rng.random() < 0.5:
        inserted += [_new(rng.choice(NEW_WORDS[lang])), *_plain(passage[-keep:])]
    else:
        inserted += [*_plain(passage[:keep]), _new(rng.choice(NEW_WORDS[lang]))]
    return _set_block(doc, index, tokens[:high] + inserted + tokens[high:])


def frame_replace(doc, lang, rng, count=None):
    """1..n of the passage's words replaced, the frame around them kept."""
    index, low, high = _where(doc)
    tokens = list(doc.blocks[index][1])
    words = [i for i in range(low, high) if _is_word(tokens[i])]
    count = count or rng.randrange(1, len(words) + 1)
    pool = [w for w in NEW_WORDS[lang] if w not in {t.text for t in tokens}]
    for i in rng.sample(words, min(count, len(words))):
        tokens[i] = _new(rng.choice(pool), flag=True, glue=tokens[i].glue)
    return _set_block(doc, index, tokens)


def insert_inside(doc, lang, rng):
    index, low, high = _where(doc)
    if high - low < 2:
        raise NotApplicable("one token")
    tokens = doc.blocks[index][1]
    at = rng.randrange(low + 1, high)
    word = _new(rng.choice(NEW_WORDS[lang]), flag=True)
    return _set_block(doc, index, [*tokens[:at], word, *tokens[at:]])


def edit_context(doc, lang, rng):
    """Words just outside the passage replaced or inserted."""
    index, low, high = _where(doc)
    tokens = list(doc.blocks[index][1])
    side = rng.choice(["before", "after"])
    word = _new(rng.choice(NEW_WORDS[lang]))
    if side == "before":
        if low > 0 and _is_word(tokens[low - 1]) and rng.random() < 0.5:
            tokens[low - 1] = replace(word, glue=tokens[low - 1].glue)
        else:
            tokens.insert(low, word)
    else:
        if high < len(tokens) and _is_word(tokens[high]) and rng.random() < 0.5:
            tokens[high] = replace(word, glue=tokens[high].glue)
        else:
            tokens.insert(high, word)
    return _set_block(doc, index, tokens)


def delete_sentence(doc, lang, rng):
    index, start, end = _carrier(doc)
    tokens = doc.blocks[index][1]
    rest = tokens[:start] + tokens[end:]
    if not rest:
        raise NotApplicable("the block would be empty")
    if start == 0:
        rest = [replace(rest[0], glue=False), *rest[1:]]
    return _set_block(doc, index, rest)


def quote_elsewhere(doc, lang, rng):
    """The orphan's words written into an unrelated sentence elsewhere."""
    if not doc.orphaned:
        raise NotApplicable("not orphaned")
    quote = doc.quote
    if not quote[0].isalnum():
        raise NotApplicable("punctuation")
    sentence = _plain(_tokens(rng.choice(UNRELATED[lang]).format(q=quote)))
    index = rng.choice(
        [i for i, (tag, _t) in enumerate(doc.blocks) if tag in ("p", "li")]
    )
    tokens = doc.blocks[index][1]
    new = [*tokens, replace(sentence[0], glue=False), *sentence[1:]]
    return _set_block(doc, index, new)


def move_sentence(doc, lang, rng):
    """The passage's sentence cut and pasted into another block."""
    index, start, end = _carrier(doc)
    tokens = doc.blocks[index][1]
    moved = tokens[start:end]
    rest = tokens[:start] + tokens[end:]
    if not rest:
        raise NotApplicable("the block would be empty")
    if start == 0:
        rest = [replace(rest[0], glue=False), *rest[1:]]
    targets = [i for i, (tag, _t) in enumerate(doc.blocks) if tag == "p" and i != index]
    target = rng.choice(targets)
    doc = _set_block(doc, index, rest)
    target_tokens = doc.blocks[target][1]
    cuts = [0] + [e for _s, e in _sentences(target_tokens)]
    at = rng.choice(cuts)
    moved = [replace(moved[0], glue=False), *moved[1:]]
    new = target_tokens[:at] + moved + target_tokens[at:]
    if at < len(target_tokens):
        new[at + len(moved)] = replace(new[at + len(moved)], glue=False)
    return _set_block(doc, target, new)


def add_distractor(doc, lang, rng):
    """A sentence holding the passage's words, in another block, from the
    first version on."""
    index, low, high = _where(doc)
    quote = _passage_text(doc.blocks[index][1], low, high)
    if not quote[0].isalnum():
        raise NotApplicable("punctuation")
    targets = [i for i, (tag, _t) in enumerate(doc.blocks) if tag == "p" and i != index]
    target = rng.choice(targets)
    sentence = _plain(_tokens(DISTRACTOR[lang].format(q=quote)))
    tokens = doc.blocks[target][1]
    return _set_block(doc, target, tokens + sentence), target


def move_next_to_distractor(doc, lang, rng, target):
    """The passage's sentence moved right after the distractor sentence."""
    index, start, end = _carrier(doc)
    if index == target:
        raise NotApplicable("same block")
    tokens = doc.blocks[index][1]
    moved = tokens[start:end]
    rest = tokens[:start] + tokens[end:]
    if not rest:
        raise NotApplicable("the block would be empty")
    if start == 0:
        rest = [replace(rest[0], glue=False), *rest[1:]]
    doc = _set_block(doc, index, rest)
    target_tokens = doc.blocks[target][1]
    moved = [replace(moved[0], glue=False), *moved[1:]]
    return _set_block(doc, target, target_tokens + moved)


def retouch(doc, lang, rng):
    """A content word of the passage retouched: a plural, a gender, a typo."""
    index, low, high = _where(doc)
    tokens = list(doc.blocks[index][1])
    words = [
        i
        for i in range(low, high)
        if _is_content(tokens[i])
        and len(tokens[i].text) >= 6
        and "'" not in tokens[i].text
    ]
    if not words:
        raise NotApplicable("no long word")
    at = rng.choice(words)
    word = tokens[at].text
    if lang == "en":
        new = word[:-1] if word.endswith("s") else word + "s"
    else:
        last = {"a": "e", "e": "a", "o": "i", "i": "o"}.get(word[-1])
        new = word[:-1] + last if last else word + "e"
    tokens[at] = replace(tokens[at], text=new)
    return _set_block(doc, index, tokens)


def reorder_sentences(doc, lang, rng):
    """The passage's sentence moved to another place in its own paragraph."""
    index, start, end = _carrier(doc)
    tokens = doc.blocks[index][1]
    spans = _sentences(tokens)
    if len(spans) < 2:
        raise NotApplicable("one sentence")
    moved = tokens[start:end]
    rest = tokens[:start] + tokens[end:]
    cuts = [0] + [e for _s, e in _sentences(rest)]
    cuts = [c for c in cuts if c != start]
    at = rng.choice(cuts)
    new = [*rest[:at], *moved, *rest[at:]]
    new = [
        replace(t, glue=t.glue and i > 0 and t.text in ",.;:")
        if t.text[0].isalnum() or i == 0
        else t
        for i, t in enumerate(new)
    ]
    return _set_block(doc, index, new)


def delete_edge_word(doc, lang, rng):
    index, low, high = _where(doc)
    if high - low < 2:
        raise NotApplicable("one token")
    tokens = list(doc.blocks[index][1])
    at = low if rng.random() < 0.5 else high - 1
    del tokens[at]
    if at < len(tokens) and at == low:
        tokens[at] = replace(tokens[at], glue=tokens[at].glue and at > 0)
    return _set_block(doc, index, tokens)


# Cases ---------------------------------------------------------------------

SHAPES = (
    "parallel-before",
    "parallel-after",
    "frame-replace",
    "revival-with-context",
    "revival-quote-only",
    "move-sentence",
    "move-sentence-one-word",
    "move-next-to-duplicate",
    "move-with-word-changed",
    "distractor-then-delete",
    "context-and-inside",
    "retouched-word",
    "reordered-sentences",
    "mixed",
)


def _make(shape, lang, rng):  # noqa: C901 (one branch a shape)
    doc = _initial(lang, rng)
    if shape == "move-sentence-one-word":
        doc = _one_word(doc, lang, rng)
    versions = [doc]
    target = None
    if shape in ("move-next-to-duplicate", "distractor-then-delete"):
        doc, target = add_distractor(doc, lang, rng)
        versions = [doc]

    def step(edit, *args):
        nonlocal doc
        edited = edit(doc, lang, rng, *args)
        doc = _judge(doc, edited)
        versions.append(doc)

    if shape == "parallel-before":
        step(parallel_before)
    elif shape == "parallel-after":
        step(parallel_after)
    elif shape == "frame-replace":
        step(frame_replace)
    elif shape == "revival-with-context":
        step(delete_sentence)
        versions.append(versions[-2])  # the deletion undone
    elif shape == "revival-quote-only":
        step(delete_sentence)
        step(quote_elsewhere)
    elif shape in ("move-sentence", "move-sentence-one-word"):
        step(move_sentence)
    elif shape == "move-next-to-duplicate":
        step(move_next_to_distractor, target)
    elif shape == "move-with-word-changed":
        step(move_sentence)
        step(frame_replace, 1)
        # Both in one save: the editor moved and retouched the sentence.
        versions[-2:] = [versions[-1]]
    elif shape == "distractor-then-delete":
        step(delete_sentence)
    elif shape == "retouched-word":
        step(retouch)
        step(rng.choice([parallel_before, parallel_after, edit_context, retouch]))
    elif shape == "reordered-sentences":
        step(reorder_sentences)
    elif shape == "context-and-inside":
        step(rng.choice([edit_context, insert_inside, delete_edge_word]))
        step(rng.choice([edit_context, parallel_before, parallel_after]))
    else:
        edits = [
            parallel_before,
            parallel_after,
            edit_context,
            insert_inside,
            move_sentence,
            delete_edge_word,
            frame_replace,
            retouch,
            reorder_sentences,
        ]
        for _i in range(rng.randrange(2, 5)):
            try:
                step(rng.choice(edits))
            except NotApplicable:
                continue
            if doc.orphaned:
                if rng.random() < 0.5:
                    step(quote_elsewhere)
                break
    if len(versions) < 2:
        raise NotApplicable("no edit")
    return versions


def _one_word(doc, lang, rng):
    """Narrow the passage to one content word of its sentence."""
    index, low, _high = _where(doc)
    tokens = doc.blocks[index][1]
    start, end = next(s for s in _sentences(tokens) if s[0] <= low < s[1])
    words = [i for i in range(start, end) if _is_content(tokens[i])]
    at = rng.choice(words)
    new = [
        replace(t, flag=i == at, origin=i if i == at else -1)
        for i, t in enumerate(tokens)
    ]
    return _set_block(doc, index, new)


def _case(number, seed=SEED):
    rng = random.Random(f"{seed}-{number}")  # noqa: S311 (reproducible cases)
    # Each shape eight times first (four in each half), then any.
    planned = number < 8 * len(SHAPES)
    shape = SHAPES[(number // 2) % len(SHAPES)] if planned else None
    for _attempt in range(50):
        lang = rng.choice(["it", "en"])
        kind = shape or rng.choice(SHAPES)
        try:
            docs = _make(kind, lang, rng)
        except (NotApplicable, IndexError, ValueError):
            continue
        versions = [_version(render(doc)) for doc in docs]
        if versions[0].span is None:
            continue
        half = "held-out" if number % 2 else "tuning"
        return Case(f"adv-{number:04d}-{half}", kind, lang, versions)
    raise RuntimeError(f"no case for {number}")


def load(half=None, count=CASES, seed=SEED):
    """The adversarial cases: all, or one half ("tuning", "held-out")."""
    cases = [_case(number, seed) for number in range(count)]
    if half is None:
        return cases
    return [case for case in cases if case.id.endswith(half)]
