"""The checks' vocabulary: what a failure says about a wrong tensor."""

import pytest
import torch

from dltutor.drills.expect import (DrillFailure, diagnose, expect_close, expect_equal, expect_not_used,
                                   forbidden, matches)


def _failure(fn, *args, **kwargs) -> DrillFailure:
    with pytest.raises(DrillFailure) as info:
        fn(*args, **kwargs)
    return info.value


def test_a_failure_names_case_expected_actual_and_advice():
    f = _failure(expect_close, torch.tensor([1.0, 2.5]), torch.tensor([1.0, 2.0]), case="x = (1, 2)",
                 advice="add one")
    assert (f.case, f.expected, f.actual, f.advice) == ("x = (1, 2)", "result[1] = 2", "2.5 (1 of 2 values differ)",
                                                         "add one")
    assert f.message().splitlines()[-1] == "hint:     add one"


@pytest.mark.parametrize(("actual", "words"), [
    ([1.0, 2.0], "list of 2 items"),
    (torch.ones(3), "of shape [3]"),
    (torch.ones(2, dtype=torch.float64), "dtype float64"),
    (torch.tensor([float("nan"), 2.0]), "1 NaN or inf value"),
])
def test_expect_close_checks_type_shape_dtype_and_finiteness_first(actual, words):
    assert words in _failure(expect_close, actual, torch.tensor([1.0, 2.0]), case="c").actual


def test_advice_can_diagnose_the_actual_result():
    expected = torch.tensor([1.0, 2.0])
    f = _failure(expect_close, expected * 4, expected, case="c",
                 advice=lambda a: diagnose(a, [(expected * 4, "divide by the batch size")]))
    assert f.advice == "divide by the batch size"
    assert matches(3.0, 3.0) and not matches(torch.ones(2), torch.ones(3))


def test_expect_equal_for_ints_and_tensors():
    expect_equal(3, 3, case="c")
    assert _failure(expect_equal, 2.0, 3, case="c").expected == "result = 3"
    assert _failure(expect_equal, torch.tensor([1, 5]), torch.tensor([1, 2]), case="c").expected == "result[1] = 2"


def test_forbidden_refuses_inside_the_block_and_restores_after():
    import torch.nn.functional as F

    original = F.relu
    with forbidden(F, "relu", rule="without F.relu", advice="write it"):
        assert _failure(F.relu, torch.ones(1)).actual == "your code called relu()"
    assert F.relu is original


def test_expect_not_used_reads_attributes_and_imports():
    import types

    module = types.ModuleType("m")
    module.__file__ = __file__  # this file uses F.relu above
    assert "relu" in _failure(expect_not_used, module, {"relu"}, rule="r", advice="a").actual
