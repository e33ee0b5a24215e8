"""Line breaking for Chinese and English: within the width, never before closing or after opening punctuation."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st
from rich.cells import cell_len
from rich.console import Console
from rich.text import Text

from dltutor.cli.cjk_wrap import NO_LINE_END, NO_LINE_START, Wrapped, break_points, wrap_text

PIECES = st.sampled_from(["卷积", "神经网络", "反向传播", "（", "）", "，", "。", "、", "：", "“", "”", " ",
                          "ReLU", "backpropagation", "lr", "0.01", "—", "…"])


def _lines(text: str, width: int) -> list[str]:
    return wrap_text(Text(text), width).plain.split("\n")


@settings(max_examples=150, deadline=None)
@given(st.lists(PIECES, min_size=1, max_size=30).map("".join), st.integers(min_value=8, max_value=60))
def test_lines_fit_and_break_only_where_chinese_typesetting_allows(text, width):
    lines = _lines(text, width)
    assert "".join(lines).replace(" ", "") == text.replace(" ", "")  # nothing lost, nothing added
    allowed = set(break_points(text))
    position = 0
    for n, line in enumerate(lines):
        start = text.index(line, position) if line else position
        if n:
            assert start in allowed or not line, (text, lines)
            assert line[:1] not in NO_LINE_START and text[start - 1:start] not in NO_LINE_END or not line
        pieces_wider = any(cell_len(text[a:b].rstrip()) > width for a, b in zip([0, *allowed], [*allowed, len(text)]))
        assert cell_len(line) <= width or pieces_wider, (text, lines)
        position = start + len(line)


def test_a_chinese_sentence_wraps_instead_of_being_cut():
    console = Console(width=30, file=None, record=True, color_system=None)
    console.print(Wrapped("实时运行一门课的训练实验：先显示进度，再画出曲线并判定是否达到目标。"))
    lines = console.export_text().splitlines()
    assert lines == ["实时运行一门课的训练实验：先显", "示进度，再画出曲线并判定是否达", "到目标。"]


def test_english_is_laid_out_as_rich_lays_it_out():
    text = "Train a lesson's exercise live: progress, then a chart and the target verdict."
    wrapped, plain = (Console(width=30, record=True, color_system=None) for _ in range(2))
    wrapped.print(Wrapped(text))
    plain.print(text)
    assert wrapped.export_text() == plain.export_text()
