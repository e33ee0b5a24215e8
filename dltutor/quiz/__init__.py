"""Grading as pure functions, answer files, and batch reports. Depends on content only (no torch, no UI)."""

from dltutor.quiz.answers import (
    AnswerFileError,
    AnswerSheet,
    answer_template,
    collect_answer_files,
    grade_sheet,
    parse_answer_sheet,
    read_answer_sheet,
)
from dltutor.quiz.grading import (
    AnswerError,
    QuestionResult,
    QuizResult,
    answer_format,
    check_answer,
    correct_answer,
    describe_answer,
    grade_question,
    grade_quiz,
    normalize_text,
    parse_number,
)

__all__ = [
    "AnswerError", "AnswerFileError", "AnswerSheet", "QuestionResult", "QuizResult", "answer_format", "answer_template",
    "check_answer", "collect_answer_files", "correct_answer", "describe_answer", "grade_question", "grade_quiz",
    "grade_sheet", "normalize_text", "parse_answer_sheet", "parse_number", "read_answer_sheet",
]
