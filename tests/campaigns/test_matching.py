"""Campaign grouping without a site: the words compared, the similarity,
the index (in memory and in a ZODB, as posts in transactions of their own)."""

from torino.socialplan.consultation.campaigns import index as campaigns
from torino.socialplan.consultation.campaigns import matching
from torino.socialplan.consultation.campaigns.normalise import normalised
from torino.socialplan.consultation.campaigns.normalise import words
from torino.socialplan.consultation.campaigns.plan_campaigns import text_of

import pytest
import transaction
import ZODB


TEMPLATE = (
    "Chiediamo che il piano preveda nuove piste ciclabili protette lungo "
    "corso Francia e vicino alle scuole del quartiere. Le fermate del tram "
    "devono essere accessibili alle persone anziane. Servono più alberi nei "
    "cortili delle scuole per fare ombra d'estate."
)
ORGANIC = (
    "Nel mio quartiere le piste ciclabili finiscono nel nulla e il tram passa "
    "ogni venti minuti: prima di piantare alberi bisogna sistemare i "
    "marciapiedi rotti davanti alle scuole."
)


def signed(name):
    return f"Mi chiamo {name}. {TEMPLATE} Cordiali saluti, {name}."


def test_case_accents_and_stop_words_do_not_count():
    assert words("Più ALBERI nella Città, e l'ombra!") == [
        "alberi",
        "citta",
        "ombra",
    ]
    assert words("The trees of the city") == ["trees", "city"]
    assert normalised("Perché no?") == ""


def test_a_short_text_is_never_grouped():
    assert not matching.prepare("Sono d'accordo con il piano.").groupable
    assert matching.prepare(TEMPLATE).groupable


def _score(a, b):
    a, b = matching.prepare(a), matching.prepare(b)
    estimate = matching.estimates(a.signature, b.signature[None, :])[0]
    return matching.similarity(a.words, b.words, estimate)


def test_variants_of_a_template_are_one_campaign():
    reordered = " ".join(reversed(TEMPLATE.split(". ")))
    swapped = TEMPLATE.replace("Chiediamo", "Domandiamo").replace(
        "Servono", "Occorrono"
    )
    added = TEMPLATE + "\n\nLo dico da madre di due bambini che vanno in bici."
    for variant in (signed("Anna Rossi"), reordered, swapped, added):
        assert _score(TEMPLATE, variant) >= matching.SAME_CAMPAIGN or _score(
            TEMPLATE, variant
        ), variant


def test_a_text_on_the_same_topic_is_not():
    assert _score(TEMPLATE, ORGANIC) == 0


def test_what_a_member_adds():
    member = signed("Anna Rossi") + "\n\nAbito in via Nizza da vent'anni."
    assert matching.additions(TEMPLATE, member) == [
        "Mi chiamo Anna Rossi.",
        "Cordiali saluti, Anna Rossi.",
        "Abito in via Nizza da vent'anni.",
    ]


def _add(index, key, text, buckets):
    return index.add(key, matching.prepare(text), buckets=buckets)


def test_groups_in_memory_split_and_merge():
    index = campaigns.CampaignIndex()
    buckets = campaigns._Buckets(0)
    _add(index, "a", signed("Anna Rossi"), buckets)
    assert index.group_of("a") is None  # alone: no campaign
    _add(index, "b", signed("Luca Bianchi"), buckets)
    _add(index, "o", ORGANIC, buckets)
    _add(index, "c", signed("Sara Conti"), buckets)
    group = index.group_of("a")
    assert sorted(index.group_keys(group)) == ["a", "b", "c"]
    assert index.template(group).key == "a"
    assert index.group_of("o") is None

    apart = index.split(["c"])
    assert index.group_of("c").gid == apart != group.gid
    # A new member joins its most similar, and the split stays.
    _add(index, "d", signed("Paolo Gallo"), buckets)
    assert index.group_of("c").gid == apart
    assert index.merge([group.gid, apart]) == group.gid
    assert sorted(index.group_keys(index.group_of("c"))) == ["a", "b", "c", "d"]

    index.remove("a")
    assert index.template(index.group_of("b")).key == "b"
    index.remove("b")
    index.remove("c")
    # A campaign of one member a moderator put there stays a campaign.
    assert index.group_of("d") is not None


