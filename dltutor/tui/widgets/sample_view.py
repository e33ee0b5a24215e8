"""The exercise's own picture: draws the latest `Sample` of each kind (see dltutor/lab/events.py).

Each kind has a small pure renderer `(data, width, height) -> renderable`; the widget keeps the
latest sample per kind (and data set) and lays their panels out in the space it has.
Unknown kinds or shapes fall back to a short readable dump instead of failing.
A panel that needs more columns than its share (a 10-class confusion matrix in an 80-column
terminal) gets them, and the view scrolls sideways: tables never collapse to `…` cells.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from typing import Any

from rich.console import Group, RenderableType
from rich.measure import Measurement
from rich.pretty import Pretty
from rich.style import Style
from rich.table import Table
from rich.text import Text
from textual.containers import ScrollableContainer
from textual.widgets import Static

from dltutor.i18n import N_, _, pgettext
from dltutor.tui.widgets.attention_map import attention_heatmap

LOW, HIGH = (45, 85, 170), (235, 150, 45)  # class 0 / class 1 (probability 0 → 1)


def _blend(value: float, low=LOW, high=HIGH) -> str:
    v = 0.0 if not isinstance(value, (int, float)) or math.isnan(value) else min(1.0, max(0.0, float(value)))
    r, g, b = (round(a + (c - a) * v) for a, c in zip(low, high))
    return f"#{r:02x}{g:02x}{b:02x}"


def heatmap(grid: list[list[float]], width: int, height: int, points: list | None = None,
            bounds: tuple[float, float, float, float] | None = None) -> Text:
    """Probability grid (row 0 = lowest y) as coloured cells, training points as o (class 0) / x (class 1)."""
    rows, cols = len(grid), len(grid[0]) if grid else 0
    width, height = max(1, width), max(1, height)
    marks: dict[tuple[int, int], str] = {}
    if points and bounds:
        x0, x1, y0, y1 = bounds
        room = max(1, width * height // 8)  # leave most cells free so the colours stay readable
        for p in points[:: max(1, math.ceil(len(points) / room))]:
            c = round((p[0] - x0) / ((x1 - x0) or 1) * (width - 1))
            r = round((y1 - p[1]) / ((y1 - y0) or 1) * (height - 1))
            if 0 <= r < height and 0 <= c < width:
                marks[r, c] = "x" if len(p) > 2 and p[2] >= 0.5 else "o"
    text = Text(no_wrap=True, overflow="crop")
    for r in range(height):
        gy = rows - 1 - min(rows - 1, r * rows // height)
        for c in range(width):
            gx = min(cols - 1, c * cols // width)
            text.append(marks.get((r, c), " "), Style(color="white", bold=True, bgcolor=_blend(grid[gy][gx])))
        if r < height - 1:
            text.append("\n")
    return text


def decision_boundary(data: dict, width: int, height: int) -> list[tuple[str, RenderableType]]:
    z = data.get("z", [])
    grids = z if isinstance(z, dict) else {"": z}
    xs, ys = data.get("x") or [0, 1], data.get("y") or [0, 1]
    bounds = (xs[0], xs[-1], ys[0], ys[-1])
    name = data.get("dataset", "")
    return [(f"{name} {model}".strip(), heatmap(grid, width, height, data.get("points"), bounds))
            for model, grid in grids.items() if grid]


def _bar(fraction: float, width: int) -> str:
    full = max(0.0, min(1.0, fraction)) * width
    return "█" * int(full) + ("▌" if full - int(full) >= 0.5 else "")


def grad_norms(data: dict, width: int, height: int) -> list[tuple[str, RenderableType]]:
    """Per-layer gradient norms on a log scale: vanishing gradients show as bars that shrink toward layer 1."""
    values = [v for norms in data.values() if isinstance(norms, list) for v in norms if isinstance(v, (int, float)) and v > 0]
    if not values:
        return [(_("gradient norms"), Pretty(data))]
    lo, hi = math.log10(min(values)), math.log10(max(values))
    panels = []
    for model, norms in data.items():
        if not isinstance(norms, list):
            continue
        table = Table.grid(padding=(0, 1))
        for i, v in enumerate(norms, 1):
            fraction = (math.log10(v) - lo) / ((hi - lo) or 1) if isinstance(v, (int, float)) and v > 0 else 0
            table.add_row(f"L{i}", Text(_bar(fraction, max(1, width - 13)), "cyan"), f"{v:.0e}")
        panels.append((model, table))
    return panels


def image(pixels: list[list[float]]) -> Text:
    """A small grey-scale image (normalised to its own range), two columns per pixel, half-blocks for rows."""
    flat = [v for row in pixels for v in row]
    lo, hi = min(flat), max(flat)
    norm = [[(v - lo) / ((hi - lo) or 1) for v in row] for row in pixels]
    text = Text(no_wrap=True)
    for r in range(0, len(norm), 2):
        for c in range(len(norm[r])):
            top = _blend(norm[r][c], (0, 0, 0), (255, 255, 255))
            bottom = _blend(norm[r + 1][c], (0, 0, 0), (255, 255, 255)) if r + 1 < len(norm) else "black"
            text.append("▀▀", Style(color=top, bgcolor=bottom))
        text.append("\n")
    text.rstrip()
    return text


def filters(data: dict, width: int, height: int) -> list[tuple[str, RenderableType]]:
    """The input image, the learned filters and the feature maps they produce, each row of pictures in turn."""
    groups = [(name, [img for img in data.get(name) or [] if img and isinstance(img[0], list)])
              for name in ("filters", "feature_maps", "images")]
    if isinstance(data.get("input"), list) and data["input"] and isinstance(data["input"][0], list):
        groups.insert(0, ("input", [data["input"]]))
    panels = []
    for name, images in groups:
        if not images:
            continue
        per_row = max(1, (width + 1) // (2 * len(images[0][0]) + 1))
        grid = Table.grid(padding=(0, 1))
        for start in range(0, len(images), per_row):
            grid.add_row(*(image(img) for img in images[start:start + per_row]))
        panels.append((name.replace("_", " "), grid))
    return panels or [("filters", Pretty(data, max_length=4))]


POINT_SETS = {"real": N_("real"), "generated": N_("generated"), "centres": N_("centres")}  # legend words


def scatter(data: dict, width: int, height: int) -> list[tuple[str, RenderableType]]:
    """Real points as dim dots, generated ones as bright dots, on one canvas."""
    sets = {k: v for k, v in data.items() if isinstance(v, list) and v and isinstance(v[0], (list, tuple))}
    if not sets:
        return [(pgettext("data points", "points"), Pretty(data))]
    allp = [p for pts in sets.values() for p in pts]
    x0, x1 = min(p[0] for p in allp), max(p[0] for p in allp)
    y0, y1 = min(p[1] for p in allp), max(p[1] for p in allp)
    canvas = [[(" ", "")] * width for _row in range(height)]
    styles = {"real": ("·", "grey50"), "generated": ("●", "bold #ffb000"), "centres": ("+", "bold red")}
    for name in sorted(sets, key=lambda n: n == "generated"):  # generated drawn over the rest
        glyph, style = styles.get(name, ("•", "cyan"))
        for p in sets[name]:
            c = round((p[0] - x0) / ((x1 - x0) or 1) * (width - 1))
            r = round((y1 - p[1]) / ((y1 - y0) or 1) * (height - 1))
            canvas[r][c] = (glyph, style)
    text = Text(no_wrap=True)
    for r, row in enumerate(canvas):
        for glyph, style in row:
            text.append(glyph, style)
        if r < height - 1:
            text.append("\n")
    legend = " · ".join(f"{styles.get(n, ('•',))[0]} {_(POINT_SETS[n]) if n in POINT_SETS else n}" for n in sets)
    counts = " · ".join(f"{k.replace('_', ' ')} {_cell(v)}" for k, v in data.items() if isinstance(v, (int, float)))
    return [(legend + (f" · {counts}" if counts else ""), text)]


def confusion(data: dict, width: int, height: int) -> list[tuple[str, RenderableType]]:
    matrix = data.get("matrix") or []
    labels = [str(label) for label in data.get("labels") or range(len(matrix))]
    recall = data.get("recall") or []
    table = Table(box=None, padding=(0, 1), show_edge=False, header_style="bold")
    table.add_column(_("true╲pred"), style="bold")
    for label in labels:
        table.add_column(label, justify="right")
    if recall:
        table.add_column(_("recall"), justify="right")
    for i, row in enumerate(matrix):
        total = sum(row) or 1
        cells = [Text(str(v), style=Style(bgcolor=_blend(v / total, (30, 30, 30), (40, 140, 70)))) for v in row]
        table.add_row(Text(labels[i] if i < len(labels) else str(i)), *cells,
                      *([f"{recall[i]:.0%}"] if i < len(recall) else []))
    return [(_("confusion matrix (rows: true class)"), table)]


def _cell(value: Any) -> str:
    if isinstance(value, bool):
        return str(value)
    if isinstance(value, float):
        return f"{value:.4g}" if abs(value) >= 1e-3 or value == 0 else f"{value:.2e}"
    if isinstance(value, list):  # e.g. the first gradient entries: a few are enough to compare
        return "[" + ", ".join(_cell(v) for v in value[:3]) + (", …]" if len(value) > 3 else "]")
    return str(value)


def _with_note(body: RenderableType, data: dict) -> RenderableType:
    note = data.get("note")
    return Group(body, Text(note, style="dim")) if isinstance(note, str) and note else body


def table(data: dict, width: int, height: int) -> list[tuple[str, RenderableType]]:
    rows = data.get("rows") or []
    columns = data.get("columns") or (list(rows[0]) if rows and isinstance(rows[0], dict) else [])
    out = Table(box=None, padding=(0, 1), header_style="bold", show_edge=False)
    for column in columns:
        out.add_column(str(column), justify="right", overflow="fold")
    for row in rows:
        values = [row.get(c) for c in columns] if isinstance(row, dict) else list(row)
        out.add_row(*(Text(_cell(v)) for v in values))
    return [(data.get("title", ""), _with_note(out, data))]


def curves(data: dict, width: int, height: int) -> list[tuple[str, RenderableType]]:
    """Lists are curves over `step` (when given); strings are the title and a caption."""
    from textual_plotext.plot import Plot

    xs = data.get("step")
    plot = Plot()
    plot.plotsize(width, max(5, height - 2))
    plot.theme("dark")
    for name, ys in data.items():
        if name != "step" and isinstance(ys, list) and ys:
            plot.plot(xs if isinstance(xs, list) and len(xs) == len(ys) else list(range(len(ys))), ys,
                      label=name, marker="hd")
    return [(data.get("title", ""), _with_note(Text.from_ansi(plot.build()), data))]


RENDERERS: dict[str, Callable[[dict, int, int], list[tuple[str, RenderableType]]]] = {
    "decision_boundary": decision_boundary, "grad_norms": grad_norms, "gradients": table, "filters": filters,
    "feature_maps": filters, "points": scatter, "confusion": confusion, "table": table, "curves": curves,
    "attention": attention_heatmap,
}


def sample_key(kind: str, data: dict) -> str:
    """Samples that differ in data set or title (XOR and moons boundaries, several tables) are shown together."""
    return f"{kind}:{data.get('dataset') or data.get('title') or ''}"


class SampleView(ScrollableContainer):
    """The latest sample of each kind, laid out as a grid of titled panels; scrolls when a panel is wider."""

    def __init__(self, **kwargs) -> None:
        super().__init__(**kwargs)
        self.samples: dict[str, tuple[str, dict, int]] = {}  # key -> (kind, data, step)

    def compose(self):
        yield Static(self._empty(), id="sample-canvas")

    @staticmethod
    def _empty() -> Text:
        return Text(_("The exercise's picture appears here once the run starts."), style="dim")

    def add(self, kind: str, data: dict, step: int) -> None:
        self.samples[sample_key(kind, data)] = (kind, data, step)

    def clear(self) -> None:
        self.samples.clear()
        self.redraw()

    def on_resize(self) -> None:
        self.redraw()

    def redraw(self) -> None:
        canvas = self.query_one("#sample-canvas", Static)
        if not self.samples:
            canvas.styles.width = "auto"
            canvas.update(self._empty())
            return
        grid, width = self.layout_panels(self.scrollable_content_region.width or self.size.width,
                                         self.scrollable_content_region.height or self.size.height)
        canvas.styles.width = width
        canvas.update(grid)

    def layout_panels(self, width: int, height: int) -> tuple[RenderableType, int]:
        """The panels as a grid for a view `width`×`height`, and the grid's width (more than `width` if a panel needs it)."""
        kinds = list(self.samples.values())
        # A guess at the panels per sample (boundaries: one per model) so each gets a fair share.
        guess = sum(len(d.get("z", {})) if k == "decision_boundary" and isinstance(d.get("z"), dict) else 1
                    for k, d, _step in kinds) or len(kinds)
        cols = 1 if guess == 1 else 2
        rows = math.ceil(guess / cols)
        pw, ph = max(8, (width - (cols - 1)) // cols), max(3, height // rows - 2)
        panels: list[RenderableType] = []
        for kind, data, step in kinds:
            renderer = RENDERERS.get(kind)
            try:
                made = renderer(data, pw, ph) if renderer else [(kind, Pretty(data, max_length=8, max_string=40))]
            except (TypeError, ValueError, KeyError, IndexError, ZeroDivisionError) as exc:
                made = [(kind, Text(_("cannot draw this {kind} sample: {error}").format(kind=kind, error=exc),
                                    style="red"))]
            panels += [Group(Text(_("{title} · step {step}").format(title=title, step=step) if title
                                  else _("step {step}").format(step=step), style="bold",
                                  overflow="ellipsis", no_wrap=True), body)
                       for title, body in made]
        count = min(cols, len(panels))
        widths = [pw] * count
        console = self.app.console
        options = console.options.update_width(10_000)
        for i, panel in enumerate(panels):  # a table's natural width wins over its share of the view
            body = panel.renderables[1]
            table = body.renderables[0] if isinstance(body, Group) else body  # a note under a table may wrap
            if isinstance(table, Table):
                widths[i % count] = max(widths[i % count], Measurement.get(console, options, table).maximum)
        grid = Table.grid(padding=(0, 1))
        for column_width in widths:
            grid.add_column(width=column_width, no_wrap=True)
        for start in range(0, len(panels), cols):
            grid.add_row(*panels[start:start + cols])
        return grid, sum(widths) + count - 1
