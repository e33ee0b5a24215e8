"""The attention quiz's answer key and the lesson's worked numbers, recomputed with PyTorch."""

import re

import pytest
import torch
import torch.nn.functional as F
from torch import nn

from tests.lessons.answer_key import COURSE, answer_key_tests, assert_prompt_states, n_params
from tests.lessons.explained_numbers import Derived

LESSON = "attention"
BODY = COURSE.get(LESSON).body


def query_weight_on_last_key() -> float:
    assert_prompt_states(LESSON, "attention-weight", "q = [1, 2]", "k₁ = [1, 0]", "k₂ = [0, 1]", "k₃ = [1, 1]")
    q = torch.tensor([[1.0, 2.0]])
    k = torch.tensor([[1.0, 0.0], [0.0, 1.0], [1.0, 1.0]])
    return torch.softmax(q @ k.T / 2**0.5, dim=-1)[0, 2].item()


def mha_params() -> int:
    assert_prompt_states(LESSON, "attention-mha-params", "embed_dim=64, num_heads=4")
    return n_params(nn.MultiheadAttention(embed_dim=64, num_heads=4))


def score_growth() -> float:
    assert_prompt_states(LESSON, "attention-cost", "512 to 2,048 tokens")
    d = 8
    scores = [(torch.zeros(n, d) @ torch.zeros(n, d).T).numel() for n in (512, 2048)]
    return scores[1] / scores[0]


RECOMPUTE = {
    "attention-weight": query_weight_on_last_key,
    "attention-mha-params": mha_params,
    "attention-cost": score_growth,
}
PINNED = {"attention-scaling": "b", "attention-model-family": "b",
          "attention-cross": ["encoder", "the encoder", "encoder outputs", "the encoder outputs", "encoder output",
                              "编码器"]}
CHECKED_BY_EXPERIMENT = {"attention-order-blind", "attention-joint", "attention-masks", "attention-steps"}
TYPED = [
    ("attention-weight", "0.58", "correct"), ("attention-weight", "0.576", "correct"),
    ("attention-weight", "0.67", "wrong"), ("attention-weight", "0.5", "wrong"),
    ("attention-mha-params", "16640", "correct"),
    ("attention-mha-params", "66560", "wrong"), ("attention-mha-params", "12480", "wrong"),
    ("attention-cost", "16", "correct"), ("attention-cost", "4", "wrong"),
    ("attention-cross", "Encoder", "correct"), ("attention-cross", "the decoder", "wrong"),
]



def _scaled_scores() -> torch.Tensor:
    return torch.tensor([1.0, 2.0, 3.0]) / 2**0.5  # the prompt's q·k₁, q·k₂, q·k₃ over √2


def _unscaled_std(d: int) -> float:
    torch.manual_seed(0)
    return ((torch.randn(20_000, d) * torch.randn(20_000, d)).sum(1)).std().item()


# Every number an explanation or hint states beyond the prompt: recomputed here, or cited (explained_numbers.py).
EXPLAINED = {
    "attention-weight": {
        "3": lambda: (torch.tensor([1.0, 2.0]) @ torch.tensor([1.0, 1.0])).item(),
        "0.707": lambda: _scaled_scores()[0].item(), "1.414": lambda: _scaled_scores()[1].item(),
        "2.121": lambda: _scaled_scores()[2].item(),
        "2.03": lambda: _scaled_scores()[0].exp().item(), "4.11": lambda: _scaled_scores()[1].exp().item(),
        "8.34": lambda: _scaled_scores()[2].exp().item(), "14.48": lambda: _scaled_scores().exp().sum().item(),
        "0.67": lambda: torch.softmax(torch.tensor([1.0, 2.0, 3.0]), 0)[2].item(),  # the √d forgotten
        "6": lambda: 1 + 2 + 3, "0.5": lambda: 3 / (1 + 2 + 3),  # score over the sum of scores: no softmax
    },
    "attention-scaling": {
        "23": Derived(lambda: _unscaled_std(512), tolerance=1.0),  # the scores' standard deviation, √512
    },
    "attention-mha-params": {
        "16,384": lambda: 4 * 64 * 64, "256": lambda: 4 * 64, "16": lambda: nn.MultiheadAttention(64, 4).head_dim,
        "66,560": lambda: 4 * n_params(nn.MultiheadAttention(64, 4)),
        "12,480": lambda: n_params(nn.MultiheadAttention(64, 4)) - n_params(nn.MultiheadAttention(64, 4).out_proj),
    },
    "attention-cost": {"4": lambda: 2048 / 512},
    "attention-order-blind": {"10⁻⁷": Derived(lambda: _order_change_without_positions(), tolerance=1e-6)},
    "attention-steps": {"0": lambda: torch.softmax(torch.tensor([0.0, float("-inf")]), 0)[1].item(),
                        "1": lambda: torch.softmax(torch.tensor([0.5, 2.0, float("-inf")]), 0).sum().item()},
}
FACTS = {
    "attention-scaling": {"512": "d_model of the original Transformer (Vaswani et al., 2017)",
                          "0": "the assumed mean of the entries of q and k"},
    "attention-model-family": {"16": "ViT-B/16's patch size (Dosovitskiy et al., 2020)"},
}


