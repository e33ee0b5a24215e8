"""A live line chart of a run's series (losses by step, metrics by epoch), drawn with textual-plotext.

Points are added cheaply (no redraw); the lab screen calls `replot()` at most a few times a
second, and only for the chart on screen. Each series keeps its whole history at bounded cost:
past `MAX_POINTS` it drops every other point, so a long run still shows its first steep fall.
Plotext is slow (about 1 ms per plotted point on a busy 2-core machine), so each series is
thinned to the chart's width before plotting and the drawn figure is cached until data or
size change: key presses stay quick while a run trains.
"""

from __future__ import annotations

import math
import os

from textual_plotext import PlotextPlot

MAX_POINTS = 600


class Series:
    def __init__(self) -> None:
        self.xs: list[float] = []
        self.ys: list[float] = []
        self.stride = 1  # keep one point in `stride`
        self._seen = 0

    def add(self, x: float, y: float) -> None:
        self._seen += 1
        if (self._seen - 1) % self.stride:
            return
        self.xs.append(x)
        self.ys.append(y)
        if len(self.xs) > MAX_POINTS:
            self.xs, self.ys, self.stride = self.xs[::2], self.ys[::2], self.stride * 2


def short_names(names: list[str]) -> dict[str, str]:
    """Drop the prefix all names share ('loss/xor/mlp', 'loss/moons/mlp' -> 'xor/mlp', 'moons/mlp')."""
    if len(names) < 2:
        return {n: n.split("/", 1)[-1] if "/" in n else n for n in names}
    prefix = os.path.commonprefix(names)
    prefix = prefix[: prefix.rfind("/") + 1]
    return {n: n[len(prefix):] or n for n in names}


class RunChart(PlotextPlot):
    def __init__(self, title: str, xlabel: str, **kwargs) -> None:
        super().__init__(**kwargs)
        self.title, self.xlabel = title, xlabel
        self.series: dict[str, Series] = {}
        self._version = 0  # bumped by replot(); the cached figure is rebuilt when it or the size changes
        self._cached: tuple[tuple, object] | None = None

    def on_mount(self) -> None:
        self.plt.title(self.title)
        self.plt.xlabel(self.xlabel)

    def clear(self) -> None:
        self.series.clear()
        self.replot()

    def add(self, x: float, values: dict[str, float]) -> None:
        for name, value in values.items():
            if isinstance(value, (int, float)) and math.isfinite(value):
                self.series.setdefault(name, Series()).add(x, value)

    def replot(self) -> None:
        plt = self.plt
        plt.clear_data()
        labels = short_names(list(self.series))
        room = max(8, self.size.width)  # about one point per column is all a terminal can show
        for name, series in self.series.items():
            every = max(1, math.ceil(len(series.xs) / room))
            xs, ys = series.xs[::every], series.ys[::every]
            if xs and xs[-1] != series.xs[-1]:  # always show the latest value
                xs, ys = xs + series.xs[-1:], ys + series.ys[-1:]
            plt.plot(xs, ys, label=labels[name], marker="hd")
        self._version += 1
        self.refresh()

    def render(self):
        key = (self.size, self._version, self.app.theme)
        if self._cached is None or self._cached[0] != key:
            self._cached = (key, super().render())
        return self._cached[1]
