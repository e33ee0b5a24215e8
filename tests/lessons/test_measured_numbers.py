"""Every lab number a lesson quotes is re-measured: text and exercise cannot drift apart.

A lesson marks each number it quotes from a lab run with an HTML comment right after
the sentence (the app's Markdown widget and `dltutor lesson --print` both hide it):

    <!-- measured: EXERCISE [key=value ...] [seed=N] :: METRIC≈VALUE±TOL [METRIC≈VALUE±TOL ...] -->

e.g. `<!-- measured: gan lr=0.02 :: modes_covered≈4±1 near_fraction≈0.79±0.05 -->`.

- EXERCISE is an exercise id; `key=value` are its hyperparameters exactly as the learner
  sets them (`--set key=value`, or the form field of the same name in the app); `seed=N`
  is the run's seed (default 0, as in the app and `dltutor train`). The run is on CPU.
- METRIC is a key of the exercise's final summary (what `dltutor train X --json` prints
  in the `finished` event's `metrics`), or one of the derived values below.
- VALUE±TOL: the check is |measured − VALUE| ≤ TOL. Choose TOL from how much the number
  may move between machines (float rounding differs between CPUs), not from how far it
  has drifted: a text that needs a wide tolerance should quote a rounder number.

Derived values (from the run's events, for numbers the summary does not hold):
    steps           the steps the run took (the `finished` event's `steps`)
    epochs          how many Epoch events the run yielded
    samples/KIND    how many Sample events of that kind (e.g. samples/points: GAN snapshots)
    target_met      1 if the run met its target, else 0
    METRIC@N        METRIC in the run's Epoch event number N (its `epoch` field: an epoch, or the
                    step of an evaluation, e.g. modes_covered@600 for the GAN's snapshot at step 600)

Each distinct (exercise, settings, seed) runs once, however many markers quote it, so
quote short runs where you can: the whole file should stay within seconds per run.
A paragraph or list item that says "in our run(s)", "our run(s)" or "we measured" must
carry a marker, so a new number cannot slip in unmeasured.
"""

from __future__ import annotations

import functools
import re
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

import pytest

from dltutor.settings import packaged_lessons_dir

LESSONS = packaged_lessons_dir()
LESSON_FILES = sorted(LESSONS.glob("*/lesson*.md"))

MARKER = re.compile(r"<!--\s*measured:(?P<body>.*?)-->", re.DOTALL)
CLAIM = re.compile(r"\b(?:in our runs?|our runs?|we measured)\b", re.IGNORECASE)
QUOTE = re.compile(r"^(?P<metric>[\w/.\-@]+)≈(?P<value>[-+]?[\d.]+(?:e[-+]?\d+)?)±(?P<tol>[\d.]+(?:e[-+]?\d+)?)$")
SETTING = re.compile(r"^(?P<key>\w+)=(?P<value>\S+)$")
DERIVED = ("steps", "epochs", "target_met")  # and samples/KIND


class MarkerError(ValueError):
    """A marker that cannot be read; the message names file and line."""


@dataclass(frozen=True)
class Config:
    """One lab run: what the marker's left side says."""

    exercise: str
    settings: tuple[tuple[str, str], ...]
    seed: int

    def __str__(self) -> str:
        parts = [self.exercise, *(f"{k}={v}" for k, v in self.settings)]
        return " ".join(parts + ([f"seed={self.seed}"] if self.seed else []))


@dataclass(frozen=True)
class Quote:
    config: Config
    metric: str
    value: float
    tolerance: float
    where: str  # "lessons/07-gan/lesson.md:212"


def _where(path: Path, text: str, offset: int) -> str:
    return f"{path.relative_to(LESSONS.parent)}:{text.count(chr(10), 0, offset) + 1}"


