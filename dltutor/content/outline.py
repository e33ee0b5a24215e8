"""The roadmap's view of a course, cached, so the app's first screen needs no YAML parsing and no pydantic.

The full course (every lesson, quiz and check) takes about 100 ms to import and load; the roadmap
needs only each lesson's id, title, order, prerequisites, minutes, objectives and exercise. After a
full load the app writes that outline to `<data dir>/cache/outline-<lang>-<folder hash>.json`, stamped
with a fingerprint of the lesson files (name, size, content hash), the language and dltutor's version.
The next start shows the roadmap from the outline and loads the course after the first screen is up
(`CourseSource.load`, in a background thread). Any change to a lesson file, a missing or corrupt
cache, or a read-only data folder simply means loading the course first, as without a cache.
"""

from __future__ import annotations

import hashlib
import json
import os
import threading
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from dltutor.content.textfile import MAX_FILE_BYTES

if TYPE_CHECKING:
    from dltutor.content.models import Course

CACHE_FORMAT = 2  # 2: files stamped by content hash
MAX_CACHE_BYTES = 4_000_000  # the bundled course's outline is ≈8 kB; anything this big is not ours


@dataclass(frozen=True)
class OutlineMeta:
    """The front matter the roadmap shows (same names as `LessonMeta`)."""

    id: str
    title: str
    order: int
    requires: tuple[str, ...]
    minutes: int
    objectives: tuple[str, ...]
    exercise: str | None


class NamedByMeta:
    """`id` and `title` from `self.meta`: shared by `Lesson` and `OutlineLesson`."""

    meta: OutlineMeta

    @property
    def id(self) -> str:
        return self.meta.id

    @property
    def title(self) -> str:
        return self.meta.title


@dataclass(frozen=True)
class OutlineLesson(NamedByMeta):
    meta: OutlineMeta


class LessonLookup:
    """`ids` and `get(id)` over `self.lessons`: shared by `Course` and its `Outline`."""

    lessons: list

    @property
    def ids(self) -> list[str]:
        return [lesson.id for lesson in self.lessons]

    def get(self, lesson_id: str):
        """The lesson with this id; KeyError if there is none."""
        for lesson in self.lessons:
            if lesson.id == lesson_id:
                return lesson
        raise KeyError(lesson_id)

    def find(self, name: str):
        """The lesson `name` names, as a learner or an answer file writes it: its id in any case
        (`CNN`), full-width forms included (`ｃｎｎ`, typed with a Chinese input method), or its roadmap
        number (`4`, `４`); None if none."""
        key = unicodedata.normalize("NFKC", name).strip().casefold()
        for lesson in self.lessons:
            if lesson.id.casefold() == key or (key.isdigit() and lesson.meta.order == int(key)):
                return lesson
        return None


@dataclass
class Outline(LessonLookup):
    """A course as the roadmap sees it: `lessons`, `ids`, `get(id)` and `broken` like `Course`."""

    lessons: list[OutlineLesson] = field(default_factory=list)
    broken: dict[str, list] = field(default_factory=dict)  # folder name -> [] (the problems need the full load)

    @classmethod
    def of(cls, course: Course) -> Outline:
        return cls([OutlineLesson(OutlineMeta(m.id, m.title, m.order, tuple(m.requires), m.minutes,
                                              tuple(m.objectives), m.exercise))
                    for m in (lesson.meta for lesson in course.lessons)],
                   {name: [] for name in course.broken})

    def to_json(self) -> dict:
        return {"lessons": [vars(lesson.meta) | {"requires": list(lesson.meta.requires),
                                                 "objectives": list(lesson.meta.objectives)}
                            for lesson in self.lessons],
                "broken": sorted(self.broken)}

    @classmethod
    def from_json(cls, data: dict) -> Outline:
        """Raises KeyError, TypeError, ValueError or OverflowError for a document of another shape."""
        lessons = []
        for item in data["lessons"]:
            meta = OutlineMeta(str(item["id"]), str(item["title"]), int(item["order"]),
                               tuple(map(str, item["requires"])), int(item["minutes"]),
                               tuple(map(str, item["objectives"])),
                               None if item["exercise"] is None else str(item["exercise"]))
            lessons.append(OutlineLesson(meta))
        return cls(lessons, {str(name): [] for name in data["broken"]})


