import csv
import io
import json
import xml.etree.ElementTree as ET

import pytest

from dltutor.quiz import AnswerFileError, grade_quiz
from dltutor.quiz.reports import CSV_COLUMNS, item_analysis, to_csv, to_json, to_junit
from tests.quiz.helpers import KEY, load_types_lesson


@pytest.fixture(scope="module")
def batch(tmp_path_factory):
    lesson = load_types_lesson(tmp_path_factory.mktemp("reports"))[1]
    graded = [
        ("alice.yaml", grade_quiz(lesson.quiz, KEY, "types", "alice")),
        ("bob.yaml", grade_quiz(lesson.quiz, {"t-single": "a", "t-multiple": ["a"]}, "types", "bob")),
    ]
    errors = [AnswerFileError("broken.yaml", "invalid YAML: oops", 3)]
    return graded, errors


def test_item_analysis_counts_per_question(batch):
    graded, _ = batch
    stats = {s.question: s for s in item_analysis(graded)}
    assert list(stats) == ["t-single", "t-multiple", "t-truefalse", "t-numeric", "t-text", "t-order"]
    single, multiple, text = stats["t-single"], stats["t-multiple"], stats["t-text"]
    assert (single.files, single.correct, single.pct_correct) == (2, 1, 50.0)
    assert (multiple.correct, multiple.partial, multiple.pct_points) == (1, 1, 75.0)  # 2 + 1 of 4 points
    assert (text.correct, text.unanswered) == (1, 1)


def test_json_report_shape(batch):
    data = json.loads(to_json(*batch))
    first = data["results"][0]
    assert set(first) == {"file", "learner", "lesson", "score", "max_score", "passed", "questions"}
    assert (first["file"], first["learner"], first["passed"]) == ("alice.yaml", "alice", True)
    assert {"id", "status", "points", "max_points", "feedback"} <= set(first["questions"][0])
    assert data["results"][1]["score"] == 1.0 and data["results"][1]["passed"] is False
    assert data["errors"] == [{"file": "broken.yaml", "line": 3, "error": "invalid YAML: oops"}]


def test_csv_one_row_per_file_per_question(batch):
    rows = list(csv.DictReader(io.StringIO(to_csv(batch[0]))))
    assert len(rows) == 12 and tuple(rows[0]) == CSV_COLUMNS
    bob_multiple = next(r for r in rows if r["learner"] == "bob" and r["question"] == "t-multiple")
    assert (bob_multiple["status"], bob_multiple["points"], bob_multiple["answer"]) == ("partial", "1", '["a"]')
    assert bob_multiple["passed"] == "False" and bob_multiple["score"] == "1"


def test_junit_one_testcase_per_question_and_errors(batch):
    root = ET.fromstring(to_junit(*batch))
    suites = root.findall("testsuite")
    assert len(suites) == 3
    alice, bob, broken = suites
    assert alice.get("tests") == "6" and alice.get("failures") == "0" and not alice.findall(".//failure")
    assert bob.get("failures") == "6"  # wrong, partial, and four unanswered
    failure = bob.find("testcase[@name='t-multiple']/failure")
    assert failure.get("type") == "partial" and "ReLU and tanh" in failure.text
    assert broken.find("testcase/error").get("message") == "broken.yaml:3: invalid YAML: oops"