def _order_change_without_positions() -> float:
    """What the lab's positions=none run reports as order_change, on a short budget: float rounding only."""
    from dltutor.lab.exercise import run
    from dltutor.lab.registry import get_exercise

    events = list(run(get_exercise("attention"), {"model": "transformer", "positions": "none", "steps": 5},
                      device="cpu"))
    return events[-1].metrics["order_change"]


globals().update(
    answer_key_tests(LESSON, RECOMPUTE, pinned=PINNED, checked_by_experiment=CHECKED_BY_EXPERIMENT, typed=TYPED,
                     explained=EXPLAINED, facts=FACTS)
)


def question(qid):
    return COURSE.get(LESSON).quiz.question(qid)


def test_unscaled_scores_grow_like_sqrt_d_and_saturate_the_softmax():
    torch.manual_seed(0)
    for d in (64, 512):
        q, k = torch.randn(20_000, d), torch.randn(20_000, d)
        scores = (q * k).sum(1)
        assert scores.std().item() == pytest.approx(d**0.5, rel=0.05)
        assert (scores / d**0.5).std().item() == pytest.approx(1.0, rel=0.05)
    assert question("attention-scaling").answer == "b"


def test_lesson_worked_example():
    """The three-token example: weights 0.665 0.090 0.245, outputs [0.910, 0.335], ⅓ each for token 3."""
    Q = torch.tensor([[2.0, 0, 2, 0], [0, 2, 0, 2], [1, 1, 1, 1]])
    K = torch.tensor([[1.0, 0, 1, 0], [0, 1, 0, 1], [1, 1, 0, 0]])
    V = torch.tensor([[1.0, 0], [0, 1], [1, 1]])
    scores = Q @ K.T
    assert scores[0].tolist() == [4, 0, 2] and scores[2].tolist() == [2, 2, 2]
    weights = torch.softmax(scores / 2, -1)
    expected = torch.tensor([[0.665, 0.090, 0.245], [0.090, 0.665, 0.245], [1 / 3, 1 / 3, 1 / 3]])
    assert torch.allclose(weights, expected, atol=5e-4)
    out = F.scaled_dot_product_attention(Q, K, V)
    assert torch.allclose(out, torch.tensor([[0.910, 0.335], [0.335, 0.910], [0.667, 0.667]]), atol=5e-4)
    assert torch.allclose(torch.softmax(scores[0], -1), torch.tensor([0.867, 0.016, 0.117]), atol=5e-4)
    assert sum(torch.tensor([2.0, 0, 1]).exp().tolist()) == pytest.approx(11.107, abs=5e-4)
    for text in ("0.665", "0.090", "0.245", "[0.910, 0.335]", "[0.667, 0.667]", "0.867, 0.016, 0.117", "11.107"):
        assert text in BODY