def fingerprint(root: Path, language: str) -> str:
    """What the outline depends on: every file directly inside each lesson folder, the language, the version.

    The lesson and quiz files (`lesson*.md`, `quiz*.yaml`, up to `MAX_FILE_BYTES`) count by their
    content's hash, not their modification time: an edit that keeps the size and the time (a copy with
    `cp -p`, an archive unpacked, an editor on a coarse-clock file system) still makes the outline
    stale. Hashing the bundled course (≈0.8 MB) takes about 2 ms. Other files count by size and
    modification time, so --lessons naming a big folder by mistake costs no reading.
    Raises OSError when `root`, a lesson folder or a lesson file cannot be read.
    """
    from dltutor import __version__

    # realpath, not Path.resolve: the latter raises RuntimeError for a loop of links (Python ≤ 3.12)
    parts = [f"format {CACHE_FORMAT}", __version__, language, os.path.realpath(root)]
    for folder in sorted(os.scandir(root), key=lambda e: e.name):
        if folder.name.startswith((".", "_")) or not folder.is_dir():
            continue
        parts.append(folder.name)
        for entry in sorted(os.scandir(folder.path), key=lambda e: e.name):
            if entry.is_file():  # follows links, like the loader; a FIFO or device is never opened
                parts.append(f"{entry.name} {_file_stamp(entry)}")
    return "\n".join(parts)


def _file_stamp(entry: os.DirEntry) -> str:
    stat = entry.stat()
    lesson_text = entry.name.startswith(("lesson", "quiz")) and entry.name.endswith((".md", ".yaml"))
    if not lesson_text or stat.st_size > MAX_FILE_BYTES:  # the loader never reads it, or refuses it unread
        return f"{stat.st_size} {stat.st_mtime_ns}"
    with open(entry.path, "rb") as file:
        content = file.read(MAX_FILE_BYTES + 1)
    return f"{len(content)} {hashlib.blake2b(content, digest_size=16).hexdigest()}"


class CourseSource:
    """The course for the app: its outline at once when the cache is current, the full course on `load()`.

    `load()` is safe to call from several threads: the first call loads (and refreshes the cache), the
    others wait for it. Errors are those of `load_course` (FileNotFoundError for a missing folder).
    """

    def __init__(self, root: Path, cache_dir: Path, language: str = "en") -> None:
        self.root, self.language = Path(root), language
        # One file per lessons folder, so a learner who switches between the bundled course and a
        # teacher's keeps the quick start for both.
        where = hashlib.blake2b(os.fsencode(os.path.realpath(self.root)), digest_size=6).hexdigest()
        self.cache_file = Path(cache_dir) / f"outline-{language}-{where}.json"
        self._lock = threading.Lock()
        self._course: Course | None = None
        try:
            self._stamp: str | None = fingerprint(self.root, language)
        except OSError:
            self._stamp = None
        self.outline = self._cached_outline()

    @property
    def loaded(self) -> bool:
        return self._course is not None

    def load(self) -> Course:
        with self._lock:
            if self._course is None:
                from dltutor.content.loader import load_course

                self._course = load_course(self.root, self.language)  # the cache file is per language
                self._save(Outline.of(self._course))
        return self._course

    def _cached_outline(self) -> Outline | None:
        if self._stamp is None:
            return None
        try:
            if not self.cache_file.is_file():
                return None  # missing, or a folder or FIFO (which would block the start) in its place
            with open(self.cache_file, "rb") as file:
                raw = file.read(MAX_CACHE_BYTES + 1)
            if len(raw) > MAX_CACHE_BYTES:
                return None
            data = json.loads(raw.decode("utf-8"))
            if data.get("fingerprint") != self._stamp:
                return None
            return Outline.from_json(data["outline"])
        except (OSError, ValueError, KeyError, TypeError, AttributeError, ArithmeticError, RecursionError):
            return None  # unreadable, corrupt (nested too deep for the parser) or of another shape: load the course

    def _save(self, outline: Outline) -> None:
        if self._stamp is None or self.outline is not None:
            return
        # ASCII with escapes: a lessons path that is not UTF-8 (Python keeps its bytes as surrogates)
        # cannot be encoded as UTF-8, but round-trips through a JSON escape.
        document = json.dumps({"fingerprint": self._stamp, "outline": outline.to_json()}, ensure_ascii=True)
        from dltutor.atomic_file import write_text  # after the first screen: off the start-up path

        try:
            self.cache_file.parent.mkdir(parents=True, exist_ok=True)
            write_text(self.cache_file, document, encoding="ascii")  # never half a file, even on a full disk
        except OSError:  # a read-only or full data folder only costs the next start its speed
            pass
