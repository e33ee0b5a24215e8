"""The drill bank as data: one folder per drill under `dltutor/drills/bank/<lesson>/<drill>/`.

Each folder holds `drill.yaml` (id, lesson, title, order, file, 3 hints, explanation,
teaches), `starter.py` (what the learner gets), `solution.py`, `checks.py` (hidden
`check_*` functions) and `wrong/*.py` (typical mistakes, used by the bank's tests).
The bank ships inside the package, so a wheel carries it. Knows nothing of torch or
any UI.

Translations sit beside the English files: `drill.<lang>.yaml` holds only the text
(title, hints, explanation; nothing that affects checking) and
`starter.<lang>.py` the starter with its docstring and comments translated and its
code identical. Drills are loaded in the language in use (`dltutor.i18n.language()`);
a drill without a translation stays English and says so in `Drill.untranslated`.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass
from pathlib import Path
from typing import Annotated

from pydantic import BaseModel, ConfigDict, Field, StringConstraints, ValidationError

from dltutor.content.models import Slug, Text, did_you_mean
from dltutor.content.yamlio import YamlError, parse_yaml
from dltutor.i18n import N_, _, language
from dltutor.i18n.oserror import os_reason

BANK_DIR = Path(__file__).resolve().parent / "bank"
DRILL_FILE = "drill.yaml"

PyFile = Annotated[str, StringConstraints(pattern=r"^[a-z_][a-z0-9_]*\.py$", max_length=64)]


class DrillMeta(BaseModel):
    """The schema of drill.yaml."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    id: Slug
    lesson: Slug
    title: Text
    order: int = Field(ge=1)
    file: PyFile
    hints: list[Text] = Field(min_length=3, max_length=3)
    explanation: Text
    teaches: Text | None = None


class DrillText(BaseModel):
    """The schema of drill.<lang>.yaml: only translatable text; the hints keep their number.

    `teaches` is not here: it names a section of the English lesson.md (a key, like an id).
    """

    model_config = ConfigDict(extra="forbid", frozen=True)

    title: Text
    hints: list[Text] = Field(min_length=3, max_length=3)
    explanation: Text


UNTRANSLATED = N_("This drill has no Chinese translation yet; it is shown in English.")


class DrillBankError(ValueError):
    """A drill folder is broken; the message starts with 'file:line:'."""


class UnknownDrill(KeyError):
    """No drill has this id; str() is the full message with a did-you-mean."""

    def __init__(self, message: str):
        super().__init__(message)
        self.message = message

    def __str__(self) -> str:
        return self.message


@dataclass(frozen=True)
class Drill:
    """One drill. `folder` is the drill's folder in the bank; paths below are inside it."""

    id: str
    lesson: str
    title: str
    order: int
    file: str
    hints: tuple[str, ...]
    explanation: str
    teaches: str | None
    folder: Path
    lang: str = "en"  # the language the text above (and the starter) is in
    fallback: bool = False  # a translation was asked for but is missing: the text is English

    @property
    def untranslated(self) -> str | None:
        """A note for the learner when the drill is shown in English instead of their language."""
        return _(UNTRANSLATED) if self.fallback else None

    @property
    def starter_path(self) -> Path:
        """The starter in the drill's language (the task in its docstring); code identical in all."""
        return starter_of(self.folder, self.lang)

    @property
    def starter_paths(self) -> list[Path]:
        """The starter in every language the bank has (any of them counts as 'not started')."""
        return sorted(self.folder.glob("starter*.py"))

    @property
    def solution_path(self) -> Path:
        return self.folder / "solution.py"

    @property
    def checks_path(self) -> Path:
        return self.folder / "checks.py"

    @property
    def wrong_paths(self) -> list[Path]:
        wrong = self.folder / "wrong"
        return sorted(wrong.glob("*.py")) if wrong.is_dir() else []


def starter_of(folder: Path, lang: str) -> Path:
    """`starter.<lang>.py` when it exists, else the English `starter.py`."""
    translated = folder / f"starter.{lang}.py"
    return translated if lang != "en" and translated.is_file() else folder / "starter.py"


