"""Messages made by the quiz, progress, content and lab modules, in Chinese (switched in-process).

English is the catalogue's msgid, so the English tests elsewhere are the other half of each check.
"""

from __future__ import annotations

import pytest

from dltutor.i18n import use_language
from tests.quiz.helpers import make_course


def test_grading_feedback_and_answer_errors_in_chinese(zh, tmp_path):
    from dltutor.content import load_course
    from dltutor.i18n import _
    from dltutor.quiz import AnswerError, answer_format, check_answer, grade_question
    from dltutor.quiz.grading import type_name

    quiz = load_course(make_course(tmp_path / "lessons")).get("types").quiz
    single, multiple, numeric, text = (quiz.question(q) for q in ("t-single", "t-multiple", "t-numeric", "t-text"))
    assert grade_question(multiple, "a, b").feedback.startswith("你漏选了 c；b 选错了。答案是 a, c。")
    assert grade_question(multiple, "a, c, b").feedback.startswith("b 选错了。答案是 a, c。")
    assert grade_question(single, None).feedback.startswith("未作答。答案是 b (Two)。")
    assert "。 " not in grade_question(single, None).feedback  # no space after a Chinese full stop
    assert grade_question(numeric, "1").feedback.startswith("你的答案是 1；正确答案是 0.25 (± 0.01)。")
    assert grade_question(text, "x").feedback.startswith("你的答案是 x；正确答案是 mode collapse（也接受：模式崩溃）。")
    assert answer_format(single) == "选项 a, b, c 之一"
    # "text" the question type and "text" the value type are two words in Chinese.
    assert (type_name(text), type_name(single), _("text")) == ("填空题", "单选题", "文本")
    with pytest.raises(AnswerError, match="'z' 不是选项（请从 a, b, c 中选择）"):
        check_answer(single, "z")
    with pytest.raises(AnswerError, match="'ＴＷＯ' 是选项 b 的内容：请输入它的键 b"):
        check_answer(single, "ＴＷＯ")  # the choice's words point to its key, and are not graded as it
    with pytest.raises(AnswerError, match="'abc' 不是数：请输入数字，例如 0.25"):
        check_answer(numeric, "abc")
    with pytest.raises(AnswerError, match="需要 true 或 false（对或错），收到的是列表"):
        check_answer(quiz.question("t-truefalse"), ["x"])


def test_answer_file_errors_in_chinese(zh, tmp_path):
    from dltutor.quiz import AnswerFileError, parse_answer_sheet

    with pytest.raises(AnswerFileError, match="a.yaml:2: 键 'lesson' 重复（第一次定义在第 1 行）"):
        parse_answer_sheet("lesson: a\nlesson: b\nanswers: {}\n", "a.yaml")
    with pytest.raises(AnswerFileError, match="文件是空的，需要 'lesson:' 和 'answers:'"):
        parse_answer_sheet("  \n", "a.yaml")
    with pytest.raises(AnswerFileError, match=r"未知字段 'lessons'（应为 learner, lesson, answers）"):
        parse_answer_sheet("lessons: a\nanswers: {}\n", "a.yaml")


def test_a_translated_yaml_error_still_stops_the_json_fallback(zh):
    """The answer reader tells rule breaks from syntax errors by the error's kind, not its English words."""
    from dltutor.quiz import AnswerFileError, parse_answer_sheet

    with pytest.raises(AnswerFileError, match="键 'a' 重复"):
        parse_answer_sheet('{"answers": {"a": 1, "a": 2}, "lesson": "x"}', "a.json")


def test_loader_problems_in_chinese(zh, tmp_path):
    from dltutor.content import load_course
    from tests.content.helpers import make_lesson

    root = tmp_path / "lessons"
    make_lesson(root, "one", "one", requires="one")
    bad_key = make_lesson(root, "two", "two", order=2)
    quiz = bad_key / "quiz.yaml"
    quiz.write_text(quiz.read_text(encoding="utf-8").replace("answer: b", "answer: z"), encoding="utf-8")
    slow = make_lesson(root, "three", "three", order=3) / "lesson.md"
    slow.write_text(slow.read_text(encoding="utf-8").replace("minutes: 10", "minutes: 0"), encoding="utf-8")
    messages = [p.message for p in load_course(root).problems]
    assert any("不在选项" in m and "（题目 '" in m for m in messages), messages
    assert "requires：课程 'one' 不能把自己列为前置课程" in messages
    assert "minutes: 应大于 0" in messages  # pydantic's own message, through the catalogue


