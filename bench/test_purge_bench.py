"""How soon the PURGE requests of a moderation decision reach the caching
proxy: from the moderator's answer to the last PURGE the decision sent, on
the functional layer's server, with a recorder on loopback standing in for
the proxy (tests/caching/test_purge.py proves which paths are purged).

Each round posts a pending comment (or pledge), moderates it through REST
and, once a marker queued after the answer has arrived (the purger sends a
proxy's purges one at a time, in order), takes the last arrival of the
decision's purges. Fails if any round's last PURGE comes later than BOUND
seconds after the answer.
"""

from tests.support.contributions import add_people
from tests.support.contributions import MODERATOR
from tests.support.contributions import VALID
from tests.support.plans import open_plan
from tests.support.purge_recorder import enable_purging
from tests.support.purge_recorder import serving
from torino.socialplan.consultation import guards

import pytest
import requests
import statistics
import time
import transaction


BOUND = 2.0  # seconds from the answer to the decision's last PURGE
ROUNDS = 5
PLEDGE = {
    "first_name": "Giulia",
    "last_name": "Verdi",
    "organization": "Cooperativa Stella",
    "organization_type": "social_enterprise",
    "email": "giulia.verdi@example.org",
    "contribution": "Two tutors for the training courses.",
    "privacy_consent": True,
}


@pytest.fixture
def recorder(functional_portal):
    with serving() as server:
        enable_purging([server.url])
        yield server


def post(base, path, data):
    guards.reset_rate_limits()  # many rounds from one address
    session = requests.Session()
    session.headers["Accept"] = "application/json"
    response = session.post(f"{base}{path}", json=data, timeout=30)
    assert response.status_code == 201, response.text
    return response.json()["@id"].replace("/@comments/", "/++conversation++default/")


def decision_latency(base, recorder, item, transition):
    """Seconds from the moderator's answer to the decision's last PURGE,
    and how many it sent."""
    recorder.drain()
    session = requests.Session()
    session.headers["Accept"] = "application/json"
    session.auth = MODERATOR
    response = session.post(
        f"{base}/plan/@moderation",
        json={"items": [item], "transition": transition},
        timeout=30,
    )
    answered = time.monotonic()
    assert response.status_code == 200, response.text
    arrived = recorder.drain()
    assert arrived, f"{transition} sent no PURGE"
    # Never below 0: a PURGE may arrive before the answer does.
    return max(0.0, max(at for _, at in arrived) - answered), len(arrived)


def test_purge_latency(functional_portal, recorder):
    open_plan(functional_portal)
    add_people()
    transaction.commit()
    base = functional_portal.absolute_url()
    kinds = {
        "comment publish": ("/plan/lavoro/@comments", VALID, "publish"),
        "comment reject": ("/plan/lavoro/@comments", VALID, "reject"),
        "comment mark_as_spam": ("/plan/lavoro/@comments", VALID, "mark_as_spam"),
        "pledge publish": ("/plan/lavoro/formazione/@pledges", PLEDGE, "publish"),
    }
    worst = {}
    print()
    for name, (path, data, transition) in kinds.items():
        seconds, counts = [], set()
        for _ in range(ROUNDS):
            item = post(base, path, data)
            latency, count = decision_latency(base, recorder, item, transition)
            seconds.append(latency)
            counts.add(count)
        worst[name] = max(seconds)
        print(
            f"{name}: last PURGE {statistics.median(seconds) * 1000:.0f} ms after "
            f"the answer (median of {ROUNDS}), worst {max(seconds) * 1000:.0f} ms; "
            f"{'/'.join(map(str, sorted(counts)))} PURGE requests"
        )
    late = {name: seconds for name, seconds in worst.items() if seconds >= BOUND}
    assert not late, f"PURGE later than {BOUND} s after the answer: {late}"
