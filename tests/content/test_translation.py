"""Translated lessons: words from lesson.zh.md / quiz.zh.yaml, grading only from quiz.yaml, English as fallback."""

from __future__ import annotations

import pytest

from dltutor.content import load_course
from dltutor.content.translation import fallback_note
from dltutor.i18n import use_language
from dltutor.quiz.grading import grade_question as grade
from dltutor.quiz.sections import headings, revisit_section
from tests.content.zh_helpers import make_translated


def test_zh_course_takes_words_from_the_translation(tmp_path):
    make_translated(tmp_path)
    course = load_course(tmp_path, "zh")
    lesson = course.get("x")
    assert course.ok and not course.translation_problems
    assert lesson.lang == "zh" and lesson.title == "第 x 课" and lesson.meta.objectives == ["学习 x", "会用它"]
    assert lesson.body.lstrip().startswith("## 梯度") and lesson.body_line == 10
    pick = lesson.quiz.question("x-pick")
    assert pick.prompt == "梯度指向哪个方向？" and list(pick.choices.items()) == [("a", "上坡"), ("b", "下坡")]
    assert pick.hints == ["想一想山坡。"] and pick.answer == "a"
    assert lesson.english.title == "Lesson x" and lesson.english.lang == "en"


def test_english_course_never_reads_translations(tmp_path):
    d = make_translated(tmp_path)
    (d / "quiz.zh.yaml").write_bytes(b"\xff broken")  # would be a problem if it were read
    course = load_course(tmp_path, "en")
    assert course.get("x").title == "Lesson x" and not course.translation_problems


def test_default_language_is_the_process_language(tmp_path, zh):
    make_translated(tmp_path)
    assert load_course(tmp_path).get("x").lang == "zh"


def test_grading_comes_only_from_quiz_yaml(tmp_path):
    make_translated(tmp_path, zh_quiz="""questions:
  {id}-pick:
    prompt: "梯度？"
    answer: b
    points: 100
    choices: {{a: "上", b: "下"}}
    explanation: "上。"
""")
    course = load_course(tmp_path, "zh")
    lesson = course.get("x")
    assert lesson.lang == "en"  # an untranslatable key makes the translation unusable: English, with the reason
    assert any("'answer' cannot be translated" in p.message and p.line == 4 for p in course.translation_problems)
    assert lesson.quiz.question("x-pick").answer == "a" and lesson.quiz.question("x-pick").points == 1


def test_missing_translation_falls_back_with_a_note(tmp_path, zh):
    make_translated(tmp_path, zh_md=False, zh_quiz=False)
    make_translated(tmp_path, "02-y", "y")
    course = load_course(tmp_path)
    x, y = course.get("x"), course.get("y")
    assert x.lang == "en" and x.title == "Lesson x" and y.lang == "zh"
    assert fallback_note(x) and fallback_note(y) is None
    assert not course.translation_problems  # no translation at all is not a problem
    use_language("en")
    assert fallback_note(x) is None


@pytest.mark.parametrize("zh_md, zh_quiz, where", [
    (False, None, "lesson.zh.md"),
    (None, False, "quiz.zh.yaml"),
    ("---\nid: x\n", None, "lesson.zh.md:1"),
    (None, "questions:\n  x-pick: [oops]\n", "quiz.zh.yaml:2"),
    (None, "questions:\n  x-pick:\n    prompt: [1, 2]\n", "quiz.zh.yaml:3"),
    (None, b"\xef\xbb\xbfquestions: {\n", "quiz.zh.yaml"),
    (None, "questions:\n  x-pick:\n    prompt: a\n    prompt: b\n", "quiz.zh.yaml:4"),
])
def test_a_broken_translation_falls_back_to_english_naming_file_and_line(tmp_path, zh_md, zh_quiz, where):
    d = make_translated(tmp_path, zh_md=zh_md if isinstance(zh_md, (str, bool)) else None,
                        zh_quiz=zh_quiz if isinstance(zh_quiz, (str, bool)) else None)
    if isinstance(zh_quiz, bytes):
        (d / "quiz.zh.yaml").write_bytes(zh_quiz)
    course = load_course(tmp_path, "zh")
    assert course.get("x").lang == "en" and course.ok
    assert any(where in str(p) for p in course.translation_problems), course.translation_problems
    use_language("zh")
    try:  # the teacher who wrote it is told why it is not shown, not that there is none
        assert fallback_note(course.get("x")) == "本课的中文版有问题（`dltutor validate` 会列出这些问题），所以显示英文原文。"
    finally:
        use_language("en")


def test_partial_quiz_translation_keeps_english_for_the_rest(tmp_path):
    make_translated(tmp_path, zh_quiz="""questions:
  {id}-pick:
    prompt: "梯度指向哪个方向？"
    choices: {{a: "上坡"}}
    explanation: "上坡。"
    hints: ["一", "二"]
""")
    lesson = load_course(tmp_path, "zh").get("x")
    pick, rule = lesson.quiz.question("x-pick"), lesson.quiz.question("x-rule")
    assert pick.choices == {"a": "上坡", "b": "downhill"} and pick.hints == ["Think of a hill."]
    assert rule.prompt.startswith("Name the rule")


def test_answers_grade_the_same_in_both_languages(tmp_path):
    make_translated(tmp_path)
    en, zh = load_course(tmp_path, "en").get("x"), load_course(tmp_path, "zh").get("x")
    for qid, answer in [("x-pick", "a"), ("x-pick", "b"), ("x-rule", "chain rule"), ("x-rule", "链式法则"),
                        ("x-rule", "Chain Rule"), ("x-rule", "gradient")]:
        a, b = grade(en.quiz.question(qid), answer), grade(zh.quiz.question(qid), answer)
        assert (a.status, a.points, a.answer) == (b.status, b.points, b.answer)


def test_revisit_section_is_found_through_the_english_lesson(tmp_path):
    make_translated(tmp_path)
    en, zh = load_course(tmp_path, "en").get("x"), load_course(tmp_path, "zh").get("x")
    found = revisit_section(en, "x-rule")
    assert found == "Chain rule"
    assert revisit_section(zh, "x-rule") == headings(zh.body)[headings(en.body).index(found)] == "链式法则"


def test_revisit_section_counts_skipped_sections_too(tmp_path):
    from tests.content.zh_helpers import EN_MD, ZH_MD

    make_translated(tmp_path, en_md=EN_MD.replace("## Gradients", "## Objectives\n\nLearn.\n\n## Gradients"),
                    zh_md=ZH_MD.replace("## 梯度", "## 学习目标\n\n学习。\n\n## 梯度"))
    zh = load_course(tmp_path, "zh").get("x")
    assert revisit_section(zh, "x-rule") == "链式法则" and revisit_section(zh, "x-pick") == "梯度"
