"""The drill bank: every drill's starter, reference solution and typical wrong solutions.

Runs the checks in-process with judge() (fine for the bank's own files; learners'
files always run in a child process).
"""

from __future__ import annotations

import ast
import sys
from pathlib import Path

import pytest

from dltutor.content import load_course
from dltutor.drills import DrillBankError, UnknownDrill, get_drill, load_drills
from dltutor.drills.catalog import load_drill
from dltutor.drills.judge import judge
from dltutor.settings import lessons_dir

DRILLS = load_drills()
WRONG = [(d, p) for d in DRILLS for p in d.wrong_paths]

ISSUE_IDS = """
concepts-perceptron-predict concepts-perceptron-update concepts-mlp-forward
activations-sigmoid activations-leaky-relu activations-softmax
backprop-linear-backward backprop-softmax-ce-grad backprop-momentum-step
cnn-output-size cnn-conv2d cnn-maxpool
rnn-cell-step rnn-lstm-step rnn-clip-grad-norm
gan-discriminator-loss gan-generator-loss gan-train-step
framework-module framework-train-epoch framework-evaluate
workflow-stratified-split workflow-standardize workflow-early-stopping
""".split()


def _public_names(path: Path) -> set[str]:
    tree = ast.parse(path.read_text("utf-8"))
    return {node.name for node in tree.body
            if isinstance(node, (ast.FunctionDef, ast.ClassDef)) and not node.name.startswith("_")}


def _expected_message(path: Path) -> str:
    first = path.read_text("utf-8").splitlines()[0]
    assert first.startswith("# expect: "), f"{path}: the first line must be '# expect: <substring>'"
    return first.removeprefix("# expect: ").strip()


@pytest.mark.parametrize("drill", DRILLS, ids=lambda d: d.id)
def test_untouched_starter_fails_as_not_written(drill):
    result = judge(drill.checks_path, drill.starter_path)
    assert result["status"] == "error", result
    assert "not written yet" in result["message"], result["message"]
    assert result["line"] is not None


@pytest.mark.parametrize("drill", DRILLS, ids=lambda d: d.id)
def test_reference_solution_passes(drill):
    result = judge(drill.checks_path, drill.solution_path)
    assert result["status"] == "passed", result["message"]
    assert result["passed"] == result["total"] >= 3


@pytest.mark.parametrize(("drill", "wrong"), WRONG, ids=[f"{d.id}/{p.stem}" for d, p in WRONG])
def test_typical_wrong_solution_fails_with_its_message(drill, wrong):
    expected = _expected_message(wrong)
    result = judge(drill.checks_path, wrong)
    assert result["status"] == "failed", result["message"]
    assert expected in result["message"], result["message"]
    for key in ("check", "case", "expected", "actual"):
        assert result[key], (key, result)


@pytest.mark.parametrize("drill", DRILLS, ids=lambda d: d.id)
def test_drill_is_complete(drill):
    assert len(drill.wrong_paths) >= 2
    assert len(drill.hints) == 3
    assert _public_names(drill.starter_path) == _public_names(drill.solution_path)
    starter = drill.starter_path.read_text("utf-8")
    assert ast.get_docstring(ast.parse(starter)), "the starter states the task in its docstring"
    assert "NotImplementedError(\"TODO" in starter
    for path in (drill.starter_path, drill.solution_path):
        long = [i for i, line in enumerate(path.read_text("utf-8").splitlines(), 1) if len(line) > 79]
        assert not long, f"{path.name}: lines longer than 79 characters: {long}"


@pytest.mark.parametrize("drill", DRILLS, ids=lambda d: d.id)
def test_starter_docstring_examples_hold_for_the_solution(drill):
    """The example in the task statement is what the reference solution really prints."""
    import doctest
    import runpy

    docstring = ast.get_docstring(ast.parse(drill.starter_path.read_text("utf-8")), clean=False)
    test = doctest.DocTestParser().get_doctest(docstring, runpy.run_path(str(drill.solution_path)),
                                               drill.id, str(drill.starter_path), 0)
    assert test.examples, "the task statement shows a small example"
    runner = doctest.DocTestRunner(optionflags=doctest.NORMALIZE_WHITESPACE)
    runner.run(test, out=lambda text: pytest.fail(text))
    assert runner.failures == 0