def text_file(folder: Path, lang: str) -> Path:
    """Where the drill's text in `lang` lives: drill.yaml for English, drill.<lang>.yaml otherwise."""
    return folder / (DRILL_FILE if lang == "en" else f"drill.{lang}.yaml")


def _read(path: Path, schema: type[BaseModel]):
    """(validated model, line map) of one YAML file of the drill; DrillBankError naming file and line."""
    try:
        data, lines = parse_yaml(path.read_text("utf-8"))
    except OSError as exc:
        raise DrillBankError(f"{path}: cannot read: {os_reason(exc)}") from None
    except UnicodeDecodeError as exc:
        raise DrillBankError(f"{path}: not UTF-8 text ({exc.reason})") from None
    except YamlError as exc:
        raise DrillBankError(f"{path}:{exc.line or 1}: {exc.message}") from None
    try:
        return schema.model_validate(data), lines
    except ValidationError as exc:
        err = exc.errors(include_url=False)[0]
        loc = tuple(err["loc"])
        where = ".".join(str(p) for p in loc) or "(top level)"
        raise DrillBankError(f"{path}:{lines.line_of(loc) or 1}: {where}: {err['msg']}") from None


def load_drill(folder: Path, lang: str = "en") -> Drill:
    """Read and validate one drill folder, its text in `lang` (English where no translation exists).

    Raises DrillBankError naming file and line (a broken translation included).
    """
    path = folder / DRILL_FILE
    meta, lines = _read(path, DrillMeta)
    if meta.id != folder.name:
        raise DrillBankError(f"{path}:{lines.line_of(('id',))}: id '{meta.id}' differs from the folder name '{folder.name}'")
    if meta.lesson != folder.parent.name:
        raise DrillBankError(f"{path}:{lines.line_of(('lesson',))}: lesson '{meta.lesson}' differs from the "
                             f"folder name '{folder.parent.name}'")
    for name in ("starter.py", "solution.py", "checks.py"):
        if not (folder / name).is_file():
            raise DrillBankError(f"{folder / name}: missing")
    text, fallback = meta, False
    if lang != "en":
        translated = text_file(folder, lang)
        if translated.is_file():
            text = _read(translated, DrillText)[0]
        else:
            lang, fallback = "en", True
    return Drill(id=meta.id, lesson=meta.lesson, title=text.title, order=meta.order, file=meta.file,
                 hints=tuple(text.hints), explanation=text.explanation, teaches=meta.teaches, folder=folder,
                 lang=lang, fallback=fallback)


def translation_problems(folder: Path, lang: str) -> list[str]:
    """What is wrong with a drill's translation into `lang`, each as 'file:line: message' ([] when fine).

    drill.<lang>.yaml must follow its schema (text only, 3 hints); starter.<lang>.py must
    hold the same code as starter.py (only its docstring, comments and the note in each
    `raise NotImplementedError("…")` may differ) and the same examples in its task
    (comments aside). A drill without any translation has no problem: it is shown in English.
    """
    folder = Path(folder)
    text, starter = text_file(folder, lang), folder / f"starter.{lang}.py"
    problems = []
    if text.is_file():
        try:
            _read(text, DrillText)
        except DrillBankError as exc:
            problems.append(str(exc))
        if not starter.is_file():
            problems.append(f"{starter}: missing (the task would stay in English)")
    elif starter.is_file():
        problems.append(f"{text}: missing (the title and hints would stay in English)")
    if starter.is_file():
        problems += _starter_problems(folder / "starter.py", starter)
    return problems


