"""Paragraph ids and passage anchors (pure functions, no Plone layer)."""

from lxml import etree
from persistent.mapping import PersistentMapping
from torino.socialplan.consultation import anchors
from torino.socialplan.consultation.anchors import Anchoring
from torino.socialplan.consultation.anchors import annotate_html
from torino.socialplan.consultation.anchors import carry_ids
from torino.socialplan.consultation.anchors import document_text
from torino.socialplan.consultation.anchors import extract_paragraph_texts
from torino.socialplan.consultation.anchors import normalize
from torino.socialplan.consultation.anchors import Paragraph
from torino.socialplan.consultation.anchors import random_id
from torino.socialplan.consultation.anchors import resolve
from torino.socialplan.consultation.anchors import selector_for
from torino.socialplan.consultation.anchors import SelectorError
from torino.socialplan.consultation.anchors import validate_selector
from zope.i18nmessageid import Message

import itertools
import json
import lxml.html
import pytest
import random
import re
import shutil
import subprocess
import unicodedata


CHAPTER = [
    "Obiettivi del Piano",
    "Il Piano metropolitano per l'economia sociale sostiene le imprese sociali, "
    "le cooperative e le associazioni del territorio.",
    "La Città metropolitana di Torino coordina i tavoli di lavoro con la Camera "
    "di commercio e le reti del terzo settore.",
    "Ogni azione indica le istituzioni capofila, i partner, gli indicatori e il "
    "bilancio previsto per il triennio.",
    "Le organizzazioni possono impegnarsi a contribuire alle azioni del Piano.",
]


def numbered(texts):
    return [Paragraph(f"p-{index:08x}", text) for index, text in enumerate(texts)]


def quote(paragraphs, index, phrase, occurrence=0):
    """The selector the browser would send for ``phrase`` in paragraph ``index``."""
    text = paragraphs[index].text
    start = -1
    for _i in range(occurrence + 1):
        start = text.index(phrase, start + 1)
    return selector_for(paragraphs, paragraphs[index].id, start, start + len(phrase))


def passage(anchoring, paragraphs):
    return dict(paragraphs)[anchoring.paragraph][anchoring.start : anchoring.end]


# normalize ------------------------------------------------------------------

JS_WHITESPACE = {9, 10, 11, 12, 13, 32, 0xA0, 0x1680, 0x2028, 0x2029, 0x202F}
JS_WHITESPACE |= set(range(0x2000, 0x200B)) | {0x205F, 0x3000, 0xFEFF}


def test_normalize_collapses_and_strips():
    assert normalize("  Uno\u00a0\u00a0due\n\t tre\u2009quattro\u3000 ") == (
        "Uno due tre quattro"
    )
    assert normalize("") == ""
    assert normalize(None) == ""
    assert normalize("\u00a0\ufeff ") == ""


def test_normalize_whitespace_is_javascript_whitespace():
    # Every BMP character: collapsed exactly when JavaScript's \s matches it.
    collapsed = {
        code
        for code in range(0x10000)
        if not 0xD800 <= code <= 0xDFFF and normalize(f"a{chr(code)}b") == "a b"
    }
    assert collapsed == JS_WHITESPACE
    # Python's own notion differs (these are not JavaScript whitespace).
    assert normalize("a\x85b\x1c") == "a\x85b\x1c"
    assert normalize("\u200b") == "\u200b"


@pytest.mark.skipif(not shutil.which("node"), reason="needs node")
def test_normalize_matches_javascript():
    samples = [
        "  Città\u00a0metropolitana\n\n di Torino ",
        "\u2003é\u0301\u3000😀 \ufeff",
        "\x85 a \x1c",
        "tab\tand\u2028line\u2029sep\u202fnarrow",
    ]
    script = (
        "const s = JSON.parse(process.argv[1]);"
        "const ws = [];"
        "for (let c = 0; c < 0x10000; c++) {"
        "  if (/\\s/.test(String.fromCharCode(c))) ws.push(c); }"
        "console.log(JSON.stringify({ws, out: s.map("
        "  t => t.replace(/\\s+/g, ' ').trim())}));"
    )
    result = subprocess.run(
        ["node", "-e", script, json.dumps(samples)],
        capture_output=True,
        text=True,
        check=True,
        timeout=30,
    )
    data = json.loads(result.stdout)
    assert set(data["ws"]) == JS_WHITESPACE
    assert data["out"] == [normalize(sample) for sample in samples]


# extract_paragraph_texts ----------------------------------------------------


def test_extract_blocks_in_order():
    html = (
        "<h2>Titolo</h2><p>Primo <strong>paragrafo</strong>.</p>"
        "<h3>Sotto</h3><pre>  a\n   b</pre><dl><dt>Termine</dt><dd>Definizione</dd></dl>"
        "<figure><img src='x.png' alt='x'><figcaption>Didascalia</figcaption></figure>"
        "<h1>Grande</h1>"
    )
    assert extract_paragraph_texts(html) == [
        "Titolo",
        "Primo paragrafo.",
        "Sotto",
        "a b",
        "Termine",
        "Definizione",
        "Didascalia",
        "Grande",
    ]


