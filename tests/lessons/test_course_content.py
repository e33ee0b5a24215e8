"""Keeps the shipped lessons honest: they validate, their code runs, their quizzes teach."""

import contextlib
import importlib.util
import io
import os
import re

import pytest

from dltutor.content import load_course
from dltutor.settings import packaged_lessons_dir

# Keras 3 blocks run on the PyTorch backend, so they need no TensorFlow (must be set before keras is imported).
os.environ.setdefault("KERAS_BACKEND", "torch")

COURSE = load_course(packaged_lessons_dir())
REQUIRED = ["concepts", "activations", "backprop", "cnn", "rnn", "attention", "gan", "framework", "distributed", "workflow"]
FENCE = re.compile(r"^```python[^\n]*\n(.*?)^```", re.S | re.M)
# A block marked `# dltutor: partial` is deliberately incomplete and is not run;
# `# dltutor: requires keras` runs only where that module is installed.
REQUIRES = re.compile(r"#\s*dltutor:\s*requires\s+([\w.]+)")


def test_course_is_valid():
    assert COURSE.ok, "\n".join(map(str, COURSE.problems))
    assert COURSE.ids == REQUIRED


def python_blocks():
    for lesson in COURSE.lessons:
        for i, match in enumerate(FENCE.finditer(lesson.body)):
            line = lesson.body_line + lesson.body[: match.start()].count("\n") + 1
            yield pytest.param(lesson, match.group(1), line, id=f"{lesson.id}-block{i + 1}-line{line}")


@pytest.mark.parametrize("lesson,code,line", list(python_blocks()))
def test_python_block_runs(lesson, code, line):
    if "# dltutor: partial" in code:
        pytest.skip("marked partial")
    for module in REQUIRES.findall(code):
        if importlib.util.find_spec(module) is None:
            pytest.skip(f"needs {module}")
    compiled = compile(code, f"{lesson.folder / 'lesson.md'}:{line}", "exec")
    with contextlib.redirect_stdout(io.StringIO()):
        exec(compiled, {"__name__": "__lesson__"})


def test_every_question_explains_itself():
    for lesson in COURSE.lessons:
        for q in lesson.quiz.questions:
            assert len(q.explanation.split()) >= 8, f"{lesson.id}/{q.id}: explanation too short to teach"


def test_question_ids_unique_across_course_and_prefixed():
    ids = [q.id for lesson in COURSE.lessons for q in lesson.quiz.questions]
    assert len(ids) == len(set(ids))
    for lesson in COURSE.lessons:
        for q in lesson.quiz.questions:
            assert q.id.startswith(lesson.id + "-"), f"{q.id} should start with '{lesson.id}-'"
