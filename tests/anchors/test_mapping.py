"""Re-anchoring through an edit (consultation/anchors/mapping.py): each rule
of the module's docstring, and the orphaning threshold on both sides."""

from torino.socialplan.consultation.anchors import carry_ids
from torino.socialplan.consultation.anchors import Edit
from torino.socialplan.consultation.anchors import Paragraph
from torino.socialplan.consultation.anchors import reanchor
from torino.socialplan.consultation.anchors import selector_for
from torino.socialplan.consultation.anchors.mapping import KEEP_CONTENT
from torino.socialplan.consultation.anchors.mapping import NEAR_WORD
from torino.socialplan.consultation.anchors.mapping import revival_candidate

import pytest


SENTENCE = "Il Piano intende favorire l'accesso al mercato del lavoro delle persone."
PASSAGE = "accesso al mercato del lavoro"


def carried(old_texts, new_texts):
    before = [Paragraph(f"p-{i}", text) for i, text in enumerate(old_texts)]
    counter = iter(range(100, 200))
    return before, carry_ids(before, new_texts, new_id=lambda: f"p-{next(counter)}")


def place(old_texts, new_texts, words, paragraph=0):
    """The words the passage ``words`` of ``old_texts[paragraph]`` covers
    after the edit, or None if orphaned."""
    before, after = carried(old_texts, new_texts)
    start = old_texts[paragraph].index(words)
    found = Edit(before, after).place(f"p-{paragraph}", start, start + len(words))
    if found is None:
        return None
    text = {p.id: p.text for p in after}[found.paragraph]
    return text[found.start : found.end]


def test_unchanged_and_moved_with_its_paragraph():
    assert place([SENTENCE], [SENTENCE], PASSAGE) == PASSAGE
    assert place([SENTENCE, "Altro."], ["Altro.", "Nuovo.", SENTENCE], PASSAGE) == (
        PASSAGE
    )


def test_a_word_inserted_inside_widens_the_passage():
    edited = SENTENCE.replace("accesso al", "accesso effettivo al")
    assert place([SENTENCE], [edited], PASSAGE) == (
        "accesso effettivo al mercato del lavoro"
    )


def test_words_inserted_at_the_edges_or_around_only_move_it():
    for edited in (
        SENTENCE.replace("l'accesso", "l'effettivo accesso"),
        SENTENCE.replace("lavoro delle", "lavoro stabile delle"),
        "Premessa. " + SENTENCE,
        SENTENCE.replace("favorire", "favorire davvero"),
    ):
        assert place([SENTENCE], [edited], PASSAGE) == PASSAGE, edited


def test_a_word_replaced_inside_or_at_an_edge_is_part_of_the_passage():
    edited = SENTENCE.replace("mercato del lavoro", "mercato dell'occupazione")
    assert place([SENTENCE], [edited], PASSAGE + " delle") == (
        "accesso al mercato dell'occupazione delle"
    )
    edited = SENTENCE.replace("mercato", "sistema")
    assert place([SENTENCE], [edited], PASSAGE) == "accesso al sistema del lavoro"


def test_a_rewritten_sentence_sharing_context_is_orphaned():
    text = "Le imprese sono molte. Il Piano vuole favorire l'accesso al credito delle imprese."
    edited = (
        "Le imprese sono molte. Il Piano vuole favorire la formazione dei "
        "lavoratori delle imprese."
    )
    assert place([text], [edited], "accesso al credito") is None


@pytest.mark.parametrize(
    ("edited", "expected"),
    [
        # Content words accesso, mercato, lavoro: 2 of 3 kept, on the threshold.
        (SENTENCE.replace("accesso al mercato", "accesso al"), "accesso al del lavoro"),
        (SENTENCE.replace("mercato", "sistema"), "accesso al sistema del lavoro"),
        # 1 of 3 kept: under it.
        (SENTENCE.replace("accesso al mercato del", "ingresso al mondo del"), None),
        (SENTENCE.replace("accesso al mercato", "sostegno al"), None),
        # 2 of 3, one deleted.
        (SENTENCE.replace("mercato del lavoro", "lavoro"), "accesso al lavoro"),
        # Function words changed: the statement is the same.
        (
            SENTENCE.replace("al mercato del", "nel mercato di"),
            "accesso nel mercato di lavoro",
        ),
    ],
)
def test_orphaned_below_two_thirds_of_the_content_words(edited, expected):
    assert KEEP_CONTENT == 2 / 3
    assert place([SENTENCE], [edited], PASSAGE) == expected


