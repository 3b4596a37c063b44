"""Packaging: PEP 621 metadata in pyproject.toml, native namespace,
autoinclude entry point, a short long description, the license, and a wheel
that carries every file of the package (templates, ZCML, profiles,
catalogues, static files)."""

from importlib.metadata import distribution
from pathlib import Path

import docutils.core
import docutils.utils
import pytest
import shutil
import subprocess
import sys
import tomllib
import torino.socialplan
import zipfile


ROOT = Path(__file__).resolve().parents[2]
PYPROJECT = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
METADATA = distribution("torino.socialplan").metadata


def test_native_namespace_package():
    # Plone 6.2 / setuptools without pkg_resources: PEP 420 namespace only.
    assert not (ROOT / "src" / "torino" / "__init__.py").exists()
    import torino

    assert getattr(torino, "__file__", None) is None


def test_metadata_from_pyproject_only():
    assert not (ROOT / "setup.py").exists()
    project = PYPROJECT["project"]
    assert METADATA["Name"] == project["name"] == "torino.socialplan"
    assert METADATA["Version"] == project["version"]
    assert set(METADATA.get_all("Provides-Extra")) == {"test", "dev", "cluster"}
    assert "Products.CMFPlone<6.3,>=6.2.2" in METADATA.get_all("Requires-Dist")


def test_autoinclude_entry_point_targets_plone():
    entry_points = distribution("torino.socialplan").entry_points
    plugins = entry_points.select(group="z3c.autoinclude.plugin")
    assert [(ep.name, ep.value) for ep in plugins] == [("target", "plone")]


def test_package_is_the_editable_checkout():
    assert Path(torino.socialplan.__file__).is_relative_to(ROOT / "src")


def test_license_is_the_gpl_version_2():
    assert METADATA["License-Expression"] == "GPL-2.0-only"
    assert METADATA.get_all("License-File") == ["LICENSE"]
    text = (ROOT / "LICENSE").read_text(encoding="utf-8")
    assert "GNU GENERAL PUBLIC LICENSE" in text
    assert "Version 2, June 1991" in text


def test_long_description_is_the_short_text():
    """Not README and CHANGES (61 KB before): DESCRIPTION.rst, as written."""
    description = METADATA.get_payload() or METADATA["Description"]
    source = (ROOT / "DESCRIPTION.rst").read_text(encoding="utf-8")
    assert description.strip() == source.strip()
    assert len(source.encode("utf-8")) < 4_000
    assert METADATA["Description-Content-Type"] == "text/x-rst"


@pytest.mark.parametrize("name", ["DESCRIPTION.rst", "README.rst", "CHANGES.rst"])
def test_renders_without_warnings(name):
    text = (ROOT / name).read_text(encoding="utf-8")
    try:
        docutils.core.publish_string(
            text,
            writer="null",
            settings_overrides={"halt_level": 2, "report_level": 5},
        )
    except docutils.utils.SystemMessage as error:
        pytest.fail(f"{name}: {error}")


def test_readme_is_short():
    lines = (ROOT / "README.rst").read_text(encoding="utf-8").splitlines()
    assert len(lines) < 300, "the rest belongs in docs/"


def test_wheel_carries_every_file_of_the_package(tmp_path):
    """What git tracks under src/torino is in the wheel: the installed
    add-on finds its templates, ZCML, profiles and static files. Built from
    a copy of the tracked files (the checkout gets no build/ folder) with
    the pinned setuptools of this environment (no network)."""
    tracked = subprocess.run(
        ["git", "ls-files", "src/torino"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=True,
    ).stdout.split()
    if not tracked:
        pytest.skip("not a git checkout")
    source, wheels = tmp_path / "source", tmp_path / "wheels"
    for path in [
        *tracked,
        "pyproject.toml",
        "MANIFEST.in",
        "DESCRIPTION.rst",
        "LICENSE",
    ]:
        (source / path).parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(ROOT / path, source / path)
    subprocess.run(
        [
            sys.executable,
            *("-m", "pip", "wheel", "--quiet", "--no-deps", "--no-build-isolation"),
            *("--disable-pip-version-check", "--wheel-dir", str(wheels), "."),
        ],
        cwd=source,
        check=True,
    )
    (wheel,) = wheels.glob("torino_socialplan-*.whl")
    names = set(zipfile.ZipFile(wheel).namelist())
    missing = [path for path in tracked if path.removeprefix("src/") not in names]
    assert not missing
    suffixes = {Path(name).suffix for name in names}
    assert {".zcml", ".pt", ".xml", ".po", ".css", ".js", ".woff2"} <= suffixes
    dist_info = wheel.name.split("-py3")[0] + ".dist-info"
    assert f"{dist_info}/licenses/LICENSE" in names
