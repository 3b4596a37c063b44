"""A Sphinx extension: every repository file or folder that a page names in
literal text (``consultation/privacy.py``, ``scripts/cluster/``) must exist,
so that a renamed module cannot leave the documentation behind. A path that
does not exist is a warning, and `make docs` turns warnings into errors.

A literal counts as a path when it has no spaces and ends with one of
SUFFIXES, or ends with "/" and starts with a folder of the repository or of
the package. It is looked for from the repository's root, from the package
(src/torino/socialplan) and from the folders in BASES; a bare file name
(``mapping.py``) anywhere under SEARCHED.
"""

from docutils import nodes
from pathlib import Path
from sphinx.util import logging

import re


ROOT = Path(__file__).resolve().parents[2]
PACKAGE = ROOT / "src" / "torino" / "socialplan"
BASES = (ROOT, PACKAGE, ROOT / "scripts" / "cluster", ROOT / "instance" / "etc")
SEARCHED = ("src", "tests", "scripts", "bench", "instance")
SUFFIXES = (
    ".py", ".zcml", ".xml", ".cfg", ".conf", ".ini", ".vcl", ".sh", ".toml",
    ".rst", ".md", ".pt", ".scss", ".js", ".json", ".po", ".pot", ".txt",
)  # fmt: skip
# Folders made at run time (under DATA_DIR), not in the repository.
RUNTIME = {"filestorage/", "blobstorage/", "log/", "cache/", "var/", "zeo/"}
PLAIN = re.compile(r"^[A-Za-z0-9_.][A-Za-z0-9_./+-]*$")

logger = logging.getLogger(__name__)


def _folders():
    top = {p.name for p in ROOT.iterdir() if p.is_dir()}
    return top | {p.name for p in PACKAGE.iterdir() if p.is_dir()}


def is_path(text):
    if not PLAIN.match(text) or text in RUNTIME or text in SUFFIXES:
        return False
    if text.endswith(SUFFIXES):
        return True
    return text.endswith("/") and text.split("/", 1)[0] in _folders()


def exists(text):
    if "/" not in text.rstrip("/"):
        if text.endswith("/"):
            return any((base / text).is_dir() for base in BASES)
        return (
            any(
                next((ROOT / folder).rglob(text), None) is not None
                for folder in SEARCHED
            )
            or (ROOT / text).exists()
        )
    return any((base / text).exists() for base in BASES)


def check(app, doctree):
    for node in doctree.findall(nodes.literal):
        text = node.astext()
        if is_path(text) and not exists(text):
            logger.warning(
                "%s names no file or folder of the repository", text, location=node
            )


def setup(app):
    app.connect("doctree-read", check)
    return {"parallel_read_safe": True, "version": "1"}
