"""The Conversation's conflict resolution (torino.socialplan.conflicts): a
write that changed nothing no longer conflicts; real concurrent changes
still do."""

from plone.app.discussion.conversation import Conversation
from ZODB.FileStorage import FileStorage
from ZODB.POSException import ConflictError

import pytest
import torino.socialplan.conflicts  # noqa: F401 (installs the resolver)
import transaction
import ZODB


@pytest.fixture
def two_connections(tmp_path):
    db = ZODB.DB(FileStorage(str(tmp_path / "Data.fs")))
    first_tm, second_tm = (
        transaction.TransactionManager(),
        transaction.TransactionManager(),
    )
    first, second = db.open(first_tm), db.open(second_tm)
    first.root()["conversation"] = Conversation()
    first_tm.commit()
    second_tm.begin()
    yield (first, first_tm), (second, second_tm)
    first.close()
    second.close()
    db.close()


def test_unchanged_writes_from_two_transactions_both_commit(two_connections):
    (first, first_tm), (second, second_tm) = two_connections
    first_tm.begin()
    second_tm.begin()
    first.root()["conversation"]._p_changed = True
    second.root()["conversation"]._p_changed = True
    first_tm.commit()
    second_tm.commit()  # resolved: neither changed the state


def test_a_change_and_an_unchanged_write_keep_the_change(two_connections):
    (first, first_tm), (second, second_tm) = two_connections
    first_tm.begin()
    second_tm.begin()
    second.root()["conversation"]._p_changed = True
    first.root()["conversation"].id = "changed"
    first_tm.commit()
    second_tm.commit()
    first_tm.begin()
    assert first.root()["conversation"].id == "changed"


def test_two_real_changes_still_conflict(two_connections):
    (first, first_tm), (second, second_tm) = two_connections
    first_tm.begin()
    second_tm.begin()
    first.root()["conversation"].id = "one"
    second.root()["conversation"].id = "two"
    first_tm.commit()
    with pytest.raises(ConflictError):
        second_tm.commit()
    second_tm.abort()
