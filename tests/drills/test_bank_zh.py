"""The drill bank in Chinese: every drill's text, starter and feedback, checked like the English bank.

`use_language("zh")` switches this process; judge() runs in-process here (as in
test_bank.py), so the checks' `_()` texts come out in Chinese. One test goes through
the warm worker to show that a task carries its language to the child.
"""

from __future__ import annotations

import ast
import re
import shutil
import unicodedata
from pathlib import Path

import pytest

from dltutor.drills import load_drills
from dltutor.drills.catalog import load_drill, translation_problems
from dltutor.drills.judge import judge
from dltutor.i18n import use_language

EN = load_drills()
WRONG = [(d, p) for d in EN for p in d.wrong_paths]
CJK = re.compile(r"[\u4e00-\u9fff]")


def _zh(drill):
    return load_drill(drill.folder, "zh")


def _cells(line: str) -> int:
    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in line)


def _expected_zh(path: Path) -> str:
    lines = path.read_text("utf-8").splitlines()
    found = [line.removeprefix("# expect-zh: ").strip() for line in lines[:3] if line.startswith("# expect-zh: ")]
    assert found, f"{path}: add '# expect-zh: <substring>' beside '# expect:'"
    assert CJK.search(found[0]), f"{path}: the expect-zh substring should be Chinese text"
    return found[0]


@pytest.mark.parametrize("drill", EN, ids=lambda d: d.id)
def test_translation_has_the_same_shape(drill):
    zh = _zh(drill)
    assert zh.lang == "zh" and not zh.fallback, f"{drill.id}: drill.zh.yaml is missing"
    assert (zh.id, zh.lesson, zh.order, zh.file, zh.folder) == (drill.id, drill.lesson, drill.order, drill.file,
                                                                drill.folder)
    assert len(zh.hints) == len(drill.hints) and zh.teaches == drill.teaches  # a key into lesson.md
    assert all(CJK.search(t) for t in (zh.title, zh.explanation, *zh.hints[:2]))
    # Numbers are facts: the translation keeps every number of the explanation and adds none.
    numbers = lambda t: set(re.findall(r"\d+(?:\.\d+)?", t))  # noqa: E731
    assert numbers(zh.explanation) == numbers(drill.explanation), drill.id
    assert numbers(" ".join((zh.title, *zh.hints))) <= numbers(" ".join((drill.title, drill.explanation, *drill.hints)))
    # The last hint is often the code itself: it keeps the English code.
    codes = lambda t: re.findall(r"`[^`]+`", t)  # noqa: E731
    assert set(codes(zh.explanation)) <= set(codes(drill.explanation)) | set(codes(" ".join(drill.hints))), drill.id


@pytest.mark.parametrize("drill", EN, ids=lambda d: d.id)
def test_chinese_paragraphs_are_not_broken_into_lines(drill):
    # Markdown turns a line break inside a paragraph into a space: between two Chinese characters
    # (or beside ，。) the learner saw a stray gap ("求和。 加上偏置"). One paragraph, one line.
    wide = lambda c: unicodedata.east_asian_width(c) in "WF"  # noqa: E731
    text = _zh(drill).explanation
    breaks = [m.group(0) for m in re.finditer(r"(.)\n(?![\s\-*+#>`|]|\d+[.)] )(.)", text)
              if wide(m.group(1)) or wide(m.group(2))]
    assert not breaks, f"{drill.id}: drill.zh.yaml explanation breaks a paragraph at {breaks}"


@pytest.mark.parametrize("drill", EN, ids=lambda d: d.id)
def test_chinese_starter_has_identical_code(drill):
    zh = drill.folder / "starter.zh.py"
    assert zh.is_file(), f"{drill.id}: starter.zh.py is missing"
    # Same code, and the task's examples are the English ones, so they hold for the solution too.
    assert translation_problems(drill.folder, "zh") == []
    docstring = ast.get_docstring(ast.parse(zh.read_text("utf-8")))
    assert CJK.search(docstring)
    wide = [i for i, line in enumerate(zh.read_text("utf-8").splitlines(), 1) if _cells(line) > 79]
    assert not wide, f"{zh.name}: lines wider than 79 cells: {wide}"


