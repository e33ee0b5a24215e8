"""Where things live: the lessons folder and the learner's data folder.

Resolution order for lessons: explicit argument, then $DLTUTOR_LESSONS, then the
lessons shipped with the package. Data: $DLTUTOR_HOME, else the platform's user
data dir. Drill bank: $DLTUTOR_DRILL_BANK, else the packaged one. Nothing here creates folders; callers that write do that.
"""

from __future__ import annotations

import os
from pathlib import Path

PACKAGE_DIR = Path(__file__).resolve().parent


def packaged_lessons_dir() -> Path:
    # A wheel carries them as dltutor/lessons; a source checkout keeps them at the repo top.
    inside = PACKAGE_DIR / "lessons"
    return inside if inside.is_dir() else PACKAGE_DIR.parent / "lessons"


def lessons_dir(override: str | os.PathLike[str] | None = None) -> Path:
    if override:
        return Path(override).expanduser()
    env = os.environ.get("DLTUTOR_LESSONS")
    if env:
        return Path(env).expanduser()
    return packaged_lessons_dir()


def drill_bank_dir() -> Path:
    """The drill bank: $DLTUTOR_DRILL_BANK (a teacher's own drills, or a test's), else the packaged one."""
    env = os.environ.get("DLTUTOR_DRILL_BANK")
    return Path(env).expanduser() if env else PACKAGE_DIR / "drills" / "bank"


def data_dir() -> Path:
    env = os.environ.get("DLTUTOR_HOME")
    if env:
        return Path(env).expanduser()
    from platformdirs import user_data_dir

    return Path(user_data_dir("dltutor", appauthor=False))
