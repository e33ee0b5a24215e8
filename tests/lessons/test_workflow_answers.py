"""The workflow quiz's answer key (and the lesson's worked numbers), recomputed rather than restated."""

from fractions import Fraction

import numpy as np
import pytest
from sklearn.metrics import accuracy_score, precision_score, recall_score
from sklearn.model_selection import train_test_split
from sklearn.preprocessing import StandardScaler

from tests.lessons.answer_key import COURSE, answer_key_tests
from tests.lessons.lesson_code import one_cpu_thread  # noqa: F401 (autouse fixture)
from tests.lessons.lesson_code import block_output

LESSON = COURSE.get("workflow")
QUIZ = LESSON.quiz

CONFUSION = {"tp": 40, "fp": 10, "fn": 20, "tn": 130}  # the matrix the precision/recall questions give
NORMALISE_TRAIN = [2, 4, 4, 4, 5, 5, 7, 9]  # workflow-normalise's training values
EARLY_STOPPING = [0.90, 0.60, 0.45, 0.41, 0.40, 0.42, 0.43, 0.405, 0.44, 0.38], 3  # losses, patience


def split_sizes(n: int, n_classes: int = 10) -> tuple[int, int, int]:
    """70/15/15 the way the lesson's code does it: hold out 30 % (stratified), then halve the hold-out."""
    x, y = np.arange(n), np.arange(n) % n_classes
    train, rest, _, y_rest = train_test_split(x, y, test_size=0.30, stratify=y, random_state=0)
    val, test = train_test_split(rest, test_size=0.50, stratify=y_rest, random_state=0)
    return len(train), len(val), len(test)


def standardised(train: list[float], value: float) -> float:
    scaler = StandardScaler().fit(np.array(train, dtype=float).reshape(-1, 1))
    return float(scaler.transform([[value]])[0, 0])


def early_stopping(val_losses: list[float], patience: int) -> tuple[int, int]:
    """(last epoch run, epoch restored), epochs counted from 1."""
    best, best_epoch, waited = float("inf"), 0, 0
    for epoch, loss in enumerate(val_losses, start=1):
        if loss < best:
            best, best_epoch, waited = loss, epoch, 0
        else:
            waited += 1
            if waited == patience:
                return epoch, best_epoch
    return len(val_losses), best_epoch


def labels(tp: int, fp: int, fn: int, tn: int) -> tuple[list[int], list[int]]:
    """(true, predicted) label lists that produce the given binary confusion matrix."""
    pairs = [(1, 1)] * tp + [(0, 1)] * fp + [(1, 0)] * fn + [(0, 0)] * tn
    true, pred = zip(*pairs)
    return list(true), list(pred)


def balanced_weights(*counts: int) -> list[float]:
    """scikit-learn's 'balanced' class weights N / (K · Nₖ), computed by scikit-learn itself."""
    from sklearn.utils.class_weight import compute_class_weight

    y = np.concatenate([np.full(n, k) for k, n in enumerate(counts)])
    return compute_class_weight("balanced", classes=np.arange(len(counts)), y=y).tolist()


RECOMPUTE = {
    "workflow-split-size": lambda: split_sizes(2400)[1],
    "workflow-normalise": lambda: standardised(NORMALISE_TRAIN, 8),
    "workflow-early-stopping": lambda: early_stopping(*EARLY_STOPPING)[1],
    "workflow-precision": lambda: precision_score(*labels(**CONFUSION)),
    "workflow-recall": lambda: recall_score(*labels(**CONFUSION)),
    "workflow-class-weights": lambda: balanced_weights(1800, 200)[1],
}


def squared_deviations() -> np.ndarray:
    """(x − μ)² of each training value of workflow-normalise, in the prompt's order."""
    return (np.array(NORMALISE_TRAIN, dtype=float) - np.mean(NORMALISE_TRAIN)) ** 2


def recall_fraction() -> Fraction:
    """TP / (TP + FN) in lowest terms, counted from the labels."""
    true, pred = labels(**CONFUSION)
    return Fraction(sum(t and p for t, p in zip(true, pred)), sum(true))


