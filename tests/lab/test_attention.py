import pytest
import torch
from rich.console import Console

from dltutor.lab.exercise import BadParams, parse_params, run
from dltutor.lab.exercises.attention import (
    EXERCISE, LSTMRecall, Params, Tokens, TransformerRecall, heatmap, recall_batch, shuffled, sinusoidal,
)
from dltutor.lab.nets import count_params
from dltutor.tui.widgets.attention_map import attention_heatmap
from tests.lab.stream import check_shape, collect, samples, series, stopped_at_first_step

P = Params()


def test_recall_batch_has_distinct_keys_and_answers_the_query():
    b = recall_batch(500, P, "cpu", torch.Generator().manual_seed(0))
    assert b.keys.shape == b.values.shape == (500, 16) and b.query.shape == (500,)
    assert all(len(set(row)) == 16 for row in b.keys.tolist())  # one pair per key: the lookup is unambiguous
    assert int(b.keys.max()) < 32 and int(b.values.max()) < 10
    i = 7
    assert b.answer[i] == b.values[i, b.query[i]] and b.query_key[i] == b.keys[i, b.query[i]]
    assert abs((b.answer == 3).float().mean().item() - 0.1) < 0.04  # no value is favoured: chance is 1/10


def test_shuffled_pairs_keep_every_answer():
    b = recall_batch(200, P, "cpu", torch.Generator().manual_seed(0))
    s = shuffled(b, torch.Generator().manual_seed(1))
    assert not torch.equal(s.keys, b.keys)
    assert torch.equal(s.answer, b.answer) and torch.equal(s.query_key, b.query_key)


def test_model_sizes_match_the_lesson():
    transformer, lstm = TransformerRecall(P), LSTMRecall(P)
    assert count_params(transformer) == 38026 and count_params(lstm) == 36618  # ~38 k and ~37 k
    block = torch.nn.TransformerEncoderLayer(64, 4, 128, batch_first=True, norm_first=True)
    assert count_params(transformer.block) == count_params(block)  # the block is PyTorch's encoder layer


def test_sinusoidal_encoding_matches_the_formula():
    pe = sinusoidal(17, 64)
    t, i = 5, 3
    angle = t / 10000 ** (2 * i / 64)
    assert pe[t, 2 * i].item() == pytest.approx(torch.sin(torch.tensor(angle)).item(), abs=1e-6)
    assert pe[t, 2 * i + 1].item() == pytest.approx(torch.cos(torch.tensor(angle)).item(), abs=1e-6)


@torch.no_grad()
def test_without_positions_the_transformer_ignores_the_order_of_the_pairs():
    torch.manual_seed(0)
    b = recall_batch(64, P, "cpu", torch.Generator().manual_seed(0))
    s = shuffled(b, torch.Generator().manual_seed(1))
    blind = TransformerRecall(P.model_copy(update={"positions": "none"})).eval()
    assert torch.allclose(blind(b)[0], blind(s)[0], atol=1e-5)  # any weights: attention sees a set
    seeing = TransformerRecall(P).eval()
    assert not torch.allclose(seeing(b)[0], seeing(s)[0], atol=1e-3)


@torch.no_grad()
def test_without_value_embedding_the_tokens_carry_no_values():
    torch.manual_seed(0)
    tokens = Tokens(P.model_copy(update={"value_embedding": False}))
    b = recall_batch(8, P, "cpu", torch.Generator().manual_seed(0))
    other = type(b)(b.keys, (b.values + 1) % 10, b.query)
    assert torch.equal(tokens(b), tokens(other))  # nothing to recall: accuracy can only be chance


def test_bad_params_name_the_field():
    with pytest.raises(BadParams, match="keys.*at least pairs"):
        parse_params(EXERCISE, {"pairs": "20", "keys": "10"})
    with pytest.raises(BadParams, match="heads.*divide d_model"):
        parse_params(EXERCISE, {"heads": "5"})
    # the defaults are checked against a changed partner too
    with pytest.raises(BadParams, match=r"keys=32.*at least pairs \(100\)"):
        parse_params(EXERCISE, {"pairs": "100"})
    with pytest.raises(BadParams, match=r"heads=4.*divide d_model \(30\)"):
        parse_params(EXERCISE, {"d_model": "30"})


def test_smoke_stream_has_losses_evaluations_and_heatmaps():
    events = collect("attention", steps=20, lstm_steps=30, eval_every=10, report_every=5)
    done = check_shape(events, "attention")
    assert events[0].parameters == {"transformer": 38026, "lstm": 36618}
    assert len(series(events, "loss/transformer")) == 5 and len(series(events, "loss/lstm")) == 7
    m = done.metrics
    assert set(m) == {"test_acc/transformer", "attention_on_match/transformer", "attention_match_weight/transformer",
                      "test_acc/lstm", "chance", "order_change"}
    assert m["chance"] == 0.1 and 0 <= m["test_acc/lstm"] <= 1
    maps = samples(events, "attention")
    assert [s.step for s in maps] == [10, 20]  # one per Transformer evaluation
    data = maps[-1].data
    assert len(data["tokens"]) == len(data["weights"]) == 17 and data["tokens"][-1].startswith("?")
    assert all(abs(sum(row) - 1) < 0.02 for row in data["weights"])  # rounded to 3 decimals
    assert data["tokens"][data["match"]].startswith(data["tokens"][-1][1:] + ":")
    assert [e.epoch for e in events if e.event == "epoch"] == [10, 20, 30]  # the LSTM's last check at 30
    assert {e.kind for e in events if e.event == "sample"} == {"attention"}  # the heatmap keeps the whole panel