def test_a_frame_kept_with_new_content_words_is_a_replacement():
    text = "Measures: A dedicated tutor for each participant in the schemes."
    edited = "Measures: A shared mentor for every ten participants in the schemes."
    assert place([text], [edited], "A dedicated tutor for each participant") is None
    # One content word of three replaced: the same statement, retouched.
    edited = "Measures: A dedicated mentor for each participant in the schemes."
    assert place([text], [edited], "A dedicated tutor for each participant") == (
        "A dedicated mentor for each participant"
    )


def test_a_retouched_word_is_still_the_word():
    assert NEAR_WORD == 0.8
    text = "Il Piano sostiene le cooperative socilai del territorio."
    fixed = "Il Piano sostiene le cooperative sociali del territorio."
    assert place([text], [fixed], "cooperative socilai") == "cooperative sociali"
    plural = "Il Piano sostiene la cooperativa sociale del territorio."
    assert place([fixed], [plural], "cooperative sociali") == "cooperativa sociale"
    # Another word, however close in length, is not.
    other = "Il Piano sostiene le cooperative agricole del territorio."
    assert place([text], [other], "cooperative socilai") is None


@pytest.mark.parametrize(
    ("old", "new", "words", "expected"),
    [
        (
            "Il Piano riserva quote alle cooperative sociali di tipo B del territorio.",
            "Il Piano riserva quote alle cooperative sociali di tipo A e alle "
            "cooperative sociali di tipo B del territorio.",
            "cooperative sociali di tipo B",
            "cooperative sociali di tipo B",
        ),
        (
            "Il Piano riserva quote alle cooperative sociali di tipo B del territorio.",
            "Il Piano riserva quote alle cooperative sociali di tipo A e alle "
            "cooperative sociali di tipo B del territorio.",
            "alle cooperative sociali di tipo B",
            "alle cooperative sociali di tipo B",
        ),
        (
            "Quotas go to type B social cooperatives of the area.",
            "Quotas go to type B social cooperatives and type A social "
            "cooperatives of the area.",
            "type B social cooperatives",
            "type B social cooperatives",
        ),
        (
            "Quotas go to type B social cooperatives of the area.",
            "Quotas go to type A social cooperatives and type B social "
            "cooperatives of the area.",
            "type B social cooperatives",
            "type B social cooperatives",
        ),
    ],
)
def test_edges_never_swallow_a_parallel_insertion(old, new, words, expected):
    found = place([old], [new], words)
    assert found == expected
    start = new.index(
        expected, new.index(expected) + 1 if new.count(expected) > 1 else 0
    )
    assert new[start:].startswith(found)


def test_spans_start_and_end_on_word_boundaries():
    text = "Measures: A dedicated tutor for each participant in the schemes."
    edited = (
        "Measures: A dedicated tutor for each of the ten participants in the schemes."
    )
    found = place([text], [edited], "A dedicated tutor for each participant")
    assert found == "A dedicated tutor for each of the ten participants"


def test_a_long_insertion_inside_never_orphans():
    edited = SENTENCE.replace(
        "accesso al", "accesso, per chi vive nelle valli e nelle periferie, al"
    )
    assert place([SENTENCE], [edited], PASSAGE) == (
        "accesso, per chi vive nelle valli e nelle periferie, al mercato del lavoro"
    )


def test_deleted_passage_and_deleted_paragraph_are_orphaned():
    edited = SENTENCE.replace("l'accesso al mercato del lavoro ", "")
    assert place([SENTENCE], [edited], PASSAGE) is None
    assert place([SENTENCE, "Altro."], ["Altro."], PASSAGE) is None


def test_split_and_merged_paragraphs():
    first, second = "Prima frase del testo.", "Seconda frase con " + PASSAGE + "."
    assert place([f"{first} {second}"], [first, second], PASSAGE) == PASSAGE
    assert place([first, second], [f"{first} {second}"], PASSAGE, 1) == PASSAGE


