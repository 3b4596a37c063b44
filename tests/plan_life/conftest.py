"""The fixtures of tests/plan_life/, defined in life.py."""

from tests.plan_life.life import browser  # noqa: F401
from tests.plan_life.life import plan_life  # noqa: F401
from tests.plan_life.life import plan_life_http  # noqa: F401
from tests.plan_life.life import rest  # noqa: F401
