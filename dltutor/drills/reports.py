"""Reports on a graded class of drill workspaces: JSON, CSV, JUnit XML (the table is the CLI's).

Pure text builders, shaped like `dltutor grade`'s (quiz/reports.py) so the same
scripts and CI tools read both.
"""

from __future__ import annotations

import csv
import io
import xml.etree.ElementTree as ET

from dltutor.drills.grading import DrillShare, GradeRow
from dltutor.quiz.reports import json_block

CSV_COLUMNS = ("learner", "workspace", "lesson", "drill", "status", "check", "case", "expected", "actual",
               "message")


def to_json(rows: list[GradeRow], shares: list[DrillShare], errors: list[Exception]) -> str:
    """{"results": [row per learner and drill], "drills": [share per drill], "errors": [...]}."""
    return (f'{{"results": {json_block([r.to_dict() for r in rows])},\n'
            f'"drills": {json_block([s.to_dict() for s in shares])},\n'
            f'"errors": {json_block([{"error": str(e)} for e in errors])}}}')


def to_csv(rows: list[GradeRow]) -> str:
    """One row per learner and drill, ready for a spreadsheet."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(CSV_COLUMNS)
    for r in rows:
        d = r.to_dict()
        writer.writerow([("" if d[c] is None else d[c]) for c in CSV_COLUMNS])
    return out.getvalue()


def to_junit(rows: list[GradeRow], errors: list[Exception]) -> str:
    """One testsuite per learner, one testcase per drill; unusable workspaces are suites with an <error>."""
    suites = ET.Element("testsuites", name="dltutor drill grade")
    learners: dict[str, list[GradeRow]] = {}
    for r in rows:
        learners.setdefault(r.learner, []).append(r)
    for learner, mine in learners.items():
        failed = sum(r.status in ("failed", "not started") for r in mine)
        errored = sum(r.status in ("error", "timeout") for r in mine)
        suite = ET.SubElement(suites, "testsuite", name=learner, tests=str(len(mine)), failures=str(failed),
                              errors=str(errored))
        props = ET.SubElement(suite, "properties")
        ET.SubElement(props, "property", name="workspace", value=mine[0].workspace)
        for r in mine:
            case = ET.SubElement(suite, "testcase", classname=f"{r.lesson}.{learner}", name=r.drill)
            if not r.passed:
                tag = "error" if r.status in ("error", "timeout") else "failure"
                element = ET.SubElement(case, tag, type=r.status, message=(r.result.get("message") or "").split("\n")[0])
                element.text = r.result.get("message") or ""
    for e in errors:
        suite = ET.SubElement(suites, "testsuite", name=str(e).split(":")[0], tests="1", failures="0", errors="1")
        case = ET.SubElement(suite, "testcase", classname="dltutor.drill.grade", name=str(e).split(":")[0])
        ET.SubElement(case, "error", type="WorkspaceError", message=str(e))
    ET.indent(suites)
    return ET.tostring(suites, encoding="unicode", xml_declaration=True) + "\n"