def test_catalog_has_the_issue_drills_in_roadmap_order():
    course = load_course(lessons_dir())
    ids = [d.id for d in DRILLS]
    assert set(ISSUE_IDS) <= set(ids)
    lesson_rank = {lid: i for i, lid in enumerate(course.ids)}
    for drill in DRILLS:
        assert drill.lesson in lesson_rank, f"{drill.id}: lesson '{drill.lesson}' does not exist"
    keys = [(lesson_rank[d.lesson], d.order) for d in DRILLS]
    assert keys == sorted(keys)
    assert len(set(keys)) == len(keys), "two drills of one lesson share an order"
    assert [d.id for d in load_drills(["cnn"])] == ["cnn-output-size", "cnn-conv2d", "cnn-maxpool"][: len(
        [d for d in DRILLS if d.lesson == "cnn"])]


def test_get_drill_suggests_a_near_miss():
    assert get_drill(DRILLS[0].id) is DRILLS[0]
    with pytest.raises(UnknownDrill) as info:
        get_drill("concepts-perceptron-predit")
    assert "did you mean 'concepts-perceptron-predict'" in str(info.value)


def test_a_broken_drill_yaml_names_file_and_line(tmp_path):
    folder = tmp_path / "concepts" / "x-drill"
    folder.mkdir(parents=True)
    (folder / "drill.yaml").write_text("id: x-drill\nlesson: concepts\ntitle: T\norder: 1\nfile: x.py\n"
                                       "hints: [a, b]\nexplanation: E\n")
    with pytest.raises(DrillBankError, match=r"drill.yaml:6: hints"):
        load_drill(folder)


# ---- judge() on hostile learner files: never raises, always names the learner's line -------------

CHECKS = get_drill("concepts-perceptron-predict").checks_path


@pytest.mark.parametrize(("source", "line", "words"), [
    ("import torch\n\ndef predict(x, w, b)\n    return x\n", 3, "SyntaxError"),
    ("def predict(x, w, b):\n\treturn x\n        pass\n", 3, "Error"),
    ("import sys\nsys.exit(3)\n", 2, "sys.exit(3)"),
    ("import no_such_module_here\n", 1, "ModuleNotFoundError"),
    ("x = 1 / 0\n", 1, "ZeroDivisionError"),
    ("def predict(x, w, b):\n    return x @ w[:1] + b\n", 2, "RuntimeError"),
    ("import sys\ndef predict(x, w, b):\n    sys.exit(0)\n", 3, "sys.exit(0)"),
    ("def predict(x, w, b):\n    return predict(x, w, b)\n", 2, "RecursionError"),
    ("def predict(x, w, b):\n    raise NotImplementedError\n", 2, "not written yet: fill in predict()"),
])
def test_judge_reports_learner_errors_with_their_line(tmp_path, source, line, words):
    learner = tmp_path / "perceptron_predict.py"
    learner.write_text(source)
    result = judge(CHECKS, learner)
    assert result["status"] == "error"
    assert result["line"] == line, result
    assert words in result["message"], result["message"]
    assert f"line {line} of perceptron_predict.py" in result["message"]
    assert "dltutor/drills" not in result["message"]


def test_a_learner_exception_turned_into_a_failure_still_names_its_line(tmp_path):
    # The check explains the shape error; the learner also needs to see which line raised it.
    learner = tmp_path / "mlp_forward.py"
    learner.write_text("import torch\n\n\ndef forward(x, W1, b1, W2, b2):\n"
                       "    h = torch.relu(x @ W1.T + b1)\n    return h @ W2 + b2\n")
    result = judge(get_drill("concepts-mlp-forward").checks_path, learner)
    assert result["status"] == "failed" and result["line"] == 6, result
    assert "(line 6 of mlp_forward.py)\n     6 | return h @ W2 + b2" in result["message"], result["message"]


def test_a_file_that_is_not_utf8_names_its_line(tmp_path):
    learner = tmp_path / "perceptron_predict.py"
    learner.write_bytes(b"import torch\n# caf\xe9\n")
    result = judge(CHECKS, learner)
    assert result["status"] == "error" and result["line"] == 2, result
    assert result["message"].startswith("line 2 of perceptron_predict.py: the file is not UTF-8"), result["message"]


def test_judge_never_raises_on_missing_or_binary_files(tmp_path):
    assert judge(CHECKS, tmp_path / "missing.py")["status"] == "error"
    binary = tmp_path / "b.py"
    binary.write_bytes(b"\xff\xfe\x00garbage")
    result = judge(CHECKS, binary)
    assert result["status"] == "error" and "UTF-8" in result["message"]
    assert judge(tmp_path / "no_checks.py", CHECKS)["status"] == "error"


