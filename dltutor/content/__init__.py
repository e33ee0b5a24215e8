"""Lessons as data: schemas and loading. Knows nothing of torch, Textual or SQLite.

Exports are imported on first use: the app's first screen needs the text reader and the cached
outline, not pydantic (see dltutor.lazy).
"""

from dltutor.lazy import lazy_exports

__getattr__, __all__ = lazy_exports(__name__, {
    "loader": ["load_course", "load_lesson"],
    "textfile": ["TextFileError", "read_text"],
    "models": ["Course", "Lesson", "LessonMeta", "MultipleQuestion", "NumericQuestion", "OrderQuestion",
               "Problem", "Question", "Quiz", "SingleQuestion", "TextQuestion", "TrueFalseQuestion"],
    "yamlio": ["LineMap", "YamlError", "parse_yaml"],
})
