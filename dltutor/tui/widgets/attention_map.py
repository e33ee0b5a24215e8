"""The attention exercise's picture: one example's attention weights as a heatmap (Rich only, no Textual).

Used by the lab's sample view (kind "attention") and printed by `dltutor train attention`.
Data (see dltutor/lab/exercises/attention.py, `heatmap`): tokens [L] labels, weights [L][L] (row = the
token that attends, column = the position it reads from; each row sums to 1), match (the column of the
pair the query asks for), answer and predicted (value ids), title and note.
"""

from __future__ import annotations

from rich.console import Group, RenderableType
from rich.style import Style
from rich.text import Text

from dltutor.i18n import _, ngettext

DARK, BRIGHT = (25, 25, 35), (250, 200, 60)


def _colour(weight: float) -> str:
    # Square root: a weight of 0.25 already shows clearly, while 0 stays dark.
    v = max(0.0, min(1.0, weight)) ** 0.5
    r, g, b = (round(a + (c - a) * v) for a, c in zip(DARK, BRIGHT))
    return f"#{r:02x}{g:02x}{b:02x}"


def _cell(weight: float, width: int) -> Text:
    percent = round(weight * 100)
    label = "··" if percent == 0 else "99" if percent >= 100 else f"{percent:2d}"
    style = Style(color="black" if weight >= 0.3 else "grey70", bgcolor=_colour(weight))
    return Text(label.rjust(width), style=style)


def _caption(data: dict, lines: int = 1) -> Text:
    """What the query asks and what the model answered, on one line (or two, for narrow panels)."""
    tokens, match = data["tokens"], data.get("match")
    query = tokens[-1]
    text = Text(_("query {query} · matching pair {pair} (▲)").format(query=query, pair=tokens[match])
                if isinstance(match, int) else _("query {query}").format(query=query))
    answer, predicted = data.get("answer"), data.get("predicted")
    if answer is not None and predicted is not None:
        ok = answer == predicted
        text.append("\n" if lines > 1 else " · ")
        text.append(_("answer v{answer}, predicted v{predicted} ").format(answer=answer, predicted=predicted))
        text.append("✓" if ok else "✗", style="bold green" if ok else "bold red")
    return text


def _query_bars(data: dict, width: int, height: int) -> Group:
    """The query's row alone, as bars from the strongest weight down: for panels too narrow for the grid."""
    tokens, row, match = data["tokens"], data["weights"][-1], data.get("match")
    label_width = max(len(t) for t in tokens) + 3  # room for " ▲" and a gap
    room = max(1, width - label_width - 5)
    lines = [_caption(data, lines=2), Text(_("query reads from (strongest first):"), style="dim")]
    for i in sorted(range(len(row)), key=lambda i: -row[i])[: max(1, height - 4)]:
        line = Text((tokens[i] + (" ▲" if i == match else "")).ljust(label_width),
                    style="bold yellow" if i == match else "")
        line.append("█" * max(0, round(float(row[i]) * room)), style=_colour(float(row[i])))
        line.append(f" {float(row[i]):.0%}")
        lines.append(line)
    return Group(*lines)


def attention_heatmap(data: dict, width: int, height: int) -> list[tuple[str, RenderableType]]:
    """Rows = tokens that attend, columns = positions (numbered; ? = the query), numbers = weight in %.

    The query's row (the last) comes first, since it is the one that answers; the other rows follow while
    `height` allows. Too narrow for the grid: the query's row alone, as bars from the strongest weight down.
    Raises KeyError/TypeError/IndexError on malformed data (the sample view shows those as a one-line error).
    """
    tokens, weights = list(data["tokens"]), data["weights"]
    n = len(tokens)
    if not n or len(weights) != n or any(len(row) != n for row in weights):
        raise ValueError(_("weights must be {n} × {n}, one row and one column per token").format(n=n))
    match = data.get("match")
    label_width = max(len(t) for t in tokens) + 1
    cell = 3  # two digits and a gap: narrower cells run the numbers together
    title = data.get("title", "attention")
    if label_width + cell * n > width:
        return [(title, _query_bars(data, width, height))]
    header = Text(" " * label_width)
    for i in range(n):
        header.append(("?" if i == n - 1 else str(i + 1)).rjust(cell), style="bold" if i == match else "dim")
    marker = Text(" " * label_width + "".join(("▲" if i == match else " ").rjust(cell) for i in range(n)),
                  style="bold yellow")
    lines = [_caption(data), header]
    order = [n - 1] + list(range(n - 1))  # the query first
    room = max(1, height - 4)  # caption, header, marker, note
    for r in order[:room]:
        line = Text(tokens[r].ljust(label_width), style="bold" if r == n - 1 else "")
        for w in weights[r]:
            line.append(_cell(float(w), cell))
        lines.append(line)
        if r == n - 1:
            lines.append(marker)
    hidden = n - min(n, room)
    if hidden:
        lines.append(Text(ngettext("(+{n} more row: make the panel taller)", "(+{n} more rows: make the panel taller)",
                                   hidden).format(n=hidden), style="dim"))
    note = data.get("note")
    if isinstance(note, str) and note and height >= n + 6:
        lines.append(Text(note, style="dim"))
    return [(title, Group(*lines))]