def test_extract_decodes_entities_and_collapses_whitespace():
    html = "<p>Uno&nbsp;&amp;&nbsp; due &egrave; <em>tre</em>\n  &#8212; fine&nbsp;</p>"
    assert extract_paragraph_texts(html) == ["Uno & due è tre — fine"]


def test_extract_is_text_content():
    # <br> adds nothing, like the DOM's textContent; comments are not text.
    html = "<p>riga uno<br>riga due<!-- nota --> <a href='#'>link</a></p>"
    assert extract_paragraph_texts(html) == ["riga unoriga due link"]


def test_extract_skips_empty_paragraphs():
    html = "<p>&nbsp;</p><p> </p><p><img src='x.png'></p><p>Testo</p><p><br></p>"
    assert extract_paragraph_texts(html) == ["Testo"]


@pytest.mark.parametrize("html", [None, "", "   ", "<p></p>", "<!-- c -->"])
def test_extract_nothing(html):
    assert extract_paragraph_texts(html) == []


def test_extract_nested_lists_innermost_blocks():
    html = (
        "<ul><li><p>Voce con paragrafo</p></li>"
        "<li>Voce semplice</li>"
        "<li>Voce madre<ol><li>Figlia uno</li><li><p>Figlia due</p></li></ol>"
        " coda della madre</li></ul>"
    )
    assert extract_paragraph_texts(html) == [
        "Voce con paragrafo",
        "Voce semplice",
        "Voce madre",
        "Figlia uno",
        "Figlia due",
        "coda della madre",
    ]


def test_extract_tables():
    html = (
        "<table><caption>Indicatori</caption><thead><tr><th>Nome</th><th>Valore</th>"
        "</tr></thead><tbody><tr><td>Imprese</td><td>120</td></tr>"
        "<tr><td><p>Cooperative</p><p>sociali</p></td><td>&nbsp;</td></tr>"
        "</tbody></table>"
    )
    assert extract_paragraph_texts(html) == [
        "Indicatori",
        "Nome",
        "Valore",
        "Imprese",
        "120",
        "Cooperative",
        "sociali",
    ]


def test_extract_blockquotes():
    html = (
        "<blockquote>Citazione semplice</blockquote>"
        "<blockquote><p>Citazione in paragrafi</p><p>seconda</p></blockquote>"
    )
    assert extract_paragraph_texts(html) == [
        "Citazione semplice",
        "Citazione in paragrafi",
        "seconda",
    ]


def test_extract_loose_text_between_blocks():
    html = "Introduzione <em>libera</em><p>Paragrafo</p>coda<div>Blocco</div>"
    assert extract_paragraph_texts(html) == [
        "Introduzione libera",
        "Paragrafo",
        "coda",
        "Blocco",
    ]


def test_document_text():
    paragraphs = numbered(["uno", "due", "tre"])
    assert document_text(paragraphs) == "uno\ndue\ntre"
    assert document_text(["a", "b"]) == "a\nb"
    assert document_text([]) == ""


# annotate_html ---------------------------------------------------------------


def annotated_ids(html):
    root = lxml.html.fragment_fromstring(html, create_parent="div")
    return [(el.get("data-paragraph"), el.get("id")) for el in root.iter()][1:]


def strip_annotations(html):
    root = lxml.html.fragment_fromstring(html, create_parent="div")
    for element in root.iter():
        paragraph_id = element.attrib.pop("data-paragraph", None)
        if paragraph_id and element.get("id") == paragraph_id:
            del element.attrib["id"]
    return lxml.html.tostring(root, encoding="unicode")


def reserialised(html):
    root = lxml.html.fragment_fromstring(html, create_parent="div")
    return lxml.html.tostring(root, encoding="unicode")


def test_annotate_adds_ids_and_nothing_else():
    html = (
        '<h2 class="x">Titolo</h2>\n<p>Testo <a href="/a?b=1&amp;c=2" title="t">'
        "link</a> &egrave;</p>\n<ul><li><p>Voce</p></li></ul>"
    )
    result = annotate_html(html, ["p-1", "p-2", "p-3"])
    assert result == (
        '<h2 class="x" data-paragraph="p-1" id="p-1">Titolo</h2>\n'
        '<p data-paragraph="p-2" id="p-2">Testo <a href="/a?b=1&amp;c=2" title="t">'
        'link</a> è</p>\n<ul><li><p data-paragraph="p-3" id="p-3">Voce</p></li></ul>'
    )
    assert strip_annotations(result) == reserialised(html)


def test_annotate_keeps_existing_ids():
    html = '<p id="intro">Uno</p><p>Due</p>'
    result = annotate_html(html, ["p-aaaaaaaa", "p-bbbbbbbb"])
    assert result == (
        '<p id="intro" data-paragraph="p-aaaaaaaa">Uno</p>'
        '<p data-paragraph="p-bbbbbbbb" id="p-bbbbbbbb">Due</p>'
    )