def test_transformer_learns_the_lookup_and_attends_to_the_match():
    events = collect("attention", model="transformer", steps=150, eval_every=150, report_every=50)
    done = check_shape(events, "attention")
    m = done.metrics
    assert m["test_acc/transformer"] >= 0.9 and m["attention_on_match/transformer"] >= 0.9, m
    assert done.target_met and "test_acc/lstm" not in m


def test_stop_ends_the_run_early_and_cleanly():
    done = stopped_at_first_step("attention")[-1]
    assert done.event == "finished" and done.stopped and not done.target_met and done.steps <= 2


def _render(data, width, height) -> str:
    console = Console(width=width, record=True, color_system=None)
    for title, body in attention_heatmap(data, width, height):
        console.print(title)
        console.print(body)
    return console.export_text()


DATA = {"title": "attention", "tokens": ["k1:v2", "k5:v0", "?k5"], "match": 1, "answer": 0, "predicted": 0,
        "weights": [[0.9, 0.1, 0.0], [0.2, 0.8, 0.0], [0.05, 0.9, 0.05]], "note": "why"}


def test_heatmap_shows_the_query_row_first_with_the_match_marked():
    text = _render(DATA, 80, 20)
    lines = text.splitlines()
    assert "query ?k5 · matching pair k5:v0 (▲) · answer v0, predicted v0 ✓" in text
    query_row = next(i for i, line in enumerate(lines) if line.startswith("?k5"))
    assert lines[query_row].split()[1:] == ["5", "90", "5"]
    assert lines[query_row + 1].index("▲") == lines[query_row].index("90") + 1  # under the match's column
    assert lines.index(next(line for line in lines if line.startswith("k1:v2"))) > query_row


def test_heatmap_degrades_when_small_and_rejects_bad_shapes():
    tokens = [f"k{i}:v{i % 10}" for i in range(10)] + ["?k3"]
    weights = [[1 / 11] * 11 for _ in range(10)] + [[0.02] * 3 + [0.8] + [0.02] * 6 + [0.0]]
    wide = {**DATA, "tokens": tokens, "weights": weights, "match": 3, "answer": 3, "predicted": 3}
    narrow = _render(wide, 38, 8).splitlines()  # 11 columns of 3 and the labels need 39: too narrow
    bars = narrow[narrow.index("query reads from (strongest first):") + 1:]
    assert len(bars) == 4  # as many as the height allows, strongest first
    assert bars[0].startswith("k3:v3 ▲") and bars[0].endswith("80%") and bars[1].endswith("2%")
    assert bars[0].count("█") > 10 * bars[1].count("█")
    assert "+2 more rows" in _render(DATA, 60, 5)  # too short: the query row only
    with pytest.raises(ValueError, match="3 × 3"):
        attention_heatmap({**DATA, "weights": [[1.0]]}, 60, 20)


def test_train_attention_prints_the_final_heatmap_in_the_shell():
    from typer.testing import CliRunner

    from dltutor.cli import app

    result = CliRunner().invoke(app, ["train", "attention", "--no-save", "--set", "model=transformer",
                                      "--set", "steps=150", "--set", "eval_every=150"])
    assert result.exit_code == 0, result.output  # the target (for the models trained) is met
    out = result.output
    assert "attention of one test example" in out and "matching pair" in out and "▲" in out
    assert out.index("▲") < out.index("verdict")  # the picture comes before the summary table


def test_the_app_draws_attention_samples_with_the_heatmap():
    from dltutor.tui.widgets.sample_view import RENDERERS

    assert RENDERERS["attention"] is attention_heatmap


@pytest.mark.slow
@pytest.mark.parametrize("seed", [1])  # seeds 0 and 2 met them too when checked by hand; ~15 s each, so one here
def test_defaults_meet_the_targets(seed):
    """The issue's targets with the defaults on one thread: ~15 s per seed on an idle 2-core machine."""
    events = list(run(EXERCISE, {}, device="cpu", seed=seed))
    done = events[-1]
    m = done.metrics
    assert done.event == "finished" and done.target_met, m
    assert m["test_acc/transformer"] >= 0.95 and m["test_acc/lstm"] <= 0.70
    assert m["attention_on_match/transformer"] >= 0.90


def test_heatmap_note_names_the_run_s_width():
    p = Params(d_model=32, heads=2, pairs=4, keys=8)
    data = heatmap(TransformerRecall(p), recall_batch(3, p, "cpu", torch.Generator().manual_seed(0)))
    assert "32-number state" in data["note"] and len(data["weights"]) == len(data["tokens"]) == 5
