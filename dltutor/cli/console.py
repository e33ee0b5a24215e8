"""The one console of the command line: where output goes, and how outside text is made safe to show.

Every string that comes from outside the code (a lesson or quiz file, an answer
file, a progress export, a learner's name, a path typed by the user) is shown as
text, never obeyed:

* `safe(text)` for text placed inside Rich markup: brackets are escaped, so
  `Fine-tuning with [/INST] prompts` and `x[i], x[b]` print as written;
* `visible(text)` for text printed without markup (Text objects, markup=False):
  control characters are shown in caret notation (ESC as `^[`), so an ANSI
  escape sequence in a title is shown, not executed by the terminal.

Importing this module installs the line breaking of `dltutor.i18n.linebreak` into Rich,
so every command (and Typer's help) breaks Chinese lines as the app does.

`setup_streams()` makes stdout and stderr degrade instead of crash when the
terminal or file cannot encode a character (Windows cp1252, LANG=C): ✓ ✗ → …
become ASCII look-alikes, and other characters `?`. JSON stays lossless with
`\\uXXXX` escapes (see `json_text`).
"""

from __future__ import annotations

import codecs
import re
import sys
import unicodedata
from typing import Any, NoReturn

import typer
from rich.console import Console
from rich.markup import escape

from dltutor.content.textfile import visible
from dltutor.i18n import _, linebreak

linebreak.install()  # Chinese lines break between characters, never before "。" (English unchanged)

# emoji=False: a title such as "Ports :8080: and :fire:" is printed as written, not with an emoji.
console = Console(emoji=False)
err_console = Console(stderr=True, emoji=False)
_BACKSLASHED_BRACKET = re.compile(r"(\\+)\[(?![a-z#/@][^\[]*?\])")

# What a character that the output cannot encode becomes, before falling back to `?`.
ASCII_FALLBACK = {
    "✓": "v", "✔": "v", "✗": "x", "✘": "x", "→": "->", "←": "<-", "↑": "^", "↓": "v", "…": "...",
    "◐": "~", "·": ".", "•": "*", "—": "-", "–": "-", "−": "-", "×": "x", "±": "+/-", "≈": "~",
    "≤": "<=", "≥": ">=", "☐": "[ ]", "☒": "[x]", "›": ">", "‘": "'", "’": "'", "“": '"', "”": '"',
    "─": "-", "│": "|", "█": "#", "░": ".", "⁸": "^8", "²": "^2", "³": "^3",
}
_ERROR_HANDLER = "dltutor-fallback"


def _fallback(error: UnicodeError) -> tuple[str, int]:
    if not isinstance(error, UnicodeEncodeError):
        raise error
    out = []
    for char in error.object[error.start:error.end]:
        if char in ASCII_FALLBACK:
            out.append(ASCII_FALLBACK[char])
            continue
        bare = "".join(c for c in unicodedata.normalize("NFKD", char) if not unicodedata.combining(c))
        try:
            bare.encode(error.encoding)
            out.append(bare or "?")
        except UnicodeEncodeError:
            out.append("?")
    return "".join(out), error.end


codecs.register_error(_ERROR_HANDLER, _fallback)


def stream_is_unicode(stream: Any = None) -> bool:
    """Whether a stream (default stdout) can encode every character (UTF-8/16/32)."""
    encoding = getattr(stream or sys.stdout, "encoding", None) or "utf-8"
    return codecs.lookup(encoding).name.startswith("utf")


def setup_streams() -> None:
    """Let stdout and stderr degrade instead of raising UnicodeEncodeError on a non-UTF-8 console or file, and
    stdin read bytes it cannot decode as U+FFFD (a wrong answer to retype) instead of UnicodeDecodeError."""
    for stream in (sys.stdout, sys.stderr):
        if not stream_is_unicode(stream) and hasattr(stream, "reconfigure"):
            stream.reconfigure(errors=_ERROR_HANDLER)
    if sys.stdin is not None and hasattr(sys.stdin, "reconfigure"):
        sys.stdin.reconfigure(errors="replace")


def safe(text: object) -> str:
    """Outside text ready to sit inside Rich markup: brackets escaped, control characters visible.

    Trailing backslashes need care: Rich's `escape` doubles a last backslash so that it cannot
    escape a tag that follows, but then prints both when nothing follows (`C:\\` showed as
    `C:\\\\`); two or three trailing backslashes went the other way and swallowed the next tag.
    Here they are doubled and closed by an empty tag, which reads right in every position.
    """
    shown = visible(text)
    body = shown.rstrip("\\")
    tail = len(shown) - len(body)
    # Rich also reads `\\[` as an escaped bracket when no tag follows (`C:\\[x` lost its backslash): one more.
    body = _BACKSLASHED_BRACKET.sub(r"\1\\[", escape(body))
    return body + "\\" * (2 * tail) + "[dim][/dim]" if tail else body


def one_line(text: object) -> str:
    """`safe`, with newlines and tabs shown as ^J and ^I: for a file name or message that must stay one line."""
    return safe(str(text).replace("\n", "^J").replace("\t", "^I"))


def json_text(data: Any, indent: int | None = 2) -> str:
    """Strict JSON for stdout (NaN/inf become null): UTF-8 as is, `\\uXXXX` escapes when stdout cannot encode it
    (still valid, lossless)."""
    from dltutor.strict_json import dumps

    return dumps(data, ensure_ascii=not stream_is_unicode(), indent=indent)


def fail(message: str, code: int = 2) -> NoReturn:
    """Print a one-line error (the message is outside text: shown as written, a newline as ^J) to stderr and exit
    (2 = usage)."""
    err_console.print(_("[bold red]error:[/] {message}").format(message=one_line(message)), highlight=False,
                      soft_wrap=True)
    raise typer.Exit(code)


def warn(message: str) -> None:
    err_console.print(_("[yellow]warning:[/] {message}").format(message=one_line(message)), highlight=False,
                      soft_wrap=True)
