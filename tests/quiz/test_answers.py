import io

import pytest

from dltutor.quiz import AnswerFileError, answer_template, collect_answer_files, grade_sheet, parse_answer_sheet, read_answer_sheet
from dltutor.quiz.answers import MAX_ANSWER_BYTES
from tests.quiz.helpers import load_types_lesson


@pytest.fixture(scope="module")
def course(tmp_path_factory):
    return load_types_lesson(tmp_path_factory.mktemp("answers"))[0]


GOOD = """learner: alice
lesson: types
answers:
  t-single: b
  t-multiple: [c, a]
  t-numeric: "1/4"
  t-order: a, b, d, c
"""


def test_yaml_sheet_graded(course):
    sheet = parse_answer_sheet(GOOD, "alice.yaml")
    assert (sheet.learner, sheet.lesson) == ("alice", "types")
    result = grade_sheet(sheet, course)
    assert [r.status for r in result.questions] == ["correct", "correct", "unanswered", "correct", "unanswered", "partial"]
    assert result.score == 4.5 and result.learner == "alice"


def test_json_sheet_with_tabs(course):
    text = '{\n\t"lesson": "types",\n\t"learner": 1234,\n\t"answers": {"t-truefalse": false, "t-text": "Mode collapse"}\n}'
    result = grade_sheet(parse_answer_sheet(text, "s.json"), course)
    assert result.learner == "1234"
    assert [r.status for r in result.questions if r.status != "unanswered"] == ["correct", "correct"]


def test_lesson_given_by_caller_must_match_file(course):
    sheet = parse_answer_sheet("answers: {t-single: b}\n", "f.yaml")
    assert grade_sheet(sheet, course, "types").score == 1.0
    with pytest.raises(AnswerFileError, match="missing 'lesson:'"):
        grade_sheet(sheet, course)
    with pytest.raises(AnswerFileError, match=r"f.yaml:1: file is for lesson 'types', not 'other'"):
        grade_sheet(parse_answer_sheet("lesson: types\nanswers: {}\n", "f.yaml"), course, "other")


@pytest.mark.parametrize("name", ["TYPES", "ｔｙｐｅｓ", " Types ", "1", "１"])
def test_lesson_in_a_file_is_read_as_the_command_line_reads_it(course, name):
    # `dltutor quiz TYPES` and `dltutor quiz 1` work, so an answer file saying so (or typed with a
    # Chinese input method, in full-width letters) is for the same lesson.
    sheet = parse_answer_sheet(f'lesson: "{name}"\nanswers: {{t-single: b}}\n', "f.yaml")
    assert grade_sheet(sheet, course).score == 1.0 and grade_sheet(sheet, course, "types").score == 1.0


@pytest.mark.parametrize("text, message", [
    ("", "f.yaml: empty file"),
    ("# only a comment\n", "f.yaml: empty file (only comments)"),
    ("lesson: [unclosed\n", "f.yaml:2: invalid YAML"),
    ('{"lesson": "types",, }', "f.yaml:1: invalid JSON"),
    ("- a\n- b\n", "f.yaml:1: top level must be a mapping with 'lesson' and 'answers', not a list"),
    ("just text\n", "top level must be a mapping"),
    ("lesson: types\nanswer: {}\n", "f.yaml:2: unknown field 'answer' (expected learner, lesson, answers)"),
    ("lesson: types\n", "missing 'answers:'"),
    ("lesson: types\nanswers: [b]\n", "f.yaml:2: 'answers' must map question ids to answers"),
    ("learner: [a]\nlesson: types\nanswers: {}\n", "f.yaml:1: 'learner' must be text"),
    ("lesson: typs\nanswers: {}\n", "f.yaml:1: unknown lesson 'typs' (did you mean 'types'?); known lessons: types, other"),
    ("lesson: types\nanswers:\n  t-single: b\n  t-singel: c\n",
     "f.yaml:4: unknown question id 't-singel' for lesson 'types' (did you mean 't-single'?)"),
    ("lesson: types\nanswers:\n  t-single: [a]\n", "f.yaml:3: t-single: expects one choice, got a list"),
    ("lesson: types\nanswers:\n  t-single: z\n", "f.yaml:3: t-single: 'z' is not a choice (choose from a, b, c)"),
    ("lesson: types\nanswers:\n  t-numeric: about 0.3\n", "f.yaml:3: t-numeric: 'about 0.3' is not a number"),
    ("lesson: types\nanswers:\n  t-single: a\n  t-single: b\n", "f.yaml:4: duplicate key 't-single' (first defined on line 3)"),
    ('{"lesson": "types", "answers": {"t-single": "a", "t-single": "b"}}', "f.yaml:1: duplicate key 't-single' (first defined on line 1)"),
    ("lesson: !!python/object/apply:os.system [echo hacked]\nanswers: {}\n", "invalid YAML"),
])
def test_bad_sheets_name_file_line_and_problem(course, text, message):
    with pytest.raises(AnswerFileError) as info:
        grade_sheet(parse_answer_sheet(text, "f.yaml"), course)
    assert str(info.value).startswith("f.yaml") and message in str(info.value), str(info.value)
    assert "\n" not in str(info.value)


