"""Re-anchoring through an edit (consultation/anchors/mapping.py): each rule
of the module's docstring, and the orphaning threshold on both sides."""

from torino.socialplan.consultation.anchors import carry_ids
from torino.socialplan.consultation.anchors import Edit
from torino.socialplan.consultation.anchors import KEEP_THRESHOLD
from torino.socialplan.consultation.anchors import Paragraph
from torino.socialplan.consultation.anchors import reanchor
from torino.socialplan.consultation.anchors import selector_for

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
        # 12 of 29 characters deleted: 59% kept, under the threshold.
        (SENTENCE.replace("al mercato del lavoro", "al lavoro"), None),
        # 11 of 29 deleted: 62% kept.
        (SENTENCE.replace("accesso al mercato", "accesso al"), "accesso al del lavoro"),
    ],
)
def test_mostly_gone_is_orphaned(edited, expected):
    assert KEEP_THRESHOLD == 0.6
    assert place([SENTENCE], [edited], PASSAGE) == expected


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
