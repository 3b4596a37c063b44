"""The folder's consultation (consultation.py), in the functional layer and
committed (``report``, for tests over HTTP) or in the integration layer
(``report_integration``)."""

from tests.report.consultation import build

import pytest
import transaction


@pytest.fixture
def report(functional_portal):
    """The consultation, committed: for tests over HTTP."""
    consultation = build(functional_portal)
    transaction.commit()
    return consultation


@pytest.fixture
def report_integration(portal):
    return build(portal)
