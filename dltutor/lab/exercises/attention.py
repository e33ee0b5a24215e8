"""Lesson 6: attention looks a value up by its key in one step; an LSTM must carry every pair in its state.

Associative recall: each example is a set of `pairs` key–value pairs (distinct keys drawn from `keys`, values
from `values`), then a query key; the answer is the value stored with that key. Each pair is one token, the sum
of a key embedding and a value embedding; the last token is the query key's embedding alone. Always guessing
one value scores 1/values (0.10 with the defaults).

A one-layer Transformer encoder (pre-norm block: multi-head self-attention and a feed-forward network, each
with a residual connection) and an LSTM of about the same size (~38 k and ~37 k weights) train on the same
fresh random batches and are tested on one fixed set. The Transformer's query token can attend straight to
the matching pair, so it learns the lookup in a few hundred steps; the LSTM must squeeze all 16 pairs into
64 numbers before it sees the query, and stays far below. The run also checks where the query's attention
goes: averaged over heads, its strongest weight should fall on the matching key's position, and it emits
one test example's attention weights as a heatmap.

Two knobs show what each ingredient does. `positions=none` removes the positional encoding: the
Transformer still solves this task, because the answer does not depend on the order of the pairs, and its
output no longer changes at all when the pairs are shuffled (attention alone is order-blind).
`value_embedding=false` removes the values from the tokens: attention has nothing to copy and accuracy
falls to chance.
"""

from __future__ import annotations

import math
from typing import Literal

import torch
from pydantic import BaseModel, ConfigDict, Field, ValidationInfo, field_validator
from torch import nn

from dltutor.i18n import N_, _
from dltutor.lab.events import Epoch, Sample
from dltutor.lab.exercise import Context, Exercise, Result
from dltutor.lab.goals import Goal
from dltutor.lab.nets import clipped_step, count_params
from dltutor.lab.threads import on_cpu_threads, threads_field

GOAL_TRANSFORMER, MAX_LSTM, GOAL_ATTENTION = 0.95, 0.70, 0.90
TEST_SIZE = 2000
MODELS = ("transformer", "lstm")
WHY = N_("Each row is one token, each number how much of its attention (in %, averaged over heads) goes to the "
       "position in that column. The query's row comes first: a trained model puts most of its weight on the pair "
       "whose key matches the query (marked ▲) and copies that pair's value. The LSTM has no such shortcut: it "
       "must keep all pairs in its {width}-number state until the query arrives.")


class Params(BaseModel):
    model_config = ConfigDict(extra="forbid")
    model: Literal["both", "transformer", "lstm"] = Field("both", description=N_("which models to train"))
    pairs: int = Field(16, ge=1, le=256, description=N_("key–value pairs per example (the sequence is pairs + 1 long)"))
    keys: int = Field(32, ge=1, le=4096, validate_default=True,
                      description=N_("size of the key vocabulary (at least pairs: keys are distinct)"))
    values: int = Field(10, ge=2, le=4096, description=N_("size of the value vocabulary; chance accuracy is 1/values"))
    d_model: int = Field(64, ge=4, le=1024, description=N_("embedding width d of the tokens (and the LSTM's hidden size)"))
    heads: int = Field(4, ge=1, le=64, validate_default=True,
                       description=N_("attention heads (d_model must be divisible by heads)"))
    ff: int = Field(128, ge=1, le=8192, description=N_("hidden units of the Transformer block's feed-forward network"))
    positions: Literal["learned", "sinusoidal", "none"] = Field(
        "learned", description=N_("positional encoding added to the Transformer's tokens (none = order-blind)"))
    value_embedding: bool = Field(True, description=N_("add the value's embedding to each pair's token "
                                  "(false = the tokens carry keys only, so nothing can be recalled)"))
    lr: float = Field(3e-3, gt=0, le=1, description=N_("Adam learning rate (both models)"))
    steps: int = Field(1000, ge=1, le=1_000_000, description=N_("Transformer training steps (a fresh random batch each)"))
    lstm_steps: int = Field(2000, ge=1, le=1_000_000, description=N_("LSTM training steps (it gets more: it is slower "
                            "to learn)"))
    batch_size: int = Field(64, ge=1, le=8192, description=N_("examples per step"))
    clip: float = Field(1.0, ge=0, description=N_("clip each model's gradient norm to this (0 = no clipping)"))
    eval_every: int = Field(200, ge=1, description=N_("steps between test-set evaluations and attention heatmaps "
                            "(each costs about 12 training steps)"))
    report_every: int = Field(10, ge=1, description=N_("steps between loss reports (each costs one device sync)"))
    threads: int = threads_field()

    @field_validator("keys")
    @classmethod
    def _enough_keys(cls, keys: int, info: ValidationInfo) -> int:
        pairs = info.data.get("pairs")
        if pairs is not None and keys < pairs:
            raise ValueError(_("must be at least pairs ({pairs}): each example uses distinct keys").format(pairs=pairs))
        return keys

    @field_validator("heads")
    @classmethod
    def _heads_divide_width(cls, heads: int, info: ValidationInfo) -> int:
        width = info.data.get("d_model")
        if width is not None and width % heads:
            raise ValueError(_("must divide d_model ({width}): each head gets d_model / heads dimensions").format(
                width=width))
        return heads