def parse_marker(body: str, where: str) -> list[Quote]:
    """The quotes of one marker's body (the text between 'measured:' and '-->'); MarkerError if malformed."""
    run, sep, quotes = body.partition("::")
    words, quoted = run.split(), quotes.split()
    if not sep or not words or not quoted:
        raise MarkerError(f"{where}: a marker reads 'measured: EXERCISE [key=value ...] :: METRIC≈VALUE±TOL ...', "
                          f"got {body.strip()!r}")
    settings, seed = {}, 0
    for word in words[1:]:
        m = SETTING.match(word)
        if not m:
            raise MarkerError(f"{where}: setting {word!r} is not key=value")
        if m["key"] == "seed":
            seed = int(m["value"])
        else:
            settings[m["key"]] = m["value"]
    config = Config(words[0], tuple(sorted(settings.items())), seed)
    out = []
    for word in quoted:
        m = QUOTE.match(word)
        if not m:
            raise MarkerError(f"{where}: quote {word!r} is not METRIC≈VALUE±TOL")
        out.append(Quote(config, m["metric"], float(m["value"]), float(m["tol"]), where))
    return out


def markers(path: Path) -> list[Quote]:
    text = path.read_text(encoding="utf-8")
    quotes = []
    for m in MARKER.finditer(text):
        quotes += parse_marker(m["body"], _where(path, text, m.start()))
    return quotes


def blocks(text: str):
    """(offset, text) of each paragraph or list item: where a claim and its marker must meet."""
    start = 0
    for m in re.finditer(r"\n\s*\n|\n(?=\s*(?:[-*+]|\d+\.)\s)", text + "\n\n"):
        yield start, text[start:m.start()]
        start = m.end()


def all_quotes() -> list[Quote]:
    return [q for path in LESSON_FILES for q in markers(path)]


@functools.cache
def measure(config: Config) -> dict[str, float]:
    """Run the exercise on CPU with the marker's settings: its final metrics plus the derived values."""
    from dltutor.lab.exercise import run
    from dltutor.lab.registry import get_exercise

    events = list(run(get_exercise(config.exercise), dict(config.settings), device="cpu", seed=config.seed))
    last = events[-1]
    assert last.event == "finished", f"{config}: the run failed: {getattr(last, 'reason', last)}"
    values = {**last.metrics, "steps": float(last.steps), "target_met": float(last.target_met),
              "epochs": float(sum(e.event == "epoch" for e in events))}
    values.update({f"{name}@{e.epoch}": v for e in events if e.event == "epoch" for name, v in e.metrics.items()})
    kinds = Counter(e.kind for e in events if e.event == "sample")
    values.update({f"samples/{kind}": float(n) for kind, n in kinds.items()})
    return values


def test_lessons_quote_measured_numbers():
    """At least one lesson uses the mechanism, so a broken glob or regex cannot pass silently."""
    assert LESSON_FILES and all_quotes()


@pytest.mark.parametrize("path", LESSON_FILES, ids=lambda p: str(p.relative_to(LESSONS)))
def test_markers_are_well_formed(path):
    """Fast checks before anything runs: known exercise, valid settings, readable quotes."""
    from dltutor.lab.exercise import BadParams, parse_params
    from dltutor.lab.registry import EXERCISES, get_exercise

    text = path.read_text(encoding="utf-8")
    assert text.count("<!--") == len(MARKER.findall(text)) + len(re.findall(r"<!--(?!\s*measured:)", text)), (
        f"{path}: an unclosed comment")
    for quote in markers(path):
        assert quote.config.exercise in EXERCISES, f"{quote.where}: unknown exercise {quote.config.exercise!r}"
        try:
            parse_params(get_exercise(quote.config.exercise), dict(quote.config.settings))
        except BadParams as exc:
            pytest.fail(f"{quote.where}: {exc}")
        assert quote.tolerance > 0 or quote.metric in DERIVED or quote.metric.startswith("samples/"), (  # counts
            f"{quote.where}: {quote.metric} measured with tolerance 0; float metrics need a tolerance")


@pytest.mark.parametrize("path", LESSON_FILES, ids=lambda p: str(p.relative_to(LESSONS)))
def test_every_claimed_run_is_marked(path):
    text = path.read_text(encoding="utf-8")
    unmarked = [_where(path, text, start + m.start()) + f": {block.strip()[:70]!r}…"
                for start, block in blocks(text) for m in [CLAIM.search(block)] if m and not MARKER.search(block)]
    assert not unmarked, "a lab number without a <!-- measured: … --> marker:\n" + "\n".join(unmarked)


