"""Maintain the UI string catalogues with Babel (a development tool, not needed at run time).

    python -m dltutor.i18n.catalog update   # extract _(), N_(), ngettext() strings; merge into each .po
    python -m dltutor.i18n.catalog compile  # write the .mo files that ship in the package

`update` keeps existing translations; a new or changed English string arrives
untranslated (or fuzzy) and the catalogue test names it.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from dltutor.i18n import DOMAIN, LANGUAGES, LOCALE_DIR

ROOT = Path(__file__).resolve().parents[2]
POT = LOCALE_DIR / f"{DOMAIN}.pot"
KEYWORDS = ["-k", "_", "-k", "N_", "-k", "ngettext:1,2", "-k", "pgettext:1c,2", "-k", "NP_:1c,2"]


def _pybabel(*args: str) -> None:
    done = subprocess.run([sys.executable, "-m", "babel.messages.frontend", "--quiet", *args],
                          cwd=ROOT, capture_output=True, text=True)
    if done.returncode:
        raise SystemExit(f"pybabel {args[0]} failed:\n{done.stderr}")


def po_path(lang: str) -> Path:
    return LOCALE_DIR / lang / "LC_MESSAGES" / f"{DOMAIN}.po"


def update() -> None:
    _pybabel("extract", "--no-location", "--sort-output", "--omit-header", "--no-default-keywords",
             "--project", "dltutor", *KEYWORDS, "-o", str(POT), "dltutor")
    for lang in LANGUAGES[1:]:
        command = "update" if po_path(lang).exists() else "init"
        _pybabel(command, "-D", DOMAIN, "-i", str(POT), "-d", str(LOCALE_DIR), "-l", lang,
                 *(["--no-wrap", "--ignore-obsolete"] if command == "update" else ["--no-wrap"]))
        po = po_path(lang)  # Babel writes "Project-Id-Version:  dltutor" (no version): keep one header
        po.write_text(po.read_text(encoding="utf-8").replace('"Project-Id-Version:  dltutor', '"Project-Id-Version: dltutor'),
                      encoding="utf-8")


def compile_() -> None:
    _pybabel("compile", "-D", DOMAIN, "-d", str(LOCALE_DIR), "--statistics")


if __name__ == "__main__":
    {"update": update, "compile": compile_}[sys.argv[1] if len(sys.argv) > 1 else "update"]()
