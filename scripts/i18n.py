"""Rebuild the translation template and sync the catalogues (`make i18n`).

Extracts the msgids of the ``torino.socialplan`` domain from the package
(Python, page templates, ZCML, GenericSetup XML) into locales/<domain>.pot,
then merges it into locales/{it,en}/LC_MESSAGES/<domain>.po. Prints how many
Italian messages still lack a translation.
"""

from pathlib import Path

import subprocess
import sys


DOMAIN = "torino.socialplan"
LANGUAGES = {"it": "Italiano", "en": "English"}
ROOT = Path(__file__).resolve().parent.parent
PACKAGE = ROOT / "src" / "torino" / "socialplan"
LOCALES = PACKAGE / "locales"
I18NDUDE = str(Path(sys.executable).with_name("i18ndude"))

PO_HEADER = """\
msgid ""
msgstr ""
"Project-Id-Version: {domain}\\n"
"POT-Creation-Date: YEAR-MO-DA HO:MI +ZONE\\n"
"PO-Revision-Date: YEAR-MO-DA HO:MI +ZONE\\n"
"Last-Translator: Torino Social Impact\\n"
"Language-Team: Torino Social Impact\\n"
"MIME-Version: 1.0\\n"
"Content-Type: text/plain; charset=utf-8\\n"
"Content-Transfer-Encoding: 8bit\\n"
"Plural-Forms: nplurals=2; plural=(n != 1);\\n"
"Language-Code: {language}\\n"
"Language-Name: {name}\\n"
"Preferred-Encodings: utf-8 latin1\\n"
"Domain: {domain}\\n"
"""


def run(*args):
    subprocess.run(args, check=True, cwd=ROOT)


def untranslated(po_path):
    """msgids whose msgstr is empty in a .po file."""
    missing, msgid = [], None
    for line in po_path.read_text(encoding="utf-8").splitlines():
        if line.startswith("msgid "):
            msgid = line[6:].strip('"')
        elif line.startswith("msgstr ") and msgid and line[7:].strip() == '""':
            missing.append(msgid)
    return missing


def main():
    pot = LOCALES / f"{DOMAIN}.pot"
    run(I18NDUDE, "rebuild-pot", "--pot", str(pot), "--create", DOMAIN, str(PACKAGE))
    for language, name in LANGUAGES.items():
        po = LOCALES / language / "LC_MESSAGES" / f"{DOMAIN}.po"
        if not po.exists():
            po.parent.mkdir(parents=True, exist_ok=True)
            header = PO_HEADER.format(domain=DOMAIN, language=language, name=name)
            po.write_text(header, "utf-8")
        run(I18NDUDE, "sync", "--pot", str(pot), str(po))
    missing = untranslated(LOCALES / "it" / "LC_MESSAGES" / f"{DOMAIN}.po")
    print(f"{len(missing)} Italian message(s) without translation")
    for msgid in missing:
        print(f"  - {msgid}")


if __name__ == "__main__":
    main()