def test_order_blind_self_attention_is_permutation_equivariant():
    torch.manual_seed(0)
    mha = nn.MultiheadAttention(16, 2, batch_first=True).eval()
    x = torch.randn(3, 6, 16)
    perm = torch.randperm(6)
    with torch.no_grad():
        out, shuffled = mha(x, x, x)[0], mha(x[:, perm], x[:, perm], x[:, perm])[0]
    assert torch.allclose(out[:, perm], shuffled, atol=1e-6)  # each token's output unchanged
    assert question("attention-order-blind").answer is False
    assert "without a mask" in question("attention-order-blind").prompt  # a causal mask does reveal order
    causal = torch.triu(torch.ones(6, 6, dtype=torch.bool), diagonal=1)
    with torch.no_grad():
        masked = mha(x, x, x, attn_mask=causal)[0]
        masked_shuffled = mha(x[:, perm], x[:, perm], x[:, perm], attn_mask=causal)[0]
    assert not torch.allclose(masked[:, perm], masked_shuffled, atol=1e-3)


def test_attention_weights_are_trained_jointly_by_one_optimizer():
    torch.manual_seed(0)
    layer = nn.TransformerEncoderLayer(16, 2, 32, batch_first=True)
    head = nn.Linear(16, 3)
    opt = torch.optim.Adam([*layer.parameters(), *head.parameters()], lr=0.01)
    before = layer.self_attn.in_proj_weight.detach().clone()
    loss = F.cross_entropy(head(layer(torch.randn(4, 5, 16))[:, -1]), torch.tensor([0, 1, 2, 0]))
    loss.backward()  # one loss gives W_Q, W_K, W_V their gradients...
    assert layer.self_attn.in_proj_weight.grad.abs().sum() > 0
    opt.step()  # ...and the same step updates them with everything else
    assert not torch.equal(before, layer.self_attn.in_proj_weight)
    assert question("attention-joint").answer is False


def test_mask_statements():
    torch.manual_seed(0)
    n, d = 4, 8
    x = torch.randn(1, n, d)
    future = torch.triu(torch.ones(n, n, dtype=torch.bool), diagonal=1)
    # (a) causal: nothing above the diagonal; (c) rows still sum to 1
    mha = nn.MultiheadAttention(d, 2, batch_first=True)
    _, w = mha(x, x, x, attn_mask=future)
    assert torch.all(w[0][future] == 0) and torch.allclose(w.sum(-1), torch.ones(1, n))
    # (b) padding: no weight on padded keys
    _, w = mha(x, x, x, key_padding_mask=torch.tensor([[False, False, True, True]]))
    assert torch.all(w[0, :, 2:] == 0)
    # (d) zeroing after the softmax breaks the sums
    after = torch.softmax(torch.randn(n, n), -1).masked_fill(future, 0)
    assert not torch.allclose(after.sum(-1), torch.ones(n))
    # (e) the two APIs read a boolean mask in opposite ways
    q = x[:, None]  # [batch, heads, n, d]
    assert torch.allclose(F.scaled_dot_product_attention(q, q, q, attn_mask=~future),
                          F.scaled_dot_product_attention(q, q, q, is_causal=True), atol=1e-6)
    assert set(question("attention-masks").answer) == {"a", "b", "c"}


def test_steps_in_the_key_order_give_pytorch_attention():
    torch.manual_seed(0)
    q, k, v = torch.randn(5, 8), torch.randn(5, 8), torch.randn(5, 3)
    future = torch.triu(torch.ones(5, 5, dtype=torch.bool), diagonal=1)
    steps = {
        "b": lambda s: q @ k.T / 8**0.5,
        "d": lambda s: s.masked_fill(future, float("-inf")),
        "a": lambda s: torch.softmax(s, -1),
        "c": lambda s: s @ v,
    }
    out = None
    for step in question("attention-steps").answer:
        out = steps[step](out)
    assert torch.allclose(out, F.scaled_dot_product_attention(q, k, v, is_causal=True), atol=1e-6)


