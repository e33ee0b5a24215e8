"""Lessons as data: schemas and loading. Knows nothing of torch, Textual or SQLite."""

from dltutor.content.loader import load_course, load_lesson, read_text
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
    "load_course", "load_lesson", "parse_yaml", "read_text",
]