def test_annotate_wraps_loose_text_only():
    html = "<ul><li>Voce <b>madre</b><ul><li>Figlia</li></ul> coda</li></ul>"
    result = annotate_html(html, ["p-1", "p-2", "p-3"])
    assert result == (
        '<ul><li><span data-paragraph="p-1" id="p-1">Voce <b>madre</b></span>'
        '<ul><li data-paragraph="p-2" id="p-2">Figlia</li></ul>'
        '<span data-paragraph="p-3" id="p-3"> coda</span></li></ul>'
    )


SAMPLES = [
    "".join(f"<p>{text}</p>" for text in CHAPTER),
    "Libero<p>a &amp; b</p>coda<ul><li>x<ol><li><p>y</p></li></ol>z</li></ul>",
    "<table><tr><th>A</th><td><p>B</p>C</td></tr></table><blockquote>D</blockquote>",
    "<div><section><h4>E</h4><div>F<p>G</p></div></section></div><p>&nbsp;</p>",
]


@pytest.mark.parametrize("html", SAMPLES)
def test_annotate_order_matches_extract(html):
    texts = extract_paragraph_texts(html)
    ids = [f"p-{index:08x}" for index in range(len(texts))]
    result = annotate_html(html, ids)
    root = lxml.html.fragment_fromstring(result, create_parent="div")
    marked = root.xpath("//*[@data-paragraph]")
    assert [el.get("data-paragraph") for el in marked] == ids
    assert [normalize(el.text_content()) for el in marked] == texts
    # Paragraph elements never nest, so highlights stay within one.
    for element in marked:
        assert not element.xpath(".//*[@data-paragraph]")
    # Annotating is stable: the annotated HTML gives the same paragraphs.
    assert extract_paragraph_texts(result) == texts
    assert annotate_html(result, ids) == result


def test_annotate_marks_a_lone_element_instead_of_wrapping():
    html = '<ul><li>\n <a href="/azioni">Azioni</a>\n<ul><li>Una</li></ul></li></ul>'
    assert extract_paragraph_texts(html) == ["Azioni", "Una"]
    assert annotate_html(html, ["p-1", "p-2"]) == (
        '<ul><li>\n <a href="/azioni" data-paragraph="p-1" id="p-1">Azioni</a>\n'
        '<ul><li data-paragraph="p-2" id="p-2">Una</li></ul></li></ul>'
    )


def test_annotate_checks_the_number_of_ids():
    with pytest.raises(ValueError):
        annotate_html("<p>a</p><p>b</p>", ["p-1"])
    with pytest.raises(ValueError):
        annotate_html("<p>a</p>", ["p-1", "p-2"])


def test_annotate_without_paragraphs_returns_the_html():
    assert annotate_html("<p>&nbsp;</p>", []) == "<p>&nbsp;</p>"
    assert annotate_html("", []) == ""
    assert annotate_html(None, []) == ""


def test_annotated_html_is_valid_markup():
    result = annotate_html(SAMPLES[1], [f"p-{i}" for i in range(6)])
    # Well-formed enough for an XML parser once void elements are absent.
    etree.fromstring(f"<div>{result}</div>")


# carry_ids ------------------------------------------------------------------


def counter_ids(prefix="p-new"):
    numbers = itertools.count()
    return lambda: f"{prefix}{next(numbers):03d}"


def test_carry_ids_first_sight():
    result = carry_ids([], ["a", "b"], new_id=counter_ids())
    assert result == [Paragraph("p-new000", "a"), Paragraph("p-new001", "b")]


def test_carry_ids_identical_text_keeps_id_when_moved():
    old = numbered(CHAPTER)
    new_texts = [CHAPTER[0], CHAPTER[3], CHAPTER[1], CHAPTER[2], CHAPTER[4]]
    result = carry_ids(old, new_texts, new_id=counter_ids())
    assert [p.id for p in result] == [old[i].id for i in (0, 3, 1, 2, 4)]


def test_carry_ids_edited_paragraph_keeps_id():
    old = numbered(CHAPTER)
    new_texts = list(CHAPTER)
    new_texts[2] = new_texts[2].replace("coordina", "guida")
    new_texts[4] = new_texts[4] + " Entro il 2026."
    result = carry_ids(old, new_texts, new_id=counter_ids())
    assert [p.id for p in result] == [p.id for p in old]
    assert [p.text for p in result] == new_texts


def test_carry_ids_inserted_and_deleted():
    old = numbered(CHAPTER)
    inserted = "Un paragrafo del tutto nuovo, scritto dopo la prima lettura del testo."
    edited = CHAPTER[3].replace("triennio", "quinquennio")
    new_texts = [CHAPTER[0], inserted, CHAPTER[1], edited, CHAPTER[4]]  # 2 deleted
    result = carry_ids(old, new_texts, new_id=counter_ids())
    assert [p.id for p in result] == [
        old[0].id,
        "p-new000",
        old[1].id,
        old[3].id,
        old[4].id,
    ]
    assert old[2].id not in {p.id for p in result}


