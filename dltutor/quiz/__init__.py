"""Grading as pure functions, answer files, and batch reports. Depends on content only (no torch, no UI).

Exports are imported on first use (see dltutor.lazy): the roadmap needs `quiz.scores`, not the graders.
"""

from dltutor.lazy import lazy_exports

__getattr__, __all__ = lazy_exports(__name__, {
    "answers": ["AnswerFileError", "AnswerSheet", "answer_template", "collect_answer_files", "grade_sheet",
                "parse_answer_sheet", "read_answer_sheet"],
    "grading": ["AnswerError", "QuestionResult", "QuizResult", "answer_format", "check_answer", "correct_answer",
                "describe_answer", "grade_question", "grade_quiz", "normalize_text", "parse_number"],
})