def test_a_sentence_moved_to_another_paragraph():
    moved = "Il fondo rotativo sarà aperto alle start-up."
    old = [f"Obiettivi. {moved} Misure.", "Il fondo è gestito dalla Camera."]
    new = ["Obiettivi. Misure.", f"Il fondo è gestito dalla Camera. {moved}"]
    assert place(old, new, moved) == moved
    # Words standing elsewhere already were not moved there by the edit.
    old = ["Il fondo cresce. Il fondo cresce ancora.", "Altro."]
    new = ["Il fondo cresce ancora.", "Altro."]
    assert place(old, new, "Il fondo cresce.") is None


def test_moves_follow_the_sentence_that_carried_the_passage():
    moved = "Le fondazioni partecipano alla valutazione dei progetti."
    old = [f"Un fondo copre i prestiti. {moved}", "Si discute di progetti."]
    new = ["Un fondo copre i prestiti.", f"Si discute di progetti. {moved}"]
    # One word, inside a sentence moved to the next paragraph.
    assert place(old, new, "valutazione") == "valutazione"
    # Next to another sentence holding the same words: the moved copy wins.
    other = "Si discute della valutazione dei progetti."
    old = [f"Un fondo copre i prestiti. {moved}", other]
    new = ["Un fondo copre i prestiti.", f"{other} {moved}"]
    before, after = carried(old, new)
    start = old[0].index("valutazione dei progetti")
    found = Edit(before, after).place("p-0", start, start + 24)
    text = {p.id: p.text for p in after}[found.paragraph]
    assert found.start == text.index("valutazione dei progetti", len(other))
    # Moved with one word of the passage changed on the way.
    changed = moved.replace("valutazione", "selezione")
    new = ["Un fondo copre i prestiti.", f"{other} {changed}"]
    assert place(old, new, "partecipano alla valutazione dei progetti") == (
        "partecipano alla selezione dei progetti"
    )


def test_quotes_added_around_the_last_word_stay_whole():
    edited = SENTENCE.replace("del lavoro", "del «lavoro»")
    assert place([SENTENCE], [edited], PASSAGE) == "accesso al mercato del «lavoro»"


def test_a_whole_paragraph_stays_whole():
    text = "Il Piano sarà rivisto ogni due anni."
    edited = "Dopo la consultazione, il Piano sarà rivisto ogni due anni."
    assert place([text], [edited], text) == edited


def test_reanchor_searches_only_without_a_stored_place():
    before, after = carried([SENTENCE], ["Premessa. " + SENTENCE])
    start = SENTENCE.index(PASSAGE)
    selector = selector_for(before, "p-0", start, start + len(PASSAGE))
    stored = reanchor(selector, ("p-0", start, start + len(PASSAGE)), before, after)
    searched = reanchor(selector, None, before, after)
    assert stored.method == "mapped"
    assert searched.method == "exact"
    assert (stored.start, stored.end) == (searched.start, searched.end)
    # An orphaned passage comes back only word for word (an edit undone).
    back = reanchor(selector, None, before, after, orphaned=True)
    assert back.method == "exact"
    changed = carry_ids(before, [SENTENCE.replace("mercato", "mondo")])
    assert reanchor(selector, None, before, changed, orphaned=True) is None


def test_an_orphan_comes_back_only_with_its_context():
    before, _after = carried([SENTENCE], [SENTENCE])
    start = SENTENCE.index(PASSAGE)
    selector = selector_for(before, "p-0", start, start + len(PASSAGE))
    unrelated = f"Non si prevede più l'{PASSAGE} come priorità nel bilancio."
    elsewhere = carry_ids(before, ["Premessa del capitolo.", unrelated])
    assert reanchor(selector, None, before, elsewhere, orphaned=True) is None
    # Offered to the moderators instead.
    offered = revival_candidate(selector, elsewhere)
    text = {p.id: p.text for p in elsewhere}[offered.paragraph]
    assert text[offered.start : offered.end] == PASSAGE
    # Its context on one side only is not enough either.
    half = carry_ids(before, [SENTENCE.split(" delle")[0] + " entro il 2030."])
    assert reanchor(selector, None, before, half, orphaned=True) is None
    restored = carry_ids(before, ["Premessa.", SENTENCE])
    assert reanchor(selector, None, before, restored, orphaned=True) is not None
