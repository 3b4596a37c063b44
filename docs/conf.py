"""Sphinx configuration of the torino.socialplan documentation.

`make docs` builds it into docs/_build/html, warnings as errors.
"""

from pathlib import Path

import sys


DOCS = Path(__file__).resolve().parent
sys.path.insert(0, str(DOCS / "_ext"))

project = "torino.socialplan"
author = "Torino Social Impact"
copyright = "Torino Social Impact; GPL-2.0-only"  # noqa: A001 (Sphinx's name)
release = "1.0.0.dev0"
language = "en"

extensions = [
    # Every repository path the pages cite must exist (_ext/repo_paths.py).
    "repo_paths",
]

root_doc = "index"
exclude_patterns = ["_build", "_ext"]
# ``text`` is literal text, as in the README and the code's docstrings.
default_role = "literal"

html_theme = "furo"
html_title = "torino.socialplan"
html_static_path = []
html_show_sourcelink = False
