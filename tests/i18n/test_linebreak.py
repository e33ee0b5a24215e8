"""One line-breaking mechanism for Chinese and English (`dltutor.i18n.linebreak`), in Rich (every CLI
command, `dltutor lesson --print`) and in Textual (the app): lines fit, no line starts with closing or
ends with opening punctuation, nothing is lost, and English text wraps exactly as Rich wraps it."""

from __future__ import annotations

import io
import re
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from rich.cells import cell_len
from rich.console import Console
from rich.text import Text
from typer.testing import CliRunner

import dltutor.cli.console  # noqa: F401  (installs the line breaking, as every command does)
from dltutor.i18n import linebreak, use_language
from dltutor.i18n.linebreak import NO_LINE_END, NO_LINE_START

PARAGRAPH = ("这又是一个线性层，权重矩阵 W = W₂W₁，偏置 b = W₂b₁ + b₂。同样的推理对十层、一百层也成立。没有非线性，"
             "任意多个线性层叠起来都等价于单个线性层。深度带不来任何好处：模型画出的仍然只有直的决策边界（decision "
             "boundary），仍然学不会 XOR。卷积(convolution)的作用是f(x)和1.5倍。")


def check_lines(text: str, lines: list[str], width: int) -> list[int]:
    """Assert the rules on `lines` (the wrapped `text`); return the offsets in `text` where lines start.

    Text that is not Chinese (`is_cjk_text`) is laid out as Rich lays out English: the punctuation
    rules are not checked there.
    """
    starts, position, chinese = [], 0, linebreak.is_cjk_text(text)
    for line in lines:
        assert cell_len(line) <= width, (line, width)
        body = line.rstrip()
        assert not chinese or body[:1] not in NO_LINE_START and body[-1:] not in NO_LINE_END, (lines, width)
        assert text.startswith(body, position), (text, lines)  # nothing lost, nothing added
        starts.append(position)
        position += len(body)
        position += len(text[position:]) - len(text[position:].lstrip(" "))  # the spaces at the break
    assert position == len(text), (text, lines)
    return starts


def rich_lines(text: str, width: int) -> list[str]:
    console = Console(width=width, file=io.StringIO(), color_system=None)
    console.print(Text(text))
    return console.file.getvalue().rstrip("\n").split("\n")


def textual_lines(text: str, width: int) -> list[str]:
    from textual.content import Content

    return [line.plain for line in Content(text).wrap(width)]


# -- random mixes: Chinese, Latin words, numbers, code and punctuation -------------------------

CHINESE = ["卷积", "神经网络", "反向传播", "的", "是", "梯度下降法", "学习率", "随时间反向传播算法"]
LATIN = ["ReLU", "backpropagation", "lr", "Fashion-MNIST", "nn.Linear", "f(x)", "x", "BPTT"]
NUMBERS = ["0.01", "1.5", "3", "1000"]
WHOLE = ["ReLU", "lr", "f(x)", "BPTT", "nn.Linear", *NUMBERS]  # short enough to be kept whole at width 20+
SEGMENT = st.tuples(st.sampled_from(["", "", "", "（", "“", "《", "("]),
                    st.sampled_from(CHINESE + LATIN + NUMBERS),
                    st.sampled_from(["", "", "", "，", "。", "、", "：", "）", "”", "》", "……", "——", ")", ",",
                                     "。”", "）。", "！"]),
                    st.sampled_from(["", "", " "]))
MIXES = st.lists(SEGMENT, min_size=1, max_size=40)


def _text_and_tokens(segments) -> tuple[str, list[tuple[int, int]]]:
    text, tokens = "", []
    for opening, word, closing, space in segments:
        if word not in CHINESE and text[-1:].strip() and not linebreak.is_wide(text[-1]):
            text += " "  # Latin words are written apart
        start = len(text) + len(opening)
        tokens += [(start, start + len(word))] if word in WHOLE else []
        text += opening + word + closing + space
    return text.rstrip(), tokens


