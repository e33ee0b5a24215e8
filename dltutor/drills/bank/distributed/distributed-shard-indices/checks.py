"""Hidden checks for distributed-shard-indices: compared with DistributedSampler itself."""

import torch
from torch.utils.data import DistributedSampler

from dltutor.drills.expect import expect_not_used, fail
from dltutor.i18n import _

RULE = _("without using DistributedSampler")


def _sampler(n, world_size, rank, epoch, seed):
    sampler = DistributedSampler(range(n), num_replicas=world_size, rank=rank, shuffle=True, seed=seed)
    sampler.set_epoch(epoch)
    return list(sampler)


def _shuffled(n, generator_seed):
    g = torch.Generator()
    g.manual_seed(generator_seed)
    return torch.randperm(n, generator=g).tolist()


def _advice(n, world_size, rank, epoch, seed, actual):
    if actual == _sampler(n, world_size, rank, 0, seed) and epoch:
        return (_("the epoch must change the shuffle: seed the generator with seed + epoch (that is what "
                "set_epoch does)"))
    order = _shuffled(n, seed + epoch)
    per = -(-n // world_size)
    expected = _sampler(n, world_size, rank, epoch, seed)
    if rank and actual == _sampler(n, world_size, rank, epoch, seed + rank):
        return (_("every rank must shuffle the same way (seed + epoch, without the rank): with a different "
                "shuffle per rank the shards overlap and some examples are never seen"))
    if actual == order[rank * per:(rank + 1) * per]:
        return _("deal the shuffled list out like cards (order[rank::world_size]), not in contiguous blocks")
    if actual == order[rank::world_size] and len(actual) != per:
        return (_("pad the shuffled list (repeat it from the start) to a multiple of world_size, so every rank "
                "gets the same number of examples"))
    if actual == order[:n - n % world_size][rank::world_size] and len(actual) != per:
        return (_("that drops the last n % world_size examples (drop_last=True); by default DistributedSampler "
                "keeps them all and pads instead, repeating indices from the start of the list"))
    wrong_at = [rank + i * world_size for i, (a, e) in enumerate(zip(actual, expected)) if a != e]
    if len(actual) == len(expected) and wrong_at and min(wrong_at) >= n:
        return (_("only the padding differs: pad by repeating the shuffled list from its start "
                "(order + order[:total - n]), as DistributedSampler does"))
    return _("shuffle with randperm(n) seeded by seed + epoch, pad to a multiple of world_size, take order[rank::ws]")


def _run(m, n, world_size, epoch=0, seed=0, what=""):
    for rank in range(world_size):
        case = f"shard_indices(n={n}, world_size={world_size}, rank={rank}, epoch={epoch}, seed={seed}){what}"
        actual = m.shard_indices(n, world_size, rank, epoch, seed)
        if not isinstance(actual, list) or not all(isinstance(i, int) for i in actual):
            fail(case, _("a list of ints"), f"{type(actual).__name__}", _("return a Python list of ints (.tolist())"))
        expected = _sampler(n, world_size, rank, epoch, seed)
        if actual != expected:
            first = next((i for i, (a, e) in enumerate(zip(actual, expected)) if a != e), min(len(actual),
                                                                                               len(expected)))
            fail(case, _("{n} indices, starting {start}").format(n=len(expected), start=expected[:6]),
                 _("{n} indices, starting {start} (first difference at position {first})").format(
                     n=len(actual), start=actual[:6], first=first),
                 _advice(n, world_size, rank, epoch, seed, actual))


def check_rules(m):
    expect_not_used(m, {"DistributedSampler"}, rule=RULE, advice=_("the drill is to write the sampler's rule yourself"))


def check_even_split(m):
    _run(m, 12, 2, what=_(": 12 examples divide evenly"))


def check_a_new_epoch_reshuffles(m):
    _run(m, 12, 2, epoch=3, what=_(": epoch 3 must differ from epoch 0"))


def check_uneven_split_is_padded(m):
    _run(m, 10, 4, seed=7, what=_(": 10 examples on 4 ranks, padded to 12"))


def check_more_ranks_than_examples(m):
    _run(m, 3, 8, epoch=1, what=_(": 3 examples on 8 ranks, the list repeats to fill 8 places"))


def check_the_digits(m):
    _run(m, 1438, 3, epoch=2, seed=1, what=_(": the lab's 1,438 digits on 3 ranks"))
