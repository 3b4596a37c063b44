"""The demo's data files are package data: a wheel carries them, so that an
installed add-on builds the demo as a checkout does."""

from pathlib import Path
from torino.socialplan.demo import reader

import shutil
import subprocess
import sys
import zipfile


CHECKOUT = Path(__file__).parents[2]
# What building the wheel reads: the metadata, its files, MANIFEST.in, src.
BUILD_FILES = ("pyproject.toml", "MANIFEST.in", "LICENSE", "DESCRIPTION.rst")
BUILD_SCRIPT = "from setuptools import build_meta; build_meta.build_wheel('dist')"


def data_files():
    root = reader.ROOT
    return sorted(
        path.relative_to(root).as_posix()
        for folder in ("content", "contributions")
        for path in (root / folder).rglob("*")
        if path.is_file()
    )


def test_data_files_in_the_wheel(tmp_path):
    for name in BUILD_FILES:
        shutil.copy(CHECKOUT / name, tmp_path / name)
    shutil.copytree(
        CHECKOUT / "src",
        tmp_path / "src",
        ignore=shutil.ignore_patterns("__pycache__", "*.egg-info", "*.mo"),
    )
    subprocess.run(
        [sys.executable, "-c", BUILD_SCRIPT],
        cwd=tmp_path,
        check=True,
        capture_output=True,
        timeout=120,
    )
    (wheel,) = (tmp_path / "dist").glob("*.whl")
    names = set(zipfile.ZipFile(wheel).namelist())
    expected = data_files()
    assert len(expected) == 48  # 23 items (.json, .html), 2 contributions
    assert {f"torino/socialplan/demo/{name}" for name in expected} <= names