def test_carry_ids_rewritten_paragraph_gets_new_id():
    old = numbered(["Testo originale sulle cooperative."])
    result = carry_ids(old, ["Zzz qqq xxx."], new_id=counter_ids())
    assert result == [Paragraph("p-new000", "Zzz qqq xxx.")]


def test_carry_ids_similar_edits_keep_order():
    # Two edited paragraphs: each keeps its own id, not the other's.
    old = numbered(["Azione uno: formazione.", "Azione due: finanza."])
    new_texts = ["Azione uno: formazione continua.", "Azione due: finanza etica."]
    result = carry_ids(old, new_texts, new_id=counter_ids())
    assert [p.id for p in result] == [old[0].id, old[1].id]


def test_carry_ids_swapped_and_edited_keeps_one():
    # The alignment keeps the order: of two edited paragraphs that also swapped
    # places, only one can keep its id.
    old = numbered(CHAPTER[1:3])
    new_texts = [CHAPTER[2] + " Altro.", CHAPTER[1] + " Altro."]
    result = carry_ids(old, new_texts, new_id=counter_ids())
    assert len({p.id for p in result} & {p.id for p in old}) == 1
    assert "p-new000" in {p.id for p in result}


def test_carry_ids_long_paragraphs_by_words():
    long_text = " ".join(CHAPTER[1:]) * 2
    assert len(long_text) > 200
    edited = long_text.replace("imprese", "aziende").replace("Piano", "piano")
    # The same words in another order: not the same paragraph.
    shuffled = " ".join(reversed(long_text.split()))
    old = numbered([long_text])
    result = carry_ids(old, [shuffled, edited], new_id=counter_ids())
    assert [p.id for p in result] == ["p-new000", old[0].id]


def test_carry_ids_duplicates_never_share_an_id():
    old = numbered(["Sì.", "Testo", "Sì."])
    result = carry_ids(old, ["Sì.", "Sì.", "Sì.", "Testo"], new_id=counter_ids())
    assert [p.id for p in result] == [old[0].id, old[2].id, "p-new000", old[1].id]
    # Duplicate ids in the stored paragraphs are not propagated either.
    broken = [Paragraph("p-1", "uno"), Paragraph("p-1", "due")]
    result = carry_ids(broken, ["uno", "due"], new_id=counter_ids())
    assert [p.id for p in result] == ["p-1", "p-new000"]


def test_carry_ids_new_ids_avoid_old_ones():
    old = numbered(["uno", "due"])
    ids = iter([old[1].id, old[0].id, "p-fresh"])
    result = carry_ids(old, ["uno", "altro del tutto"], new_id=lambda: next(ids))
    assert [p.id for p in result] == [old[0].id, "p-fresh"]


def test_carry_ids_random_edits_keep_ids_unique():
    rng = random.Random(5)  # noqa: S311
    words = [
        "piano",
        "azione",
        "rete",
        "impresa",
        "sociale",
        "torino",
        "città",
        "bilancio",
    ]
    texts = [" ".join(rng.choices(words, k=8)) for _i in range(20)]
    paragraphs = carry_ids([], texts)
    for _round in range(30):
        texts = [p.text for p in paragraphs]
        for _edit in range(4):
            kind = rng.choice(["insert", "delete", "move", "edit", "duplicate"])
            index = rng.randrange(len(texts))
            if kind == "insert":
                texts.insert(index, " ".join(rng.choices(words, k=6)))
            elif kind == "delete" and len(texts) > 2:
                del texts[index]
            elif kind == "move":
                texts.insert(rng.randrange(len(texts)), texts.pop(index))
            elif kind == "edit":
                texts[index] = texts[index] + " " + rng.choice(words)
            else:
                texts.insert(index, texts[index])
        old_ids = {p.id for p in paragraphs}
        paragraphs = carry_ids(paragraphs, texts)
        ids = [p.id for p in paragraphs]
        assert len(set(ids)) == len(ids)
        assert [p.text for p in paragraphs] == texts
        assert all(re.fullmatch(r"p-[0-9a-f]{8}", i) for i in ids if i not in old_ids)


def test_random_id():
    values = {random_id() for _i in range(200)}
    assert len(values) == 200
    assert all(re.fullmatch(r"p-[0-9a-f]{8}", value) for value in values)


# validate_selector -----------------------------------------------------------


def test_validate_cleans_the_selector():
    cleaned = validate_selector(
        {
            "exact": "  economia\u00a0 sociale\n",
            "prefix": "per l'",
            "suffix": " sostiene\n ",
            "position": {"start": 50, "end": 66},
        }
    )
    assert cleaned == {
        "exact": "economia sociale",
        # Whitespace collapsed, not stripped: the space before "sostiene"
        # is part of the text.
        "prefix": "per l'",
        "suffix": " sostiene ",
        "position": {"start": 50, "end": 66},
    }