class Recall:
    """A batch of associative-recall examples as indices (no embeddings yet).

    keys, values: [n, pairs] long; query: [n] long, the index of the pair whose key is asked for.
    """

    def __init__(self, keys: torch.Tensor, values: torch.Tensor, query: torch.Tensor):
        self.keys, self.values, self.query = keys, values, query

    @property
    def answer(self) -> torch.Tensor:
        """[n] long: the value stored with the query key."""
        return self.values.gather(1, self.query[:, None]).squeeze(1)

    @property
    def query_key(self) -> torch.Tensor:
        return self.keys.gather(1, self.query[:, None]).squeeze(1)


def recall_batch(n: int, p: Params, device, generator: torch.Generator | None = None) -> Recall:
    """n examples: `pairs` distinct keys out of `keys`, values drawn with repetition, one pair asked for."""
    keys = torch.rand(n, p.keys, generator=generator).argsort(1)[:, :p.pairs]
    values = torch.randint(0, p.values, (n, p.pairs), generator=generator)
    query = torch.randint(0, p.pairs, (n,), generator=generator)
    return Recall(keys.to(device), values.to(device), query.to(device))


class Tokens(nn.Module):
    """Embeds a Recall batch as [n, pairs + 1, d]: key + value embedding per pair, then the query key alone."""

    def __init__(self, p: Params):
        super().__init__()
        self.key = nn.Embedding(p.keys, p.d_model)
        self.value = nn.Embedding(p.values, p.d_model) if p.value_embedding else None

    def forward(self, batch: Recall) -> torch.Tensor:
        pairs = self.key(batch.keys)
        if self.value is not None:
            pairs = pairs + self.value(batch.values)
        return torch.cat([pairs, self.key(batch.query_key)[:, None]], 1)