def test_judge_explains_a_wrong_return_type(tmp_path):
    learner = tmp_path / "perceptron_predict.py"
    learner.write_text("def predict(x, w, b):\n    return [0, 0, 0, 1]\n")
    result = judge(CHECKS, learner)
    assert result["status"] == "failed"
    assert "list of 4 items" in result["actual"] and "torch.Tensor" in result["advice"]


def test_bank_modules_do_not_import_torch_until_checks_run():
    import subprocess

    code = "import sys, dltutor.drills, dltutor.drills.judge; dltutor.drills.load_drills(); print('torch' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"


def test_judge_shows_the_learners_line_of_code(tmp_path):
    learner = tmp_path / "perceptron_predict.py"
    learner.write_text("import torch\n\ndef predict(x, w, b):\n    z = x @ w[:1] + b\n    return z\n")
    message = judge(CHECKS, learner)["message"]
    assert message.splitlines()[:2] == [
        message.splitlines()[0], "     4 | z = x @ w[:1] + b"], message
    assert "raised while running check 'and gate'" in message


def test_learner_file_names_are_unique_and_shadow_no_module():
    names = [d.file for d in DRILLS]
    assert len(set(names)) == len(names)
    # A learner's file must never hide a real module when its folder is on sys.path.
    taken = set(sys.stdlib_module_names) | {"torch", "numpy", "dltutor", "yaml", "typer", "rich", "textual"}
    assert not {name.removesuffix(".py") for name in names} & taken


def test_every_lesson_links_to_its_drills():
    course = load_course(lessons_dir())
    for drill in DRILLS:
        text = (course.get(drill.lesson).folder / "lesson.md").read_text("utf-8")
        assert f"dltutor drill check {drill.id}" in text, f"lesson '{drill.lesson}' does not mention {drill.id}"


def test_judge_explains_a_renamed_function_or_parameter(tmp_path):
    learner = tmp_path / "perceptron_predict.py"
    learner.write_text("def predic(x, w, b):\n    return x\n")
    result = judge(CHECKS, learner)
    assert "has no 'predict': keep the function and class names" in result["message"], result["message"]
    learner = tmp_path / "conv_output_size.py"
    learner.write_text("def conv_output_size(w, k, stride=1, pad=0, dil=1):\n    return 0\n")
    result = judge(get_drill("cnn-output-size").checks_path, learner)
    assert result["status"] == "error"
    assert "keep the parameter names" in result["message"] and "unexpected keyword" in result["message"]


def test_teaches_names_a_real_section_of_the_lesson():
    course = load_course(lessons_dir())
    for drill in DRILLS:
        text = (course.get(drill.lesson).folder / "lesson.md").read_text("utf-8")
        headings = {line.lstrip("#").strip() for line in text.splitlines() if line.startswith("#")}
        assert drill.teaches in headings, f"{drill.id}: no section '{drill.teaches}' in lesson '{drill.lesson}'"


def test_numbers_quoted_in_the_explanations():
    import math

    import torch

    f32 = torch.float32
    # activations-softmax: e⁸⁹ is beyond float32's largest number (about 3.4·10³⁸), e⁸⁸ is not.
    assert math.exp(88) < torch.finfo(f32).max < math.exp(89) and f"{torch.finfo(f32).max:.1e}" == "3.4e+38"
    # activations-sigmoid: σ(30) rounds to 1.0 in float32, while σ′(30) ≈ 9.4·10⁻¹⁴ fits.
    assert torch.sigmoid(torch.tensor(30.0)).item() == 1.0
    assert f"{math.exp(-30) / (1 + math.exp(-30)) ** 2:.1e}" == "9.4e-14" and 9.4e-14 > torch.finfo(f32).tiny
    # gan-discriminator-loss: where the two-step logs of float32 reach −inf; 2·ln 2 ≈ 1.386.
    a = torch.arange(-100.0, 30.0, 0.25)
    assert -90 < a[torch.isinf(torch.log(torch.sigmoid(a)))].max().item() < -88
    assert 16 < a[torch.isinf(torch.log(1 - torch.sigmoid(a)))].min().item() <= 17
    assert f"{2 * math.log(2):.3f}" == "1.386"
    # framework-module: 4·8 + 8 + 8·3 + 3 parameters.
    assert 4 * 8 + 8 + 8 * 3 + 3 == 67
