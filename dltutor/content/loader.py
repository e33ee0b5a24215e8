"""Load a lessons folder into a Course, collecting every problem with file:line.

One broken lesson never hides the others: each folder is loaded on its own,
then the cross-lesson checks (duplicate ids, prerequisites, cycles) run on
whatever loaded.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from pydantic import BaseModel, ValidationError

from dltutor.content.models import (
    QUESTION_MODELS,
    QUESTION_TYPES,
    Course,
    Lesson,
    AnswerKeyError,
    LessonMeta,
    Problem,
    Quiz,
    QuizHeader,
)
from dltutor.content.headings import headings
from dltutor.content.textfile import read_text, visible
from dltutor.content.translation import translate_lesson
from dltutor.i18n import N_, _
from dltutor.content.yamlio import LineMap, YamlError, parse_yaml

LESSON_FILE = "lesson.md"
QUIZ_FILE = "quiz.yaml"
# Pydantic's messages for the checks lesson and quiz files meet, with its context as named placeholders,
# so that a teacher reads them in the course's language. A message not listed (or worded otherwise by
# another pydantic version) is shown as pydantic wrote it.
_PYDANTIC_MESSAGES = {
    "string_type": (N_("Input should be a valid string"),),
    "string_too_short": (N_("String should have at least {min_length} character"),
                         N_("String should have at least {min_length} characters")),
    "string_too_long": (N_("String should have at most {max_length} characters"),),
    "string_pattern_mismatch": (N_("String should match pattern '{pattern}'"),),
    "greater_than": (N_("Input should be greater than {gt}"),),
    "less_than_equal": (N_("Input should be less than or equal to {le}"),),
    "too_short": (N_("List should have at least {min_length} item after validation, not {actual_length}"),
                  N_("List should have at least {min_length} items after validation, not {actual_length}"),
                  N_("Dictionary should have at least {min_length} items after validation, not {actual_length}")),
    "literal_error": (N_("Input should be {expected}"),),
    "list_type": (N_("Input should be a valid list"),),
    "dict_type": (N_("Input should be a valid dictionary"),),
    "float_type": (N_("Input should be a valid number"),),
    "int_type": (N_("Input should be a valid integer"),),
    "bool_type": (N_("Input should be a valid boolean"),),
}


def _pydantic_message(err: dict) -> str:
    """Pydantic's message for one error, in the current language where the catalogue has it."""
    context = err.get("ctx") or {}
    for template in _PYDANTIC_MESSAGES.get(err["type"], ()):
        try:
            if template.format(**context) == err["msg"]:
                return _(template).format(**context)
        except (KeyError, IndexError):
            continue
    return err["msg"]


def _validation_problems(file: Path, exc: ValidationError, lines: LineMap, prefix: tuple = ()) -> list[Problem]:
    problems = []
    for err in exc.errors(include_url=False):
        msg = _pydantic_message(err).removeprefix("Value error, ")
        # Whole-model checks are about the answer key; point at its line, not the question's.
        about_key = isinstance(err.get("ctx", {}).get("error"), AnswerKeyError)
        inner = tuple(err["loc"]) or (("answer",) if about_key else ())
        loc = prefix + inner
        where = ".".join(str(p) for p in loc) or _("(top level)")
        if err["type"] == "missing":
            msg = _("required field is missing")
        elif err["type"] == "extra_forbidden":
            msg = _("unknown field")
        problems.append(Problem(file, lines.line_of(loc), f"{where}: {msg}"))
    return problems


def _validate(model: type[BaseModel], data: Any, file: Path, lines: LineMap, prefix: tuple = ()):
    try:
        return model.model_validate(data), []
    except ValidationError as exc:
        return None, _validation_problems(file, exc, lines, prefix)


def split_front_matter(text: str) -> tuple[str, str, int]:
    """Return (front matter YAML, body, line where the body starts)."""
    lines = text.splitlines(keepends=True)
    if not lines or lines[0].strip() != "---":
        raise YamlError(_("missing YAML front matter (the file must start with a line '---')"), 1)
    for i in range(1, len(lines)):
        if lines[i].strip() in ("---", "..."):
            return "".join(lines[1:i]), "".join(lines[i + 1 :]), i + 2
    raise YamlError(_("front matter is not closed by a line '---'"), 1)


