"""Shared fixtures: a tiny fake drill bank (tests never depend on the real bank's content) and one
warm runner for the whole session (torch is imported once)."""

from __future__ import annotations

from pathlib import Path

import pytest

from dltutor.drills.catalog import load_drills

FIXTURE_BANK = Path(__file__).parent / "fixtures" / "bank"


@pytest.fixture(scope="session")
def runner():
    from dltutor.drills.runner import Runner

    with Runner() as r:
        yield r


@pytest.fixture
def bank(monkeypatch) -> Path:
    monkeypatch.setenv("DLTUTOR_DRILL_BANK", str(FIXTURE_BANK))
    return FIXTURE_BANK


@pytest.fixture
def drills(bank):
    return load_drills(bank=bank)


@pytest.fixture
def solution_of():
    def read(drill) -> str:
        return drill.solution_path.read_text(encoding="utf-8")
    return read
