"""Line breaking that works for Chinese as well as English, for Rich text in the terminal.

Rich breaks lines only at spaces. A Chinese sentence has none, so Rich saw one
"word" wider than its column and cut it with … (or, folded, split it anywhere,
an English word in it too, and started lines with "。"). `Wrapped(text)` breaks
where a reader of either language expects: at spaces, and between two characters
when one of them is wide (CJK), but never before closing punctuation (，。）…) or
after opening punctuation (（《“), the line-breaking rules of Chinese typesetting
(禁则, as in the W3C's "Requirements for Chinese Text Layout"). Widths are terminal
cells (`rich.cells.cell_len`: a CJK character is two). Text that holds no wide
character is laid out exactly as Rich lays it out.
"""

from __future__ import annotations

from rich.cells import cell_len
from rich.measure import Measurement
from rich.text import Text

# May not begin a line (closing punctuation) / may not end one (opening punctuation).
NO_LINE_START = frozenset("，。、；：？！）》」』】〉”’…—·%,.;:?!)]}")
NO_LINE_END = frozenset("（《「『【〈“‘([{")


def _wide(char: str) -> bool:
    return cell_len(char) == 2


def break_points(plain: str) -> list[int]:
    """Offsets in `plain` (one line, no newline) where a line may break, in order.

    A break may come after a space, or between two characters one of which is wide,
    unless it would start a line with closing punctuation or end one with opening punctuation.
    """
    points = []
    for i in range(1, len(plain)):
        before, after = plain[i - 1], plain[i]
        if after.isspace():
            continue  # break after the spaces, so they end the line and vanish
        if not (before.isspace() or _wide(before) or _wide(after)):
            continue
        if after in NO_LINE_START or before in NO_LINE_END:
            continue
        points.append(i)
    return points


def _segments(plain: str) -> list[tuple[int, int]]:
    """(start, end) of each unbreakable piece of one line."""
    cuts = [0, *break_points(plain), len(plain)]
    return list(zip(cuts, cuts[1:]))


def wrap_line(line: Text, width: int) -> list[Text]:
    """One line (no newline) broken into lines at most `width` cells wide where break points allow."""
    plain = line.plain
    offsets, used = [], 0
    for start, end in _segments(plain):
        piece = plain[start:end]
        need = cell_len(piece.rstrip())
        if used and used + need > width:
            offsets.append(start)
            used = cell_len(piece)
        else:
            used += cell_len(piece)
    pieces = list(line.divide(offsets))
    for piece in pieces:
        piece.rstrip()
    return pieces


def wrap_text(text: Text, width: int) -> Text:
    """`text` with newlines inserted so that each line fits `width` cells where break points allow."""
    lines = []
    for line in text.split("\n", allow_blank=True):
        lines += wrap_line(line, width)
    wrapped = Text("\n", style=text.style).join(lines)
    wrapped.justify, wrapped.overflow, wrapped.end = text.justify, "fold", text.end
    return wrapped


class Wrapped:
    """A Rich renderable: `text` broken into lines by `wrap_text` at the width it is given (a table cell's, a panel's).

    Measured by its pieces: at least the widest unbreakable piece, at most the longest line,
    so a table gives a Chinese sentence a column it can wrap in rather than one as wide as the sentence.
    """

    def __init__(self, text: Text | str) -> None:
        self.text = Text.from_markup(text) if isinstance(text, str) else text

    def __rich_console__(self, console, options):
        if not any(_wide(char) for char in self.text.plain):
            yield self.text  # Rich's own layout, unchanged
            return
        yield wrap_text(self.text, options.max_width)

    def __rich_measure__(self, console, options) -> Measurement:
        plain = self.text.plain
        if not any(_wide(char) for char in plain):
            return Measurement.get(console, options, self.text)
        lines = plain.split("\n")
        widest_piece = max((cell_len(line[s:e].rstrip()) for line in lines for s, e in _segments(line)), default=0)
        longest_line = max((cell_len(line) for line in lines), default=0)
        return Measurement(widest_piece, longest_line).clamp(max_width=options.max_width)