@pytest.mark.parametrize("lay_out", [rich_lines, textual_lines], ids=["rich", "textual"])
@settings(max_examples=150, deadline=None)
@given(segments=MIXES, width=st.integers(min_value=10, max_value=100))
def test_random_mixes_fit_keep_the_rules_and_lose_nothing(lay_out, segments, width):
    text, tokens = _text_and_tokens(segments)
    starts = check_lines(text, lay_out(text, width), width)
    if width >= 20:  # a Latin word, a number or f(x) (with what sticks to it) fits a line: it is not cut
        assert not [(s, t) for s in starts for t in tokens if t[0] < s < t[1]], (text, width)


# -- the rules, piece by piece -----------------------------------------------------------------

def test_pieces_keep_punctuation_and_latin_words_whole():
    pieces = [word.strip() for _, _, word in linebreak.words("他说：“卷积(convolution)是f(x)的1.5倍。”（见第 3 课）")]
    assert pieces == ["他", "说：", "“卷", "积", "(convolution)", "是", "f(x)", "的", "1.5", "倍。”", "（见", "第",
                      "3 课）"]  # a number stays with the word it counts


def test_closing_punctuation_after_a_space_stays_on_the_line():
    assert 3 not in linebreak.break_points("卷积 。后面") and 3 not in linebreak.break_points("卷（ 积")


def test_a_word_too_wide_for_any_line_is_folded_by_the_rules():
    [(_, _, piece)] = linebreak.words("abcdefghij）。")
    assert linebreak.fold(piece, 10) == ["abcdefghi", "j）。"]
    assert linebreak.fold("abcdefghij,", 10) == ["abcdefghij", ","]  # English: as Rich folds it


def test_english_text_splits_exactly_as_rich_does():
    """Every paragraph of the English lessons (as Markdown joins its lines), glosses such as
    'convolution (卷积)' included."""
    rich_words = re.compile(r"\s*\S+\s*")
    paragraphs = [" ".join(block.split("\n")) for path in sorted(Path("lessons").glob("*/lesson.md"))
                  for block in re.split(r"\n\s*\n", path.read_text(encoding="utf-8")) if block.strip()]
    assert [line for line in paragraphs if re.search("[\u4e00-\u9fff]", line)]  # the lessons quote Chinese terms
    for line in paragraphs:
        assert [m.group(0) for m in rich_words.finditer(line)] == [w for _, _, w in linebreak.words(line)], line


def test_chinese_with_little_chinese_in_it_is_still_chinese():
    """Full-width punctuation marks Chinese text even where code and names are most of it."""
    assert linebreak.is_cjk_text("存放 MNIST / Fashion-MNIST IDX 文件的文件夹（或 torchvision 的 DIR/MNIST/raw）。")
    assert not linebreak.is_cjk_text("The universal approximation theorem (万能近似定理, also 通用近似定理) says")


# -- where learners see it: a lesson printed, the app, a table, a CLI command ------------------

@pytest.mark.parametrize("width", [20, 37, 60, 80])
def test_a_printed_lesson_breaks_chinese_between_characters(width):
    from rich.markdown import Markdown

    console = Console(width=width, file=io.StringIO(), color_system=None)
    console.print(Markdown(PARAGRAPH))
    lines = console.file.getvalue().rstrip("\n").splitlines()
    assert "…" not in "".join(lines)
    check_lines(PARAGRAPH, lines, width)
    for line, following in zip(lines, lines[1:]):  # the line was full: the next piece did not fit
        piece = next(iter(linebreak.words(following)))[2].strip()
        assert cell_len(line.rstrip()) + 1 + cell_len(piece) > width, (line, following)


@pytest.mark.parametrize("width", [20, 37, 76])
def test_the_app_breaks_chinese_between_characters(width):
    check_lines(PARAGRAPH, textual_lines(PARAGRAPH, width), width)


