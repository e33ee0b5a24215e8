"""Hidden checks for distributed-allreduce-mean: the result every rank holds, and that it equals the gradient of
the joined batch."""

import torch

from dltutor.drills.expect import expect_close, expect_unchanged, fail, seeded
from dltutor.i18n import _


def _call(m, rank_grads, case):
    before = [[g.clone() for g in grads] for grads in rank_grads]
    out = m.average_gradients(rank_grads)
    for r, (old, new) in enumerate(zip(before, rank_grads)):
        for k, (a, b) in enumerate(zip(old, new)):
            expect_unchanged(a, b, case=case, name=f"rank_grads[{r}][{k}]")
    if not isinstance(out, (list, tuple)) or len(out) != len(rank_grads):
        fail(case, _("a list with one entry per rank ({n})").format(n=len(rank_grads)),
             _("{type} of length {n}").format(type=type(out).__name__, n=len(out) if hasattr(out, '__len__') else '?'),
             _("return, for every rank, the list of averaged gradients"))
    return out


def _run(m, rank_grads, case):
    world = len(rank_grads)
    out = _call(m, rank_grads, case)
    total = [torch.stack([grads[k] for grads in rank_grads]).sum(0) for k in range(len(rank_grads[0]))]
    for r in range(world):
        for k, expected in enumerate(total):
            def advice(actual, r=r, k=k):
                if torch.allclose(actual, total[k]) and world > 1:
                    return _("divide the sum by the number of ranks ({world}): a sum makes the step {world}× "
                             "too big").format(world=world)
                if torch.allclose(actual, rank_grads[r][k]) and world > 1:
                    return (_("every rank must hold the same averaged gradient; a rank that keeps its own gradient "
                            "drifts away from the other replicas"))
                return _("mean[k] = Σ over ranks of rank_grads[r][k], divided by the world size")
            expect_close(out[r][k], expected / world, case=case, what=_("rank {r}'s gradient {k}").format(r=r, k=k),
                         advice=advice)


def check_worked_example(m):
    _run(m, [[torch.tensor([0.6])], [torch.tensor([-0.2])]], _("2 ranks, one weight: gradients 0.6 and −0.2"))


def check_four_ranks_several_parameters(m):
    g = seeded(90)
    _run(m, [[torch.randn(3, 4, generator=g), torch.randn(3, generator=g)] for _ in range(4)],
         _("4 ranks, a weight [3, 4] and a bias [3] each"))


def check_one_rank(m):
    _run(m, [[torch.tensor([[1.0, -2.0]])]], _("world size 1: the gradient stays as it is"))


def check_float64(m):
    g = seeded(91)
    _run(m, [[torch.randn(5, generator=g, dtype=torch.float64)] for _ in range(3)], _("3 ranks, float64 gradients"))


def check_equals_the_joined_batch(m):
    torch.manual_seed(92)
    model = torch.nn.Linear(4, 3)
    x, y = torch.randn(8, 4), torch.randint(0, 3, (8,))

    def grads(xb, yb):
        model.zero_grad()
        torch.nn.functional.cross_entropy(model(xb), yb).backward()
        return [p.grad.clone() for p in model.parameters()]

    case = _("a Linear(4, 3) model, 8 examples split into two shards of 4 (loss = mean cross-entropy)")
    out = _call(m, [grads(x[:4], y[:4]), grads(x[4:], y[4:])], case)
    for k, joined in enumerate(grads(x, y)):
        expect_close(out[0][k], joined, case=case, what=_("averaged gradient {k} vs the joined batch's").format(k=k),
                     advice=_("the average over equal shards must equal the gradient of all 8 examples at once"))
