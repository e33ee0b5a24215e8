"""Answer files: read, check against a quiz, grade; and the template learners fill in.

An answer file is YAML or JSON (data only: safe YAML, strict JSON):

    learner: alice          # optional
    lesson: cnn
    answers:
      cnn-weight-sharing: b
      cnn-pooling-facts: [a, c]

Every problem becomes an AnswerFileError naming the file and, where known, the line.
"""

from __future__ import annotations

import json
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, BinaryIO

from dltutor import strict_json
from dltutor.content.textfile import decode_text, read_text, visible
from dltutor.content.models import Course, Lesson, did_you_mean
from dltutor.content.yamlio import MAX_DEPTH, LineMap, YamlError, json_depth, nested_too_deep, parse_yaml
from dltutor.i18n import _, ngettext
from dltutor.quiz.grading import AnswerError, QuizResult, answer_format, check_answer, grade_quiz

STDIN = "-"
MAX_ANSWER_BYTES = 1_000_000  # a class's worth of answers is a few kB; anything bigger is a mistake
ANSWER_SUFFIXES = (".yaml", ".yml", ".json")
FIELDS = ("learner", "lesson", "answers")


class AnswerFileError(ValueError):
    def __init__(self, source: str, message: str, line: int | None = None):
        super().__init__(message)
        self.source, self.message, self.line = source, message, line

    def __str__(self) -> str:
        where = f"{self.source}:{self.line}" if self.line else self.source
        return f"{where}: {self.message}"


@dataclass(frozen=True)
class AnswerSheet:
    source: str
    lesson: str | None
    learner: str | None
    answers: dict[str, Any]
    lines: LineMap = field(default_factory=LineMap)

    def error(self, message: str, *path: str) -> AnswerFileError:
        return AnswerFileError(self.source, message, self.lines.line_of(path) if path else None)


def _reject_duplicates(pairs: list[tuple[str, Any]]) -> dict:
    seen = {}
    for key, value in pairs:
        if key in seen:
            raise ValueError(_("duplicate key '{key}'").format(key=key))
        seen[key] = value
    return seen