def test_validate_optional_parts():
    assert validate_selector({"exact": "x"}) == {
        "exact": "x",
        "prefix": "",
        "suffix": "",
    }
    cleaned = validate_selector(
        {"exact": "x", "prefix": None, "suffix": None, "position": None}
    )
    assert cleaned == {"exact": "x", "prefix": "", "suffix": ""}


@pytest.mark.parametrize(
    "value, words",
    [
        (None, "object"),
        ("economia", "object"),
        (["economia"], "object"),
        ({}, "missing"),
        ({"prefix": "a"}, "missing"),
        ({"exact": 3}, "must be text"),
        ({"exact": None}, "must be text"),
        ({"exact": " \u00a0\n "}, "empty"),
        ({"exact": "x" * 1001}, "too long"),
        ({"exact": "x" * 100_000}, "too long"),
        ({"exact": "x", "prefix": 3}, "before the passage must be text"),
        ({"exact": "x", "suffix": ["a"]}, "after the passage must be text"),
        ({"exact": "x", "prefix": "a" * 65}, "before the passage is too long"),
        ({"exact": "x", "suffix": "a" * 65}, "after the passage is too long"),
        ({"exact": "x", "position": 3}, "position"),
        ({"exact": "x", "position": {"start": 3}}, "position"),
        ({"exact": "x", "position": {"start": -1, "end": 3}}, "position"),
        ({"exact": "x", "position": {"start": 3, "end": 3}}, "position"),
        ({"exact": "x", "position": {"start": 4, "end": 3}}, "position"),
        ({"exact": "x", "position": {"start": "1", "end": 3}}, "position"),
        ({"exact": "x", "position": {"start": 1.0, "end": 3}}, "position"),
        ({"exact": "x", "position": {"start": True, "end": 3}}, "position"),
        ({"exact": "x", "position": {"start": 1, "end": 3, "x": 1}}, "position"),
        ({"exact": "x", "type": "TextQuoteSelector"}, "Unknown properties"),
    ],
)
def test_validate_rejects(value, words):
    with pytest.raises(SelectorError) as info:
        validate_selector(value)
    message = info.value.message
    assert isinstance(message, Message)
    assert message.domain == "torino.socialplan"
    assert words in message or words in str(message.mapping)
    assert isinstance(info.value, ValueError)


def test_validate_limits_count_normalised_text():
    # Whitespace runs collapse before measuring.
    assert validate_selector({"exact": "x" + " " * 2000 + "y"})["exact"] == "x y"
    assert validate_selector({"exact": "x", "prefix": "a" + "\n" * 100 + "b"})[
        "prefix"
    ] == ("a b")
    with pytest.raises(SelectorError) as info:
        validate_selector({"exact": "x", "unknown": 1, "other": 2})
    assert info.value.message.mapping == {"names": "other, unknown"}


# selector_for -----------------------------------------------------------------


def test_selector_for_whole_paragraph():
    paragraphs = numbered(CHAPTER)
    selector = selector_for(paragraphs, paragraphs[1].id)
    offset = len(CHAPTER[0]) + 1
    assert selector == {
        "exact": CHAPTER[1],
        "prefix": "",
        "suffix": "",
        "position": {"start": offset, "end": offset + len(CHAPTER[1])},
    }


def test_selector_for_span():
    paragraphs = numbered(CHAPTER)
    start = CHAPTER[2].index("coordina")
    selector = selector_for(paragraphs, paragraphs[2].id, start - 1, start + 9)
    assert selector["exact"] == "coordina"  # surrounding spaces trimmed
    # The 32 characters before and after, spaces included.
    assert selector["prefix"] == "a Città metropolitana di Torino "
    assert CHAPTER[2][start - 32 : start] == selector["prefix"]
    assert selector["suffix"] == " i tavoli di lavoro con la Camer"
    assert CHAPTER[2][start + 8 : start + 40] == selector["suffix"]
    document = document_text(paragraphs)
    position = selector["position"]
    assert document[position["start"] : position["end"]] == "coordina"


@pytest.mark.parametrize("start, end", [(-1, 3), (3, 3), (4, 2), (0, 1000), (0, 1)])
def test_selector_for_rejects_bad_spans(start, end):
    paragraphs = numbered([" x" if start == 0 and end == 1 else "Obiettivi"])
    with pytest.raises(SelectorError):
        selector_for(paragraphs, paragraphs[0].id, start, end)


def test_selector_for_unknown_paragraph():
    with pytest.raises(SelectorError) as info:
        selector_for(numbered(CHAPTER), "p-missing")
    assert isinstance(info.value.message, Message)


def test_selector_for_round_trips_on_every_paragraph_and_word():
    texts = [*CHAPTER, "Sì.", CHAPTER[1], "Sì."]  # repeated paragraphs too
    paragraphs = numbered(texts)
    for paragraph in paragraphs:
        result = resolve(selector_for(paragraphs, paragraph.id), paragraphs)
        assert result == Anchoring(paragraph.id, 0, len(paragraph.text), "exact", 1.0)
        for match in re.finditer(r"\w+", paragraph.text):
            selector = selector_for(paragraphs, paragraph.id, *match.span())
            result = resolve(selector, paragraphs)
            assert (result.paragraph, result.start, result.end) == (
                paragraph.id,
                *match.span(),
            )
            assert result.method == "exact"


