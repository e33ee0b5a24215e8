"""The rnn quiz's answer key, recomputed with PyTorch layers and from first principles."""

import re

import pytest
import torch
from torch import nn

from tests.lessons.answer_key import COURSE, answer_key_tests, n_params
from tests.lessons.explained_numbers import Derived
from tests.lessons.lesson_code import one_cpu_thread  # noqa: F401 (autouse fixture)
from tests.lessons.lesson_code import block_output, order_of_magnitude

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


def adding_baseline_mse(k: int = 2, n: int = 1_000_000, same: bool = False) -> float:
    """MSE of always predicting the mean k/2 for the sum of k independent U(0, 1) values, by simulation
    (`same`: the k values are one value repeated, the fully dependent case a distractor assumes)."""
    g = torch.Generator().manual_seed(0)
    values = torch.rand(n, 1 if same else k, generator=g, dtype=torch.float64)
    total = values.sum(1) * (k if same else 1)
    return ((total - k / 2) ** 2).mean().item()


def lstm_keras_params(d: int, h: int) -> int:
    """Keras's convention: one bias per block, so PyTorch's count minus one bias vector per block."""
    lstm = nn.LSTM(d, h)
    return n_params(lstm) - lstm.bias_hh_l0.numel()


RECOMPUTE = {
    "rnn-hidden-step": lambda: rnn_step(w=0.5, u=-1.0, b=0.1, h0=0.5, x1=2.0),
    "rnn-lstm-params": lambda: n_params(nn.LSTM(input_size=6, hidden_size=12)),
    "rnn-gru-params": lambda: n_params(nn.GRU(input_size=8, hidden_size=16)),
    "rnn-adding-baseline": lambda: adding_baseline_mse(k=3),
    "rnn-embedding-params": lambda: n_params(nn.Embedding(num_embeddings=8000, embedding_dim=32)),
}

def sigmoid_limits() -> tuple[float, float]:
    """The sigmoid's range as a gate uses it: its values at −∞ and +∞."""
    return tuple(torch.sigmoid(torch.tensor([float("-inf"), float("inf")])).tolist())


def uniform_variance(n: int = 1_000_000) -> float:
    """Var(U) of one value drawn uniformly from [0, 1], by simulation (1/12)."""
    return torch.rand(n, generator=torch.Generator().manual_seed(0), dtype=torch.float64).var().item()


def blocks(layer: nn.RNNBase) -> int:
    """Weight blocks of a PyTorch recurrent layer: the rows of weight_ih over the hidden size (LSTM 4, GRU 3)."""
    return layer.weight_ih_l0.shape[0] // layer.hidden_size


def biases_per_block(layer: nn.RNNBase) -> int:
    """PyTorch keeps two bias vectors per block (bias_ih and bias_hh)."""
    return sum(1 for name, _ in layer.named_parameters() if name.startswith("bias"))


