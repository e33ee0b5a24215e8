"""The activation-curve figure of lesson 2, drawn from the functions themselves (a test compares it with the text)."""

from __future__ import annotations

import math
from collections.abc import Callable

Curve = Callable[[float], float]


def plot(title: str, f: Curve, df: Curve, lo: float, hi: float, rows: int = 9, cols: int = 41) -> list[str]:
    """f as ●, its derivative as ·, for z from −4 to 4 (one column per 0.2); y from hi (top) to lo."""
    grid = [[" "] * cols for _ in range(rows)]

    def row(y: float) -> int:
        return round((hi - y) / (hi - lo) * (rows - 1))

    for c in range(cols):
        if lo <= 0 <= hi:
            grid[row(0.0)][c] = "─"
    for r in range(rows):
        grid[r][cols // 2] = "┼" if grid[r][cols // 2] == "─" else "│"
    for c in range(cols):
        z = -4 + 8 * c / (cols - 1)
        for fn, mark in ((df, "·"), (f, "●")):  # f drawn last: where they meet, the function shows
            if lo <= fn(z) <= hi:
                grid[row(fn(z))][c] = mark
    lines = [title]
    for r in range(rows):
        y = hi - (hi - lo) * r / (rows - 1)
        lines.append(f"{y:5.2f} " + "".join(grid[r]).rstrip())
    lines.append("      " + "−4".ljust(cols // 2) + "0".ljust(cols - cols // 2 - 1) + "4")
    return lines


def sigmoid(z: float) -> float:
    return 1 / (1 + math.exp(-z))


def figure() -> str:
    plots = [
        plot("sigmoid σ(z) ●    derivative σ′(z) ·", sigmoid, lambda z: sigmoid(z) * (1 - sigmoid(z)), 0, 1),
        plot("tanh(z) ●    derivative 1 − tanh²(z) ·", math.tanh, lambda z: 1 - math.tanh(z) ** 2, -1, 1),
        plot("ReLU(z) ●    derivative ·", lambda z: max(0.0, z), lambda z: 1.0 if z > 0 else 0.0, 0, 4),
    ]
    return "\n\n".join("\n".join(p) for p in plots)


if __name__ == "__main__":
    print(figure())
