"""The learner's record in SQLite (stdlib sqlite3): lesson marks, quiz attempts, training runs.

Knows no UI. Start with `open_store()`; see store.py for the guarantees and
summary.py for what "done" means.
"""

from dltutor.progress.schema import LESSON_MARKS, SCHEMA_VERSION
from dltutor.progress.store import ProgressError, ProgressStore, open_store
from dltutor.progress.summary import STATUSES, LessonProgress
from dltutor.progress.transfer import TransferError

__all__ = [
    "LESSON_MARKS", "SCHEMA_VERSION", "STATUSES", "LessonProgress", "ProgressError", "ProgressStore",
    "TransferError", "open_store",
]