# Every number an explanation or hint states beyond the prompt, the wrong paths included: recomputed here,
# or cited (explained_numbers.py).
EXPLAINED = {
    "rnn-hidden-step": {
        "0.6": lambda: 0.5 * 2 + (-1) * 0.5 + 0.1,
        "0.537": lambda: rnn_step(w=0.5, u=-1.0, b=0.1, h0=0.5, x1=2.0),
        "0.646": lambda: torch.sigmoid(torch.tensor(0.6)).item(),  # sigmoid instead of tanh
        "0.922": lambda: rnn_step(w=0.5, u=+1.0, b=0.1, h0=0.5, x1=2.0),  # the minus sign of U dropped
        "1.6": lambda: 0.5 * 2 + 1 * 0.5 + 0.1,
        "0.800": lambda: rnn_step(w=0.5, u=-1.0, b=0.1, h0=0.0, x1=2.0),  # the old state left out
        "1.1": lambda: 0.5 * 2 + 0.1,
        # "as if h₀ were 0": leaving out the U·h₀ term gives exactly what a zero old state gives
        "0": lambda: rnn_step(w=0.5, u=-1.0, b=0.1, h0=0.0, x1=2.0) - rnn_step(w=0.5, u=0.0, b=0.1, h0=0.5, x1=2.0),
    },
    "rnn-lstm-params": {
        "4": lambda: blocks(nn.LSTM(6, 12)), "2": lambda: biases_per_block(nn.LSTM(6, 12)),
        "72": lambda: nn.LSTM(6, 12).weight_ih_l0.numel() / blocks(nn.LSTM(6, 12)),
        "144": lambda: nn.LSTM(6, 12).weight_hh_l0.numel() / blocks(nn.LSTM(6, 12)),
        "24": lambda: 2 * nn.LSTM(6, 12).bias_ih_l0.numel() / blocks(nn.LSTM(6, 12)),
        "240": lambda: n_params(nn.RNN(6, 12)),  # one block, also the size of each LSTM block
        "960": lambda: n_params(nn.LSTM(6, 12)),
        "912": lambda: lstm_keras_params(6, 12),
        "720": lambda: n_params(nn.GRU(6, 12)),
        "28,800": lambda: 30 * n_params(nn.LSTM(6, 12)),  # wrongly multiplied by the sentence length
    },
    "rnn-embedding-params": {
        "256,000": lambda: n_params(nn.Embedding(8000, 32)),
        "10,240": lambda: nn.Embedding(8000, 32)(torch.zeros(16, 20, dtype=torch.long)).numel(),
        "8,000": lambda: 8000,
        "8,032": lambda: 8000 + 32,
    },
    "rnn-vanishing-factor": {"2.7 × 10⁻⁵": lambda: 0.9**100},
    "rnn-gru-params": {
        "3": lambda: blocks(nn.GRU(8, 16)), "2": lambda: biases_per_block(nn.GRU(8, 16)),
        "128": lambda: nn.GRU(8, 16).weight_ih_l0.numel() / blocks(nn.GRU(8, 16)),
        "256": lambda: nn.GRU(8, 16).weight_hh_l0.numel() / blocks(nn.GRU(8, 16)),
        "32": lambda: 2 * nn.GRU(8, 16).bias_ih_l0.numel() / blocks(nn.GRU(8, 16)),
        "416": lambda: n_params(nn.GRU(8, 16)) / blocks(nn.GRU(8, 16)),
        "1,248": lambda: n_params(nn.GRU(8, 16)), "1,664": lambda: n_params(nn.LSTM(8, 16)),
    },
    "rnn-adding-baseline": {
        "12": Derived(lambda: 1 / uniform_variance(), tolerance=0.05),  # Var(U) = 1/12
        "3": lambda: adding_baseline_mse(k=3) / uniform_variance(),  # three variances add
        "4": Derived(lambda: 1 / adding_baseline_mse(k=3), tolerance=0.02),  # 3/12 = 1/4
        "6": Derived(lambda: 1 / adding_baseline_mse(k=2), tolerance=0.02),  # 2/12 = 1/6
        "9": lambda: adding_baseline_mse(k=3, same=True) / uniform_variance(),  # Var(3U) = 9 Var(U)
        "0.25": lambda: adding_baseline_mse(k=3),
        "0.167": lambda: adding_baseline_mse(k=2),
        "0.083": lambda: adding_baseline_mse(k=1),
        "0.75": lambda: adding_baseline_mse(k=3, same=True),
    },
    "rnn-lstm-facts": {"0": lambda: sigmoid_limits()[0], "1": lambda: sigmoid_limits()[1]},
}
FACTS = {
    "rnn-vanishing-factor": {"1": "a factor close to 1, the prompt's 0.9"},
    "rnn-lstm-cell-update": {"1": "the forget gate fully open, fₜ ≈ 1, the lesson's gradient highway"},
}


# The shared answer-key tests (see answer_key.py): every numeric key matches its recomputation, and every
# number in an explanation or hint is given, recomputed or cited.
# What learners type for the text question: name, abbreviation or both; not the optimizer.
TYPED = [
    ("rnn-bptt-name", "BPTT", "correct"), ("rnn-bptt-name", "Backpropagation through time (BPTT)", "correct"),
    ("rnn-bptt-name", "backpropagation-through-time", "correct"), ("rnn-bptt-name", "SGD", "wrong"),
]
globals().update(answer_key_tests("rnn", RECOMPUTE, typed=TYPED, explained=EXPLAINED, facts=FACTS))


def test_adding_baseline_is_the_variance_of_the_sum():
    assert abs(QUIZ.question("rnn-adding-baseline").answer - 3 * (1 / 12)) < 1e-4
    assert abs(adding_baseline_mse(k=2) - 1 / 6) < 2e-3  # the lab's baseline, quoted in the lesson


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


def test_embedding_snippet_prints_the_shapes_the_lesson_states():
    out = block_output("rnn", "lookup = one-hot").splitlines()
    assert out == ["[[1, 2, 3, 4, 1, 5]]", "(1, 6, 4) (1, 6, 8) (1, 1, 8)"]