def test_read_checks_binary_encoding_and_size(tmp_path):
    cases = {"bin.yaml": b"lesson: a\x00\x01", "latin.yaml": "lesson: caf\xe9\n".encode("latin-1"),
             "big.yaml": b"#" * (MAX_ANSWER_BYTES + 1)}
    messages = {"bin.yaml": "binary file", "latin.yaml": "not UTF-8 text", "big.yaml": "file is larger than 1 MB"}
    for name, data in cases.items():
        (tmp_path / name).write_bytes(data)
        with pytest.raises(AnswerFileError, match=messages[name]):
            read_answer_sheet(tmp_path / name)
    with pytest.raises(AnswerFileError, match="cannot read file"):
        read_answer_sheet(tmp_path / "missing.yaml")


def test_read_stdin_with_bom_and_size_cap():
    sheet = read_answer_sheet("-", stdin=io.BytesIO("\ufefflesson: types\nanswers: {}\n".encode()))
    assert sheet.source == "<stdin>" and sheet.lesson == "types"
    with pytest.raises(AnswerFileError, match="<stdin>: input is larger than 1 MB"):
        read_answer_sheet("-", stdin=io.BytesIO(b"#" * (MAX_ANSWER_BYTES + 10)))


def test_collect_walks_folders_in_order_and_reports_bad_paths(tmp_path):
    (tmp_path / "class" / "b").mkdir(parents=True)
    for name in ("class/z.yaml", "class/a.json", "class/b/c.yml", "class/notes.txt", "class/.hidden.yaml"):
        (tmp_path / name).write_text("x")
    (tmp_path / "empty").mkdir()
    files, errors = collect_answer_files([str(tmp_path / "class"), str(tmp_path / "empty"), str(tmp_path / "nope"), "-"])
    assert [f.removeprefix(str(tmp_path / "class") + "/") for f in files[:-1]] == ["a.json", "b/c.yml", "z.yaml"]
    assert files[-1] == "-"
    assert [e.message for e in errors] == ["folder has no answer files (*.yaml, *.yml, *.json)", "no such file or folder"]


def test_template_lists_questions_and_choices_and_parses_as_unanswered(course):
    lesson = course.get("types")
    text = answer_template(lesson)
    assert "lesson: types" in text and "  #    c: tanh" in text and "# 1. Which gate count" in text
    assert "(every right key, separated by commas (from a, b, c, d); 2 points)" in text
    assert all(f"  {q.id}:" in text for q in lesson.quiz.questions)
    assert "0.25" not in text and "mode collapse" not in text.lower()  # the key is not leaked
    result = grade_sheet(parse_answer_sheet(text, "t.yaml"), course)
    assert {r.status for r in result.questions} == {"unanswered"} and result.learner is None
    filled = text.replace("  t-single:", "  t-single: b").replace("  t-multiple:", "  t-multiple: a, c")
    assert grade_sheet(parse_answer_sheet(filled, "t.yaml"), course).score == 3.0


def test_shipped_lessons_templates_parse_and_the_key_scores_full_marks():
    import json

    from dltutor.content import load_course
    from dltutor.quiz import correct_answer
    from dltutor.settings import packaged_lessons_dir

    course = load_course(packaged_lessons_dir())
    for lesson in course.lessons:
        blank = grade_sheet(parse_answer_sheet(answer_template(lesson), "t.yaml"), course)
        assert blank.lesson == lesson.id and {r.status for r in blank.questions} == {"unanswered"}
        key = {"lesson": lesson.id, "answers": {q.id: correct_answer(q) for q in lesson.quiz.questions}}
        full = grade_sheet(parse_answer_sheet(json.dumps(key), "key.json"), course)
        assert full.passed and full.score == full.max_score == lesson.quiz.max_score, lesson.id
