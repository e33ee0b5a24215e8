"""`dltutor validate` finds each kind of translation error, at the right file and line."""

from __future__ import annotations

import pytest
from typer.testing import CliRunner

from dltutor.content import load_course
from dltutor.content.translation_check import check_translations, numbers, outline
from tests.content.zh_helpers import EN_MD, ZH_MD, ZH_QUIZ, make_translated


def _problems(tmp_path, **files) -> list[str]:
    make_translated(tmp_path, **files)
    report = check_translations(load_course(tmp_path, "en"))
    return [f"{p.file.name}:{p.line}: {p.message}" for p in report.problems]


def test_a_faithful_translation_has_no_problems(tmp_path):
    assert _problems(tmp_path) == []


def test_a_translation_may_add_a_number_but_not_lose_one(tmp_path):
    assert _problems(tmp_path, zh_md=ZH_MD.replace("学习率是 0.1。", "学习率是 0.1（即 10%）。")) == []


def test_a_changed_number_is_found_even_when_the_old_one_is_written_elsewhere(tmp_path, tmp_path_factory):
    en = EN_MD.replace("The learning rate is 0.1.", "A 5×5 kernel; the learning rate is 0.1, 5 times.")
    zh = ZH_MD.replace("学习率是 0.1。", "一个 {two} 的卷积核；学习率是 0.1，共 5 次。")
    assert _problems(tmp_path_factory.mktemp("kept"), en_md=en, zh_md=zh.replace("{two}", "5×5")) == []
    assert _problems(tmp_path, en_md=en, zh_md=zh.replace("{two}", "6×6")) == [
        "lesson.zh.md:11: the section here writes number 5 (1× here, 3× there) fewer times than lesson.md's "
        "section (line 11): a changed number? keep every number as written"]


def test_links_and_dead_ends_at_a_translation_name_are_reported_not_taken_for_no_translation(tmp_path):
    folder = make_translated(tmp_path, zh_md=False, zh_quiz=False)
    (folder / "quiz.zh.yaml").symlink_to("quiz.zh.yaml")  # a loop of links
    (folder / "lesson.zh.md").symlink_to("nowhere.md")
    problems = _problems(tmp_path, zh_md=False, zh_quiz=False)
    assert problems == [f"{name}:None: translation file is a broken link (or a loop of links): a translation needs "
                        "both lesson.zh.md and quiz.zh.yaml" for name in ("lesson.zh.md", "quiz.zh.yaml")]
    lesson = load_course(tmp_path, "zh").lessons[0]
    assert lesson.lang == "en"  # shown in English, with the note


def test_no_translation_is_no_problem(tmp_path):
    make_translated(tmp_path, zh_md=False, zh_quiz=False)
    report = check_translations(load_course(tmp_path, "en"))
    assert report.problems == [] and report.translated == {"zh": 0}


@pytest.mark.parametrize("old, new, expected", [
    ("minutes: 10", "minutes: 12", "lesson.zh.md:6: minutes: 12 differs"),
    ('objectives: ["学习 {id}", "会用它"]', 'objectives: ["学习 {id}"]', "lesson.zh.md:7: objectives: 1 here, 2"),
    ("exercise: ~", "exercise: x", "lesson.zh.md:8: exercise: 'x' differs from lesson.md's None"),
    ("order: 1", "order: 1\nauthor: me", "lesson.zh.md:5: author: unknown field"),
    ("### 链式法则", "## 链式法则", "lesson.zh.md:21: heading 2 is '##' but lesson.md's (line 21) is '###'"),
    ("## 小结\n", "", "lesson.zh.md:21: 2 headings here, 3 in lesson.md"),
    ("print(2 + 2)", "print(2 + 3)", "lesson.zh.md:18: code block 1 has 'print(2 + 3)' where lesson.md's (line 18) "
                                     "has 'print(2 + 2)'"),
    ("print(2 + 2)\n", "print(2 + 2)\nprint(1)\n", "lesson.zh.md:19: code block 1 has 'print(1)' where lesson.md's "
                                                    "(line 18) has the end of the block"),
    ("```python", "```py", "lesson.zh.md:17: code block 1 is ```py starting"),
    ("<!-- measured: lr -->", "", "0 measured markers here, 1 in lesson.md"),
    ("<!-- measured: lr -->", "<!-- measured: lr2 -->", "lesson.zh.md:15: measured marker 1 is <!-- measured: lr2 -->"),
    ("| 甲 | 乙 |\n|---|---|", "| 甲 | 乙 | 丙 |\n|---|---|---|", "lesson.zh.md:23: table 1 is 3 columns × 1 rows"),
    ("| 1 | 2 |\n", "| 1 | 2 |\n| 3 | 4 |\n", "table 1 is 2 columns × 2 rows"),
    ("学习率是 0.1。", "学习率很小。", "lesson.zh.md:11: the section here lost number 0.1 of lesson.md's section (line 11)"),
    ("| 1 | 2 |", "| 一 | 2 |", "lesson.zh.md:21: the section here lost number 1"),
    ("`loss.backward()`", "loss.backward()", "lesson.zh.md:11: the section here lost inline code 'loss.backward()'"),
    ("(https://d2l.ai)", "(https://zh.d2l.ai)", "lesson.zh.md:11: the section here lost link 'https://d2l.ai'"),
])
def test_lesson_structure_errors_are_found_on_their_line(tmp_path, old, new, expected):
    assert old in ZH_MD
    problems = _problems(tmp_path, zh_md=ZH_MD.replace(old, new))
    assert any(expected in p for p in problems), problems


