"""Statements in lessons 1–4 that were once wrong, each checked against the text and, where it can be, the code.

"""

import re

import pytest
import torch

from dltutor.content import load_course
from dltutor.settings import packaged_lessons_dir

COURSE = load_course(packaged_lessons_dir())


def lesson_text(lesson_id: str) -> str:
    return COURSE.get(lesson_id).body


def quiz_text(lesson_id: str) -> str:
    return " ".join(
        " ".join([q.prompt, q.explanation, *q.hints, *(getattr(q, "choices", None) or {}).values()])
        for q in COURSE.get(lesson_id).quiz.questions
    )


@pytest.mark.parametrize("lesson_id", COURSE.ids)
def test_speaks_to_the_learner(lesson_id):
    """The learner never saw our source posts or our machine."""
    for text in (lesson_text(lesson_id), quiz_text(lesson_id)):
        found = re.findall(r"seed (?:blog )?posts?|our seed|on this machine", text, re.IGNORECASE)
        assert not found, f"{lesson_id}: {found}"


def test_universal_approximation_needs_a_compact_set():
    for text in (lesson_text("concepts"), quiz_text("concepts")):
        assert "closed and bounded (compact" in text
        assert "bounded region" not in text  # an open or unbounded region breaks the theorem


def test_single_neuron_boundary_stays_straight():
    """A sigmoid neuron's 'y ≥ 0.5' region is exactly the half-plane z ≥ 0: φ does not bend it."""
    torch.manual_seed(0)
    w, b = torch.randn(2), torch.randn(())
    grid = torch.cartesian_prod(torch.linspace(-3, 3, 61), torch.linspace(-3, 3, 61))
    z = grid @ w + b
    assert torch.equal(torch.sigmoid(z) >= 0.5, z >= 0)
    assert "bends the straight line" not in lesson_text("concepts")
    assert "a single neuron, whatever its φ, still splits the plane" in lesson_text("concepts")


def test_mlp_figure_parameter_count():
    """The concepts figure's 2 → 3 → 1 MLP has 3·2 + 3 + 1·3 + 1 = 13 parameters."""
    mlp = torch.nn.Sequential(torch.nn.Linear(2, 3), torch.nn.Tanh(), torch.nn.Linear(3, 1))
    assert sum(p.numel() for p in mlp.parameters()) == 13
    assert "3·2 + 3 + 1·3 + 1 = 13 parameters" in lesson_text("concepts")
