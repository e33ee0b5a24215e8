"""The command line in Chinese: help texts, messages, tables and verdicts, and nothing cut at 80 columns.

Help texts are fixed when the command modules are imported, so they are read from a fresh
process that chose Chinese first (as `--lang zh` / DLTUTOR_LANG do); messages made while a
command runs are checked in-process with `use_language("zh")`.
"""

from __future__ import annotations

import os
import subprocess
import sys

import pytest
from rich.cells import cell_len
from typer.testing import CliRunner

from dltutor.cli import app
from dltutor.i18n import use_language
from tests.content.helpers import make_lesson
from tests.progress.helpers import small_course
from tests.quiz.helpers import make_course

runner = CliRunner()
CLOSING = "，。、；：？！）》”’】"  # Chinese punctuation that must never begin a line
ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))


def assert_fits(text: str, width: int = 80) -> None:
    """Every line within `width` cells, nothing cut with …, no line starting with closing punctuation."""
    for line in text.splitlines():
        assert cell_len(line) <= width, line
        assert "…" not in line, line
        body = line.strip(" │┃|")
        assert not body or body[0] not in CLOSING, line


# -- help texts: a fresh process that speaks Chinese --------------------------------

HELP_SCRIPT = """
import sys
from dltutor.i18n import use_language
use_language("zh")
from dltutor.cli import app
for argv in {commands!r}:
    print("=== " + " ".join(argv), flush=True)
    try:
        app(argv + ["--help"], prog_name="dltutor")
    except SystemExit:
        pass
"""

COMMANDS = [[], ["train"], ["quiz"], ["grade"], ["lesson"], ["list"], ["validate"], ["doctor"], ["drill"],
            ["drill", "check"], ["drill", "grade"], ["progress"], ["progress", "reset"]]


@pytest.fixture(scope="module")
def zh_help() -> dict[str, str]:
    env = {**os.environ, "COLUMNS": "80", "LINES": "24", "PYTHONPATH": ROOT, "PYTHONIOENCODING": "utf-8"}
    env.pop("NO_COLOR", None)
    done = subprocess.run([sys.executable, "-c", HELP_SCRIPT.format(commands=COMMANDS)], capture_output=True,
                          text=True, encoding="utf-8", env=env, cwd=ROOT, timeout=120)
    assert done.returncode == 0, done.stderr
    sections = done.stdout.split("=== ")[1:]
    return {section.split("\n", 1)[0].strip(): section.split("\n", 1)[1] for section in sections}


def test_every_help_is_chinese_and_fits_80_columns(zh_help):
    assert set(zh_help) == {" ".join(c) for c in COMMANDS}
    for command, text in zh_help.items():
        assert_fits(text)
        assert "选项" in text and "显示本帮助后退出。" in text, command
        for english in ("Show this message", "Options", "Commands", "[default:", "[required]"):
            assert english not in text, (command, english)


def test_main_and_train_help_read_in_chinese(zh_help):
    main, train = zh_help[""], zh_help["train"]
    assert "在终端里学习和训练深度学习" in main and "命令" in main
    for summary in ("检查安装情况", "批改多份答卷", "参加一门课的测验", "实时运行一门课的训练实验", "代码练习"):
        assert summary in main
    assert "退出码：达到目标为 0" in train and "学习率（训练实验的" in train and "[默认：0]" in train


# -- messages made while a command runs ----------------------------------------------

def test_validate_names_problems_in_chinese(zh, tmp_path):
    (make_lesson(tmp_path / "lessons", "broken", "broken") / "quiz.yaml").unlink()
    result = runner.invoke(app, ["validate", str(tmp_path / "lessons")], terminal_width=80)
    assert result.exit_code == 1
    assert "缺少测验文件" in result.output and "1 个文件中有 1 个问题" in result.output
    assert "1 门课中有 1 门无法加载" in result.output
    path = str(tmp_path / "lessons" / "broken" / "quiz.yaml")
    assert path in result.output.splitlines()  # a path is printed whole, on its own line, to be copied
    assert_fits(result.output.replace(path, "quiz.yaml"))


def test_quiz_answer_file_is_graded_and_explained_in_chinese(zh, tmp_path):
    lessons = make_course(tmp_path / "lessons")
    sheet = tmp_path / "a.yaml"
    sheet.write_text("lesson: types\nanswers: {t-single: b, t-multiple: [a], t-numeric: 0.25}\n", encoding="utf-8")
    result = runner.invoke(app, ["--lessons", str(lessons), "quiz", "types", "--answers", str(sheet)],
                           terminal_width=80)
    out = result.output
    assert "你漏选了 c。答案是 a, c。" in out and "未作答。答案是" in out
    assert "得分" in out and "及格线" in out and "需要复习的知识点" in out
    assert_fits(out.replace("→ ", ""))  # the summary's ideas are cut with … on purpose


