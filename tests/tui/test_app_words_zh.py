"""The app's own words in Chinese, switched in-process: footer, palette, statuses, headers, remedies.

Key descriptions are declared at import (N_) and translated when shown, so one process can show
both languages; widths are measured in cells (a CJK character takes two).
"""

from __future__ import annotations

from rich.cells import cell_len
from textual.widgets._footer import FooterKey

from dltutor.i18n import use_language
from dltutor.progress.summary import LessonProgress
from dltutor.tui.lesson_text import lesson_header
from dltutor.tui.screens.help import TooSmallScreen
from dltutor.tui.screens.lesson import LessonScreen, contents_label
from dltutor.tui.screens.roadmap import progress_line
from tests.tui.conftest import press_when_ready, shown, wait_for


def footer_keys(screen) -> list[FooterKey]:
    return list(screen.query(FooterKey))


async def test_footer_palette_and_help_follow_the_language_chosen_in_process(zh, make_app):
    from dltutor.tui.commands import LessonCommands

    app = make_app("neurons")
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await shown(pilot, LessonScreen)
        await pilot.pause()
        keys = footer_keys(screen)
        assert [k.description for k in keys][:3] == ["返回", "测验", "实验"]
        # esc z l d c n ^q f1 and the palette: measured in cells, all fit in 80 columns, none cut
        assert len(keys) == 9 and keys[-1].description == "命令" and all(k.region.right <= 80 for k in keys)
        names = [hit.text async for hit in LessonCommands(screen).discover()]
        assert names[:3] == ["打开课程 neurons：神经元与感知机", "参加测验 neurons",
                             "打开实验 neurons"]
        system = [command.title for command in app.get_system_commands(screen)]
        assert "主题" in system and "退出" in system
        await pilot.resize_terminal(40, 12)
        await wait_for(pilot, lambda: isinstance(app.screen, TooSmallScreen))
        await pilot.pause()
        notice = str(app.screen.query_one("#too-small").render())
        assert "dltutor 至少需要 60×18；当前终端是 40×12" in notice

    use_language("en")  # the same classes, a new app: English again
    app = make_app("neurons")
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await shown(pilot, LessonScreen)
        await pilot.pause()
        assert [k.description for k in footer_keys(screen)][:3] == ["Back", "Quiz", "Lab"]
        assert footer_keys(screen)[-1].description == "palette"


def test_statuses_and_the_lesson_header_in_chinese(zh, course):
    progress = LessonProgress(id="neurons", title="Neurons", status="reading", best_score=4.5, max_score=6,
                              attempts=2, best_run={"target_met": False}, runs=1, marks={"read": {}},
                              drills_passed=["fx-double"])
    line = progress_line(progress)
    assert line.startswith("✔ 已读 · 测验最高分 4.5/6（共 2 次）")
    assert "运行 1 次，尚未达到目标" in line and "1 道练习已通过" in line
    header = lesson_header(course.get("neurons")).plain
    assert header.startswith("第 1 课 · 10 分钟 · 前置：无 · 测验：6 道题 · 实验：concepts")
    assert "学完本课，你将能够" in header


def test_a_cut_heading_in_the_contents_is_cut_by_cells_never_mid_character():
    label = contents_label("反向传播：链式法则一步一步地算出每个参数的梯度", level=1)
    assert label.endswith("…") and cell_len(label) <= 30 - 1 - 1 - 2 - 2


def test_a_lab_remedy_names_the_form_field_in_chinese(zh):
    from types import SimpleNamespace

    from dltutor.tui.screens.lab import remedy_phrase

    assert remedy_phrase(SimpleNamespace(action="lower", knob="lr", value=0.01)) == "调低 lr 一栏（试试 0.01）"
    assert remedy_phrase(SimpleNamespace(action="set", knob="mode", value="learn")) == "把 mode 一栏设为 learn"


async def test_the_palette_finds_a_command_by_its_chinese_or_its_english_name(zh, make_app):
    from dltutor.tui.commands import LessonCommands

    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        provider = LessonCommands(app.screen)
        for query in ("参加测验 layers", "take quiz layers"):
            hits = [hit async for hit in provider.search(query)]
            best = max(hits, key=lambda hit: hit.score)
            assert str(best.text) == "参加测验 layers", query


async def test_the_palette_says_no_match_in_chinese(zh, make_app):
    from textual.command import CommandList

    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await press_when_ready(pilot, "ctrl+p")
        await pilot.press(*"qqqzzz")
        palette = app.screen
        no_match = lambda: palette.query_one(CommandList).option_count == 1  # noqa: E731
        await wait_for(pilot, no_match)
        assert str(palette.query_one(CommandList).get_option_at_index(0).prompt.renderable) == "没有找到匹配的命令"


def test_a_form_error_reads_in_chinese_and_stays_pydantics_own_in_english(zh):
    from pydantic import BaseModel, Field, ValidationError

    from dltutor.tui.widgets.params_form import error_text

    class Params(BaseModel):
        lr: float = Field(0.1, gt=0)
        steps: int = Field(10, ge=1)

    def errors(**raw):
        try:
            Params.model_validate(raw)
        except ValidationError as exc:
            return [error_text(e) for e in exc.errors(include_url=False)]

    assert errors(lr="abc", steps="0") == ["请输入一个数", "应大于或等于 1"]
    assert errors(lr="-0.5") == ["应大于 0"]
    use_language("en")
    assert errors(lr="-0.5") == ["Input should be greater than 0"]


def test_the_attention_picture_explains_itself_in_chinese(zh):
    from rich.console import Console

    from dltutor.tui.widgets.attention_map import attention_heatmap

    data = {"tokens": ["k1:v2", "k5:v0", "?k5"], "match": 1, "answer": 0, "predicted": 0,
            "weights": [[0.9, 0.1, 0.0], [0.2, 0.8, 0.0], [0.05, 0.9, 0.05]]}
    console = Console(width=60, record=True, color_system=None)
    for size in ((60, 20), (60, 5), (12, 8)):  # the grid, the grid cut short, the bars of a narrow panel
        for _title, body in attention_heatmap(data, *size):
            console.print(body)
    text = console.export_text()
    assert "查询 ?k5 · 匹配的键值对 k5:v0（▲） · 答案 v0，预测 v0 ✓" in text
    assert "（还有 2 行：把面板调高即可看到）" in text
    assert "查询关注的位置（由强到弱）：" in text
