"""The gettext catalogues: current with the code, complete, and faithful to each message's placeholders and markup."""

from __future__ import annotations

import gettext
import re
import subprocess
import sys
from pathlib import Path

import pytest
from babel.messages.pofile import read_po

from dltutor.i18n import DOMAIN, LANGUAGES, LOCALE_DIR
from dltutor.i18n.catalog import KEYWORDS, ROOT, po_path

TRANSLATED = LANGUAGES[1:]
PLACEHOLDER = re.compile(r"\{[^{}]*\}|%(?:\([a-z_]+\))?[sdfr]")
MARKUP = re.compile(r"\[/?[a-z#][^\[\]]*\]")


def _catalog(lang):
    with po_path(lang).open("rb") as handle:
        return read_po(handle)


@pytest.fixture(scope="module")
def extracted(tmp_path_factory) -> set[str]:
    pot = tmp_path_factory.mktemp("pot") / "extracted.pot"
    subprocess.run([sys.executable, "-m", "babel.messages.frontend", "--quiet", "extract", "--no-location",
                    "--omit-header", "--no-default-keywords", *KEYWORDS, "-o", str(pot), "dltutor"],
                   cwd=ROOT, check=True)
    with pot.open("rb") as handle:
        return {m.id if isinstance(m.id, str) else m.id[0] for m in read_po(handle) if m.id}


def _ids(catalog) -> set[str]:
    return {m.id if isinstance(m.id, str) else m.id[0] for m in catalog if m.id}


@pytest.mark.parametrize("lang", TRANSLATED)
def test_catalogue_holds_exactly_the_strings_in_the_code(lang, extracted):
    ids = _ids(_catalog(lang))
    missing, stale = sorted(extracted - ids), sorted(ids - extracted)
    assert not missing and not stale, (
        f"run `python -m dltutor.i18n.catalog update`: missing {missing[:5]}, no longer used {stale[:5]}")


@pytest.mark.parametrize("lang", TRANSLATED)
def test_every_message_is_translated_and_keeps_placeholders_and_markup(lang):
    problems = []
    for message in _catalog(lang):
        if not message.id:
            continue
        ids = message.id if isinstance(message.id, tuple) else (message.id,)
        strings = message.string if isinstance(message.string, tuple) else (message.string,)
        if message.fuzzy or not all(strings):
            problems.append(f"untranslated or fuzzy: {ids[0]!r}")
            continue
        for text in strings:
            for pattern in (PLACEHOLDER, MARKUP):
                if sorted(pattern.findall(ids[-1])) != sorted(pattern.findall(text)):
                    problems.append(f"{pattern.pattern} differ: {ids[0]!r} -> {text!r}")
    assert not problems, "\n".join(problems[:20])


@pytest.mark.parametrize("lang", TRANSLATED)
def test_compiled_catalogue_matches_its_source(lang):
    mo = LOCALE_DIR / lang / "LC_MESSAGES" / f"{DOMAIN}.mo"
    compiled = gettext.GNUTranslations(mo.open("rb"))
    for message in _catalog(lang):
        if message.id and isinstance(message.id, str) and message.string and not message.fuzzy:
            found = (compiled.pgettext(message.context, message.id) if message.context
                     else compiled.gettext(message.id))
            assert found == message.string, (
                f"{mo.name} is stale: run `python -m dltutor.i18n.catalog compile`")
