from pathlib import Path

import pytest

from dltutor.content import NumericQuestion, load_course
from tests.content.helpers import GOOD_MD, GOOD_QUIZ, make_lesson


def problems_of(root: Path) -> list[str]:
    return [str(p) for p in load_course(root).problems]


def test_good_course_loads_in_order(tmp_path):
    make_lesson(tmp_path, "b", "second", order=2, requires="first")
    make_lesson(tmp_path, "a", "first", order=1)
    course = load_course(tmp_path)
    assert course.ok, course.problems
    assert course.ids == ["first", "second"]
    lesson = course.get("second")
    assert lesson.meta.requires == ["first"]
    assert lesson.body.lstrip().startswith("# Lesson second")
    assert lesson.body_line == 10  # the line right after the closing ---
    q = lesson.quiz.question("second-q2")
    assert isinstance(q, NumericQuestion) and q.answer == 4.0
    assert lesson.quiz.max_score == 2


def test_missing_root_raises(tmp_path):
    with pytest.raises(FileNotFoundError):
        load_course(tmp_path / "nope")


# Each case: (what breaks, lesson.md or None for good, quiz.yaml or None for good, file, line, message part)
BAD_QUIZ_HEAD = "pass_mark: 0.7\nquestions:\n"
CASES = [
    ("bad yaml", None, "pass_mark: 0.7\nquestions: [\n  - id: x\n", "quiz.yaml", None, "invalid YAML"),
    ("no front matter", "# Just markdown\n", None, "lesson.md", 1, "missing YAML front matter"),
    ("unclosed front matter", "---\nid: x\n", None, "lesson.md", 1, "not closed"),
    ("missing field", GOOD_MD.format(id="x", order=1, requires="").replace("minutes: 10\n", ""), None,
     "lesson.md", None, "minutes: required field is missing"),
    ("unknown field", GOOD_MD.format(id="x", order=1, requires="").replace("minutes: 10", "minutes: 10\ncolour: red"), None,
     "lesson.md", 7, "colour: unknown field"),
    ("wrong type", GOOD_MD.format(id="x", order=1, requires="").replace("order: 1", "order: first"), None,
     "lesson.md", 4, "order:"),
    ("empty body", GOOD_MD.format(id="x", order=1, requires="").split("# Lesson")[0], None,
     "lesson.md", 10, "lesson text is empty"),
    ("answer not among choices", None, GOOD_QUIZ.format(id="x").replace("answer: b", "answer: z"),
     "quiz.yaml", 7, "answer 'z' is not among the choices (a, b)"),
    ("numeric answer not a number", None, GOOD_QUIZ.format(id="x").replace("answer: 4", 'answer: "four"'),
     "quiz.yaml", 12, "answer: 'four' is not a number"),
    ("duplicate question id", None, GOOD_QUIZ.format(id="x").replace("x-q2", "x-q1"),
     "quiz.yaml", 9, "duplicate question id 'x-q1'"),
    ("duplicate yaml key", None, GOOD_QUIZ.format(id="x").replace("    answer: b\n", "    answer: b\n    answer: a\n"),
     "quiz.yaml", 8, "duplicate key 'answer'"),
    ("unknown question type", None, GOOD_QUIZ.format(id="x").replace("type: single", "type: essay"),
     "quiz.yaml", 4, "'essay' is not one of single, multiple"),
    ("empty prompt", None, GOOD_QUIZ.format(id="x").replace('prompt: "Pick b"', 'prompt: "   "'),
     "quiz.yaml", 5, "prompt:"),
    ("missing explanation", None, GOOD_QUIZ.format(id="x").replace('    explanation: "Arithmetic."\n', ""),
     "quiz.yaml", None, "explanation: required field is missing"),
    ("order answer not a permutation", None,
     BAD_QUIZ_HEAD + '  - id: o\n    type: order\n    prompt: "p"\n    choices: {a: A, b: B, c: C}\n    answer: [a, b]\n    explanation: e\n',
     "quiz.yaml", 7, "every choice key exactly once"),
    ("truefalse given a string", None,
     BAD_QUIZ_HEAD + '  - id: t\n    type: truefalse\n    prompt: "p"\n    answer: "yes please"\n    explanation: e\n',
     "quiz.yaml", 6, "answer: expected true or false, got 'yes please'"),
    ("not utf-8", None, "pass_mark: 0.7\nquestions: \xff\n", "quiz.yaml", None, "not UTF-8"),
    ("quiz not a mapping", None, "- just\n- a list\n", "quiz.yaml", 1, "must be a mapping"),
    ("no questions", None, "pass_mark: 0.7\nquestions: []\n", "quiz.yaml", 2, "questions:"),
]


