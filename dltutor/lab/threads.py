"""How many CPU threads torch may use while a small model trains.

Tiny models (a few thousand weights, or an RNN's many small steps) gain nothing from splitting each
op across threads, and on a busy machine the threads wait for each other: on the 2-core dev box
under load one backprop run took 33 s with 2 threads and 5 s with 1. So the small exercises train
on one thread by default (a `threads` hyperparameter), and put the old setting back afterwards.
"""

from __future__ import annotations

import functools
from collections.abc import Iterator
from contextlib import contextmanager

import torch
from pydantic import Field

from dltutor.i18n import N_


def threads_field(default: int = 1):
    """The `threads` hyperparameter, for an exercise's Params."""
    return Field(default, ge=0, le=256, description=N_("CPU threads torch may use (0 = torch's default); "
                                                                    "small models run fastest on one"))


@contextmanager
def cpu_threads(count: int) -> Iterator[None]:
    """Use `count` intra-op threads inside the block (0 leaves torch's setting alone)."""
    before = torch.get_num_threads()
    if count:
        torch.set_num_threads(count)
    try:
        yield
    finally:
        torch.set_num_threads(before)


def on_cpu_threads(train):
    """Decorate an exercise's train(ctx) generator to run on `ctx.params.threads` CPU threads."""

    @functools.wraps(train)
    def wrapper(ctx):
        with cpu_threads(ctx.params.threads):
            return (yield from train(ctx))

    return wrapper