def test_teacher_forcing_snippet_shifts_by_one_token():
    assert block_output("rnn", "inputs, targets").splitlines() == ["[1, 2, 3, 4, 1]", "[2, 3, 4, 1, 5]"]


def test_vanishing_gradient_orders_the_lesson_quotes():
    """'falls from about 10⁻² after 5 steps to about 10⁻¹⁴ after 50 ... LSTM about 10⁻¹² ... open gate about 10⁻¹'."""
    found = {}
    for line in block_output("rnn", "remembering").splitlines():
        name, rest = line.split(" T=")
        steps, value = rest.split(": |dh_T/dx_1| = ")
        found[(name.strip(), int(steps))] = order_of_magnitude(float(value))
    assert found[("RNN", 5)] == -2 and found[("RNN", 50)] == -14
    assert found[("LSTM", 50)] == -12
    assert found[("LSTM, forget gate open", 50)] == -1
    text = COURSE.get("rnn").body
    assert "about 10⁻² after 5 steps to about 10⁻¹⁴ after 50" in text and "(about 10⁻¹²)" in text
    assert "the gradient after 50 steps is about 10⁻¹" in text


def test_lesson_worked_numbers():
    """The three-step RNN, its gradient, the powers and both LSTM steps, as the lesson quotes them."""
    import math

    text = COURSE.get("rnn").body
    h1 = math.tanh(0.5)
    h2 = math.tanh(0.8 * h1)
    h3 = math.tanh(0.8 * h2)
    assert [round(h, 4) for h in (h1, h2, h3)] == [0.4621, 0.3537, 0.2757]
    assert round((1 - h2**2) * 0.8 * (1 - h3**2) * 0.8, 3) == 0.517 and "≈ **0.517**" in text
    assert f"{0.8**50:.1e}" == "1.4e-05" and "0.8⁵⁰ ≈ 1.4 · 10⁻⁵" in text
    assert round(1.2**50, -2) == 9100 and "1.2⁵⁰ ≈ 9,100" in text

    def lstm_step(f_sum, c0=1.0):
        f, i, g, o = 1 / (1 + math.exp(-f_sum)), 0.5, math.tanh(1), 1 / (1 + math.exp(-1))
        c = f * c0 + i * g
        return round(f, 3), round(c, 3), round(o * math.tanh(c), 3)

    assert lstm_step(2) == (0.881, 1.262, 0.622) and "h₁ = 0.731 · tanh(1.262) = 0.731 · 0.852 = **0.622**" in text
    assert lstm_step(-2) == (0.119, 0.5, 0.338) and "c₁ = 0.119 + 0.381 = 0.500 and h₁ = 0.338" in text


def test_gru_equations_as_written_match_pytorch():
    """zₜ, rₜ, nₜ = tanh(W_n xₜ + b_in + rₜ ⊙ (U_n hₜ₋₁ + b_hn)), hₜ = (1 − zₜ) ⊙ nₜ + zₜ ⊙ hₜ₋₁."""
    torch.manual_seed(0)
    cell = nn.GRUCell(3, 4)
    x, h = torch.randn(2, 3), torch.randn(2, 4)
    wi, wh = x @ cell.weight_ih.T + cell.bias_ih, h @ cell.weight_hh.T + cell.bias_hh
    (ri, zi, ni), (rh, zh, nh) = wi.chunk(3, 1), wh.chunk(3, 1)  # PyTorch's block order: r, z, n
    r, z = torch.sigmoid(ri + rh), torch.sigmoid(zi + zh)
    n = torch.tanh(ni + r * nh)
    assert torch.allclose(cell(x, h), (1 - z) * n + z * h, atol=1e-6)
    assert "hₜ = (1 − zₜ) ⊙ nₜ + zₜ ⊙ hₜ₋₁" in COURSE.get("rnn").body


def test_perplexity_example():
    """p = 0.25 at every step: cross-entropy ln 4 ≈ 1.386, perplexity 4; uniform over V tokens gives V."""
    import math

    logits = torch.log(torch.tensor([[0.25, 0.25, 0.25, 0.25]])).repeat(6, 1)
    ce = nn.functional.cross_entropy(logits, torch.zeros(6, dtype=torch.long))
    assert round(ce.item(), 3) == 1.386 and math.exp(ce.item()) == pytest.approx(4.0)
    assert "ln 4 ≈ 1.386 and the perplexity is 4" in COURSE.get("rnn").body


