"""The one way dltutor turns a file's bytes into text: lessons, quizzes, answer files, progress exports.

* The size cap comes first: at most `max_bytes + 1` bytes are ever read, so a
  huge file, a FIFO or /dev/zero costs nothing.
* A byte-order mark says the encoding: UTF-8, UTF-16 or UTF-32 (Windows Notepad
  and Excel write them); it is then dropped. Without one the text must be UTF-8.
* Line ends become "\\n" (Windows CRLF and old Mac CR alike), so line numbers agree.
* Anything else (GBK, Latin-1, a binary file) is a TextFileError whose message
  names the line and says what to do: save the file as UTF-8.

Errors never name the file themselves; each caller adds it in its own error type.
"""

from __future__ import annotations

import codecs
import re
from pathlib import Path

from dltutor.i18n import N_, _
from dltutor.i18n.oserror import os_reason

MAX_FILE_BYTES = 2_000_000

# Longest first: the UTF-32-LE mark begins with the UTF-16-LE one.
_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32-le"), (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"), (codecs.BOM_UTF16_LE, "utf-16-le"), (codecs.BOM_UTF16_BE, "utf-16-be"),
)
SAVE_AS_UTF8 = N_("save it as UTF-8 (in most editors: Save As, then Encoding: UTF-8)")


class TextFileError(ValueError):
    """A file that cannot be read as text; the message says why and what to do; `line` where one is known."""

    def __init__(self, message: str, line: int | None = None):
        super().__init__(message)
        self.line = line


def size_text(n: int) -> str:
    return f"{n // 1_000_000} MB" if n >= 1_000_000 else f"{n // 1000} kB"


def read_text(path: Path, max_bytes: int = MAX_FILE_BYTES) -> str:
    """Read a text file (see the module docstring) or raise TextFileError with a reason fit to show."""
    try:
        with open(path, "rb") as f:
            raw = f.read(max_bytes + 1)
    except IsADirectoryError:
        raise TextFileError(_("is a folder, not a file")) from None
    except FileNotFoundError:
        if Path(path).is_symlink():
            raise TextFileError(_("broken link: it points to {target}, which does not exist").format(
                target=Path(path).readlink())) from None
        raise TextFileError(_("cannot read file: no such file")) from None
    except OSError as exc:
        raise TextFileError(_("cannot read file: {reason}").format(reason=os_reason(exc))) from None
    return decode_text(raw, max_bytes, what="file")


def decode_text(raw: bytes, max_bytes: int = MAX_FILE_BYTES, what: str = "input") -> str:
    """Bytes from a file or a pipe -> text with "\\n" line ends; TextFileError when too big or not text."""
    if len(raw) > max_bytes:
        too_big = _("file is larger than {size}") if what == "file" else _("input is larger than {size}")
        raise TextFileError(too_big.format(size=size_text(max_bytes)))
    encoding, start = "utf-8", 0
    for bom, name in _BOMS:
        if raw.startswith(bom):
            encoding, start = name, len(bom)
            break
    body = raw[start:]
    if encoding == "utf-8" and b"\x00" in body:
        utf16 = body[:1] == b"\x00" or body[1:2] == b"\x00"
        binary = (_("binary file or UTF-16 without a byte-order mark, expected text: {advice}") if utf16
                  else _("binary file, expected text: {advice}"))
        raise TextFileError(binary.format(advice=_(SAVE_AS_UTF8)))
    try:
        text = body.decode(encoding)
    except UnicodeDecodeError as exc:
        line = body[: exc.start].count(b"\n") + 1
        shown = body[exc.start: exc.start + 2].hex(" ")
        raise TextFileError(_("not {encoding} text (bytes {bytes} on line {line}; GBK, Latin-1 or another encoding?): "
                              "{advice}").format(encoding=encoding.upper().replace("-LE", "").replace("-BE", ""),
                                                 bytes=shown, line=line, advice=_(SAVE_AS_UTF8)), line) from None
    if "\x00" in text:
        raise TextFileError(_("binary file, expected text: {advice}").format(advice=_(SAVE_AS_UTF8)))
    return text.replace("\r\n", "\n").replace("\r", "\n")


# C0 controls but tab and newline, DEL, the C1 controls (ESC's 8-bit twins, e.g. CSI U+009B), and the bidi
# embeddings, overrides and isolates: a learner named "\u202emi" would print the rest of a table row reversed
# ("Trojan Source"). Right-to-left text itself (שלום, مرحبا) needs none of them.
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f\x80-\x9f\u202a-\u202e\u2066-\u2069]")


def visible(text: object) -> str:
    """Text with control characters shown in caret notation (ESC -> ^[), so a terminal never obeys them.

    For every place text from a file is shown: the console, CSV and XML reports (XML 1.0 forbids them).
    """
    return _CONTROL.sub(_caret, str(text))


def _caret(match: re.Match) -> str:
    code = ord(match.group())
    if code < 0x20:
        return "^" + chr(code + 0x40)
    return "^?" if code == 0x7F else f"<U+{code:04X}>"
