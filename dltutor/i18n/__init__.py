"""The language dltutor speaks: one choice per process, and the gettext catalogue of UI strings.

Every sentence a learner sees from code goes through `_()` (or `ngettext()`); strings
defined before the language is known (class-level key bindings, module constants)
are marked with `N_()` and translated where they are shown. Catalogues are standard
gettext files, `locale/<lang>/LC_MESSAGES/dltutor.po`, extracted and compiled with
Babel (`python -m dltutor.i18n.catalog`); the compiled `.mo` ships in the package,
so the runtime needs only the standard library.

The language is chosen once, early (`use_language`), and exported in
$DLTUTOR_LANG so the lab's and drills' worker processes speak the same one.
"""

from __future__ import annotations

import gettext as _gettext
import os
from pathlib import Path

LANGUAGES = ("en", "zh")
"""Supported language codes: English (the source text) and Simplified Chinese."""

LOCALE_DIR = Path(__file__).resolve().parent / "locale"
DOMAIN = "dltutor"

_translation: _gettext.NullTranslations = _gettext.NullTranslations()
_language = "en"


def use_language(lang: str) -> None:
    """Switch this process (and the worker processes it starts) to `lang`, one of LANGUAGES.

    Raises ValueError for an unsupported code. A missing catalogue falls back to English.
    """
    global _translation, _language
    if lang not in LANGUAGES:
        raise ValueError(f"unsupported language {lang!r}; choose one of {', '.join(LANGUAGES)}")
    _language = lang
    _translation = (_gettext.NullTranslations() if lang == "en" else
                    _gettext.translation(DOMAIN, LOCALE_DIR, languages=[lang], fallback=True))
    os.environ["DLTUTOR_LANG"] = lang


def language() -> str:
    """The language code in use ("en" or "zh")."""
    return _language


def _(message: str) -> str:
    """`message` in the current language (the English text itself when no translation exists)."""
    return _translation.gettext(message)


def ngettext(singular: str, plural: str, n: int) -> str:
    """The singular or plural form for count `n`, in the current language."""
    return _translation.ngettext(singular, plural, n)


def pgettext(context: str, message: str) -> str:
    """`message` in the current language, for the sense named by `context` (one English word, two meanings)."""
    return _translation.pgettext(context, message)


def NP_(context: str, message: str) -> str:
    """Mark `message` in `context` for extraction without translating it; call `pgettext()` where it is shown."""
    return message


def N_(message: str) -> str:
    """Mark `message` for extraction without translating it now; call `_()` on it where it is shown."""
    return message
