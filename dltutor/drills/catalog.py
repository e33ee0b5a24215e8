"""The drill bank as data: one folder per drill under `dltutor/drills/bank/<lesson>/<drill>/`.

Each folder holds `drill.yaml` (id, lesson, title, order, file, 3 hints, explanation,
teaches), `starter.py` (what the learner gets), `solution.py`, `checks.py` (hidden
`check_*` functions) and `wrong/*.py` (typical mistakes, used by the bank's tests).
The bank ships inside the package, so a wheel carries it. Knows nothing of torch or
any UI.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass
from pathlib import Path
from typing import Annotated

from pydantic import BaseModel, ConfigDict, Field, StringConstraints, ValidationError

from dltutor.content.models import Slug, Text, did_you_mean
from dltutor.content.yamlio import YamlError, parse_yaml

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

    @property
    def starter_path(self) -> Path:
        return self.folder / "starter.py"

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


def load_drill(folder: Path) -> Drill:
    """Read and validate one drill folder. Raises DrillBankError naming file and line."""
    path = folder / DRILL_FILE
    try:
        data, lines = parse_yaml(path.read_text("utf-8"))
    except OSError as exc:
        raise DrillBankError(f"{path}: cannot read: {exc.strerror or exc}") from None
    except YamlError as exc:
        raise DrillBankError(f"{path}:{exc.line or 1}: {exc.message}") from None
    try:
        meta = DrillMeta.model_validate(data)
    except ValidationError as exc:
        err = exc.errors(include_url=False)[0]
        loc = tuple(err["loc"])
        where = ".".join(str(p) for p in loc) or "(top level)"
        raise DrillBankError(f"{path}:{lines.line_of(loc) or 1}: {where}: {err['msg']}") from None
    if meta.id != folder.name:
        raise DrillBankError(f"{path}:{lines.line_of(('id',))}: id '{meta.id}' differs from the folder name '{folder.name}'")
    if meta.lesson != folder.parent.name:
        raise DrillBankError(f"{path}:{lines.line_of(('lesson',))}: lesson '{meta.lesson}' differs from the "
                             f"folder name '{folder.parent.name}'")
    for name in ("starter.py", "solution.py", "checks.py"):
        if not (folder / name).is_file():
            raise DrillBankError(f"{folder / name}: missing")
    return Drill(id=meta.id, lesson=meta.lesson, title=meta.title, order=meta.order, file=meta.file,
                 hints=tuple(meta.hints), explanation=meta.explanation, teaches=meta.teaches, folder=folder)


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


@functools.lru_cache(maxsize=4)
def _all_drills(bank: Path) -> tuple[Drill, ...]:
    drills = []
    for lesson_dir in sorted(p for p in bank.iterdir() if p.is_dir() and not p.name.startswith((".", "_"))):
        for folder in sorted(p for p in lesson_dir.iterdir() if (p / DRILL_FILE).is_file()):
            drills.append(load_drill(folder))
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
    drills = [d for d in _all_drills(Path(bank).resolve()) if lessons is None or d.lesson in lessons]
    return sorted(drills, key=lambda d: (order.get(d.lesson, 10**6), d.lesson, d.order, d.id))


def get_drill(drill_id: str, *, bank: Path = BANK_DIR) -> Drill:
    """The drill with this id; raises UnknownDrill with a did-you-mean and how to list them."""
    drills = _all_drills(Path(bank).resolve())
    for drill in drills:
        if drill.id == drill_id:
            return drill
    ids = [d.id for d in drills]
    raise UnknownDrill(f"unknown drill '{drill_id}'{did_you_mean(drill_id, ids)}; "
                       "`dltutor drill list` shows them all")