@pytest.mark.parametrize("old, new, expected", [
    ("  {id}-rule:", "  {id}-rules:", "quiz.zh.yaml:11: questions.x-rules: no question 'x-rules'"),
    ("  {id}-rule:", "  {id}-rules:", "quiz.zh.yaml:2: questions: not translated: x-rule"),
    ('    hints:\n      - "想一想山坡。"\n', "", "quiz.zh.yaml:3: questions.x-pick.hints: 0 here, 1 in quiz.yaml"),
    ('      b: "下坡"', '      c: "下坡"', "quiz.zh.yaml:5: questions.x-pick.choices: keys a, c differ"),
    ('      a: "上坡"\n      b: "下坡"', '      b: "下坡"\n      a: "上坡"',
     "quiz.zh.yaml:5: questions.x-pick.choices: keys b, a are in another order than quiz.yaml's a, b"),
    ('    explanation: "链式法则（chain rule）。"', '    explanation: "链式法则。"\n    answer: "梯度"',
     "quiz.zh.yaml:14: questions.x-rule.answer: 'answer' cannot be translated"),
    ('    prompt: "梯度指向哪个方向？"', '    prompt: "梯度指向哪个方向？"\n    points: 5',
     "quiz.zh.yaml:5: questions.x-pick.points: 'points' cannot be translated"),
    ("questions:", "pass_mark: 0.9\nquestions:", "quiz.zh.yaml:2: 'pass_mark' cannot be translated"),
    ("0.1 是学习率", "0.2 是学习率", "quiz.zh.yaml:8: questions.x-pick.explanation: number 0.2 is not in the English"),
    ('"梯度指向哪个方向？"', '"第 3 步：梯度指向哪个方向？"', "quiz.zh.yaml:4: questions.x-pick.prompt: number 3"),
    ('    prompt: "把各个局部导数相乘的法则叫什么？"\n', "", "quiz.zh.yaml:11: questions.x-rule: missing prompt"),
    ("questions:\n  {id}-pick:", "questions:\n  {id}-rule:\n    prompt: \"法则？\"\n    explanation: \"链式法则。\"\n"
     "  {id}-pick:", "quiz.zh.yaml:14: duplicate key 'x-rule' (first defined on line 3)"),
])
def test_quiz_translation_errors_are_found_on_their_line(tmp_path, old, new, expected):
    assert old in ZH_QUIZ
    problems = _problems(tmp_path, zh_quiz=ZH_QUIZ.replace(old, new))
    assert any(expected in p for p in problems), problems


def test_questions_out_of_order(tmp_path):
    swapped = ZH_QUIZ.split("  {id}-rule:")
    text = "questions:\n  {id}-rule:" + swapped[1] + swapped[0].split("questions:\n")[1]
    problems = _problems(tmp_path, zh_quiz=text)
    assert problems == ["quiz.zh.yaml:1: questions: ids are not in quiz.yaml's order"]


def test_one_file_without_the_other(tmp_path):
    problems = _problems(tmp_path, zh_quiz=False)
    assert problems == ["quiz.zh.yaml:None: missing translation file: a translation needs both lesson.zh.md and "
                        "quiz.zh.yaml (lesson.zh.md is there)"]