def sinusoidal(length: int, d: int) -> torch.Tensor:
    """[length, d] encoding of Vaswani et al. (2017): PE[t, 2i] = sin(t / 10000^(2i/d)), PE[t, 2i+1] = cos(…)."""
    position = torch.arange(length, dtype=torch.float32)[:, None]
    frequency = torch.exp(-math.log(10000.0) * torch.arange(0, d, 2, dtype=torch.float32) / d)
    table = torch.zeros(length, d)
    table[:, 0::2] = torch.sin(position * frequency)
    table[:, 1::2] = torch.cos(position * frequency[: d // 2])
    return table


class Block(nn.Module):
    """One pre-norm Transformer encoder block: x + MHA(LN(x)), then x + FF(LN(x)).

    Same weights as nn.TransformerEncoderLayer(norm_first=True); written out so the attention weights can be read.
    """

    def __init__(self, d: int, heads: int, ff: int):
        super().__init__()
        self.norm1, self.norm2 = nn.LayerNorm(d), nn.LayerNorm(d)
        self.attn = nn.MultiheadAttention(d, heads, batch_first=True)
        self.ff = nn.Sequential(nn.Linear(d, ff), nn.ReLU(), nn.Linear(ff, d))

    def forward(self, x: torch.Tensor, need_weights: bool = False):
        h = self.norm1(x)
        a, weights = self.attn(h, h, h, need_weights=need_weights, average_attn_weights=True)
        x = x + a
        return x + self.ff(self.norm2(x)), weights  # weights: [n, L, L] averaged over heads, or None


class TransformerRecall(nn.Module):
    """Tokens (+ positional encoding) → one encoder block → layer norm → linear head on the query token."""

    def __init__(self, p: Params):
        super().__init__()
        length = p.pairs + 1
        self.tokens = Tokens(p)
        self.positions = p.positions
        if p.positions == "learned":
            self.position = nn.Parameter(torch.randn(length, p.d_model))
        else:  # a buffer, not a weight: zeros when there is no positional encoding at all
            table = sinusoidal(length, p.d_model) if p.positions == "sinusoidal" else torch.zeros(length, p.d_model)
            self.register_buffer("position", table)
        self.block = Block(p.d_model, p.heads, p.ff)
        self.norm = nn.LayerNorm(p.d_model)
        self.head = nn.Linear(p.d_model, p.values)

    def forward(self, batch: Recall, need_weights: bool = False):
        """Returns (logits [n, values], the query's attention row [n, pairs + 1] or None)."""
        x, weights = self.block(self.tokens(batch) + self.position, need_weights)
        logits = self.head(self.norm(x[:, -1]))
        return logits, (weights[:, -1] if weights is not None else None)


class LSTMRecall(nn.Module):
    """The same tokens read in order by an LSTM; a linear head on its last hidden state."""

    def __init__(self, p: Params):
        super().__init__()
        self.tokens = Tokens(p)
        self.lstm = nn.LSTM(p.d_model, p.d_model, batch_first=True)
        self.head = nn.Linear(p.d_model, p.values)

    def forward(self, batch: Recall, need_weights: bool = False):
        return self.head(self.lstm(self.tokens(batch))[0][:, -1]), None


def build(p: Params) -> dict[str, nn.Module]:
    chosen = MODELS if p.model == "both" else (p.model,)
    makers = {"transformer": TransformerRecall, "lstm": LSTMRecall}
    return {name: makers[name](p) for name in chosen}


def shuffled(batch: Recall, generator: torch.Generator) -> Recall:
    """The same examples with their pairs in another order (the query follows its pair)."""
    n, pairs = batch.keys.shape
    order = torch.rand(n, pairs, generator=generator).argsort(1).to(batch.keys.device)
    where = order.argsort(1).gather(1, batch.query[:, None]).squeeze(1)  # new index of the asked-for pair
    return Recall(batch.keys.gather(1, order), batch.values.gather(1, order), where)


@torch.no_grad()
def evaluate(model: nn.Module, test: Recall) -> dict[str, torch.Tensor]:
    """Test accuracy, and for the Transformer where the query's attention goes (0-d tensors: no sync yet)."""
    model.eval()
    logits, row = model(test, need_weights=True)
    model.train()
    out = {"acc": (logits.argmax(1) == test.answer).float().mean()}
    if row is not None:
        out["on_match"] = (row.argmax(1) == test.query).float().mean()
        out["match_weight"] = row.gather(1, test.query[:, None]).mean()
    return out


@torch.no_grad()
def heatmap(model: TransformerRecall, test: Recall, index: int = 0) -> dict:
    """One test example's attention (all rows, averaged over heads) as a Sample's data."""
    one = Recall(test.keys[index:index + 1], test.values[index:index + 1], test.query[index:index + 1])
    model.eval()
    x = model.tokens(one) + model.position
    _output, weights = model.block(x, need_weights=True)
    logits, _hidden = model(one)
    model.train()
    keys, values = one.keys[0].tolist(), one.values[0].tolist()
    asked = int(one.query[0])
    tokens = [f"k{k}:v{v}" for k, v in zip(keys, values)] + [f"?k{keys[asked]}"]
    return {"title": _("attention of one test example (averaged over heads)"), "tokens": tokens,
            "weights": [[round(w, 3) for w in row] for row in weights[0].tolist()],
            "match": asked, "answer": values[asked], "predicted": int(logits.argmax(1)),
            "note": _(WHY).format(width=model.head.in_features)}  # d_model: the LSTM's state has the same width


@on_cpu_threads
def train(ctx: Context):
    p: Params = ctx.params
    test = recall_batch(TEST_SIZE, p, ctx.device, torch.Generator().manual_seed(ctx.seed + 1))
    models = {name: m.to(ctx.device) for name, m in build(p).items()}
    opts = {name: torch.optim.Adam(m.parameters(), lr=p.lr) for name, m in models.items()}
    budget = {"transformer": p.steps, "lstm": p.lstm_steps}
    last = max(budget[name] for name in models)
    found: dict[str, float] = {}
    for step in range(1, last + 1):
        batch = recall_batch(p.batch_size, p, ctx.device)
        losses = {}
        for name, model in models.items():
            if step > budget[name]:
                continue
            loss = nn.functional.cross_entropy(model(batch)[0], batch.answer)
            clipped_step(model, opts[name], loss, p.clip)
            losses[f"loss/{name}"] = loss.detach()
        ctx.step()
        if step % p.report_every == 0 or step == 1:
            yield ctx.report(losses)
        ending = step == last or ctx.stopped
        due = [name for name in models  # evaluated every eval_every steps and at its own last step
               if step <= budget[name] and (step % p.eval_every == 0 or step == budget[name] or ending)]
        if due:
            found.update(_evaluated({name: models[name] for name in due}, test))
            # Epochs are the accuracy curves (the app's Metrics tab, the shell's chart); no curves sample,
            # so the heatmap keeps the whole picture panel.
            yield Epoch(step, dict(found))
            if "transformer" in due:
                yield Sample("attention", heatmap(models["transformer"], test), ctx.steps)
        if ending:
            break
    found["chance"] = 1 / p.values
    if "transformer" in models:
        found["order_change"] = _order_change(models["transformer"], test, ctx.seed)
    return Result(found)


def _evaluated(models: dict[str, nn.Module], test: Recall) -> dict[str, float]:
    names, tensors = [], []
    for name, model in models.items():
        for metric, value in evaluate(model, test).items():
            names.append(f"{'test_acc' if metric == 'acc' else 'attention_' + metric}/{name}")
            tensors.append(value)
    return dict(zip(names, torch.stack(tensors).cpu().tolist()))  # one sync for all of them


@torch.no_grad()
def _order_change(model: TransformerRecall, test: Recall, seed: int) -> float:
    """Largest change of the Transformer's output probabilities when each example's pairs are shuffled.

    Without positional encoding it is ~1e-7 (float rounding): attention treats its input as a set.
    """
    model.eval()
    before = model(test)[0].softmax(1)
    after = model(shuffled(test, torch.Generator().manual_seed(seed + 2)))[0].softmax(1)
    model.train()
    return (before - after).abs().max().item()


def goals(p: Params) -> list[Goal]:
    """The target of the models this run trains."""
    transformer = [Goal("test_acc/transformer", ">=", GOAL_TRANSFORMER),
                   Goal("attention_on_match/transformer", ">=", GOAL_ATTENTION)]
    lstm = [Goal("test_acc/lstm", "<=", MAX_LSTM)]
    return {"both": transformer + lstm, "transformer": transformer, "lstm": lstm}[p.model]


def describe(p: Params, device: torch.device) -> tuple[str, dict[str, int]]:
    models = build(p)
    lines = {"transformer": _("Transformer: 1 encoder block (d={d}, {heads} heads, feed-forward {ff}), {positions} "
                              "positions, head on the query token").format(d=p.d_model, heads=p.heads, ff=p.ff,
                                                                           positions=p.positions),
             "lstm": _("LSTM({d}) over the same tokens, head on its last state").format(d=p.d_model)}
    task = _("associative recall: {pairs} key–value pairs (keys of {keys}, values of {values}), then a query "
             "key").format(pairs=p.pairs, keys=p.keys, values=p.values)
    return "\n".join([task, *(lines[name] for name in models)]), {n: count_params(m) for n, m in models.items()}


def total_steps(p: Params) -> int:
    return max(p.steps if p.model != "lstm" else 0, p.lstm_steps if p.model != "transformer" else 0)


EXERCISE = Exercise(
    id="attention",
    title=N_("Attention vs LSTM: associative recall"),
    target=N_("Transformer test accuracy ≥ {transformer:.0%} with the query's strongest attention on the "
              "matching key in ≥ {attention:.0%} of test examples; LSTM ≤ {lstm:.0%}"),
    target_args={"transformer": GOAL_TRANSFORMER, "attention": GOAL_ATTENTION, "lstm": MAX_LSTM},
    Params=Params,
    train=train,
    describe=describe,
    total_steps=total_steps,
    goals=goals,
)
