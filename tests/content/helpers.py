"""Build lesson folders in tmp_path for loader tests."""

from pathlib import Path

GOOD_MD = """---
id: {id}
title: "Lesson {id}"
order: {order}
requires: [{requires}]
minutes: 10
objectives: [Learn {id}]
exercise: {id}
---

# Lesson {id}

Some text.
"""

GOOD_QUIZ = """pass_mark: 0.7
questions:
  - id: {id}-q1
    type: single
    prompt: "Pick b"
    choices: {{a: "A", b: "B"}}
    answer: b
    explanation: "b is right because."
  - id: {id}-q2
    type: numeric
    prompt: "2 + 2?"
    answer: 4
    tolerance: 0
    explanation: "Arithmetic."
"""


def make_lesson(root: Path, folder: str, id: str, order: int = 1, requires: str = "",
                md: str | None = None, quiz: str | None = None) -> Path:
    d = root / folder
    d.mkdir(parents=True, exist_ok=True)
    (d / "lesson.md").write_text(md if md is not None else GOOD_MD.format(id=id, order=order, requires=requires), encoding="utf-8")
    (d / "quiz.yaml").write_text(quiz if quiz is not None else GOOD_QUIZ.format(id=id), encoding="utf-8")
    return d
