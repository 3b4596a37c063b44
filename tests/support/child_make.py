"""The environment for a `make` a test starts: without what the parent
`make test` (or `make bench`) exported, which would leak into the child."""

import os


# Make's own, and the settings our Makefile exports.
PARENT_MAKE_VARIABLES = (
    "MAKEFLAGS",
    "MAKELEVEL",
    "MFLAGS",
    "MAKEOVERRIDES",
    "DATA_DIR",
    "SITE_ID",
    "ADMIN_PASSWORD",
    "INSTANCE_HOME",
)


def child_environ(*more):
    """``os.environ`` without the parent make's variables and ``more``."""
    dropped = set(PARENT_MAKE_VARIABLES) | set(more)
    return {k: v for k, v in os.environ.items() if k not in dropped}