@pytest.mark.parametrize("what,md,quiz,file,line,message", CASES, ids=[c[0] for c in CASES])
def test_each_breakage_is_reported_with_file_and_line(tmp_path, what, md, quiz, file, line, message):
    make_lesson(tmp_path, "good", "good", order=1)
    folder = make_lesson(tmp_path, "bad", "x", order=2, md=md, quiz=quiz)
    if what == "not utf-8":
        (folder / "quiz.yaml").write_bytes(b"pass_mark: 0.7\nquestions: \xff\n")
    course = load_course(tmp_path)
    assert course.ids == ["good"], "a broken lesson must not hide the good one"
    assert "bad" in course.broken
    matching = [p for p in course.problems if p.file == folder / file and message in p.message]
    assert matching, f"{what}: expected {message!r} in {file}, got {[str(p) for p in course.problems]}"
    if line is not None:
        assert matching[0].line == line, str(matching[0])
    assert str(matching[0]).startswith(str(folder / file))


def test_every_problem_in_a_file_is_reported(tmp_path):
    quiz = GOOD_QUIZ.format(id="x").replace("answer: b", "answer: z").replace("answer: 4", 'answer: "four"')
    make_lesson(tmp_path, "bad", "x", quiz=quiz)
    messages = problems_of(tmp_path)
    assert any("'z' is not among" in m for m in messages)
    assert any("'four' is not a number" in m for m in messages)


def test_missing_files(tmp_path):
    (tmp_path / "empty").mkdir()
    messages = problems_of(tmp_path)
    assert any("lesson.md: missing lesson file" in m for m in messages)
    assert any("quiz.yaml: missing quiz file" in m for m in messages)


def test_duplicate_lesson_ids(tmp_path):
    make_lesson(tmp_path, "a", "same")
    make_lesson(tmp_path, "b", "same")
    course = load_course(tmp_path)
    assert course.ids == ["same"]
    [problem] = course.problems
    assert problem.file == tmp_path / "b" / "lesson.md" and problem.line == 2
    assert "duplicate lesson id 'same'" in problem.message and str(tmp_path / "a") in problem.message


def test_unknown_prerequisite(tmp_path):
    make_lesson(tmp_path, "a", "first", requires="ghost")
    [problem] = load_course(tmp_path).problems
    assert problem.line == 5 and "unknown lesson 'ghost'" in problem.message


def test_prerequisite_cycle(tmp_path):
    make_lesson(tmp_path, "a", "one", order=1, requires="three")
    make_lesson(tmp_path, "b", "two", order=2, requires="one")
    make_lesson(tmp_path, "c", "three", order=3, requires="two")
    make_lesson(tmp_path, "d", "four", order=4, requires="one")
    problems = load_course(tmp_path).problems
    assert len(problems) == 1, problems
    assert "prerequisite cycle" in problems[0].message
    assert all(x in problems[0].message for x in ("one", "two", "three"))
    assert "four" not in problems[0].message


def test_self_requirement(tmp_path):
    make_lesson(tmp_path, "a", "solo", requires="solo")
    [problem] = load_course(tmp_path).problems
    assert "cannot require itself" in problem.message


def test_a_question_can_name_the_section_that_teaches_it_and_a_wrong_name_is_a_problem(tmp_path):
    from dltutor.quiz.sections import revisit_section

    folder = make_lesson(tmp_path, "01-sec", "sec")
    (folder / "lesson.md").write_text((folder / "lesson.md").read_text(encoding="utf-8")
                                      + "\n## Adding\n\nTwo and two make four.\n\n## Picking\n\nPick b.\n",
                                      encoding="utf-8")
    quiz = folder / "quiz.yaml"
    text = quiz.read_text(encoding="utf-8")
    quiz.write_text(text.replace("  - id: sec-q1\n", '  - id: sec-q1\n    section: "Adding"\n'), encoding="utf-8")
    course = load_course(tmp_path)
    assert course.ok and revisit_section(course.get("sec"), "sec-q1") == "Adding"  # words alone say Picking
    quiz.write_text(text.replace("  - id: sec-q1\n", '  - id: sec-q1\n    section: "Adding up"\n'), encoding="utf-8")
    problems = [str(p) for p in load_course(tmp_path).problems]
    assert problems == [f"{quiz}:4: section 'Adding up' is not a heading of lesson.md (question 'sec-q1')"]


def test_the_sigmoid_derivative_questions_send_the_learner_to_sigmoid():
    from dltutor.quiz.sections import revisit_section
    from dltutor.settings import packaged_lessons_dir

    lesson = load_course(packaged_lessons_dir()).get("activations")
    for qid in ("activations-sigmoid-derivative-zero", "activations-sigmoid-derivative-two"):
        assert revisit_section(lesson, qid) == "Sigmoid"
