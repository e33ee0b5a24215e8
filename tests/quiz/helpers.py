"""A lesson with one question of every type, for grading and CLI tests."""

from pathlib import Path

from tests.content.helpers import make_lesson

ALL_TYPES_QUIZ = """pass_mark: 0.6
questions:
  - id: t-single
    type: single
    prompt: "Which gate count does a GRU have?"
    choices: {a: "One", b: "Two", c: "Three"}
    answer: b
    explanation: "Update and reset. Three is the LSTM."
    hints: ["Think: update and ...", "Not the LSTM."]
  - id: t-multiple
    type: multiple
    prompt: "Which are activation functions?"
    choices: {a: "ReLU", b: "Adam", c: "tanh", d: "SGD"}
    answer: [a, c]
    points: 2
    explanation: "ReLU and tanh are activations. Adam and SGD are optimizers."
  - id: t-truefalse
    type: truefalse
    prompt: "Backprop updates the weights."
    answer: false
    explanation: "It only computes gradients."
  - id: t-numeric
    type: numeric
    prompt: "Max of the sigmoid's derivative?"
    answer: 0.25
    tolerance: 0.01
    explanation: "σ(0)(1 − σ(0)) = 0.25."
  - id: t-text
    type: text
    prompt: "The failure where a GAN makes one kind of sample?"
    answer: ["mode collapse", "模式崩溃"]
    explanation: "Mode collapse: the generator covers one mode."
  - id: t-order
    type: order
    prompt: "Order a training step."
    choices: {a: "forward", b: "loss", c: "backward", d: "step"}
    answer: [a, b, c, d]
    explanation: "Forward, loss, backward, then the optimizer step."
"""

KEY = {
    "t-single": "b", "t-multiple": ["a", "c"], "t-truefalse": False,
    "t-numeric": 0.25, "t-text": "Mode Collapse", "t-order": ["a", "b", "c", "d"],
}


def make_course(root: Path) -> Path:
    """Lessons folder with 'types' (all question types) and 'other' (the standard two-question quiz)."""
    make_lesson(root, "01-types", "types", order=1, quiz=ALL_TYPES_QUIZ)
    make_lesson(root, "02-other", "other", order=2)
    return root


def load_types_lesson(tmp_path: Path):
    from dltutor.content import load_course

    course = load_course(make_course(tmp_path / "lessons"))
    assert course.ok, course.problems
    return course, course.get("types")
