"""Issue 11 §6: reports that are safe to open, and every path found but unreadable is reported."""

import csv
import io
import json
import os

import pytest
from typer.testing import CliRunner

from dltutor.cli import app
from dltutor.quiz.reports import csv_cell
from tests.quiz.helpers import make_course

runner = CliRunner()


@pytest.mark.parametrize("value,cell", [
    ("=1+2", "'=1+2"), ("+cmd|' /C calc'!A0", "'+cmd|' /C calc'!A0"), ("-2+3", "'-2+3"), ("@SUM(A1)", "'@SUM(A1)"),
    ("\t=x", "'\t=x"), ("\r=x", "^M=x"), ("-1.386", "-1.386"), ("+2", "+2"), ("-1e-3", "-1e-3"), ("alice", "alice"),
    (28.0, "28"), (0.5, "0.5"), (-1.386, "-1.386"), (7, "7"), (True, "True"), (None, ""), ("a\x1b[31m", "a^[[31m"),
])
def test_csv_cells(value, cell):
    assert csv_cell(value) == cell


def test_grade_csv_neutralises_formulas_and_writes_whole_numbers(tmp_path):
    lessons = make_course(tmp_path / "lessons")
    f = tmp_path / "evil.yaml"
    f.write_text('learner: "=HYPERLINK(\\"http://x\\",\\"y\\")"\nlesson: types\n'
                 'answers: {t-text: "@SUM(1)", t-numeric: -1.386, t-single: b}\n', encoding="utf-8")
    result = runner.invoke(app, ["--lessons", str(lessons), "grade", "--format", "csv", str(f)])
    rows = list(csv.DictReader(io.StringIO(result.stdout)))
    assert {r["learner"] for r in rows} == {"'=HYPERLINK(\"http://x\",\"y\")"}
    by_id = {r["question"]: r for r in rows}
    assert by_id["t-text"]["answer"] == "'@SUM(1)"
    assert by_id["t-numeric"]["answer"] == "-1.386"
    assert by_id["t-single"]["points"] == "1" and by_id["t-multiple"]["max_points"] == "2"
    assert rows[0]["max_score"] == "7" and not any(cell.endswith(".0") for r in rows for cell in r.values())


def test_broken_link_and_unreadable_files_are_reported_exit_2(tmp_path):
    lessons = make_course(tmp_path / "lessons")
    klass = tmp_path / "class"
    klass.mkdir()
    (klass / "good.yaml").write_text("learner: ann\nlesson: other\nanswers: {other-q1: b, other-q2: 4}\n")
    (klass / "gone.yaml").symlink_to(tmp_path / "deleted.yaml")
    (klass / "dir.yaml").mkdir()  # a folder with an answer-file name is searched, not graded
    (klass / "dir.yaml" / "inner.yml").write_text("learner: bo\nlesson: other\nanswers: {other-q1: b, other-q2: 4}\n")
    result = runner.invoke(app, ["--lessons", str(lessons), "grade", "--format", "json", str(klass)])
    assert result.exit_code == 2, result.output
    report = json.loads(result.stdout)
    assert sorted(r["learner"] for r in report["results"]) == ["ann", "bo"]
    [error] = report["errors"]
    assert error["file"].endswith("gone.yaml") and "broken link" in error["error"]
    single = runner.invoke(app, ["--lessons", str(lessons), "grade", str(klass / "gone.yaml")])
    assert single.exit_code == 2 and "broken link" in single.stderr
    if os.geteuid() != 0:  # root reads anything
        (klass / "good.yaml").chmod(0)
        result = runner.invoke(app, ["--lessons", str(lessons), "grade", str(klass)])
        assert result.exit_code == 2 and "good.yaml: cannot read file" in result.stderr


def test_an_unexpected_failure_costs_one_file_not_the_report(tmp_path, monkeypatch):
    import dltutor.quiz as quiz

    lessons = make_course(tmp_path / "lessons")
    klass = tmp_path / "class"
    klass.mkdir()
    for name in ("a", "b"):
        (klass / f"{name}.yaml").write_text(f"learner: {name}\nlesson: other\nanswers: {{other-q1: b}}\n")
    real = quiz.read_answer_sheet
    monkeypatch.setattr(quiz, "read_answer_sheet",
                        lambda p, *a: (_ for _ in ()).throw(RecursionError("deep")) if p.endswith("a.yaml") else real(p))
    result = runner.invoke(app, ["--lessons", str(lessons), "grade", "--format", "json", str(klass)])
    assert result.exit_code == 2
    report = json.loads(result.stdout)
    assert [r["learner"] for r in report["results"]] == ["b"] and "RecursionError" in report["errors"][0]["error"]
