"""The rnn quiz's answer key, recomputed with PyTorch layers and from first principles."""

import re

import pytest
import torch
from torch import nn

from tests.lessons.answer_key import COURSE, answer_key_tests, n_params

QUIZ = COURSE.get("rnn").quiz


def rnn_step(w: float, u: float, b: float, h0: float, x1: float) -> float:
    """One step of a scalar nn.RNN with the given weights (b goes into one of PyTorch's two biases)."""
    rnn = nn.RNN(1, 1, batch_first=True)
    with torch.no_grad():
        rnn.weight_ih_l0.fill_(w)
        rnn.weight_hh_l0.fill_(u)
        rnn.bias_ih_l0.fill_(b)
        rnn.bias_hh_l0.zero_()
    out, _ = rnn(torch.tensor([[[x1]]]), torch.tensor([[[h0]]]))
    return out.item()


def adding_baseline_mse(n: int = 1_000_000) -> float:
    """MSE of always predicting 1 for the sum of two independent U(0, 1) values, by simulation."""
    g = torch.Generator().manual_seed(0)
    total = torch.rand(n, 2, generator=g, dtype=torch.float64).sum(1)
    return ((total - 1.0) ** 2).mean().item()


RECOMPUTE = {
    "rnn-hidden-step": lambda: rnn_step(w=0.5, u=-1.0, b=0.1, h0=0.5, x1=2.0),
    "rnn-lstm-params": lambda: n_params(nn.LSTM(input_size=10, hidden_size=20)),
    "rnn-gru-params": lambda: n_params(nn.GRU(input_size=8, hidden_size=16)),
    "rnn-adding-baseline": adding_baseline_mse,
}


# The shared answer-key tests (see answer_key.py): every numeric key matches its recomputation.
globals().update(answer_key_tests("rnn", RECOMPUTE))


def test_adding_baseline_is_one_sixth():
    assert abs(QUIZ.question("rnn-adding-baseline").answer - 2 * (1 / 12)) < 1e-4


def test_vanishing_factor_choice_is_the_power():
    q = QUIZ.question("rnn-vanishing-factor")
    text = q.choices[q.answer].translate(str.maketrans("⁰¹²³⁴⁵⁶⁷⁸⁹⁻", "0123456789-"))
    mantissa, exponent = re.search(r"([\d.]+) × 10(-?\d+)", text).groups()
    assert float(mantissa) * 10 ** int(exponent) == pytest.approx(0.9**100, rel=0.02)


def test_gate_counts_match_pytorch_layers():
    hidden = 5
    lstm, gru = nn.LSTM(3, hidden), nn.GRU(3, hidden)
    # Weight blocks: LSTM = 3 gates + candidate, GRU = 2 gates + candidate.
    assert lstm.weight_ih_l0.shape[0] == 4 * hidden and gru.weight_ih_l0.shape[0] == 3 * hidden
    assert QUIZ.question("rnn-gru-gates").answer == "b"
    # The LSTM carries a separate cell state; the GRU returns its hidden state only.
    _, lstm_state = lstm(torch.randn(4, 1, 3))
    _, gru_state = gru(torch.randn(4, 1, 3))
    assert isinstance(lstm_state, tuple) and len(lstm_state) == 2 and torch.is_tensor(gru_state)
    assert {"a", "b"} <= set(QUIZ.question("rnn-lstm-facts").answer)


def test_cell_update_choice_matches_lstm_cell():
    """The key's equation, evaluated with PyTorch's gate order (i, f, g, o), gives nn.LSTMCell's new cell."""
    torch.manual_seed(0)
    cell = nn.LSTMCell(3, 4)
    x, h0, c0 = torch.randn(2, 3), torch.randn(2, 4), torch.randn(2, 4)
    _, c1 = cell(x, (h0, c0))
    gates = x @ cell.weight_ih.T + cell.bias_ih + h0 @ cell.weight_hh.T + cell.bias_hh
    i, f, g, _ = gates.chunk(4, dim=1)
    i, f, g = torch.sigmoid(i), torch.sigmoid(f), torch.tanh(g)
    assert torch.allclose(c1, f * c0 + i * g, atol=1e-6)
    q = QUIZ.question("rnn-lstm-cell-update")
    assert q.choices[q.answer].replace(" ", "") == "cₜ=fₜ⊙cₜ₋₁+iₜ⊙gₜ"
