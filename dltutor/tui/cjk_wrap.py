"""Line breaks inside Chinese (and Japanese, Korean) text, for Rich and for Textual's Markdown.

Rich wraps a paragraph at spaces only (`rich._wrap.words`); Textual's `Content.wrap` calls the same
`rich._wrap.divide_line`. A Chinese sentence has no spaces, so each long run of it counts as one
"word": the line before it ends early, leaving a ragged gap, and a run wider than the screen is cut
at the margin wherever it falls. Rich's `Text.__rich_measure__` likewise takes the longest space-free
run as a table column's minimum width, so a Chinese cell squeezes its neighbours. And Rich's
`Text.rstrip_end` counts characters where it means columns (Rich 15.0), so a wrapped line of Chinese
that ends at a space keeps the space, overflows by one column and loses its last character to "…"
in every table cell (tables crop with an ellipsis).

Chinese typesetting may break between any two ideographs, except that closing punctuation (，。）」…)
never starts a line and opening punctuation (（「…) never ends one (the line-breaking rules of
Unicode UAX #14, classes ID, CL, OP; W3C "Requirements for Chinese Text Layout", §3.1.7).
`install()` teaches Rich's word splitter those rules for text written in a CJK language (at least a
quarter of its characters wide). Other text is split exactly as before: English output is unchanged,
and an English sentence that glosses a term in Chinese, "convolution (卷积)", keeps the gloss whole.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

# Closing and opening punctuation of CJK text (full-width forms included): kept with the ideograph
# before (closing) or after (opening) them, so that no line starts or ends with one.
_CLOSE = "、。，．：；！？）］｝」』】〉》〕〗〙〛〞〟’”・ー～％"
_OPEN = "（［｛「『【〈《〔〖〘〚〝‘“"
# Ideographs and the other wide scripts that break between characters: CJK symbols and punctuation,
# kana, bopomofo, CJK unified ideographs (and extension A, B…), Hangul, compatibility ideographs,
# full-width forms.
_WIDE = ("\u2e80-\u2fdf\u3000-\u303f\u3040-\u30ff\u3100-\u312f\u3190-\u31ff\u3400-\u4dbf\u4e00-\u9fff"
         "\uac00-\ud7af\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6\U00020000-\U0003134f")
_PUNCT = re.escape(_CLOSE + _OPEN)
_HAS_WIDE = re.compile(f"[{_WIDE}{_PUNCT}]")
_WIDE_CHAR = re.compile(f"[{_WIDE}]")
CJK_SHARE = 0.25  # text with at least this share of wide characters (spaces aside) is CJK text
# Half-width brackets and stops stick to the ideograph they touch, as the full-width ones do: "(卷积)".
_OPEN_ALL = re.escape(_OPEN + "([{")
_CLOSE_ALL = re.escape(_CLOSE + ")]},.;:!?%")
# One breakable unit and the spaces after it: opening punctuation, then one ideograph or a run of
# other non-space characters up to the next space or ideograph (a Latin word, a number, code such as
# f(x) or 1.5), then closing punctuation. The last alternative takes punctuation standing on its own.
_UNIT = re.compile(
    rf"\s*(?:[{_OPEN_ALL}]*(?:[{_WIDE}]|[^\s{_WIDE}{_PUNCT}]+?(?=[{_CLOSE_ALL}]*(?:\s|[{_WIDE}]|$)))"
    rf"[{_CLOSE_ALL}]*|[{_PUNCT}]+)\s*"
)


def words(text: str) -> Iterable[tuple[int, int, str]]:
    """(start, end, word) for each place a line may break after, like `rich._wrap.words`.

    A "word" ends with the spaces after it. In text with CJK characters each ideograph is a word
    of its own, with the punctuation that must stay next to it.
    """
    pattern = _UNIT if is_cjk_text(text) else _LATIN_WORD
    position = 0
    match = pattern.match(text, position)
    while match is not None and match.end() > position:
        start, position = match.span()
        yield start, position, match.group(0)
        match = pattern.match(text, position)


_LATIN_WORD = re.compile(r"\s*\S+\s*")  # rich._wrap.re_word: spaces are the only break points


def is_cjk_text(text: str) -> bool:
    """True when at least CJK_SHARE of the characters of `text` (spaces aside) are CJK (wide) ones."""
    if not _HAS_WIDE.search(text):
        return False
    visible = len(text) - sum(ch.isspace() for ch in text)
    return len(_WIDE_CHAR.findall(text)) >= CJK_SHARE * visible


def split_words(text: str) -> list[str]:
    """The pieces of `text` that must stay on one line, without their spaces (for minimum widths)."""
    return [word.strip() for _start, _end, word in words(text) if word.strip()]


def install() -> None:
    """Let Rich (and Textual's Markdown, which wraps through Rich) break CJK text between characters.

    Idempotent; text without CJK characters wraps exactly as it did.
    """
    import rich._wrap
    from rich.cells import cell_len
    from rich.measure import Measurement
    from rich.text import Text

    if getattr(rich._wrap.words, "__module__", "") == __name__:
        return
    rich._wrap.words = words
    plain_measure = Text.__rich_measure__

    def measure(self: Text, console, options) -> Measurement:
        found = plain_measure(self, console, options)
        if not is_cjk_text(self.plain):
            return found
        pieces = [piece for line in self.plain.splitlines() for piece in split_words(line)]
        narrowest = max((cell_len(piece) for piece in pieces), default=found.minimum)
        return Measurement(min(narrowest, found.minimum), found.maximum)

    Text.__rich_measure__ = measure

    def rstrip_end(self: Text, size: int) -> None:
        """Remove whitespace beyond `size` columns at the end (Rich's own counts characters)."""
        excess = cell_len(self.plain) - size
        if excess > 0:
            spaces = len(self.plain) - len(self.plain.rstrip())
            if spaces:
                self.right_crop(min(spaces, excess))

    Text.rstrip_end = rstrip_end
