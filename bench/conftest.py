"""`make bench`: the test layers of the suite, for timing and memory figures.

Benchmarks are not tests of behaviour: they print figures (as ratios against
stock Plone measured in the same run) and fail only when a stated bound is
broken, so `make test` never runs them (bench/ is outside its testpaths).
"""

from pytest_plone import fixtures_factory
from torino.socialplan.testing import FUNCTIONAL_TESTING
from torino.socialplan.testing import INTEGRATION_TESTING

import os


os.environ.setdefault("zope_i18n_compile_mo_files", "true")

pytest_plugins = ["pytest_plone"]

globals().update(
    fixtures_factory(
        (
            (FUNCTIONAL_TESTING, "functional"),
            (INTEGRATION_TESTING, "integration"),
        )
    )
)