def test_seq2seq_snippet_prints_the_shapes_the_lesson_states():
    """Context [layers 1, batch 2, H 16]; teacher-forced states and logits per target step; greedy tokens [2, 1]."""
    out = block_output("rnn", "to_vocab").splitlines()
    assert out[0] == "(1, 2, 16) (2, 5, 16) (2, 5, 12)"
    assert out[1:] == [f"{step} (2, 1) (1, 2, 16)" for step in range(3)]


def ngrams(tokens: list[str], n: int) -> list[tuple[str, ...]]:
    """All n-grams of a token list, in order (len(tokens) − n + 1 of them)."""
    return [tuple(tokens[i : i + n]) for i in range(len(tokens) - n + 1)]


def modified_precision(prediction: str, reference: str, n: int) -> tuple[int, int]:
    """Papineni et al. (2002): (clipped matches, n-grams in the prediction); each n-gram counts at most as
    often as it occurs in the reference."""
    from collections import Counter

    pred, ref = Counter(ngrams(prediction.split(), n)), Counter(ngrams(reference.split(), n))
    return sum(min(count, ref[gram]) for gram, count in pred.items()), sum(pred.values())


def brevity_penalty(prediction: str, reference: str) -> float:
    """1 if c > r, else exp(1 − r/c), with c and r the prediction's and the reference's lengths in tokens."""
    import math

    c, r = len(prediction.split()), len(reference.split())
    return 1.0 if c > r else math.exp(1 - r / c)


def bleu(prediction: str, reference: str, k: int, weights: str) -> float:
    """BLEU up to k-grams: 'papineni' = BP · geometric mean of p₁..p_k; 'd2l' = BP · ∏ pₙ^(1/2ⁿ)."""
    import math

    ps = [m / t for m, t in (modified_precision(prediction, reference, n) for n in range(1, k + 1))]
    if weights == "d2l":
        return brevity_penalty(prediction, reference) * math.prod(p ** (1 / 2**n) for n, p in enumerate(ps, 1))
    return brevity_penalty(prediction, reference) * math.prod(ps) ** (1 / k)


def test_bleu_worked_example():
    """The lesson's worked example: 'the cat on the mat' against 'the cat is on the mat'."""
    import math

    text = COURSE.get("rnn").body
    ref, pred = "the cat is on the mat", "the cat on the mat"
    assert '"the cat is on the mat" (r = 6)' in text and '"the cat on the mat" (c = 5)' in text
    assert [modified_precision(pred, ref, n) for n in (1, 2, 3, 4)] == [(5, 5), (3, 4), (1, 3), (0, 2)]
    assert "p₁ = 5/5 = 1" in text and "p₂ = 3/4 = 0.75" in text
    assert "p₃ = 1/3" in text and "p₄ = 0/2" in text
    bp = brevity_penalty(pred, ref)
    assert bp == pytest.approx(math.exp(-0.2)) and round(bp, 3) == 0.819 and "exp(1 − 6/5) = exp(−0.2) ≈ 0.819" in text
    assert round(0.75**0.25, 3) == 0.931 and round(math.sqrt(0.75), 3) == 0.866
    assert round(bleu(pred, ref, 2, "d2l"), 3) == 0.762
    assert "0.819 · 1^(1/2) · 0.75^(1/4) ≈ 0.819 · 0.931 ≈ **0.762**" in text
    assert round(bleu(pred, ref, 2, "papineni"), 3) == 0.709 and "0.819 · √0.75 ≈ 0.819 · 0.866 ≈ **0.709**" in text
    assert bleu(pred, ref, 4, "papineni") == 0 == bleu(pred, ref, 4, "d2l")  # "the zero p₄ makes ... 0"
    # A perfect match scores 1 under both weightings, and nothing in common scores 0.
    assert bleu(ref, ref, 4, "papineni") == 1 == bleu(ref, ref, 4, "d2l")
    assert bleu("a b c d", ref, 2, "d2l") == 0
    # Clipping: "the the the the" against a reference with "the" twice gives p₁ = 2/4.
    assert modified_precision("the the the the", ref, 1) == (2, 4) and "p₁ = 2/4" in text
    # "the mat is on the cat": the same unigrams as the reference and most (4 of 5) of its bigrams.
    swapped = "the mat is on the cat"
    assert modified_precision(swapped, ref, 1) == (6, 6) and modified_precision(swapped, ref, 2) == (4, 5)
