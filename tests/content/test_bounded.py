"""Issue 11 §2: every reader is bounded before it allocates; a refused file is one line, fast."""

import json
import time
import tracemalloc

import pytest
from typer.testing import CliRunner

from dltutor.cli import app
from dltutor.content import load_course
from dltutor.content.yamlio import MAX_DEPTH, YamlError, parse_yaml
from tests.content.helpers import GOOD_QUIZ, make_lesson
from tests.quiz.helpers import make_course

runner = CliRunner()


def laughs(levels: int, width: int = 9) -> str:
    """The "billion laughs" file: each level an alias list of the one before."""
    lines = ['a0: &a0 ["lol"]']
    for i in range(1, levels + 1):
        lines.append(f"a{i}: &a{i} [" + ", ".join([f"*a{i - 1}"] * width) + "]")
    return "\n".join(lines) + "\n"


def brackets(depth: int) -> str:
    return '{"lesson": "types", "answers": {"t-text": ' + "[" * depth + "]" * depth + "}}"


HOSTILE = {
    "laughs-6": laughs(6),
    "laughs-9": laughs(9),  # 518 bytes, 10^9 values once expanded
    "deep-json-990": brackets(990),
    "deep-json-100k": brackets(100_000),
    "deep-yaml-block": "".join("  " * i + f"k{i}:\n" for i in range(200)),
    "deep-flow-mixed": "a: " + "[{b: " * 500 + "x" + "}]" * 500,
}


@pytest.mark.parametrize("name", HOSTILE)
def test_hostile_yaml_is_refused_fast_and_small(name):
    tracemalloc.start()
    started = time.perf_counter()
    with pytest.raises(YamlError) as info:
        parse_yaml(HOSTILE[name])
    elapsed = time.perf_counter() - started
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    assert elapsed < 0.5 and peak < 20_000_000, (elapsed, peak)
    assert "\n" not in info.value.message and info.value.line


def test_depth_just_inside_the_cap_still_parses():
    data, _ = parse_yaml("[" * MAX_DEPTH + "]" * MAX_DEPTH)
    assert isinstance(data, list)


def test_a_few_aliases_are_fine():
    data, _ = parse_yaml("base: &b {x: 1}\nother: *b\n")
    assert data == {"base": {"x": "1"}, "other": {"x": "1"}}


def test_batch_reports_each_refused_file_and_grades_the_rest(tmp_path):
    lessons = make_course(tmp_path / "lessons")
    klass = tmp_path / "class"
    klass.mkdir()
    for name, text in HOSTILE.items():
        (klass / f"{name}.yaml").write_text(text, encoding="utf-8")
    (klass / "z-good.yaml").write_text("learner: zoe\nlesson: other\nanswers: {other-q1: b, other-q2: 4}\n")
    started = time.perf_counter()
    result = runner.invoke(app, ["--lessons", str(lessons), "grade", "--format", "json", str(klass)])
    assert time.perf_counter() - started < 3
    assert result.exit_code == 2, result.output
    report = json.loads(result.stdout)
    assert [r["learner"] for r in report["results"]] == ["zoe"]
    assert len(report["errors"]) == len(HOSTILE)
    for error in report["errors"]:
        assert error["file"].endswith(".yaml") and "\n" not in error["error"]
    assert result.stderr.count("error:") == len(HOSTILE)


def test_quiz_answers_billion_laughs_is_one_line(tmp_path):
    lessons = make_course(tmp_path / "lessons")
    f = tmp_path / "laughs.yaml"
    f.write_text(laughs(9), encoding="utf-8")
    result = runner.invoke(app, ["--lessons", str(lessons), "quiz", "types", "--answers", str(f)])
    assert result.exit_code == 2
    assert result.stderr.strip().count("\n") == 0 and str(f) in result.stderr, result.stderr


def test_teacher_quiz_with_billion_laughs_is_a_validate_problem(tmp_path):
    make_lesson(tmp_path, "x", "x", quiz=GOOD_QUIZ.format(id="x") + laughs(9).replace("a0:", "z0:", 1)
                .replace("\na", "\nz"))
    course = load_course(tmp_path)
    assert any("counting every alias" in str(p) for p in course.problems), course.problems
    assert "x" in course.broken