def load_meta(path: Path) -> tuple[LessonMeta | None, str, int, LineMap | None, list[Problem]]:
    try:
        front, body, body_line = split_front_matter(read_text(path))
        body = visible(body)  # as models.Text: control characters shown, never obeyed, in every view
        data, lines = parse_yaml(front, line_offset=1)
    except (ValueError, YamlError) as exc:
        return None, "", 1, None, [Problem(path, getattr(exc, "line", None), str(exc))]
    if not isinstance(data, dict):
        return None, body, body_line, lines, [Problem(path, 2, _("front matter must be a mapping of fields (id, title, "
                                                                 "…)"))]
    meta, problems = _validate(LessonMeta, data, path, lines)
    if not body.strip():
        problems.append(Problem(path, body_line, _("lesson text is empty")))
    return meta, body, body_line, lines, problems


def load_quiz(path: Path, sections: list[str] | None = None) -> tuple[Quiz | None, list[Problem]]:
    """The quiz at `path`, or its problems with file:line. `sections`: the lesson's headings, which a
    question's `section:` must name (not checked when None)."""
    try:
        data, lines = parse_yaml(read_text(path))
    except (ValueError, YamlError) as exc:
        return None, [Problem(path, getattr(exc, "line", None), str(exc))]
    if not isinstance(data, dict):
        return None, [Problem(path, 1, _("quiz must be a mapping with 'pass_mark' and 'questions'"))]
    header, problems = _validate(QuizHeader, data, path, lines)
    if header is None:
        return None, problems

    questions, seen = [], {}
    for i, raw in enumerate(header.questions):
        loc = ("questions", i)
        if not isinstance(raw, dict):
            problems.append(Problem(path, lines.line_of(loc), _("questions.{i}: each question must be a mapping")
                                    .format(i=i)))
            continue
        qtype = raw.get("type")
        model = QUESTION_MODELS.get(qtype) if isinstance(qtype, str) else None
        if model is None:
            problems.append(
                Problem(path, lines.line_of(loc + ("type",)),
                        _("questions.{i}.type: {type} is not one of {types}").format(
                            i=i, type=repr(qtype), types=", ".join(QUESTION_TYPES)))
            )
            continue
        question, errs = _validate(model, raw, path, lines, loc)
        label = raw.get("id") if isinstance(raw.get("id"), str) else None
        if label:  # name the question, not only its index
            errs = [Problem(p.file, p.line, _("{problem} (question '{id}')").format(problem=p.message, id=label))
                    for p in errs]
        problems += errs
        if question is None:
            continue
        if question.id in seen:
            problems.append(Problem(path, lines.line_of(loc + ("id",)),
                                    _("duplicate question id '{id}' (first on line {line})").format(
                                        id=question.id, line=seen[question.id])))
            continue
        seen[question.id] = lines.line_of(loc + ("id",))
        if question.section and sections is not None and question.section not in sections:
            problems.append(Problem(path, lines.line_of(loc + ("section",)),
                                    _("section '{section}' is not a heading of lesson.md (question '{id}')").format(
                                        section=question.section, id=question.id)))
            continue
        questions.append(question)
    if problems:
        return None, problems
    return Quiz(pass_mark=header.pass_mark, questions=tuple(questions)), []


# Why a lesson or quiz file cannot be read: (broken link, not a regular file, missing), per kind of file.
_NOT_A_FILE = {
    "lesson": (N_("lesson file is a broken link (or a loop of links)"),
               N_("lesson file is not a regular file (a folder, FIFO or device)"), N_("missing lesson file")),
    "quiz": (N_("quiz file is a broken link (or a loop of links)"),
             N_("quiz file is not a regular file (a folder, FIFO or device)"), N_("missing quiz file")),
    "translation": (N_("translation file is a broken link (or a loop of links)"),
                    N_("translation file is not a regular file (a folder, FIFO or device)"),
                    N_("missing translation file")),
}


def _not_a_file(path: Path, what: str) -> str:
    """Why a lesson or quiz file that should be there cannot be read (it is never opened: a FIFO would block)."""
    broken, irregular, missing = _NOT_A_FILE[what]
    if path.is_symlink() and not path.exists():
        return _(broken)
    if path.exists():
        return _(irregular)
    return _(missing)