def _as_written(value: Any) -> Any:
    """JSON scalars back to the text they were written as (the YAML reader's rule): true -> 'true'."""
    if isinstance(value, dict):
        return {k: _as_written(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_as_written(v) for v in value]
    if isinstance(value, bool):
        return "true" if value else "false"
    return "null" if value is None else value


def _parse_data(text: str, source: str) -> tuple[Any, LineMap]:
    """YAML or JSON -> str / None / list / dict, every scalar the text written, bounded (see yamlio)."""
    try:
        return parse_yaml(text)
    except YamlError as yaml_error:
        # JSON is almost always YAML too; strict JSON catches the rest (tabs, say).
        if yaml_error.structural or not text.lstrip().startswith(("{", "[")):
            raise AnswerFileError(source, yaml_error.message, yaml_error.line) from None
    if json_depth(text) > MAX_DEPTH:  # json's recursive parser would hit Python's recursion limit
        raise AnswerFileError(source, nested_too_deep())
    try:
        data = strict_json.loads(text, object_pairs_hook=_reject_duplicates, parse_int=str, parse_float=str,
                                 parse_constant=_no_constant)
    except json.JSONDecodeError as exc:
        raise AnswerFileError(source, _("invalid JSON: {problem}").format(problem=exc.msg), exc.lineno) from None
    except strict_json.JsonError as exc:
        raise AnswerFileError(source, str(exc)) from None
    except ValueError as exc:
        raise AnswerFileError(source, _("invalid JSON: {problem}").format(problem=exc)) from None
    return _as_written(data), LineMap()


def _no_constant(name: str) -> None:
    raise ValueError(_("{name} is not a JSON value (write it in quotes if it is an answer)").format(name=name))


def _optional_name(data: dict, key: str, source: str, lines: LineMap) -> str | None:
    """A learner name or lesson id: always the text written (`No`, `0123`), never converted."""
    value = data.get(key)
    if value is None or isinstance(value, str):
        return None if value is None else value.strip() or None
    message = _("'{key}' must be text, not a list") if isinstance(value, list) else _("'{key}' must be text, not a mapping")
    raise AnswerFileError(source, message.format(key=key), lines.line_of((key,)))


def parse_answer_sheet(text: str, source: str) -> AnswerSheet:
    """Parse answer-file text; check its shape (not yet the answers against a quiz)."""
    if not text.strip():
        raise AnswerFileError(source, _("empty file, expected 'lesson:' and 'answers:'"))
    data, lines = _parse_data(text, source)
    if data is None:
        raise AnswerFileError(source, _("empty file (only comments), expected 'lesson:' and 'answers:'"))
    if not isinstance(data, dict):
        raise AnswerFileError(source, _("top level must be a mapping with 'lesson' and 'answers', not a {type}").format(
            type=type(data).__name__), 1)
    for key in data:
        if key not in FIELDS:
            raise AnswerFileError(source, _("unknown field '{key}' (expected {fields})").format(
                key=key, fields=", ".join(FIELDS)), lines.line_of((str(key),)))
    if "answers" not in data:
        raise AnswerFileError(source, _("missing 'answers:' (a mapping of question id to answer)"))
    answers = data["answers"] if data["answers"] is not None else {}
    if not isinstance(answers, dict):
        raise AnswerFileError(source, _("'answers' must map question ids to answers, not a {type}").format(
            type=type(answers).__name__), lines.line_of(("answers",)))
    return AnswerSheet(
        source=source, lesson=_optional_name(data, "lesson", source, lines),
        learner=_optional_name(data, "learner", source, lines),
        answers={str(k): v for k, v in answers.items()}, lines=lines,
    )


def read_answer_sheet(path: str | Path, stdin: BinaryIO | None = None) -> AnswerSheet:
    """Read and parse one answer file; '-' reads stdin."""
    source = "<stdin>" if str(path) == STDIN else str(path)
    try:
        if str(path) == STDIN:
            stream = stdin or sys.stdin.buffer
            text = decode_text(stream.read(MAX_ANSWER_BYTES + 1), MAX_ANSWER_BYTES)
        else:
            text = read_text(Path(path), MAX_ANSWER_BYTES)
    except ValueError as exc:
        raise AnswerFileError(source, str(exc), getattr(exc, "line", None)) from None
    return parse_answer_sheet(text, source)


def sheet_lesson(sheet: AnswerSheet, course: Course, lesson_id: str | None = None) -> Lesson:
    """The lesson a sheet answers: the one asked for (which the file must not contradict), else the file's."""
    name = lesson_id or sheet.lesson
    if name is None:
        raise sheet.error(_("missing 'lesson:' (the lesson id these answers are for)"))
    found = course.find(name)  # as the command line reads a lesson: `GAN`, `ｇａｎ` or `7` is gan
    if found is None:
        raise sheet.error(course.unknown_lesson_message(name), "lesson")
    if lesson_id and sheet.lesson and course.find(sheet.lesson) is not found:
        raise sheet.error(_("file is for lesson '{file_lesson}', not '{lesson}'").format(
            file_lesson=sheet.lesson, lesson=lesson_id), "lesson")
    return found


def check_sheet(sheet: AnswerSheet, lesson: Lesson) -> dict[str, Any]:
    """Every answer in canonical form, or the first problem with its line."""
    quiz, checked = lesson.quiz, {}
    ids = [q.id for q in quiz.questions]
    for qid, raw in sheet.answers.items():
        try:
            question = quiz.question(qid)
        except KeyError:
            raise sheet.error(_("unknown question id '{id}' for lesson '{lesson}'{suggestion}").format(
                id=qid, lesson=lesson.id, suggestion=did_you_mean(qid, ids)), "answers", qid) from None
        try:
            checked[qid] = check_answer(question, raw)
        except AnswerError as exc:
            raise sheet.error(f"{qid}: {exc}", "answers", qid) from None
    return checked


def grade_sheet(sheet: AnswerSheet, course: Course, lesson_id: str | None = None) -> QuizResult:
    lesson = sheet_lesson(sheet, course, lesson_id)
    return grade_quiz(lesson.quiz, check_sheet(sheet, lesson), lesson.id, sheet.learner)


def collect_answer_files(paths: list[str]) -> tuple[list[str], list[AnswerFileError]]:
    """Expand folders (recursively) into answer files, in a stable order; bad paths become errors."""
    files, errors = [], []
    for raw in paths:
        path = Path(raw)
        if path.is_dir() and raw != STDIN:
            # Everything found that is not a folder is listed, so a broken link or an unreadable
            # file is reported as "could not be graded" rather than skipped in silence.
            found = sorted(p for p in path.rglob("*")
                           if p.suffix.lower() in ANSWER_SUFFIXES and not p.is_dir()
                           and not any(part.startswith(".") for part in p.relative_to(path).parts))
            if not found:
                errors.append(AnswerFileError(raw, _("folder has no answer files ({patterns})").format(
                    patterns=", ".join("*" + s for s in ANSWER_SUFFIXES))))
            for p in found:
                if p.exists() and not p.is_file():
                    # A FIFO, socket or device found by the search: opening one can wait forever
                    # (a FIFO with no writer), so it is reported, never read.
                    errors.append(AnswerFileError(str(p), _("not a regular file (a FIFO, socket or device)")))
                else:
                    files.append(str(p))
        elif raw == STDIN or path.exists() or path.is_symlink():
            # Named on purpose: read even if it is a pipe (`dltutor grade <(...)`), as `-` is.
            files.append(raw)
        else:
            errors.append(AnswerFileError(raw, _("no such file or folder")))
    return files, errors


def _comment(text: str, prefix: str = "  # ") -> str:
    return "\n".join(f"{prefix}{line}".rstrip() for line in text.strip().splitlines())


def answer_template(lesson: Lesson) -> str:
    """A ready-to-fill answer file: every question and its choices as comments, answers left empty."""
    out = [
        # one comment line, always
        "# " + _("Answers for lesson '{id}': {title}").format(id=lesson.id, title=" ".join(lesson.title.split())),
        "# " + _("Write each answer after its colon; leave it empty to skip the question."),
        "# " + _("Grade with: {command}").format(command=f"dltutor quiz {lesson.id} --answers FILE"),
        "learner:   # " + _("optional: your name"),
        f"lesson: {lesson.id}",
        "answers:",
    ]
    for n, q in enumerate(lesson.quiz.questions, 1):
        points = ngettext("{n} point", "{n} points", 1 if q.points == 1 else 2).format(n=f"{q.points:g}")
        out.append(_comment(f"{n}. {q.prompt}"))
        for key, text in getattr(q, "choices", {}).items():
            out.append(_comment(f"{key}: {text}", "  #    "))
        out.append("  #   " + _("({format}; {points})").format(format=answer_format(q), points=points))
        out.append(f"  {q.id}:")
    return visible("\n".join(out)) + "\n"  # control characters in a text would make it invalid YAML
