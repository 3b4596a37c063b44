"""One `make cluster` for the module's tests: PostgreSQL, Redis, two Zope
instances on RelStorage and haproxy, on free ports in a throwaway DATA_DIR,
stopped by PID at the end (also when a test fails).

Without PostgreSQL, haproxy or Redis the tests skip, unless
SOCIALPLAN_CLUSTER_TESTS=1 (.ci/run sets it): then they fail.
"""

from .harness import Cluster
from .harness import missing_binaries

import os
import pytest


def pytest_configure(config):
    config.addinivalue_line(
        "markers", "cluster: starts `make cluster` (PostgreSQL, Redis, haproxy)"
    )


def require_services(mode="relstorage"):
    missing = missing_binaries(mode)
    if missing:
        message = (
            f"{', '.join(missing)} not installed: run scripts/cluster/install.sh "
            "(make cluster-install)"
        )
        if os.environ.get("SOCIALPLAN_CLUSTER_TESTS") == "1":
            pytest.fail(message)
        pytest.skip(message)


@pytest.fixture(scope="session")
def cluster():
    require_services()
    with Cluster(mode="relstorage", instances=2).running() as running:
        yield running
