"""Every way of running Zope runs it on Rome time (Zope's DateTime reads the
process's zone once, at import): `make start` (TZ=$(SITE_TZ)), the
buildout's bin/instance (its initialization sets TZ before anything is
imported; environment-vars says it in zope.conf too), and `make zeo` /
`make cluster` (scripts/cluster/lib.sh exports TZ to every process it
starts). Checked without building: the buildout's initialization code run
in a fresh interpreter started on UTC, and lib.sh sourced by bash."""

from configparser import ConfigParser
from pathlib import Path

import os
import subprocess
import sys


ROOT = Path(__file__).resolve().parents[2]
# Summer: Rome is two hours ahead of UTC (one in winter).
PROBE = (
    "from DateTime import DateTime; "
    "print(DateTime('2026/07/01 12:00:00').tzoffset(), DateTime().localZone())"
)


def buildout(name):
    parser = ConfigParser(interpolation=None)
    parser.read(ROOT / name)
    return parser


def on_utc(**extra):
    env = {k: v for k, v in os.environ.items() if k not in ("TZ", "SITE_TZ")}
    env.update(TZ="UTC", **extra)
    return env


def test_dateTime_follows_the_process_zone():
    """The premise: on UTC, DateTime is on UTC."""
    out = subprocess.run(
        [sys.executable, "-c", PROBE],
        env=on_utc(),
        capture_output=True,
        text=True,
        check=True,
    ).stdout.split()
    assert out[0] == "0"


def test_bin_instance_sets_rome_time_before_dateTime_is_imported():
    instance = buildout("buildout.cfg")["instance"]
    code = "\n".join(
        line.strip() for line in instance["initialization"].splitlines() if line
    )
    out = subprocess.run(
        [sys.executable, "-c", f"{code}\n{PROBE}"],
        env=on_utc(),
        capture_output=True,
        text=True,
        check=True,
    ).stdout.split()
    assert out[0] == "7200", out
    assert out[1] in ("CET", "CEST", "GMT+1", "GMT+2"), out


def test_the_buildouts_zope_conf_says_rome_time_too():
    for name, part in (("buildout.cfg", "instance"), ("cluster.cfg", "instance1")):
        variables = buildout(name)[part]["environment-vars"].split("\n")
        assert "TZ Europe/Rome" in [line.strip() for line in variables], name


def test_make_zeo_and_make_cluster_start_their_processes_on_rome_time():
    lib = ROOT / "scripts" / "cluster" / "lib.sh"
    for extra, expected in (({}, "Europe/Rome"), ({"SITE_TZ": "UTC"}, "UTC")):
        out = subprocess.run(
            ["bash", "-c", f'source "{lib}"; echo "$TZ"'],
            env=on_utc(**extra),
            capture_output=True,
            text=True,
            check=True,
        ).stdout.strip()
        assert out == expected