# resolve: exact and context --------------------------------------------------


def test_resolve_exact():
    paragraphs = numbered(CHAPTER)
    selector = quote(paragraphs, 2, "Camera di commercio")
    result = resolve(selector, paragraphs)
    start = CHAPTER[2].index("Camera")
    assert result == Anchoring(paragraphs[2].id, start, start + 19, "exact", 1.0)


def test_resolve_exact_does_not_go_fuzzy(monkeypatch):
    def fail(query):
        raise AssertionError("fuzzy search for an exact quote")

    monkeypatch.setattr(anchors.resolution, "_fuzzy", fail)
    paragraphs = numbered(CHAPTER * 6)
    assert resolve(quote(paragraphs, 28, "capofila"), paragraphs).paragraph == (
        paragraphs[28].id
    )


def test_resolve_after_paragraph_inserted_before():
    before = numbered(CHAPTER)
    selector = quote(before, 3, "istituzioni capofila")
    after = carry_ids(
        before, [CHAPTER[0], "Nuovo paragrafo introduttivo.", *CHAPTER[1:]]
    )
    result = resolve(selector, after)
    assert result.paragraph == before[3].id
    assert passage(result, after) == "istituzioni capofila"
    assert result.method == "exact"


def test_resolve_after_edit_nearby_is_context():
    before = numbered(CHAPTER)
    selector = quote(before, 2, "tavoli di lavoro")
    texts = list(CHAPTER)
    texts[2] = texts[2].replace("coordina i", "promuove e coordina gli")
    after = carry_ids(before, texts)
    result = resolve(selector, after)
    assert result.paragraph == before[2].id
    assert passage(result, after) == "tavoli di lavoro"
    assert result.method == "context"
    assert 0.5 < result.score < 1


def test_resolve_moved_paragraph():
    before = numbered(CHAPTER)
    selector = quote(before, 1, "imprese sociali")
    texts = [CHAPTER[0], CHAPTER[2], CHAPTER[3], CHAPTER[4], CHAPTER[1]]
    after = carry_ids(before, texts)
    result = resolve(selector, after)
    assert result.paragraph == before[1].id
    assert passage(result, after) == "imprese sociali"
    assert result.method == "exact"


def test_resolve_deleted_passage_is_none():
    before = numbered(CHAPTER)
    selector = quote(
        before, 2, "con la Camera di commercio e le reti del terzo settore"
    )
    texts = list(CHAPTER)
    texts[2] = "La Città metropolitana di Torino coordina i tavoli di lavoro."
    assert resolve(selector, carry_ids(before, texts)) is None
    assert resolve(selector, carry_ids(before, [CHAPTER[0], CHAPTER[4]])) is None


def test_resolve_stored_selector_mappings():
    # Stored anchors may come back as persistent mappings, not dicts.
    paragraphs = numbered(["Sì.", "Testo.", "Sì."])
    selector = selector_for(paragraphs, paragraphs[2].id)
    stored = PersistentMapping(selector)
    stored["position"] = PersistentMapping(selector["position"])
    assert resolve(stored, paragraphs).paragraph == paragraphs[2].id
    assert validate_selector(stored) == selector


def test_resolve_nothing():
    paragraphs = numbered(CHAPTER)
    assert resolve({"exact": "Piano"}, []) is None
    assert resolve({"exact": "  "}, paragraphs) is None
    assert resolve({"exact": "qzx"}, paragraphs) is None


REPEATED = [
    "Il Piano sostiene le imprese sociali della città.",
    "Le imprese sociali partecipano ai tavoli del Piano.",
    "Per il Piano le imprese sociali sono centrali.",
]


def test_resolve_repeated_phrase_by_context():
    paragraphs = numbered(REPEATED)
    for index in range(3):
        selector = quote(paragraphs, index, "imprese sociali")
        result = resolve(selector, paragraphs)
        assert result.paragraph == paragraphs[index].id
        assert result.method == "exact"
        # Without position too: the context alone decides.
        del selector["position"]
        assert resolve(selector, paragraphs).paragraph == paragraphs[index].id


def test_resolve_repeated_phrase_within_a_paragraph():
    text = "Rete e rete: la rete delle reti, la rete."
    paragraphs = numbered([text])
    for occurrence in range(3):
        selector = quote(paragraphs, 0, "rete", occurrence)
        result = resolve(selector, paragraphs)
        start = [m.start() for m in re.finditer("rete", text)][occurrence]
        assert (result.start, result.end) == (start, start + 4)


