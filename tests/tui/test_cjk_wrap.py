"""Chinese lines break between characters in Rich (`dltutor lesson --print`) and in Textual's Markdown (the app),
never before closing or after opening punctuation; English text wraps exactly as before."""

from __future__ import annotations

import io
import re
from pathlib import Path

import pytest
from rich.cells import cell_len

from dltutor.tui import cjk_wrap

PARAGRAPH = ("这又是一个线性层，权重矩阵 W = W₂W₁，偏置 b = W₂b₁ + b₂。同样的推理对十层、一百层也成立。没有非线性，"
             "任意多个线性层叠起来都等价于单个线性层。深度带不来任何好处：模型画出的仍然只有直的决策边界（decision "
             "boundary），仍然学不会 XOR。卷积(convolution)的作用是f(x)和1.5倍。")
CLOSING, OPENING = "，。、；：！？）」』】》", "（「『【《"


def _check_lines(lines: list[str], width: int) -> None:
    assert "".join(line.replace(" ", "") for line in lines) == PARAGRAPH.replace(" ", "")  # nothing lost
    for line, following in zip(lines, lines[1:]):
        assert cell_len(line.rstrip()) <= width
        assert not following.lstrip()[:1] in CLOSING and not line.rstrip()[-1:] in OPENING, (line, following)
        # the line was full: the next piece (one ideograph, or a word and what sticks to it) did not fit
        assert cell_len(line.rstrip()) >= width - cell_len(next(iter(cjk_wrap.split_words(following)))), \
            (line, following)
    assert "(卷积)" not in PARAGRAPH or all(not line.rstrip().endswith("(") for line in lines)


@pytest.mark.parametrize("width", [20, 37, 60, 80])
def test_rich_breaks_a_chinese_paragraph_between_characters(width):
    from rich.console import Console
    from rich.markdown import Markdown

    console = Console(width=width, file=io.StringIO(), color_system=None)
    console.print(Markdown(PARAGRAPH))
    lines = console.file.getvalue().rstrip("\n").splitlines()
    assert "…" not in "".join(lines)
    _check_lines(lines, width)


@pytest.mark.parametrize("width", [20, 37, 76])
def test_textual_content_breaks_a_chinese_paragraph_between_characters(width):
    from textual.content import Content

    _check_lines([line.plain for line in Content(PARAGRAPH).wrap(width)], width)


def test_units_keep_punctuation_and_latin_words_whole():
    units = cjk_wrap.split_words("他说：“卷积(convolution)是f(x)的1.5倍。”（见第 3 课）")
    assert units == ["他", "说：", "“卷", "积", "(convolution)", "是", "f(x)", "的", "1.5", "倍。”", "（见", "第",
                     "3", "课）"]


def test_english_text_splits_exactly_as_rich_does():
    """Every paragraph of the English lessons (as Markdown joins its lines), glosses such as
    'convolution (卷积)' included."""
    rich_words = re.compile(r"\s*\S+\s*")
    paragraphs = [" ".join(block.split("\n")) for path in sorted(Path("lessons").glob("*/lesson.md"))
                  for block in re.split(r"\n\s*\n", path.read_text(encoding="utf-8")) if block.strip()]
    glossed = [line for line in paragraphs if re.search("[\u4e00-\u9fff]", line)]
    assert glossed  # the English lessons quote Chinese terms
    for line in paragraphs:
        assert [m.group(0) for m in rich_words.finditer(line)] == [w for _, _, w in cjk_wrap.words(line)], line


def test_a_chinese_table_cell_does_not_squeeze_its_neighbours():
    from rich.console import Console
    from rich.table import Table

    table = Table("概念", "PyTorch", "Keras")
    table.add_row("全连接层", "nn.Linear(64, 32)（输入、输出大小都由你给出）", "Dense(32)（输入大小由 Input(shape=(64,)) 推断）")
    console = Console(width=60, file=io.StringIO(), color_system=None)
    console.print(table)
    text = console.file.getvalue()
    assert "…" not in text and "nn.Linear(64," in text
    assert max(map(cell_len, text.splitlines())) <= 60


def test_importing_the_app_package_installs_the_line_breaking():
    import rich._wrap

    import dltutor.tui  # noqa: F401  (what the app and `dltutor lesson --print` import)

    assert rich._wrap.words is cjk_wrap.words