def test_grade_report_in_chinese_fits_80_columns(zh, tmp_path):
    lessons = make_course(tmp_path / "lessons")
    (tmp_path / "class").mkdir()
    (tmp_path / "class" / "ana.yaml").write_text("learner: 李华\nlesson: types\nanswers: {t-single: b}\n",
                                                 encoding="utf-8")
    (tmp_path / "class" / "bad.yaml").write_text("learner: [x]\n", encoding="utf-8")
    result = runner.invoke(app, ["--lessons", str(lessons), "grade", str(tmp_path / "class")], terminal_width=80)
    assert result.exit_code == 2
    out = result.output
    assert "成绩" in out and "逐题分析" in out and "李华" in out and "不及格" in out
    assert "已批改 1 份答卷" in out and "1 份无法批改" in out
    error, report = out.split("\n", 1)  # an error stays one line (a path is never wrapped): the report fits
    assert error.startswith("错误：") and error.endswith("bad.yaml: 缺少 'answers:'（题目 id 到答案的映射）")
    assert_fits(report)


def test_progress_table_and_reset_in_chinese(zh, tmp_path, monkeypatch):
    course = small_course(tmp_path / "lessons")
    monkeypatch.setenv("DLTUTOR_LESSONS", str(course.root))
    result = runner.invoke(app, ["progress"], terminal_width=80)
    assert result.exit_code == 0, result.output
    assert "dltutor 学习进度" in result.output and "未开始" in result.output and "测验最高分" in result.output
    assert_fits(result.output)
    reset = runner.invoke(app, ["progress", "reset", "--yes"], terminal_width=80)
    assert "全部课程没有可清除的内容。" in reset.output


def test_doctor_and_list_in_chinese(zh):
    doctor = runner.invoke(app, ["doctor"], terminal_width=80)
    assert doctor.exit_code == 0 and "设备" in doctor.output and "终端" in doctor.output
    assert "（来自 $DLTUTOR_LANG=" in doctor.output  # Chinese brackets around the reason
    assert_fits(doctor.output)
    roadmap = runner.invoke(app, ["list"], terminal_width=80)
    assert "dltutor 学习路线" in roadmap.output and "前置课程" in roadmap.output
    assert_fits(roadmap.output)


def test_unknown_lesson_and_bad_set_in_chinese(zh):
    unknown = runner.invoke(app, ["train", "cnnn"])
    assert unknown.exit_code == 2 and "未知课程 'cnnn'（你是想输入 'cnn' 吗？）" in unknown.output
    bad = runner.invoke(app, ["train", "cnn", "--set", "oops", "--no-save"])
    assert bad.exit_code == 2 and "--set 的格式应为 KEY=VALUE" in bad.output


def test_train_verdict_and_summary_in_chinese(zh, capsys):
    from dltutor.cli import train
    from dltutor.lab.events import Finished, Remedy
    from dltutor.lab.goals import Goal, verdict

    met, missed = verdict({"test_acc": 0.5}, [Goal("test_acc", ">=", 0.97)])
    assert missed == ["test_acc = 0.5，需要 ≥ 0.97"]
    last = Finished("cnn", {"test_acc": 0.5}, False, "test_acc ≥ 0.97", 1.5, 100, 66.7, missed=missed,
                    changed=["lr 1e+06 是默认值 0.01 的 10⁸ 倍"])
    train.show_summary(last, train.Curves())
    out = capsys.readouterr().out
    assert "cnn：总结" in out and "判定" in out and "未达到 ✗" in out and "✗ test_acc = 0.5，需要 ≥ 0.97" in out
    assert "默认值可以达到目标" in out and "1.5 秒，100 步，每秒 67 步" in out
    assert train.remedy_phrase(Remedy("lr", "lower", 0.01)) == "调低 --lr（试试 --lr 0.01）"
    assert train.remedy_phrase(Remedy("clip", "set", 1.0)) == "使用 --set clip=1"