def test_resolve_repeated_phrase_by_position_then_order():
    paragraphs = numbered(["Sì.", "Testo.", "Sì.", "Sì."])
    for index in (0, 2, 3):
        selector = selector_for(paragraphs, paragraphs[index].id)
        assert resolve(selector, paragraphs).paragraph == paragraphs[index].id
    assert resolve({"exact": "Sì."}, paragraphs).paragraph == paragraphs[0].id
    # A stale position still picks the nearest occurrence.
    selector = {"exact": "Sì.", "position": {"start": 15, "end": 18}}
    assert resolve(selector, paragraphs).paragraph == paragraphs[3].id


def test_resolve_repeated_phrase_context_edited():
    # The word right before the quoted occurrence changed; another occurrence
    # shares the last characters of the prefix by chance: edit distance over
    # the whole context still picks the right one.
    texts = [
        "Nella rete delle imprese sociali entrano le cooperative di comunità.",
        "Con il sostegno della rete delle imprese sociali nascono progetti.",
    ]
    paragraphs = numbered(texts)
    selector = quote(paragraphs, 1, "imprese sociali")
    texts[1] = texts[1].replace("rete delle", "comunità delle")
    after = carry_ids(paragraphs, texts)
    result = resolve(selector, after)
    assert result.paragraph == paragraphs[1].id
    assert result.method == "context"


def test_resolve_among_many_occurrences():
    # More occurrences than are compared by edit distance: the nearest to
    # the position and the best by contiguous context are still considered.
    paragraphs = numbered([f"Azione {i}: sì e no." for i in range(60)])
    for index in (0, 33, 59):
        selector = quote(paragraphs, index, "e")
        assert resolve(selector, paragraphs).paragraph == paragraphs[index].id
        del selector["position"]
        selector["prefix"] = f"Azione {index}: sì"
        assert resolve(selector, paragraphs).paragraph == paragraphs[index].id


def test_resolve_context_across_paragraphs():
    # A browser may take the context from the document text, across paragraphs.
    paragraphs = numbered(["Primo paragrafo.", "Sì.", "Secondo.", "Sì."])
    document = document_text(paragraphs)
    start = document.index("Sì.", 20)
    selector = validate_selector(
        {
            "exact": "Sì.",
            "prefix": document[start - 10 : start],
            "suffix": "",
        }
    )
    result = resolve(selector, paragraphs)
    assert result.paragraph == paragraphs[3].id
    assert result.method == "exact"


# resolve: Unicode and entities ---------------------------------------------


def test_resolve_unicode_offsets_are_code_points():
    texts = [
        "Perché la città è più forte 💪🏽 insieme: caffè e società.",
        "Ça va? Ñandú, Łódź, 東京 e 😀😀 finalmente.",
    ]
    paragraphs = numbered(texts)
    for index, phrase in [
        (0, "più forte 💪🏽 insieme"),
        (1, "東京 e 😀😀"),
        (0, "società"),
    ]:
        result = resolve(quote(paragraphs, index, phrase), paragraphs)
        assert passage(result, paragraphs) == phrase
        assert result.start == texts[index].index(phrase)
        assert result.method == "exact"
    # Emoji count as one code point each (UTF-16 would say 25, 40).
    result = resolve({"exact": "😀😀 finalmente"}, paragraphs)
    assert (result.start, result.end) == (25, 38)


def test_resolve_combining_marks():
    decomposed = unicodedata.normalize("NFD", "Università e società")
    paragraphs = numbered([f"La {decomposed} civile."])
    result = resolve({"exact": decomposed}, paragraphs)
    assert passage(result, paragraphs) == decomposed
    assert result.method == "exact"
    # A quote in the other normal form is found, fuzzily, on whole words.
    composed = unicodedata.normalize("NFC", decomposed)
    result = resolve(
        {"exact": composed, "prefix": "La", "suffix": "civile."}, paragraphs
    )
    assert passage(result, paragraphs) == decomposed
    assert result.method == "fuzzy"


def test_resolve_html_entities():
    html = "<p>Imprese&nbsp;sociali &amp; cooperative: perch&egrave; s&igrave;.</p>"
    paragraphs = numbered(extract_paragraph_texts(html))
    # The browser reads the decoded text, with NBSP normalised to a space.
    result = resolve({"exact": "sociali & cooperative: perchè sì"}, paragraphs)
    assert result.method == "exact"
    assert passage(result, paragraphs) == "sociali & cooperative: perchè sì"
    result = resolve({"exact": "Imprese\u00a0sociali"}, paragraphs)
    assert (result.start, result.end, result.method) == (0, 15, "exact")


def test_resolve_nested_lists_and_tables():
    html = (
        "<ul><li><p>Formazione per le imprese</p></li><li>Finanza<ul>"
        "<li>Microcredito per le imprese</li></ul></li></ul>"
        "<table><tr><th>Indicatore</th><td>Imprese coinvolte</td></tr></table>"
    )
    paragraphs = numbered(extract_paragraph_texts(html))
    result = resolve(quote(paragraphs, 2, "per le imprese"), paragraphs)
    assert result.paragraph == paragraphs[2].id
    assert passage(result, paragraphs) == "per le imprese"
    result = resolve({"exact": "Imprese coinvolte"}, paragraphs)
    assert result.paragraph == paragraphs[4].id


