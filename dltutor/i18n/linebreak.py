"""Where a line of text may break, for Chinese (and Japanese, Korean) as well as English: one set of rules.

Rich breaks lines only at spaces (`rich._wrap.words`), and Textual's `Content.wrap` goes through the
same `rich._wrap.divide_line`. A Chinese sentence has no spaces, so each long run of it counted as
one "word": the line before it ended early, and a run wider than the column was cut with … or split
anywhere, so that a line could start with "。".

Chinese typesetting may break between any two ideographs, except that closing punctuation (，。）」…)
never starts a line and opening punctuation (（「“) never ends one: the line-breaking rules (禁则)
of W3C "Requirements for Chinese Text Layout" §3.1.7 and Unicode UAX #14 (classes ID, CL, OP).
`break_points` states those rules once; `install()` teaches them to Rich, so every place that
prints through Rich (each CLI command, `dltutor lesson --print`, every screen of the app) breaks
Chinese the same way. Widths are terminal cells (`rich.cells.cell_len`: an ideograph is two).

Text that is not written in a CJK language (`is_cjk_text`: no full-width punctuation, and less than
a quarter of its visible characters wide) is split exactly as Rich splits it: English output is unchanged, and an English sentence that glosses
a term, "convolution (卷积)", keeps the gloss whole.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from rich.cells import cell_len

# Closing punctuation may not start a line; opening punctuation may not end one. Half-width forms
# are included: in Chinese text "(卷积)" and "1.5倍。" stay together as the full-width ones do.
# The half-width middle dot is left out: the app and the CLI put " · " between items, and such a
# separator may begin a line, as in English.
NO_LINE_START = frozenset("、。，．：；！？）］｝」』】〉》〕〗〙〛〞〟’”・ー～％…—" ")]},.;:!?%")
NO_LINE_END = frozenset("（［｛「『【〈《〔〖〘〚〝‘“" "([{")
CJK_SHARE = 0.25
"""Text with at least this share of wide characters (spaces aside) is laid out as CJK text."""

_RICH_WORD = re.compile(r"\s*\S+\s*")  # rich._wrap.re_word: spaces are the only break points


def is_wide(char: str) -> bool:
    """True for a character two cells wide in a terminal (ideographs, kana, Hangul, full-width forms)."""
    return cell_len(char) == 2


def is_cjk_text(text: str) -> bool:
    """True for text written in a CJK language: it holds full-width punctuation (，。（）), which
    English text does not, or at least `CJK_SHARE` of its visible characters are wide (CJK) ones."""
    wide = [char for char in text if is_wide(char)]
    if not wide:
        return False
    if any(char in NO_LINE_START or char in NO_LINE_END for char in wide):
        return True
    visible = len(text) - sum(char.isspace() for char in text)
    return len(wide) >= CJK_SHARE * visible


def break_points(text: str) -> list[int]:
    """Offsets in `text` (one line, no newline) where a CJK line may break, in order.

    After spaces, and between two characters one of which is wide, unless the break would start
    a line with closing punctuation or end one with opening punctuation (spaces in between do not
    change that), or part a number from the Chinese word after it ("1 次"). A Latin word, a number
    such as 1.5, or code such as f(x) has no break inside.
    """
    points, last_visible = [], ""  # the last character before `i` that is not a space
    for i in range(1, len(text)):
        before, after = text[i - 1], text[i]
        if not before.isspace():
            last_visible = before
        if after.isspace() or after in NO_LINE_START or not last_visible or last_visible in NO_LINE_END:
            continue  # spaces end the line they follow; punctuation stays with what it closes or opens
        if before.isspace() and last_visible.isdigit() and is_wide(after):
            continue  # a number stays with the word it counts: "1 次", "25 分钟"
        if before.isspace() or is_wide(before) or is_wide(after):
            points.append(i)
    return points


def words(text: str) -> Iterable[tuple[int, int, str]]:
    """(start, end, word) for each piece a line may break after, like `rich._wrap.words`.

    A "word" ends with the spaces after it. In CJK text (`is_cjk_text`) the pieces lie between
    `break_points`; in other text they are Rich's own (breaks at spaces only).
    """
    if not is_cjk_text(text):
        for match in _RICH_WORD.finditer(text):
            yield match.start(), match.end(), match.group(0)
        return
    cuts = [0, *break_points(text), len(text)]
    for start, end in zip(cuts, cuts[1:]):
        if text[start:end].strip():
            yield start, end, _CJKWord(text[start:end])


class _CJKWord(str):
    """A piece of CJK text, as `words` yields it: `fold` cuts it by the rules, if it must."""


def fold(word: str, width: int) -> list[str]:
    """`word` cut into pieces at most `width` cells wide (trailing spaces aside), for a word that fits no line.

    Rich cuts at the width whatever comes next (`rich.cells.chop_cells`); a piece of CJK text (from
    `words`) is cut instead at the last place within the width where a break would not start a piece
    with closing punctuation or end one with opening punctuation (if there is none, at the width).
    Other words are cut as Rich cuts them.
    """
    from rich.cells import chop_cells

    if width < 1 or not isinstance(word, _CJKWord):
        return chop_cells(word, width)
    pieces, start = [], 0
    while cell_len(word[start:].rstrip()) > width:
        end, used = start, 0
        while used + cell_len(word[end]) <= width:  # the most characters that fit
            used += cell_len(word[end])
            end += 1
        cut = next((i for i in range(end, start, -1) if _may_fold(word[start:i], word[i])), max(end, start + 1))
        pieces.append(word[start:cut])
        start = cut
    return [*pieces, word[start:]]


def _may_fold(before: str, after: str) -> bool:
    """Whether a word may be cut between `before` (the piece so far) and the character `after`."""
    before = before.rstrip()
    return bool(before) and before[-1] not in NO_LINE_END and not after.isspace() and after not in NO_LINE_START


def widest_word(text: str) -> int:
    """Cells of the widest piece of `text` that must stay on one line (a table column's least width)."""
    return max((cell_len(word.strip()) for line in text.splitlines() for _, _, word in words(line)), default=0)


def ellipsize(text, width: int) -> None:
    """Cut a `rich.text.Text` in place to at most `width` cells, ending with `…` when cut.

    Rich's `Text.truncate(overflow="ellipsis")` pads a CJK character that would straddle the
    edge with a space, so a cut Chinese title read "神经元、感知 …"; here the `…` follows the last
    character that fits ("神经元、感知…"), as it does in English.
    """
    if text.cell_len <= width:
        return
    text.truncate(max(0, width - 1))
    text.rstrip()
    text.append("…")


def install() -> None:
    """Make Rich (and Textual, which wraps through Rich) break lines by `words` and `fold`. Idempotent.

    Patches `rich._wrap.words`, `rich._wrap.chop_cells` (only `divide_line` calls it there),
    `Text.__rich_measure__` (so that a Chinese table cell is as narrow as its widest piece, not its
    longest run), `Text.wrap` (a Chinese cell folds a word too wide for its column instead of
    cutting it with "…") and `Text.rstrip_end` (Rich 15 counts characters where it means cells, so
    a wrapped Chinese line ending at a space kept the space and lost its last character to "…").
    These are Rich internals: should a Rich release rename them, Rich's own layout stays and nothing fails.
    """
    try:
        import rich._wrap
        from rich.containers import Lines
        from rich.measure import Measurement
        from rich.text import Text

        plain_measure = Text.__rich_measure__
        for name in ("words", "chop_cells", "divide_line"):
            getattr(rich._wrap, name)  # AttributeError, nothing patched, if Rich moved one
    except (ImportError, AttributeError):  # pragma: no cover - depends on the Rich release
        return
    if getattr(rich._wrap.words, "__module__", "") == __name__:
        return

    def measure(self: Text, console, options) -> Measurement:
        found = plain_measure(self, console, options)
        if not is_cjk_text(self.plain):
            return found
        return Measurement(min(widest_word(self.plain), found.minimum), found.maximum)

    plain_wrap = Text.wrap

    def wrap(self: Text, console, width: int, **options) -> Lines:
        # A table column crops a word too wide for it with "…" (its default overflow). A Chinese cell
        # folds it instead, within the rules above: the reader sees every character, as in the app.
        wraps = not (options.get("no_wrap") or self.no_wrap)
        if wraps and options.get("overflow") == "ellipsis" and self.overflow is None and is_cjk_text(self.plain):
            options["overflow"] = "fold"
        return plain_wrap(self, console, width, **options)

    def rstrip_end(self: Text, size: int) -> None:
        """Remove whitespace beyond `size` cells at the end."""
        excess = cell_len(self.plain) - size
        spaces = len(self.plain) - len(self.plain.rstrip())
        if excess > 0 and spaces:
            self.right_crop(min(spaces, excess))

    rich._wrap.words, rich._wrap.chop_cells = words, fold
    Text.__rich_measure__, Text.wrap, Text.rstrip_end = measure, wrap, rstrip_end