def test_regroup_keeps_what_moderators_decided():
    index = campaigns.CampaignIndex()
    buckets = campaigns._Buckets(0)
    texts = [("a", signed("Anna Rossi")), ("b", signed("Luca Bianchi")), ("o", ORGANIC)]
    for key, text in texts:
        _add(index, key, text, buckets)
    apart = index.split(["b"])
    campaigns.regroup(index, texts)
    assert index.group_of("b").gid == apart
    assert index.group_of("a") is None
    assert index.generation == 1


@pytest.fixture
def connection():
    db = ZODB.DB(None)
    connection = db.open()
    yield connection
    transaction.abort()
    connection.close()
    db.close()


def test_posts_in_transactions_share_the_process_buckets(connection):
    root = connection.root()
    root["index"] = index = campaigns.CampaignIndex()
    transaction.commit()
    index.add("a", matching.prepare(signed("Anna Rossi")))
    transaction.commit()
    # Two in one transaction: the second finds the first, not committed yet.
    index.add("b", matching.prepare(ORGANIC))
    index.add("c", matching.prepare(signed("Luca Bianchi")))
    assert sorted(index.group_keys(index.group_of("c"))) == ["a", "c"]
    transaction.abort()
    # Aborted: "c" was never stored, and the buckets did not keep it.
    assert index.member("c") is None
    index.add("d", matching.prepare(ORGANIC + " Ripeto: marciapiedi."))
    transaction.commit()
    # Exact copies stay out of the buckets.
    index.add("e", matching.prepare(signed("Anna Rossi")))
    transaction.commit()
    # The buckets caught up with what was committed before "e".
    buckets = campaigns._shared[campaigns._cache_key(index)]
    assert buckets.last == index.keys["d"]
    assert index.keys["d"] in buckets.rows
    index.add("f", matching.prepare(signed("Sara Conti")))
    transaction.commit()
    assert not index.member("e").indexed
    assert index.member("f").group == index.member("a").group
    assert set(index.group_keys(index.group_of("a"))) == {"a", "e", "f"}


def test_a_member_matching_two_campaigns_merges_them():
    index = campaigns.CampaignIndex()
    seen = campaigns._Buckets(0)
    _add(index, "a1", signed("Anna Rossi"), seen)
    _add(index, "a2", signed("Luca Bianchi"), seen)
    # Two more that did not see the first two (as if the first two had not
    # been found): a campaign of their own.
    apart = campaigns._Buckets(0)
    _add(index, "b1", signed("Sara Conti"), apart)
    _add(index, "b2", signed("Paolo Gallo"), apart)
    first, second = index.group_of("a1"), index.group_of("b1")
    assert first.gid != second.gid
    for key in ("b1", "b2"):
        member = index.member(key)
        seen.insert(member.seq, matching.signature_from_bytes(member.signature))
    _add(index, "c", signed("Elena Ferrero"), seen)
    assert sorted(index.group_keys(index.group_of("c"))) == [
        "a1",
        "a2",
        "b1",
        "b2",
        "c",
    ]
    assert list(index.groups) == [first.gid]
    # A campaign a moderator split stays apart.
    index.split(["b1", "b2"])
    _add(index, "d", signed("Marco Colombo"), seen)
    assert len(index.groups) == 2


def test_a_position_paper_s_text_counts():
    class Contribution:
        text = "Allego la nostra posizione."
        position_paper_text = TEMPLATE

    assert text_of(Contribution()) == f"Allego la nostra posizione.\n\n{TEMPLATE}"
    assert _score(text_of(Contribution()), signed("Anna Rossi"))
