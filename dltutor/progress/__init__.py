"""The learner's record in SQLite (stdlib sqlite3): lesson marks, quiz attempts, training runs.

Knows no UI. Start with `open_store()`; see store.py for the guarantees and
summary.py for what "done" means. Exports are imported on first use (see dltutor.lazy):
the roadmap needs the store and the summary, not export and import.
"""

from dltutor.lazy import lazy_exports

__getattr__, __all__ = lazy_exports(__name__, {
    "schema": ["LESSON_MARKS", "SCHEMA_VERSION"],
    "store": ["ProgressError", "ProgressStore", "open_store"],
    "summary": ["STATUSES", "LessonProgress"],
    "transfer": ["TransferError"],
})
