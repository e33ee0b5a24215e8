"""Reports on a batch of graded answer files: JSON, CSV, JUnit XML, item analysis.

Pure text builders; the CLI decides where they go. A batch is a list of
(file, QuizResult) plus the files that could not be graded.
"""

from __future__ import annotations

import csv
import io
import json
import re
import xml.etree.ElementTree as ET
from dataclasses import dataclass

from dltutor.content.textfile import visible
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


def json_block(items: list[dict], ascii_only: bool = False) -> str:
    """A JSON list with one item per line: greppable, and fast for big classes (also used by drill grading).

    ascii_only: non-ASCII as \\uXXXX escapes (still the same JSON), for a console that cannot encode it."""
    if not items:
        return "[]"
    return "[\n" + ",\n".join("  " + json.dumps(item, ensure_ascii=ascii_only) for item in items) + "\n]"


def to_json(graded: Graded, errors: list[AnswerFileError], ascii_only: bool = False) -> str:
    """{"results": [...], "errors": [...]} with one entry per line: greppable, and fast for big classes."""
    def block(items: list[dict]) -> str:
        return json_block(items, ascii_only)

    results = block([{"file": file, **result.to_dict()} for file, result in graded])
    problems = block([{"file": e.source, "line": e.line, "error": e.message} for e in errors])
    return f'{{"results": {results},\n"errors": {problems}}}'


CSV_COLUMNS = ("file", "learner", "lesson", "question", "status", "points", "max_points",
               "answer", "score", "max_score", "passed")


# A cell a spreadsheet would run as a formula (OWASP, "CSV Injection"): = + - @ tab CR at its start.
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
_PLAIN_NUMBER = re.compile(r"[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?")


def csv_number(value: float) -> str:
    """A number as a spreadsheet reads it: 28 (not 28.0), 0.1 (not 0.1000000001), the shortest exact form."""
    return str(int(value)) if float(value).is_integer() and abs(value) < 1e16 else repr(float(value))


def csv_cell(value) -> str:
    """One cell, safe to open in a spreadsheet: numbers as numbers; text that starts like a formula
    gets a leading ' (OWASP's advice), unless it is a plain number such as -1.386; controls made visible."""
    if isinstance(value, bool) or value is None:
        return "" if value is None else str(value)
    if isinstance(value, (int, float)):
        return csv_number(value)
    text = visible(value)  # a leading CR becomes ^M here; a tab stays and is caught below
    return "'" + text if text.startswith(_FORMULA_START) and not _PLAIN_NUMBER.fullmatch(text) else text


def to_csv(graded: Graded) -> str:
    """One row per file per question, ready for a spreadsheet (every cell through csv_cell)."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(CSV_COLUMNS)
    for file, r in graded:
        for q in r.questions:
            answer = json.dumps(q.answer, ensure_ascii=False) if isinstance(q.answer, list) else q.answer
            row = (file, r.learner or "", r.lesson, q.id, q.status, q.points, q.max_points, answer,
                   r.score, r.max_score, r.passed)
            writer.writerow([csv_cell(cell) for cell in row])
    return out.getvalue()


def to_junit(graded: Graded, errors: list[AnswerFileError]) -> str:
    """One testsuite per file, one testcase per question; ungradable files are suites with an <error>.

    Outside text goes through `visible`: XML 1.0 cannot hold control characters such as ESC."""
    suites = ET.Element("testsuites", name="dltutor grade")
    for file, r in graded:
        failed = sum(q.status != "correct" for q in r.questions)
        suite = ET.SubElement(suites, "testsuite", name=visible(f"{r.learner or file} · {r.lesson}"),
                              tests=str(len(r.questions)), failures=str(failed), errors="0")
        props = ET.SubElement(suite, "properties")
        for name, value in (("file", file), ("learner", r.learner or ""), ("lesson", r.lesson),
                            ("score", f"{r.score:g}"), ("max_score", f"{r.max_score:g}"), ("passed", str(r.passed).lower())):
            ET.SubElement(props, "property", name=name, value=visible(value))
        for q in r.questions:
            case = ET.SubElement(suite, "testcase", classname=visible(f"{r.lesson}.{r.learner or file}"), name=q.id)
            if q.status != "correct":
                fail = ET.SubElement(case, "failure", type=q.status,
                                     message=f"{q.status}: {q.points:g}/{q.max_points:g} points")
                fail.text = visible(q.feedback)
    for e in errors:
        suite = ET.SubElement(suites, "testsuite", name=visible(e.source), tests="1", failures="0", errors="1")
        case = ET.SubElement(suite, "testcase", classname="dltutor.grade", name=visible(e.source))
        ET.SubElement(case, "error", type="AnswerFileError", message=visible(e))
    ET.indent(suites)
    return ET.tostring(suites, encoding="unicode", xml_declaration=True) + "\n"
