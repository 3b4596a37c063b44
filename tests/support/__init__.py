"""What the tests share, as plain modules: import helpers from here
(``from tests.support.plans import open_plan``). The modules that define
fixtures are registered once, as pytest plugins, by tests/conftest.py."""