def test_lesson_parameter_counts():
    assert n_params(nn.MultiheadAttention(64, 4)) == n_params(nn.MultiheadAttention(64, 1)) == 16640
    layer = nn.TransformerEncoderLayer(64, 4, dim_feedforward=128, batch_first=True, norm_first=True)
    assert n_params(layer) == 33472
    assert "16,640" in BODY and "33472" in BODY


def test_growth_factors_quoted_in_the_lesson():
    assert (2048 / 512) ** 2 == 16 and (2 * 512) ** 2 / 512**2 == 4
    assert re.search(r"512 to 2,048 tokens makes it 16 times larger", BODY)
    assert "4 times longer has a score matrix 16 times larger" in BODY



def test_layer_comparison_table():
    """Vaswani et al. (2017), Table 1: attention does less work than a recurrent layer when n < d."""
    n, d = 100, 512
    assert n * n * d < n * d * d
    for row in ("self-attention   O(n² · d)        O(1)             O(1)",
                "recurrent        O(n · d²)        O(n)             O(n)",
                "a sentence of 100 tokens with d = 512", "y + FF(y)"):
        assert row in BODY


def test_code_lines_fit_the_app_at_80_columns():
    """At 80 columns the app's lesson pane shows 68 characters of a code line; a longer line loses its end,
    which here was often the printed answer ('# True', '# 0.92 0.27')."""
    long = [line for block in re.findall(r"```python\n(.*?)```", BODY, re.S)
            for line in block.splitlines() if len(line) > 68]
    assert not long


def test_sinusoidal_shift_is_one_linear_map_for_every_position():
    """The lesson: PE(t + δ) is a fixed linear function of PE(t) (a rotation of each (sin, cos) pair)."""
    from dltutor.lab.exercises.attention import sinusoidal

    d, k = 16, 3
    pe = sinusoidal(40, d).double()
    freq = torch.exp(-torch.log(torch.tensor(10000.0, dtype=torch.float64)) * torch.arange(0, d, 2) / d)
    rotation = torch.zeros(d, d, dtype=torch.float64)
    for i, w in enumerate(freq * k):  # [sin(a+b), cos(a+b)] = [sin a, cos a] @ [[cos b, -sin b], [sin b, cos b]]
        rotation[2 * i:2 * i + 2, 2 * i:2 * i + 2] = torch.tensor([[w.cos(), -w.sin()], [w.sin(), w.cos()]])
    assert torch.allclose(pe[:-k] @ rotation, pe[k:], atol=1e-5)  # the same map at every t
    assert "PE(t + δ) is a fixed linear function of PE(t)" in BODY


def test_layer_norm_is_per_token():
    """The lesson: layer norm normalises each token on its own, so the batch around it does not matter."""
    torch.manual_seed(0)
    norm = nn.LayerNorm(8)
    x = torch.randn(4, 5, 8)
    assert torch.allclose(norm(x)[:1], norm(x[:1]), atol=1e-6)  # same result alone or in a batch of 4
    assert "normalises each token on its own" in BODY


def test_linear_attention_carries_a_fixed_size_state():
    """The lesson: linear attention (Katharopoulos et al., 2020) avoids the n × n matrix but, like an RNN,
    carries one fixed-size state (here d × dv numbers) from token to token."""
    torch.manual_seed(0)
    n, d, dv = 12, 4, 3
    q, k = (F.elu(torch.randn(n, d, dtype=torch.float64)) + 1 for _ in range(2))  # positive features
    v = torch.randn(n, dv, dtype=torch.float64)
    scores = (q @ k.T).tril()  # causal, no softmax: the n × n matrix linear attention never builds
    parallel = scores @ v / scores.sum(1, keepdim=True)
    state, norm, steps = torch.zeros(d, dv, dtype=torch.float64), torch.zeros(d, dtype=torch.float64), []
    for t in range(n):  # the recurrent form: the state's size does not grow with n
        state, norm = state + k[t, :, None] * v[t], norm + k[t]
        steps.append(q[t] @ state / (q[t] @ norm))
    assert torch.allclose(torch.stack(steps), parallel) and state.shape == (d, dv)
    assert "like the LSTM in the lab, they carry a fixed-size state" in BODY
