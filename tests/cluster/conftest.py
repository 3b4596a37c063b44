"""One `make cluster` for the module's tests: PostgreSQL, Redis, two Zope
instances on RelStorage and haproxy, on free ports in a throwaway DATA_DIR,
stopped by PID at the end (also when a test fails).

Without PostgreSQL, haproxy or Redis the tests skip, unless
SOCIALPLAN_CLUSTER_TESTS=1 (.ci/run sets it): then they fail.
"""

from tests.cluster.harness import Cluster
from tests.cluster.harness import require_services

import pytest


def pytest_configure(config):
    config.addinivalue_line(
        "markers", "cluster: starts `make cluster` (PostgreSQL, Redis, haproxy)"
    )


@pytest.fixture(scope="session")
def cluster():
    require_services()
    with Cluster(mode="relstorage", instances=2).running() as running:
        yield running