def _starter_problems(original: Path, translated: Path) -> list[str]:
    import ast

    def parts(path: Path):
        tree = ast.parse(path.read_text("utf-8"), str(path))
        for node in ast.walk(tree):  # the note in `raise NotImplementedError("TODO: …")` is prose: translated
            if (isinstance(node, ast.Raise) and isinstance(node.exc, ast.Call)
                    and isinstance(node.exc.func, ast.Name) and node.exc.func.id == "NotImplementedError"):
                node.exc.args = [ast.Constant("") if isinstance(arg, ast.Constant) and isinstance(arg.value, str)
                                 else arg for arg in node.exc.args]
        doc = ast.get_docstring(tree, clean=False) or ""
        body = tree.body[1:] if doc else tree.body
        return body, doc

    try:
        body, doc = parts(translated)
    except (SyntaxError, ValueError, UnicodeDecodeError) as exc:
        return [f"{translated}:{getattr(exc, 'lineno', None) or 1}: not valid Python: {exc}"]
    en_body, en_doc = parts(original)
    for i, node in enumerate(body):
        if i >= len(en_body) or ast.dump(node) != ast.dump(en_body[i]):
            return [f"{translated}:{node.lineno}: the code differs from starter.py (translate only the docstring "
                    "and comments)"]
    if len(body) != len(en_body):
        return [f"{translated}:{body[-1].end_lineno if body else 1}: code of starter.py is missing here"]
    if _examples(doc) != _examples(en_doc):
        return [f"{translated}:1: the examples in the task differ from those of starter.py"]
    return []


def _examples(docstring: str) -> list[tuple[str, str]]:
    """(source without comments, expected output) of each >>> example."""
    import doctest
    import re

    return [(re.sub(r"\s+#.*$", "", e.source.rstrip(), flags=re.M), e.want)
            for e in doctest.DocTestParser().get_examples(docstring)]


@functools.lru_cache(maxsize=4)
def _lesson_order(lessons_root: Path) -> dict[str, int]:
    """Lesson id -> roadmap order, read from each lesson's front matter only (cheap)."""
    from dltutor.content.loader import LESSON_FILE, lesson_folders, load_meta

    order: dict[str, int] = {}
    if not lessons_root.is_dir():
        return order
    for folder in lesson_folders(lessons_root):
        meta = load_meta(folder / LESSON_FILE)[0] if (folder / LESSON_FILE).is_file() else None
        if meta is not None:
            order[meta.id] = meta.order
    return order


@functools.lru_cache(maxsize=8)
def _all_drills(bank: Path, lang: str = "en") -> tuple[Drill, ...]:
    drills = []
    for lesson_dir in sorted(p for p in bank.iterdir() if p.is_dir() and not p.name.startswith((".", "_"))):
        for folder in sorted(p for p in lesson_dir.iterdir() if (p / DRILL_FILE).is_file()):
            drills.append(load_drill(folder, lang))
    seen: dict[str, Drill] = {}
    for drill in drills:
        if drill.id in seen:
            raise DrillBankError(f"{drill.folder / DRILL_FILE}: duplicate drill id '{drill.id}'")
        seen[drill.id] = drill
    return tuple(drills)


def load_drills(lessons: list[str] | None = None, *, bank: Path = BANK_DIR,
                lessons_root: Path | None = None) -> list[Drill]:
    """Every drill in roadmap order: lesson order from the course, then `order` within the lesson.

    `lessons` keeps only drills of these lesson ids. Drills of lessons missing from the
    course (a teacher's own lessons folder) come last. Raises DrillBankError if the
    bank is broken.
    """
    if lessons_root is None:
        from dltutor.settings import lessons_dir

        lessons_root = lessons_dir()
    order = _lesson_order(Path(lessons_root).resolve())
    drills = [d for d in _all_drills(Path(bank).resolve(), language()) if lessons is None or d.lesson in lessons]
    return sorted(drills, key=lambda d: (order.get(d.lesson, 10**6), d.lesson, d.order, d.id))


def get_drill(drill_id: str, *, bank: Path = BANK_DIR) -> Drill:
    """The drill with this id (text in the language in use); raises UnknownDrill with a did-you-mean."""
    drills = _all_drills(Path(bank).resolve(), language())
    for drill in drills:
        if drill.id == drill_id:
            return drill
    ids = [d.id for d in drills]
    raise UnknownDrill(f"unknown drill '{drill_id}'{did_you_mean(drill_id, ids)}; "
                       "`dltutor drill list` shows them all")