# resolve: fuzzy ----------------------------------------------------------------

LONG = (
    "La Città metropolitana di Torino coordina i tavoli di lavoro con la Camera "
    "di commercio e le reti del terzo settore"
)


def test_resolve_long_quote_with_a_word_changed():
    before = numbered(CHAPTER)
    selector = quote(before, 2, LONG)
    assert len(LONG) > 32
    for old, new in [
        ("coordina", "guida"),  # middle
        ("La Città", "Questa Città"),  # head
        ("del terzo settore", "del quarto settore"),  # tail
    ]:
        texts = list(CHAPTER)
        texts[2] = texts[2].replace(old, new)
        after = carry_ids(before, [CHAPTER[0], "Inserito.", *texts[1:]])
        result = resolve(selector, after)
        assert result.paragraph == before[2].id
        assert result.method == "fuzzy"
        assert FUZZY <= result.score < 1
        assert passage(result, after) == LONG.replace(old, new)


FUZZY = anchors.FUZZY_THRESHOLD


def test_resolve_long_quote_moved_and_edited():
    before = numbered(CHAPTER)
    selector = quote(before, 1, CHAPTER[1][:-1])
    texts = [CHAPTER[0], CHAPTER[2], CHAPTER[3], CHAPTER[4], CHAPTER[1]]
    texts[4] = texts[4].replace("sostiene", "sostiene e accompagna")
    after = carry_ids(before, texts)
    result = resolve(selector, after)
    assert result.paragraph == before[1].id
    assert passage(result, after) == texts[4][:-1]


def test_resolve_short_quote_with_a_typo_fixed():
    before = numbered(["La cooperazzione sociale a Torino cresce."])
    selector = quote(before, 0, "cooperazzione sociale")
    after = carry_ids(before, ["La cooperazione sociale a Torino cresce."])
    result = resolve(selector, after)
    assert passage(result, after) == "cooperazione sociale"
    assert result.method == "fuzzy"


def test_resolve_case_and_whitespace_differences():
    paragraphs = numbered(CHAPTER)
    result = resolve({"exact": "  camera   DI\ncommercio "}, paragraphs)
    assert passage(result, paragraphs) == "Camera di commercio"
    assert result.method == "fuzzy"
    assert result.score == 1.0
    result = resolve({"exact": "Camera\u00a0di\tcommercio"}, paragraphs)
    assert result.method == "exact"


def test_resolve_rewritten_passage_is_orphaned():
    before = numbered(CHAPTER)
    selector = quote(before, 3, CHAPTER[3])
    texts = list(CHAPTER)
    texts[3] = "Le azioni sono descritte nelle schede allegate, una per ogni ambito."
    assert resolve(selector, carry_ids(before, texts)) is None


def test_resolve_far_away_in_a_long_text():
    filler = [
        f"Paragrafo di riempimento numero {i} sul tema {i * 7}." for i in range(40)
    ]
    before = numbered([*filler, CHAPTER[2]])
    selector = quote(before, 40, LONG)
    # Moved to the top, edited, and its context gone: found by shared words.
    edited = CHAPTER[2].replace("coordina", "guida")
    after = carry_ids(before, [edited, *filler])
    result = resolve(selector, after)
    assert result.paragraph == before[40].id
    assert passage(result, after) == LONG.replace("coordina", "guida")


def test_resolve_never_spans_paragraphs():
    paragraphs = numbered(["Tutte le reti del terzo settore", "e altro ancora."])
    # Mostly in the first paragraph: that part.
    result = resolve({"exact": "le reti del terzo settore e"}, paragraphs)
    assert (result.paragraph, result.method) == (paragraphs[0].id, "fuzzy")
    assert passage(result, paragraphs) == "le reti del terzo settore"
    # Split evenly: neither part is similar enough.
    assert resolve({"exact": "terzo settore e altro"}, paragraphs) is None


def test_resolve_random_edits_keep_finding_the_passage():
    rng = random.Random(2025)  # noqa: S311
    for _round in range(25):
        before = numbered(CHAPTER)
        index = rng.randrange(1, len(CHAPTER))
        words = list(re.finditer(r"\S+", CHAPTER[index]))
        first = rng.randrange(len(words) - 6)
        start, end = words[first].start(), words[first + 5].end()
        selector = selector_for(before, before[index].id, start, end)
        texts = list(CHAPTER)
        # Change one character outside the first and last word of the quote.
        inner = rng.randrange(words[first + 1].start(), words[first + 4].end())
        edited = texts[index][:inner] + "x" + texts[index][inner + 1 :]
        texts[index] = edited
        texts.insert(rng.randrange(len(texts)), "Paragrafo aggiunto.")
        after = carry_ids(before, texts)
        result = resolve(selector, after)
        assert result.paragraph == before[index].id
        assert passage(result, after) == edited[start:end]