def load_lesson(folder: Path) -> tuple[Lesson | None, LineMap | None, list[Problem]]:
    lesson_path, quiz_path = folder / LESSON_FILE, folder / QUIZ_FILE
    problems: list[Problem] = []
    meta = quiz = None
    lines = None
    body, body_line = "", 1
    if lesson_path.is_file():
        meta, body, body_line, lines, errs = load_meta(lesson_path)
        problems += errs
    else:
        problems.append(Problem(lesson_path, None, _not_a_file(lesson_path, "lesson")))
    if quiz_path.is_file():
        quiz, errs = load_quiz(quiz_path, headings(body) if meta is not None else None)
        problems += errs
    else:
        problems.append(Problem(quiz_path, None, _not_a_file(quiz_path, "quiz")))
    if problems or meta is None or quiz is None:
        return None, lines, problems
    return Lesson(meta=meta, body=body, quiz=quiz, folder=folder, body_line=body_line), lines, []


def lesson_folders(root: Path) -> list[Path]:
    return sorted(p for p in root.iterdir() if p.is_dir() and not p.name.startswith((".", "_")))


def load_course(root: Path, lang: str | None = None) -> Course:
    """Load every lesson folder under root, in `lang` (default: the language in use; see content.translation).

    Translations are read only for that language. Raises FileNotFoundError if root is not a folder.
    """
    from dltutor.i18n import language

    root = Path(root)
    if not root.is_dir():
        raise FileNotFoundError(_("lessons folder not found: {root}").format(root=root))
    course = Course(root=root, lang=lang or language())
    linemaps: dict[str, LineMap | None] = {}
    for folder in lesson_folders(root):
        lesson, lines, problems = load_lesson(folder)
        if lesson is None:
            course.broken[folder.name] = problems
            course.problems += problems
            continue
        if lesson.id in linemaps:
            first = course.get(lesson.id)
            problem = Problem(folder / LESSON_FILE, lines.line_of(("id",)),
                              _("duplicate lesson id '{id}' (also used by {file})").format(
                                  id=lesson.id, file=first.folder / LESSON_FILE))
            course.broken[folder.name] = [problem]
            course.problems.append(problem)
            continue
        linemaps[lesson.id] = lines
        if course.lang != "en":
            lesson, problems = translate_lesson(lesson, course.lang)
            course.translation_problems += problems
        course.lessons.append(lesson)
    course.lessons.sort(key=lambda lesson: (lesson.meta.order, lesson.id))
    course.problems += _prerequisite_problems(course, linemaps)
    return course


def _prerequisite_problems(course: Course, linemaps: dict[str, LineMap | None]) -> list[Problem]:
    problems = []
    known = set(course.ids)

    def where(lesson: Lesson, i: int | None = None) -> tuple[Path, int | None]:
        loc = ("requires",) if i is None else ("requires", i)
        lines = linemaps.get(lesson.id)
        return lesson.folder / LESSON_FILE, lines.line_of(loc) if lines else None

    for lesson in course.lessons:
        for i, req in enumerate(lesson.meta.requires):
            if req == lesson.id:
                problems.append(Problem(*where(lesson, i), _("requires: lesson '{id}' cannot require itself").format(
                    id=req)))
            elif req not in known:
                problems.append(Problem(*where(lesson, i), _("requires: unknown lesson '{id}' (known: {known})").format(
                    id=req, known=", ".join(sorted(known)))))

    # Cycle detection: depth-first search, reporting each cycle once at its first lesson.
    state: dict[str, int] = {}  # 1 = on the stack, 2 = done
    reported: set[frozenset[str]] = set()

    def visit(lid: str, stack: list[str]) -> None:
        state[lid] = 1
        stack.append(lid)
        for req in course.get(lid).meta.requires:
            if req not in known or req == lid:
                continue
            if state.get(req) == 1:
                cycle = stack[stack.index(req):] + [req]
                if frozenset(cycle) not in reported:
                    reported.add(frozenset(cycle))
                    lesson = course.get(req)
                    problems.append(Problem(*where(lesson), _("requires: prerequisite cycle {cycle}").format(
                        cycle=" → ".join(cycle))))
            elif req not in state:
                visit(req, stack)
        stack.pop()
        state[lid] = 2

    for lesson in course.lessons:
        if lesson.id not in state:
            visit(lesson.id, [])
    return problems
