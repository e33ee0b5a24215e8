"""A live line chart of a run's series (losses by step, metrics by epoch), drawn with textual-plotext.

Points are added cheaply (no redraw); the lab screen calls `refresh()` at most a few times a
second. Each series keeps its whole history at bounded cost: past `MAX_POINTS` it drops every
other point, so a long run still shows its first steep fall.
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
        for name, series in self.series.items():
            plt.plot(series.xs, series.ys, label=labels[name], marker="braille")
        self.refresh()
