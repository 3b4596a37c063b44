"""Packaging: native namespace, autoinclude entry point, a valid long description."""

from importlib.metadata import distribution
from pathlib import Path

import docutils.core
import docutils.utils
import pytest
import torino.socialplan


ROOT = Path(__file__).resolve().parents[2]


def test_native_namespace_package():
    # Plone 6.2 / setuptools without pkg_resources: PEP 420 namespace only.
    assert not (ROOT / "src" / "torino" / "__init__.py").exists()
    import torino

    assert getattr(torino, "__file__", None) is None


def test_autoinclude_entry_point_targets_plone():
    entry_points = distribution("torino.socialplan").entry_points
    plugins = entry_points.select(group="z3c.autoinclude.plugin")
    assert [(ep.name, ep.value) for ep in plugins] == [("target", "plone")]


def test_package_is_the_editable_checkout():
    assert Path(torino.socialplan.__file__).is_relative_to(ROOT / "src")


@pytest.mark.parametrize("name", ["README.rst", "CHANGES.rst"])
def test_long_description_renders_without_warnings(name):
    text = (ROOT / name).read_text(encoding="utf-8")
    try:
        docutils.core.publish_string(
            text,
            writer_name="null",
            settings_overrides={"halt_level": 2, "report_level": 5},
        )
    except docutils.utils.SystemMessage as error:
        pytest.fail(f"{name}: {error}")