def _configs() -> dict[Config, list[Quote]]:
    by_config: dict[Config, list[Quote]] = {}
    for quote in all_quotes():
        by_config.setdefault(quote.config, []).append(quote)
    return by_config


CONFIGS = _configs()


@pytest.mark.parametrize("config", list(CONFIGS), ids=str)
def test_quoted_numbers_match_a_fresh_run(config):
    measured = measure(config)
    wrong = []
    for quote in CONFIGS[config]:
        if quote.metric not in measured:
            wrong.append(f"{quote.where}: {quote.metric} is not a metric of {config}; it has {sorted(measured)}")
        elif abs(measured[quote.metric] - quote.value) > quote.tolerance:
            wrong.append(f"{quote.where}: {quote.metric} measured {measured[quote.metric]:.4g}, "
                         f"the lesson says {quote.value:g} ± {quote.tolerance:g}")
    assert not wrong, f"`{config}` no longer gives what the lesson quotes:\n" + "\n".join(wrong)


# ---- the mechanism itself (no lab runs) ----

def test_parse_marker_reads_settings_seed_and_quotes():
    (a, b) = parse_marker(" gan lr=0.02 seed=3 :: modes_covered≈4±1 near_fraction≈0.79±0.05 ", "x.md:1")
    assert a.config == b.config == Config("gan", (("lr", "0.02"),), 3)
    assert (a.metric, a.value, a.tolerance) == ("modes_covered", 4.0, 1.0)
    assert (b.metric, b.value, b.tolerance) == ("near_fraction", 0.79, 0.05)
    assert parse_marker("framework :: max_weight_diff/float32≈7e-7±5e-7", "x")[0].value == 7e-7


@pytest.mark.parametrize("body", ["gan", "gan ::", ":: a≈1±1", "gan lr :: a≈1±1", "gan :: a=1", "gan :: a≈1"])
def test_malformed_marker_names_file_and_line(body):
    with pytest.raises(MarkerError, match=r"^x\.md:7: "):
        parse_marker(body, "x.md:7")


def test_claim_without_marker_is_found_per_paragraph_and_item():
    text = ("In our run it was 5 %. <!-- measured: gan :: a≈1±1 -->\n\n"
            "- first item, in our run 3 %\n- second item <!-- measured: gan :: a≈1±1 -->\n")
    claims = [block for _, block in blocks(text) if CLAIM.search(block) and not MARKER.search(block)]
    assert claims == ["- first item, in our run 3 %"]


def test_markers_are_hidden_from_the_learner():
    """`dltutor lesson --print` renders with Rich Markdown; the marker must not show."""
    from rich.console import Console
    from rich.markdown import Markdown

    console = Console(record=True, width=100)
    console.print(Markdown("It covered 4 modes in our run. <!-- measured: gan :: modes_covered≈4±1 -->\n\n"
                           "- an item <!-- measured: gan :: a≈1±1 -->\n"))
    shown = console.export_text()
    assert "4 modes in our run" in shown and "measured" not in shown and "≈" not in shown


def test_markers_are_hidden_in_the_app():
    """The lesson screen shows the body in Textual's Markdown widget; the marker must not show."""
    import asyncio

    from textual.app import App
    from textual.widgets import Markdown

    class Reader(App):
        def compose(self):
            yield Markdown("Four modes in our run. <!-- measured: gan :: modes_covered≈4±1 -->\n\n"
                           "- an item <!-- measured: gan :: a≈1±1 -->\n")

    async def screenshot() -> str:
        app = Reader()
        async with app.run_test(size=(80, 10)) as pilot:
            await pilot.pause()
            return app.export_screenshot()

    screen = asyncio.run(screenshot())
    assert "Four modes in our run" in screen.replace("&#160;", " ") and "measured" not in screen
