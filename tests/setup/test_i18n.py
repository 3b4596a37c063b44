"""The catalogues are in step with the code and fully translated to Italian."""

from pathlib import Path

import re
import subprocess
import sys


DOMAIN = "torino.socialplan"
PACKAGE = Path(__file__).resolve().parents[2] / "src" / "torino" / "socialplan"
LOCALES = PACKAGE / "locales"
I18NDUDE = Path(sys.executable).with_name("i18ndude")
ENTRY = re.compile(r'^msgid "(.*)"\nmsgstr "(.*)"', re.MULTILINE)


def catalogue(path):
    """{msgid: msgstr} of a .po/.pot file, header left out."""
    return {
        msgid: msgstr
        for msgid, msgstr in ENTRY.findall(path.read_text(encoding="utf-8"))
        if msgid
    }


def test_pot_matches_the_code(tmp_path):
    fresh = tmp_path / f"{DOMAIN}.pot"
    subprocess.run(
        [I18NDUDE, "rebuild-pot", "--pot", fresh, "--create", DOMAIN, PACKAGE],
        check=True,
        capture_output=True,
    )
    committed = catalogue(LOCALES / f"{DOMAIN}.pot")
    assert set(catalogue(fresh)) == set(committed), "run `make i18n`"


def test_every_message_has_an_italian_translation():
    italian = catalogue(LOCALES / "it" / "LC_MESSAGES" / f"{DOMAIN}.po")
    assert set(italian) == set(catalogue(LOCALES / f"{DOMAIN}.pot"))
    missing = [msgid for msgid, msgstr in italian.items() if not msgstr]
    assert not missing, f"translate these in locales/it: {missing}"


def test_english_catalogue_in_step():
    english = catalogue(LOCALES / "en" / "LC_MESSAGES" / f"{DOMAIN}.po")
    assert set(english) == set(catalogue(LOCALES / f"{DOMAIN}.pot"))


def test_catalogues_compile():
    """Zope compiles the .po files at start-up: a syntax error there (a msgid
    with a raw newline, say) silently loses every translation of the domain."""
    from pythongettext.msgfmt import Msgfmt

    for language in ("it", "en"):
        po = LOCALES / language / "LC_MESSAGES" / f"{DOMAIN}.po"
        assert Msgfmt(str(po), name=DOMAIN).getAsFile().read()
