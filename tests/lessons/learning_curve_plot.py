"""Lesson 3's learning-curve figure, drawn from gradient descent on L(w) = (w − 3)² (a test compares it with the text)."""

from __future__ import annotations

MARKS = {0.01: "○", 0.1: "●", 1.1: "×"}


def losses(lr: float, steps: int = 10) -> list[float]:
    """L after 0, 1, …, steps gradient-descent steps from w = 0: 9·(1 − 2·lr)^(2t)."""
    w, out = 0.0, []
    for _ in range(steps + 1):
        out.append((w - 3) ** 2)
        w -= lr * 2 * (w - 3)
    return out


def figure(top: float = 18.0, rows: int = 13, steps: int = 10) -> str:
    """One column per step (3 characters wide); a value above the chart is drawn as ↑ in the top row."""
    grid = [[" "] * (3 * steps + 1) for _ in range(rows)]
    for lr, mark in MARKS.items():
        for t, value in enumerate(losses(lr, steps)):
            r = 0 if value > top else round((top - value) / top * (rows - 1))
            grid[r][3 * t] = "↑" if value > top else mark
    lines = ["loss"]
    for r in range(rows):
        y = top - top * r / (rows - 1)
        lines.append(f"{y:4.1f} ┤" + "".join(grid[r]).rstrip())
    lines.append("     └" + "─" * (3 * steps + 1))
    lines.append("      " + "".join(f"{t:<3d}" for t in range(0, steps + 1)).rstrip() + "  step")
    lines.append("      ○ η = 0.01   ● η = 0.1   × η = 1.1 (↑ above the chart)")
    return "\n".join(lines)


if __name__ == "__main__":
    print(figure())