def test_text_file_and_number_errors_in_chinese(zh, tmp_path):
    from dltutor.content.scalars import NumberError, parse_number
    from dltutor.content.textfile import TextFileError, read_text

    (tmp_path / "gbk.md").write_bytes("深度学习".encode("gbk"))
    with pytest.raises(TextFileError, match="不是 UTF-8 文本（第 1 行的字节 .*）：请把它另存为 UTF-8"):
        read_text(tmp_path / "gbk.md")
    with pytest.raises(NumberError, match="'1½' 把数字和 ½ 混在一起"):
        parse_number("1½")


def test_progress_warnings_and_export_errors_in_chinese(zh, tmp_path):
    from dltutor.progress import TransferError, open_store
    from dltutor.progress.summary import status_text

    blocker = tmp_path / "home"
    blocker.write_text("a file where the data folder should be")
    store = open_store(blocker)
    assert store.warning.startswith("无法创建数据文件夹") and store.warning.endswith("本次使用期间不会保存进度")
    empty = tmp_path / "empty.json"
    empty.write_text("")
    with pytest.raises(TransferError, match="空文件，不是 dltutor 的进度导出文件"):
        open_store(tmp_path / "data").import_(empty)
    assert [status_text(s) for s in ("not started", "done", "??")] == ["未开始", "已完成", "??"]


def test_lab_verdicts_and_device_reasons_in_chinese(zh):
    from dltutor.lab.device import DeviceError, pick_device
    from dltutor.lab.goals import Goal, _ratio, changes, verdict

    assert verdict({"acc": float("nan")}, [Goal("acc", ">=", 0.9)])[1] == [
        "acc 没有测得（训练在评估之前就结束了）；需要 ≥ 0.9"]

    class P:
        lr, act = 1e6, "tanh"

    assert changes(P(), {"lr": 0.01, "act": "relu"}) == ["lr 1e+06 是默认值 0.01 的 10⁸ 倍", "act tanh（默认值 relu）"]
    assert _ratio(2) == "2 倍"
    with pytest.raises(DeviceError, match="'tpu' 不是设备名；请用 auto、cpu、cuda、cuda:N 或 mps"):
        pick_device("tpu")
    cpu = pick_device("cpu")
    assert cpu.reason == "按你的指定" and "个线程，共" in cpu.detail


def test_translation_check_problems_in_chinese(zh, tmp_path):
    from dltutor.content import load_course
    from dltutor.content.translation_check import check_translations
    from tests.content.zh_helpers import ZH_MD, ZH_QUIZ, make_translated

    make_translated(tmp_path, zh_md=ZH_MD.replace("### 链式法则", "## 链式法则").replace("print(2 + 2)", "print(5)"),
                    zh_quiz=ZH_QUIZ.replace("  {id}-rule:", "  {id}-rules:"))
    messages = [p.message for p in check_translations(load_course(tmp_path, "en")).problems]
    assert "第 2 个标题是 '##'，而 lesson.md 中的（第 21 行）是 '###'：标题要一一对应，级别相同（## / ###）" in messages
    assert "第 1 个代码块这里是 'print(5)'，而 lesson.md 中的（第 18 行）是 'print(2 + 2)'：代码、代码里的注释和输出都要与 " \
           "lesson.md 完全相同" in messages
    assert "questions.x-rules: quiz.yaml 中没有题目 'x-rules'（多出来的 id，或拼错了）" in messages
    assert "questions: 未翻译：x-rule（quiz.yaml 的每个 id 都要出现，且只出现一次）" in messages
    assert not [m for m in messages if "lesson.md's" in m or "quiz.yaml's" in m or "not translated" in m]


def test_operating_system_reasons_in_chinese(zh, tmp_path):
    from dltutor.i18n.oserror import os_reason

    try:
        open(tmp_path / "missing.json")
    except OSError as exc:
        assert os_reason(exc) == "文件或文件夹不存在"
        use_language("en")
        assert os_reason(exc) == exc.strerror  # English keeps the system's own words
    assert os_reason(OSError(9999, "Something rare")) == "Something rare"
