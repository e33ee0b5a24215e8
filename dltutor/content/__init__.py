"""Lessons as data: schemas and loading. Knows nothing of torch, Textual or SQLite."""

from dltutor.content.loader import load_course, load_lesson
from dltutor.content.textfile import TextFileError, read_text
from dltutor.content.models import (
    Course,
    Lesson,
    LessonMeta,
    MultipleQuestion,
    NumericQuestion,
    OrderQuestion,
    Problem,
    Question,
    Quiz,
    SingleQuestion,
    TextQuestion,
    TrueFalseQuestion,
)
from dltutor.content.yamlio import LineMap, YamlError, parse_yaml

__all__ = [
    "Course", "Lesson", "LessonMeta", "LineMap", "MultipleQuestion", "NumericQuestion", "OrderQuestion",
    "Problem", "Question", "Quiz", "SingleQuestion", "TextQuestion", "TrueFalseQuestion", "YamlError",
    "TextFileError", "load_course", "load_lesson", "parse_yaml", "read_text",
]