def test_drill_workspace_messages_in_chinese(zh, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    init = runner.invoke(app, ["drill", "init"], terminal_width=80)
    assert init.exit_code == 0, init.output
    assert "练习工作区" in init.output and "从 concepts/" in init.output and "然后 `cd" in init.output
    listed = runner.invoke(app, ["drill", "list", "-w", "dltutor-drills"], terminal_width=80)
    assert "未开始" in listed.output and "已通过 0/" in listed.output and "下一个：" in listed.output
    hint = runner.invoke(app, ["drill", "hint", "-w", "dltutor-drills"], terminal_width=80)
    assert "提示 1/" in hint.output and "再运行一次可看下一条提示" in hint.output
    unknown = runner.invoke(app, ["drill", "check", "nosuch", "-w", "dltutor-drills"])
    assert "未知练习 'nosuch'" in unknown.output


def test_a_chinese_drill_message_wraps_by_cells_under_its_label():
    from rich.console import Console

    from dltutor.cli.drill import _say

    out = Console(width=50, force_terminal=True, color_system=None, record=True)
    _say(out, "期望：形状为 (2, 3) 的张量，因为批量大小是 2，每个样本有 3 个特征；实际得到的是 (3, 2)。", 4)
    lines = out.export_text().splitlines()
    assert len(lines) == 3 and all(cell_len(line) < 50 for line in lines)
    assert lines[0].startswith("    期望：") and all(line.startswith(" " * 10) for line in lines[1:])
    assert_fits("\n".join(lines))


def test_interactive_quiz_questions_wrap_like_chinese_text(zh):
    # The prompt "…有 16 个输入通道、32 个输出通道，…" once broke after "32 " (Rich breaks only at
    # spaces), leaving a half-empty line; every line the quiz prints now fills the width it may.
    result = runner.invoke(app, ["quiz", "cnn"], input="30\n32\n\n", terminal_width=80)
    out = result.output
    assert "3/14 数值题" in out and "10/14 排序题" not in out
    asked = out.split("3/14 数值题", 1)[1].split("\n")[1:3]
    assert asked[0].startswith("一个卷积层的卷积核为 5×5，有 16 个输入通道、32 个输出通道") and cell_len(asked[0]) >= 78
    # "› " is the input prompt: in a terminal the learner's Enter ends its line, here it does not.
    questions = out.split("需要复习的知识点")[0].replace("› ", "\n")
    assert_fits(questions)


@pytest.mark.parametrize(("english", "chinese"), [
    ("Missing argument 'LESSON'.", "缺少参数 'LESSON'。"),
    ("Invalid value for '--epochs' / '-e': Input should be greater than or equal to 1",
     "'--epochs' / '-e' 的值无效：应大于或等于 1"),
    ("Invalid value for '--lr': Input should be a valid number, unable to parse string as a number",
     "'--lr' 的值无效：请输入一个数"),
    ("No such command 'lis'. Did you mean 'list'?", "没有名为 'lis' 的命令。你是想输入 'list' 吗？"),
    ("No such option: --jsn (Possible options: --json)", "没有这个选项：--jsn（可用的选项：--json）"),
    ("Got unexpected extra argument(s) (extra)", "收到了多余的参数（extra）"),
    ("Option '--lr' requires an argument.", "选项 '--lr' 后面需要一个值。"),
    ("Something Typer says that we do not know", "Something Typer says that we do not know"),
])
def test_typer_usage_errors_in_chinese(zh, english, chinese):
    from dltutor.cli.typer_errors import translate

    assert translate(english) == chinese


def test_usage_error_reads_in_chinese_and_english_stays(zh):
    result = runner.invoke(app, ["train", "cnn", "--epochs", "0"], terminal_width=80)
    assert result.exit_code == 2
    assert "用法：" in result.output and "'--epochs' / '-e' 的值无效：应大于或等于 1" in result.output
    assert "Usage" not in result.output and "Invalid" not in result.output
    use_language("en")
    english = runner.invoke(app, ["train", "cnn", "--epochs", "0"], terminal_width=80).output
    assert "Usage: " in english and "Invalid value for '--epochs' / '-e': Input should be greater" in english


def test_progress_import_of_a_missing_file_in_chinese(zh, tmp_path):
    result = runner.invoke(app, ["progress", "import", str(tmp_path / "gone.json")], terminal_width=80)
    assert result.exit_code == 2 and "gone.json：文件或文件夹不存在" in result.output, result.output


def test_drill_solution_explanation_wraps_as_chinese_text(zh, tmp_path):
    ws = str(tmp_path / "ws")
    assert runner.invoke(app, ["drill", "-w", ws, "init"], terminal_width=80).exit_code == 0
    result = runner.invoke(app, ["drill", "-w", ws, "solution", "concepts-perceptron-predict", "--now"],
                           terminal_width=80)
    assert result.exit_code == 0, result.output
    assert "# 阶跃函数在 z = 0 处也输出 1" in result.output  # solution.zh.py: its comments explain it
    lines = result.output.split("常见错误")[0].split("\n")
    start = next(i for i, line in enumerate(lines) if "一次算出全部 N 个加权和" in line)
    explanation = "\n".join(lines[start:])
    first = lines[start]
    assert cell_len(first.rstrip()) >= 76, first  # not broken early at a space, as Markdown alone did
    assert_fits(explanation)
