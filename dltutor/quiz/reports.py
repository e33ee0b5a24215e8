"""Reports on a batch of graded answer files: JSON, CSV, JUnit XML, item analysis.

Pure text builders; the CLI decides where they go. A batch is a list of
(file, QuizResult) plus the files that could not be graded.
"""

from __future__ import annotations

import csv
import io
import json
import xml.etree.ElementTree as ET
from dataclasses import dataclass

from dltutor.quiz.answers import AnswerFileError
from dltutor.quiz.grading import QuizResult

Graded = list[tuple[str, QuizResult]]


@dataclass(frozen=True)
class ItemStat:
    """How a class did on one question: the basis of item analysis."""

    lesson: str
    question: str
    files: int
    correct: int
    partial: int
    unanswered: int
    points: float
    max_points: float

    @property
    def pct_correct(self) -> float:
        return 100.0 * self.correct / self.files if self.files else 0.0

    @property
    def pct_points(self) -> float:
        return 100.0 * self.points / self.max_points if self.max_points else 0.0


def item_analysis(graded: Graded) -> list[ItemStat]:
    """Per question (in order of first appearance): how many got it right, partly, or skipped it."""
    stats: dict[tuple[str, str], list] = {}
    for _, result in graded:
        for q in result.questions:
            s = stats.setdefault((result.lesson, q.id), [0, 0, 0, 0, 0.0, 0.0])
            s[0] += 1
            s[1] += q.status == "correct"
            s[2] += q.status == "partial"
            s[3] += q.status == "unanswered"
            s[4] += q.points
            s[5] += q.max_points
    return [ItemStat(lesson, qid, *values) for (lesson, qid), values in stats.items()]


def json_block(items: list[dict]) -> str:
    """A JSON list with one item per line: greppable, and fast for big classes (also used by drill grading)."""
    return "[\n" + ",\n".join("  " + json.dumps(item, ensure_ascii=False) for item in items) + "\n]" if items else "[]"


def to_json(graded: Graded, errors: list[AnswerFileError]) -> str:
    """{"results": [...], "errors": [...]} with one entry per line: greppable, and fast for big classes."""
    block = json_block
    results = block([{"file": file, **result.to_dict()} for file, result in graded])
    problems = block([{"file": e.source, "line": e.line, "error": e.message} for e in errors])
    return f'{{"results": {results},\n"errors": {problems}}}'


CSV_COLUMNS = ("file", "learner", "lesson", "question", "status", "points", "max_points",
               "answer", "score", "max_score", "passed")


def to_csv(graded: Graded) -> str:
    """One row per file per question, ready for a spreadsheet."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(CSV_COLUMNS)
    for file, r in graded:
        for q in r.questions:
            answer = json.dumps(q.answer, ensure_ascii=False) if isinstance(q.answer, list) else q.answer
            writer.writerow((file, r.learner or "", r.lesson, q.id, q.status, f"{q.points:g}", f"{q.max_points:g}",
                             "" if answer is None else answer, f"{r.score:g}", f"{r.max_score:g}", r.passed))
    return out.getvalue()


def to_junit(graded: Graded, errors: list[AnswerFileError]) -> str:
    """One testsuite per file, one testcase per question; ungradable files are suites with an <error>."""
    suites = ET.Element("testsuites", name="dltutor grade")
    for file, r in graded:
        failed = sum(q.status != "correct" for q in r.questions)
        suite = ET.SubElement(suites, "testsuite", name=f"{r.learner or file} · {r.lesson}",
                              tests=str(len(r.questions)), failures=str(failed), errors="0")
        props = ET.SubElement(suite, "properties")
        for name, value in (("file", file), ("learner", r.learner or ""), ("lesson", r.lesson),
                            ("score", f"{r.score:g}"), ("max_score", f"{r.max_score:g}"), ("passed", str(r.passed).lower())):
            ET.SubElement(props, "property", name=name, value=value)
        for q in r.questions:
            case = ET.SubElement(suite, "testcase", classname=f"{r.lesson}.{r.learner or file}", name=q.id)
            if q.status != "correct":
                fail = ET.SubElement(case, "failure", type=q.status,
                                     message=f"{q.status}: {q.points:g}/{q.max_points:g} points")
                fail.text = q.feedback
    for e in errors:
        suite = ET.SubElement(suites, "testsuite", name=e.source, tests="1", failures="0", errors="1")
        case = ET.SubElement(suite, "testcase", classname="dltutor.grade", name=e.source)
        ET.SubElement(case, "error", type="AnswerFileError", message=str(e))
    ET.indent(suites)
    return ET.tostring(suites, encoding="unicode", xml_declaration=True) + "\n"