# Every number an explanation or hint states beyond the prompt, the wrong paths included: recomputed here,
# or cited (explained_numbers.py).
EXPLAINED = {
    "workflow-split-size": {
        "0.15": lambda: 0.15,
        "360": lambda: split_sizes(2400)[2],  # the test set is as large as the validation set
        "1,680": lambda: split_sizes(2400)[0],
        "720": lambda: sum(split_sizes(2400)[1:]),  # the whole hold-out
        "30": lambda: 100 * sum(split_sizes(2400)[1:]) / 2400,  # the hold-out's share in %
    },
    "workflow-normalise": {
        "1.5": lambda: standardised(NORMALISE_TRAIN, 8),
        "2.14": lambda: np.std(NORMALISE_TRAIN, ddof=1),  # dividing by n − 1
        "1.40": lambda: (8 - np.mean(NORMALISE_TRAIN)) / np.std(NORMALISE_TRAIN, ddof=1),
        "40": lambda: sum(NORMALISE_TRAIN), "5": lambda: np.mean(NORMALISE_TRAIN),
        "9": lambda: squared_deviations()[0], "1": lambda: squared_deviations()[1],
        "0": lambda: squared_deviations()[4], "4": lambda: squared_deviations()[6],
        "16": lambda: squared_deviations()[7], "32": lambda: squared_deviations().sum(),
        "2": lambda: np.std(NORMALISE_TRAIN),  # σ, dividing by n
    },
    "workflow-early-stopping": {  # the epochs after the best one, until the counter reaches the patience
        "6": lambda: early_stopping(*EARLY_STOPPING)[1] + 1, "7": lambda: early_stopping(*EARLY_STOPPING)[1] + 2,
        "8": lambda: early_stopping(*EARLY_STOPPING)[0],
    },
    "workflow-precision": {
        "0.8": lambda: precision_score(*labels(**CONFUSION)),
        "0.667": lambda: recall_score(*labels(**CONFUSION)),
        "0.85": lambda: accuracy_score(*labels(**CONFUSION)),
        "50": lambda: sum(labels(**CONFUSION)[1]),  # samples flagged positive
    },
    "workflow-class-weights": {
        "2,000": lambda: 1800 + 200, "2": lambda: len(balanced_weights(1800, 200)),  # N and K
        "0.556": lambda: balanced_weights(1800, 200)[0],
        "10": lambda: 2000 / 200,  # forgot to divide by K
        "9": lambda: balanced_weights(1800, 200)[1] / balanced_weights(1800, 200)[0],
        "1,000": lambda: 200 * balanced_weights(1800, 200)[1],
        "1,000.8": lambda: 1800 * round(balanced_weights(1800, 200)[0], 3),  # with the rounded weight
    },
    "workflow-recall": {
        "0.667": lambda: recall_score(*labels(**CONFUSION)),
        "0.8": lambda: precision_score(*labels(**CONFUSION)),
        "0.85": lambda: accuracy_score(*labels(**CONFUSION)),
        "2": lambda: recall_fraction().numerator, "3": lambda: recall_fraction().denominator,
    },
}
FACTS = {
    "workflow-baselines": {"1987": "UCI Machine Learning Repository, created by David Aha in 1987 "
                                   "(archive.ics.uci.edu, About)"},
}


# The shared answer-key tests (see answer_key.py): every numeric key matches its recomputation, and every
# number in an explanation or hint is given, recomputed or cited.
globals().update(answer_key_tests("workflow", RECOMPUTE, explained=EXPLAINED, facts=FACTS))


def test_augmentation_advice_keeps_small_rotations_for_digits():
    """Small rotations are standard label-keeping augmentation for digits; 180° and mirroring change them."""
    body = " ".join(LESSON.body.split())
    assert "±10–15°" in body and "rotating a \"6\" by 180° makes a \"9\"" in body
    assert "rotating or mirroring digits" not in body


def test_imbalance_snippet_and_the_weights_the_text_quotes():
    lines = block_output("workflow", "WeightedRandomSampler(weights").splitlines()
    assert lines == ["[0.526, 10.0]", "ill share: 0.05 -> 0.50"]
    body = " ".join(LESSON.body.split())
    assert "1,000 / (2 · 950) ≈ 0.53" in body and "counts 19 times as much" in body
    assert round((1000 / (2 * 50)) / (1000 / (2 * 950))) == 19 and 950 * 1000 / (2 * 950) == 50 * 1000 / (2 * 50)


def test_error_analysis_and_seed_snippets_print_what_they_say():
    assert block_output("workflow", "errors.flatten").splitlines() == [
        "true 2 predicted as 1: 24", "true 1 predicted as 0: 10"]
    assert block_output("workflow", "def train_once").splitlines() == ["True", "False"]


def test_confusion_questions_state_the_matrix_the_test_uses():
    for qid in ("workflow-precision", "workflow-recall"):
        prompt = QUIZ.question(qid).prompt.lower()
        for value in CONFUSION.values():
            assert str(value) in prompt, (qid, value)


def test_early_stopping_helper_matches_the_lessons_table():
    # The lesson's worked example: patience 2, stop after epoch 8, restore epoch 6.
    assert early_stopping([0.80, 0.52, 0.41, 0.38, 0.39, 0.37, 0.40, 0.42], 2) == (8, 6)
    assert "**epoch 6**" in LESSON.body


def test_lessons_worked_numbers():
    # 70/15/15 of 2,000, and of the 1,797 digits (scikit-learn rounds the hold-out up).
    assert split_sizes(2000) == (1400, 300, 300)
    assert split_sizes(1797) == (1257, 270, 270)
    # Standardisation with train statistics, and the leaked version.
    assert standardised([2, 6, 2, 6], 9) == pytest.approx(2.5)
    assert standardised([2, 6, 2, 6, 9, 11], 9) == pytest.approx(0.90, abs=0.005)
    assert "0.90" in LESSON.body and "2.5" in LESSON.body
    # The screening example: 97 % accuracy, 75 % precision, 60 % recall; always-healthy gets 95 %.
    true, pred = labels(tp=30, fp=10, fn=20, tn=940)
    assert accuracy_score(true, pred) == pytest.approx(0.97)
    assert precision_score(true, pred) == pytest.approx(0.75)
    assert recall_score(true, pred) == pytest.approx(0.60)
    assert accuracy_score(true, [0] * len(true)) == pytest.approx(0.95)


def test_chinese_terms_follow_d2l_zh():
    """d2l-zh's standard terms: 暂退法 (dropout), 批量规范化 (batch norm), 概念偏移 (concept shift)."""
    body = LESSON.body
    assert "(暂退法)" in body and "(批量规范化)" in body and "(概念偏移)" in body
    assert "随机失活" not in body and "批归一化" not in body