def test_numbers_are_read_as_people_write_them():
    assert numbers("2,400 步，学习率 0.1，第３层，float32 与 L2，x₁，−0.5") == {2400.0, 0.1, 3.0, 0.5}
    assert numbers("2400") == numbers("2,400")


def test_outline_ignores_headings_and_tables_inside_code():
    found = outline("## A\n\n~~~\n## not a heading\n| a | b |\n|---|---|\n~~~\n\n### B\n", 5)
    assert found.headings == [("##", 5), ("###", 13)] and found.tables == []
    assert found.code == [("", "## not a heading\n| a | b |\n|---|---|", 7)]


def test_validate_reports_translations_and_counts_them(tmp_path, monkeypatch):
    from dltutor.cli import app

    make_translated(tmp_path)
    make_translated(tmp_path, "02-y", "y", zh_md=False, zh_quiz=False)
    done = CliRunner().invoke(app, ["validate", str(tmp_path)])
    assert done.exit_code == 0 and "2 lessons (1 with 中文), 4 questions, no problems" in done.output
    (tmp_path / "01-x" / "quiz.zh.yaml").write_text(ZH_QUIZ.format(id="x").replace("0.1 是", "0.3 是"),
                                                    encoding="utf-8")
    done = CliRunner().invoke(app, ["validate", str(tmp_path)])
    assert done.exit_code == 1
    assert "quiz.zh.yaml" in done.output and "number 0.3 is not in the English question" in done.output


def test_hostile_translation_files_fail_in_one_line_without_blocking(tmp_path):
    import os

    d = make_translated(tmp_path, zh_md=False)
    os.mkfifo(d / "lesson.zh.md")  # never opened: reading a FIFO would wait forever
    laughs = "questions:\n  a: &a [x, x, x, x, x, x, x, x, x, x]\n" + "".join(
        f"  {c}: &{c} [*{p}, *{p}, *{p}, *{p}, *{p}, *{p}, *{p}, *{p}, *{p}, *{p}]\n" for p, c in zip("abcdefgh", "bcdefghi"))
    (d / "quiz.zh.yaml").write_text(laughs, encoding="utf-8")
    problems = [str(p) for p in check_translations(load_course(tmp_path, "en")).problems]
    assert any("lesson.zh.md: translation file is not a regular file" in p for p in problems), problems
    assert any("quiz.zh.yaml:" in p and "more than 100,000 values" in p for p in problems), problems
    course = load_course(tmp_path, "zh")
    assert course.get("x").lang == "en" and course.translation_problems


def test_validate_never_cuts_a_long_path_in_two(tmp_path):
    from dltutor.cli import app

    root = tmp_path / ("a-teachers-course-folder-with-a-long-name-" * 3)
    make_translated(root)
    (root / "01-x" / "quiz.zh.yaml").write_text("questions: [\n", encoding="utf-8")
    done = CliRunner().invoke(app, ["validate", str(root)], terminal_width=80)
    assert done.exit_code == 1 and str(root / "01-x" / "quiz.zh.yaml") in done.output.splitlines()


def test_control_characters_of_a_translation_are_shown_never_obeyed_in_every_view(tmp_path):
    # The app writes lesson text to the terminal as it is: an escape sequence there would clear the
    # screen, a bidi override reverse what follows. Loaded text shows them (^[, <U+202E>), as the CLI does,
    # whether written in the file or as a YAML escape, in English and in the translation alike.
    from tests.content.zh_helpers import EN_QUIZ

    make_translated(tmp_path, en_quiz=EN_QUIZ.replace('prompt: "', 'prompt: "\\u202e', 1),
                    zh_md=ZH_MD.replace("梯度（gradient）", "梯度\x1b[2J（gradient）").replace('title: "', 'title: "\\u202e'),
                    zh_quiz=ZH_QUIZ.replace('explanation: "', 'explanation: "\\x1b[J\\a', 1))
    english, chinese = (load_course(tmp_path, lang).lessons[0] for lang in ("en", "zh"))
    assert chinese.lang == "zh" and check_translations(load_course(tmp_path, "en")).problems == []
    assert english.quiz.questions[0].prompt.startswith("<U+202E>")
    assert chinese.meta.title.startswith("<U+202E>") and "梯度^[[2J（gradient）" in chinese.body
    assert chinese.quiz.questions[0].explanation.startswith("^[[J^G")
    texts = [chinese.body, chinese.meta.title, *(q.prompt + q.explanation for q in chinese.quiz.questions)]
    assert not [t for t in texts if "\x1b" in t or "\u202e" in t or "\a" in t]
