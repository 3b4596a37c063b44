"""constraints.txt is the tested version set, versions.cfg is derived from it."""

from importlib.metadata import distributions
from pathlib import Path

import importlib.util
import re


ROOT = Path(__file__).resolve().parents[2]


def canonical(name):
    return re.sub(r"[-_.]+", "-", name).lower()


def load_versions_cfg_script():
    spec = importlib.util.spec_from_file_location(
        "versions_cfg", ROOT / "scripts" / "versions_cfg.py"
    )
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


VERSIONS_CFG = load_versions_cfg_script()
CONSTRAINTS = (ROOT / "constraints.txt").read_text(encoding="utf-8")
PINS = {canonical(name): version for name, version in VERSIONS_CFG.pins(CONSTRAINTS)}


def test_versions_cfg_generated_from_constraints():
    committed = (ROOT / "versions.cfg").read_text(encoding="utf-8")
    assert committed == VERSIONS_CFG.versions_cfg(CONSTRAINTS), (
        "run `make versions.cfg`"
    )


def test_every_installed_package_is_pinned_at_its_version():
    """What the tests run on is what constraints.txt says."""
    installed = {
        canonical(dist.metadata["Name"]): dist.version for dist in distributions()
    }
    installed.pop("torino-socialplan")
    installed.pop("pip", None)
    drift = {
        name: (version, PINS.get(name))
        for name, version in installed.items()
        if PINS.get(name) != version
    }
    assert not drift, f"installed vs pinned: {drift}; run `make update-constraints`"


def test_known_traps_pinned():
    assert PINS["products-cmfplone"] == "6.2.2"
    # Unpinned, pip picks the pre-release 7.0.0a6, which breaks start-up.
    assert PINS["plone-app-layout"].startswith("6.")
    # buildout's pins must equal what runs it.
    assert "zc-buildout" in PINS
    assert "setuptools" in PINS
    assert "plone-recipe-zope2instance" in PINS
