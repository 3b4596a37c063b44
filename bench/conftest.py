"""`make bench`: the test layers of the suite, for timing and memory figures.

Benchmarks are not tests of behaviour: they print figures (as ratios against
stock Plone measured in the same run) and fail only when a stated bound is
broken, so `make test` never runs them (bench/ is outside its testpaths).
The layers' fixtures are the suite's (tests/support/layers.py).
"""

pytest_plugins = ["pytest_plone", "tests.support.layers"]