def test_translation_problems_name_file_and_line(tmp_path):
    folder = tmp_path / EN[0].id
    shutil.copytree(EN[0].folder, folder)
    starter = folder / "starter.zh.py"
    text = starter.read_text("utf-8")
    starter.write_text(text.replace("raise NotImplementedError", "return None  #", 1), encoding="utf-8")
    line = text[:text.index("raise NotImplementedError")].count("\n")  # the def's line holds the body's start
    (problem,) = translation_problems(folder, "zh")
    assert re.search(r"starter\.zh\.py:\d+: the code differs from starter\.py", problem), problem
    assert int(problem.split("starter.zh.py:")[1].split(":")[0]) <= line + 1
    # The note in `raise NotImplementedError("TODO: …")` is prose and is translated; the exception is code.
    assert 'NotImplementedError("TODO：' in text
    starter.write_text(text.replace("raise NotImplementedError(", "raise ValueError(", 1), encoding="utf-8")
    assert "the code differs from starter.py" in translation_problems(folder, "zh")[0]
    starter.write_text(text.replace(">>> ", ">>> 1 + ", 1), encoding="utf-8")
    assert translation_problems(folder, "zh") == [f"{starter}:1: the examples in the task differ from those of "
                                                  "starter.py"]
    starter.unlink()
    assert translation_problems(folder, "zh") == [f"{starter}: missing (the task would stay in English)"]
    (folder / "drill.zh.yaml").unlink()
    assert translation_problems(folder, "zh") == []


@pytest.mark.parametrize("drill", EN, ids=lambda d: d.id)
def test_untouched_chinese_starter_fails_as_not_written(drill, zh):
    result = judge(drill.checks_path, drill.folder / "starter.zh.py")
    assert result["status"] == "error", result
    assert result["message"].startswith("还没写完"), result["message"]
    assert result["line"] is not None


@pytest.mark.parametrize("drill", EN, ids=lambda d: d.id)
def test_reference_solution_passes_in_chinese(drill, zh):
    result = judge(drill.checks_path, drill.solution_path)
    assert result["status"] == "passed", result["message"]
    assert result["message"] == f"全部 {result['total']} 项检查通过"


@pytest.mark.parametrize(("drill", "wrong"), WRONG, ids=[f"{d.id}/{p.stem}" for d, p in WRONG])
def test_typical_wrong_solution_fails_with_its_chinese_message(drill, wrong, zh):
    expected = _expected_zh(wrong)
    result = judge(drill.checks_path, wrong)
    assert result["status"] == "failed", result["message"]
    assert expected in result["message"], result["message"]
    # The advice, when there is one, is Chinese (a case may be all code: "x = (−1, 0, 1)，slope = 0.1").
    assert result["advice"] is None or CJK.search(result["advice"]), result["advice"]


def test_catalog_loads_the_language_in_use(zh):
    drills = load_drills()
    assert [d.id for d in drills] == [d.id for d in EN]
    assert all(d.lang == "zh" and d.starter_path.name == "starter.zh.py" for d in drills)
    use_language("en")
    assert all(d.lang == "en" and d.starter_path.name == "starter.py" for d in load_drills())


def test_a_drill_without_translation_stays_english_with_a_note(tmp_path, zh):
    folder = tmp_path / "bank" / EN[0].lesson / EN[0].id
    shutil.copytree(EN[0].folder, folder)
    for name in ("drill.zh.yaml", "starter.zh.py"):
        (folder / name).unlink()
    (drill,) = load_drills(bank=tmp_path / "bank")
    assert drill.fallback and drill.lang == "en" and drill.title == EN[0].title
    assert drill.starter_path.name == "starter.py"
    assert "英文" in drill.untranslated
    assert EN[0].untranslated is None
    # A teacher's drill without zh files still gives feedback (in the language in use, for the shared parts).
    assert judge(drill.checks_path, drill.solution_path)["status"] == "passed"


