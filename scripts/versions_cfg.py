"""Write buildout's versions.cfg from constraints.txt (the one source of truth).

python scripts/versions_cfg.py [constraints.txt] [versions.cfg]
"""

from pathlib import Path

import re
import sys


PIN = re.compile(r"^\s*([A-Za-z0-9][A-Za-z0-9._-]*)\s*==\s*([^\s;#]+)\s*(?:#.*)?$")

HEADER = """\
# Generated from constraints.txt by scripts/versions_cfg.py: do not edit.
# Change constraints.txt, then run `make versions.cfg`.
[buildout]
versions = versions

[versions]
"""


def pins(constraints_text):
    """Yield (name, version) for each ``name==version`` line."""
    for number, line in enumerate(constraints_text.splitlines(), start=1):
        stripped = line.strip()
        if not stripped or stripped.startswith("#"):
            continue
        match = PIN.match(stripped)
        if match is None:
            raise ValueError(f"line {number}: not a 'name==version' pin: {line!r}")
        yield match.group(1), match.group(2)


def versions_cfg(constraints_text):
    lines = [f"{name} = {version}" for name, version in pins(constraints_text)]
    return HEADER + "\n".join(lines) + "\n"


def main(argv):
    source = Path(argv[1] if len(argv) > 1 else "constraints.txt")
    target = Path(argv[2] if len(argv) > 2 else "versions.cfg")
    target.write_text(versions_cfg(source.read_text(encoding="utf-8")), "utf-8")
    print(f"wrote {target} from {source}")


if __name__ == "__main__":
    main(sys.argv)