def test_a_chinese_sentence_wraps_instead_of_being_cut():
    assert rich_lines("实时运行一门课的训练实验：先显示进度，再画出曲线并判定是否达到目标。", 30) == [
        "实时运行一门课的训练实验：先显", "示进度，再画出曲线并判定是否达", "到目标。"]


def test_a_chinese_table_cell_does_not_squeeze_its_neighbours_or_lose_characters():
    from rich.table import Table

    table = Table("概念", "PyTorch", "Keras")
    table.add_row("全连接层", "nn.Linear(64, 32)（输入、输出大小都由你给出）", "Dense(32)（输入大小由 Input(shape=(64,)) 推断）")
    table.add_row("环境变量", "$DLTUTOR_LANG、应用中保存的选择", "")
    for width in (60, 40):  # at 40 the pieces are wider than the columns: folded, not cut with …
        console = Console(width=width, file=io.StringIO(), color_system=None)
        console.print(table)
        text = console.file.getvalue()
        assert "…" not in text and ("nn.Linear(64," in text or width < 60) and "$DLTUTOR_LA" in text
        assert max(map(cell_len, text.splitlines())) <= width


def test_a_command_in_chinese_at_40_columns(monkeypatch):
    from dltutor.cli import app
    from dltutor.cli.console import console

    monkeypatch.setattr(console, "width", 40)
    monkeypatch.setenv("DLTUTOR_LANG", "en")  # use_language exports its choice; restored after the test
    use_language("zh")
    try:
        out = CliRunner().invoke(app, ["list"]).output
    finally:
        use_language("en")
    assert "学习路线" in out and "元、感" in out  # a Chinese title wraps (an English id is cut with …, as in English)
    for line in out.splitlines():
        body = line.strip(" │┃|")
        assert cell_len(line) <= 40 and body[:1] not in NO_LINE_START, out


def test_installed_once_by_the_cli_and_the_app_and_safe_if_rich_changes(monkeypatch):
    import rich._wrap

    import dltutor.tui  # noqa: F401  (what the app and `dltutor lesson --print` import)

    assert rich._wrap.words is linebreak.words and rich._wrap.chop_cells is linebreak.fold
    linebreak.install()  # again: nothing changes
    assert Text.wrap.__module__ == linebreak.__name__
    monkeypatch.delattr(rich._wrap, "chop_cells")  # a future Rich without it: no error
    linebreak.install()


def test_a_drill_message_in_chinese_wraps_under_its_label():
    from dltutor.cli.drill import _say

    terminal = Console(width=41, force_terminal=True, record=True, color_system=None)
    _say(terminal, "提示：先减去最大值，再取指数：否则 exp(1000) 会溢出成 inf，softmax 得到 nan。" * 2, 4)
    lines = terminal.export_text().splitlines()
    assert len(lines) > 2 and lines[0].startswith("    提示：先减去") and "…" not in "".join(lines)
    for line in lines[1:]:
        assert line.startswith(" " * 10) and line[10] not in NO_LINE_START and line[10] != " " and cell_len(line) <= 40, lines


@pytest.mark.parametrize(("text", "width", "shown"), [
    ("神经元、感知机与多层网络", 14, "神经元、感知…"),  # 13 cells fit: no space before …
    ("神经元、感知机与多层网络", 13, "神经元、感知…"),
    ("Neurons and perceptrons", 10, "Neurons a…"),  # English: as Rich cuts it
    ("激活函数", 8, "激活函数"),
])
def test_ellipsize_puts_the_ellipsis_right_after_the_last_character_that_fits(text, width, shown):
    from rich.text import Text

    from dltutor.i18n.linebreak import ellipsize

    cut = Text(text)
    ellipsize(cut, width)
    assert cut.plain == shown and cut.cell_len <= width


def test_a_number_stays_with_the_chinese_word_it_counts():
    from dltutor.i18n.linebreak import break_points

    text = "测验最高分 4.5/6（共 12 次）"
    cuts = break_points(text)
    assert text.index("次") not in cuts and text.index("12") in cuts  # "共" / "12 次）", never "共 12" / "次）"
