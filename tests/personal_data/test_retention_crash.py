"""A retention run that crashes half-way (as the console command runs it:
each batch committed) keeps the batches it committed, records that it did
not finish, and the next run erases only what is left."""

from .contributions import comment
from datetime import timedelta
from plone.app.testing import login
from plone.app.testing import SITE_OWNER_NAME
from tests.support.plans import open_plan
from torino.socialplan.base.window import now_in_rome
from torino.socialplan.consultation.personal_data import address_key
from torino.socialplan.consultation.personal_data import places
from torino.socialplan.consultation.personal_data import retention

import pytest
import transaction


class Crash(Exception):
    pass


def test_a_crashed_run_keeps_its_batches_and_the_next_one_goes_on(
    functional_portal, monkeypatch
):
    site = open_plan(functional_portal)
    for n in range(5):
        comment(site, email=f"crash-{n}@example.org", text=f"Contributo {n}.")
    now = now_in_rome()
    site["plan"].consultation_start = now - timedelta(days=200)
    site["plan"].consultation_end = now - timedelta(days=100)
    transaction.commit()
    login(functional_portal.aq_parent, SITE_OWNER_NAME)

    monkeypatch.setattr(retention, "BATCH", 2)
    real = places.erase_identifiers
    calls = []

    def crashing(kind, obj):
        calls.append(1)
        if len(calls) == 4:
            raise Crash  # the process dies here
        return real(kind, obj)

    monkeypatch.setattr(places, "erase_identifiers", crashing)
    with pytest.raises(Crash):
        retention.purge(commit=True)
    transaction.abort()  # what the dead process had not committed is lost

    def holding():
        return sum(
            1
            for kind, obj in places.contributions()
            if address_key.address_of(kind, obj)
        )

    assert holding() == 3  # the first batch (2) was committed, no more
    state = retention.run_state()
    assert state["finished"] is None
    assert (state["looked_at"], state["changed"]) == (2, 2)

    monkeypatch.setattr(places, "erase_identifiers", real)
    lines = []
    report = retention.purge(commit=True, progress=lines.append)
    transaction.commit()
    assert lines[0].startswith("resuming the run started ")
    assert report.as_json()["addresses_erased"] == 3
    assert holding() == 0
    assert retention.run_state()["finished"]
