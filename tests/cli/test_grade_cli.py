import csv
import io
import json
import xml.etree.ElementTree as ET

import pytest
from typer.testing import CliRunner

from dltutor.cli import app
from tests.quiz.helpers import make_course

runner = CliRunner()

PASS = "learner: alice\nlesson: types\nanswers: {t-single: b, t-multiple: [a, c], t-truefalse: false, t-numeric: 0.25}\n"
FAIL = '{"learner": "bob", "lesson": "types", "answers": {"t-single": "a", "t-multiple": ["a"]}}'
OTHER = "learner: cy\nlesson: other\nanswers: {other-q1: b, other-q2: 4}\n"


@pytest.fixture
def env(tmp_path):
    lessons = make_course(tmp_path / "lessons")
    klass = tmp_path / "class"
    (klass / "late").mkdir(parents=True)
    (klass / "alice.yaml").write_text(PASS, encoding="utf-8")
    (klass / "bob.json").write_text(FAIL, encoding="utf-8")
    (klass / "late" / "cy.yml").write_text(OTHER, encoding="utf-8")
    return str(lessons), klass


def grade(lessons, *args, input=None):
    return runner.invoke(app, ["--lessons", lessons, "grade", *map(str, args)], input=input, terminal_width=200)


def test_table_rows_item_analysis_and_exit_1_when_some_failed(env):
    lessons, klass = env
    result = grade(lessons, klass)
    assert result.exit_code == 1, result.output
    out = result.output
    assert "alice" in out and "5/7" in out and "passed" in out
    assert "bob" in out and "1/7" in out and "failed" in out
    assert "Item analysis" in out and "t-multiple" in out and "other-q2" in out
    assert "3 file(s) graded: 2 passed, 1 failed" in out


def test_exit_0_when_all_passed(env):
    lessons, klass = env
    assert grade(lessons, klass / "alice.yaml", klass / "late").exit_code == 0


def test_json_format(env):
    lessons, klass = env
    result = grade(lessons, klass, "--format", "json")
    data = json.loads(result.stdout)
    assert [(r["learner"], r["lesson"], r["passed"]) for r in data["results"]] == [
        ("alice", "types", True), ("bob", "types", False), ("cy", "other", True)]
    assert data["results"][1]["questions"][1] == {
        "id": "t-multiple", "status": "partial", "points": 1.0, "max_points": 2.0, "answer": ["a"],
        "feedback": "You missed c. The answer is a, c. ReLU and tanh are activations. Adam and SGD are optimizers."}
    assert data["errors"] == []


def test_csv_format_to_output_file(env, tmp_path):
    lessons, klass = env
    out = tmp_path / "report.csv"
    result = grade(lessons, klass, "-f", "csv", "-o", out)
    assert result.exit_code == 1 and f"report written to {out}" in result.stderr
    rows = list(csv.DictReader(io.StringIO(out.read_text(encoding="utf-8"))))
    assert len(rows) == 6 + 6 + 2
    assert {(r["learner"], r["question"], r["status"]) for r in rows} >= {("bob", "t-single", "wrong"), ("cy", "other-q2", "correct")}


def test_junit_format(env):
    lessons, klass = env
    root = ET.fromstring(grade(lessons, klass, "--format", "junit").stdout)
    cases = root.findall(".//testcase")
    assert len(cases) == 14
    assert len(root.findall(".//failure")) == 2 + 6  # alice skipped text+order; bob got nothing fully right


def test_table_to_output_file_has_no_colour_codes(env, tmp_path):
    lessons, klass = env
    out = tmp_path / "report.txt"
    grade(lessons, klass, "-o", out)
    text = out.read_text(encoding="utf-8")
    assert "Item analysis" in text and "\x1b[" not in text


def test_stdin(env):
    lessons, _ = env
    result = grade(lessons, "-", "--format", "json", input=PASS)
    assert result.exit_code == 0 and json.loads(result.stdout)["results"][0]["file"] == "-"


BAD = {
    "notyaml.yaml": (b"lesson: [oops\n", "invalid YAML"),
    "empty.yaml": (b"", "empty file"),
    "binary.yaml": (b"\x89PNG\x00\x00", "binary file"),
    "latin1.yaml": ("learner: José\n".encode("latin-1"), "not UTF-8"),
    "huge.yaml": (b"# " * 600_000, "larger than 1 MB"),
    "list.yaml": (b"- lesson: types\n", "top level must be a mapping"),
    "unknown-lesson.yaml": (b"lesson: nope\nanswers: {}\n", "unknown lesson 'nope'"),
    "unknown-question.yaml": (b"lesson: types\nanswers: {t-zzz: a}\n", "unknown question id 't-zzz'"),
    "list-for-single.yaml": (b"lesson: types\nanswers:\n  t-single: [a]\n", ":3: t-single: expects one choice, got a list"),
    "bad-key.yaml": (b"lesson: types\nanswers:\n  t-single: q\n", ":3: t-single: 'q' is not a choice"),
    "not-a-number.json": (b'{"lesson": "types", "answers": {"t-numeric": "lots"}}', "t-numeric: 'lots' is not a number"),
    "dupes.yaml": (b"lesson: types\nlesson: other\nanswers: {}\n", ":2: duplicate key 'lesson'"),
}


def test_bad_files_each_get_one_line_and_the_batch_goes_on(env, tmp_path):
    lessons, klass = env
    bad = tmp_path / "bad"
    bad.mkdir()
    for name, (content, _) in BAD.items():
        (bad / name).write_bytes(content)
    (tmp_path / "empty-folder").mkdir()
    result = grade(lessons, klass, bad, tmp_path / "empty-folder", tmp_path / "missing", "--format", "json")
    assert result.exit_code == 2
    errors = result.stderr.strip().splitlines()
    assert len(errors) == len(BAD) + 2 and "Traceback" not in result.output
    for name, (_, message) in BAD.items():
        line = next(e for e in errors if f"{bad / name}" in e)
        assert message in line, line
    assert any("folder has no answer files" in e for e in errors) and any("no such file or folder" in e for e in errors)
    data = json.loads(result.stdout)
    assert len(data["results"]) == 3 and len(data["errors"]) == len(BAD) + 2


def test_nothing_in_a_file_is_executed(env, tmp_path):
    lessons, _ = env
    marker = tmp_path / "pwned"
    evil = tmp_path / "evil.yaml"
    evil.write_text(f"lesson: !!python/object/apply:os.system ['touch {marker}']\nanswers: {{}}\n", encoding="utf-8")
    result = grade(lessons, evil)
    assert result.exit_code == 2 and "invalid YAML" in result.stderr and not marker.exists()


def test_bad_format_and_no_paths_are_usage_errors(env):
    lessons, klass = env
    assert grade(lessons, klass, "--format", "xml").exit_code == 2
    assert grade(lessons).exit_code == 2


def test_unwritable_output_is_one_line(env, tmp_path):
    lessons, klass = env
    result = grade(lessons, klass, "-o", tmp_path / "no" / "dir" / "r.json", "-f", "json")
    assert result.exit_code == 2 and "cannot write" in result.stderr


def test_batch_grading_records_nothing(env):
    from dltutor.progress import open_store

    lessons, klass = env
    grade(lessons, klass)
    with open_store() as store:
        assert store.attempts("types") == []
