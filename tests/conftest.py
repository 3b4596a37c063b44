"""The suite's fixtures live in tests/support/ (plain modules); this file
only registers the ones that define fixtures, once for the whole suite."""

pytest_plugins = [
    "pytest_plone",
    "tests.support.layers",
    "tests.support.users",
    "tests.support.contributions",
    "tests.support.clients",
    "tests.support.browser",
]