def test_a_broken_translation_names_file_and_line(tmp_path):
    from dltutor.drills import DrillBankError

    folder = tmp_path / EN[0].lesson / EN[0].id
    shutil.copytree(EN[0].folder, folder)
    (folder / "drill.zh.yaml").write_text('title: "标题"\nhints: ["一", "二"]\nexplanation: "说明"\n',
                                          encoding="utf-8")
    with pytest.raises(DrillBankError, match=r"drill.zh.yaml:2: hints"):
        load_drill(folder, "zh")
    (folder / "drill.zh.yaml").write_text('title: "标题"\nanswer: 3\n', encoding="utf-8")
    with pytest.raises(DrillBankError, match=r"drill.zh.yaml:\d+: "):
        load_drill(folder, "zh")


def test_workspace_gets_the_starter_of_the_language_in_use(tmp_path, zh):
    from dltutor.drills.workspace import NOT_STARTED, Workspace, WorkspaceError

    drill = load_drills()[0]
    ws, created, _ = Workspace.init(tmp_path / "ws", [drill])
    assert ws.path_of(drill).read_bytes() == (drill.folder / "starter.zh.py").read_bytes()
    assert ws.entry(drill).status == NOT_STARTED
    assert (tmp_path / "ws" / "README.md").read_text("utf-8").startswith("# 你的 dltutor 练习")
    with pytest.raises(WorkspaceError, match="不是练习工作区"):
        Workspace.find(tmp_path)
    use_language("en")
    (english,) = [d for d in load_drills() if d.id == drill.id]
    assert ws.entry(english).status == NOT_STARTED  # still "not started" after a change of language
    Workspace.init(tmp_path / "ws", [english])  # never overwrites the learner's file
    assert ws.path_of(drill).read_bytes() == (drill.folder / "starter.zh.py").read_bytes()
    ws.path_of(english).write_bytes(english.starter_path.read_bytes())
    assert ws.entry(english).status == NOT_STARTED


def test_the_warm_worker_answers_in_the_language_of_each_task(runner, tmp_path):
    from dltutor.drills.runner import Task

    drill = EN[0]
    learner = tmp_path / drill.file
    shutil.copyfile(drill.folder / "starter.zh.py", learner)
    results = dict(runner.check_many([Task(drill.checks_path, learner, lang="zh"),
                                      Task(drill.checks_path, learner, lang="en")]))
    assert results[0]["message"].startswith("还没写完"), results[0]
    assert results[1]["message"].startswith("not written yet"), results[1]
    slow = tmp_path / "slow.py"
    slow.write_text("while True:\n    pass\n")
    (_, timed_out), = runner.check_many([Task(drill.checks_path, slow, timeout_s=0.5, lang="zh")])
    assert timed_out["status"] == "timeout" and "超过了上限（0.5 秒）" in timed_out["message"], timed_out


def test_failure_labels_line_up_in_both_languages(zh):
    from dltutor.drills.expect import DrillFailure, cells, label_prefix

    message = DrillFailure("x = 1", "结果 = 2", "3", "加上偏置").message()
    prefixes = [label_prefix(line) for line in message.splitlines()]
    assert [p.strip() for p in prefixes] == ["情形：", "期望：", "实际：", "提示："]
    assert {cells(p) for p in prefixes} == {7}
    use_language("en")
    message = DrillFailure("x = 1", "result = 2", "3", "add the bias").message()
    assert message.splitlines()[1] == "expected: result = 2"
    assert [label_prefix(line) for line in message.splitlines()] == ["case:     ", "expected: ", "actual:   ",
                                                                      "hint:     "]


def test_feedback_made_for_a_task_leaves_the_process_language_alone():
    # The spawn fallback (macOS, Windows) runs finish() in the app itself.
    from dltutor.drills.worker import finish
    from dltutor.i18n import language

    result = finish(None, timed_out=True, exit_status=0, output="", duration_s=1.0,
                    task={"timeout_s": 1.0, "memory_mb": 64, "lang": "zh"})
    assert result["status"] == "timeout" and "超过了上限" in result["message"]
    assert language() == "en"
