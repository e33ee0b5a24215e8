"""Hidden checks for attention-sinusoidal-encoding: compared with the formula, entry by entry."""

import math

import torch

from dltutor.drills.expect import diagnose, expect_close
from dltutor.i18n import _


def _table(length, d, exponent=lambda two_i, d: two_i / d, interleave=True, first=0):
    angle = torch.tensor([[t / 10000 ** exponent(two_i, d) for two_i in range(0, d, 2)]
                          for t in range(first, first + length)], dtype=torch.float64)
    if not interleave:
        return torch.cat([angle.sin(), angle.cos()], 1).float()
    pe = torch.zeros(length, d, dtype=torch.float64)
    pe[:, 0::2], pe[:, 1::2] = angle.sin(), angle.cos()
    return pe.float()


def _run(m, length, d, case):
    out = m.sinusoidal_encoding(length, d)
    expected = _table(length, d)
    mistakes = [
        (_table(length, d, exponent=lambda two_i, d: (two_i // 2) / d),
         _("the exponent is 2i/d, where 2i is the column of the sine (0, 2, 4, …), not the pair index i")),
        (_table(length, d, interleave=False), _("interleave the two: sines in the even columns (0::2), cosines in "
                                              "the odd ones (1::2), not one half each")),
        (_table(length, d)[:, [j ^ 1 for j in range(d)]], _("sine first: column 2i is the sine, 2i + 1 the cosine")),
        (_table(length, d, first=1), _("positions start at t = 0: row 0 is sin(0) = 0 and cos(0) = 1")),
    ]
    expect_close(out, expected, case=case, what="encoding", rtol=1e-4, atol=1e-5,
                 advice=lambda a: diagnose(a, mistakes, _("pe[t, 2i] = sin(t / 10000^(2i/d)), "
                                                        "pe[t, 2i+1] = cos(t / 10000^(2i/d))")))


def check_first_positions(m):
    _run(m, 2, 4, _("length 2, d = 4"))


def check_a_sentence(m):
    _run(m, 10, 16, _("length 10, d = 16"))


def check_long_and_wide(m):
    _run(m, 50, 64, _("length 50, d = 64 (the lab's width)"))
    pe = m.sinusoidal_encoding(50, 64)
    expect_close(pe[7, 10], torch.tensor(math.sin(7 / 10000 ** (10 / 64)), dtype=torch.float32),
                 case=_("length 50, d = 64: the entry at t = 7, column 10"), what="pe[7, 10]", rtol=1e-4, atol=1e-5)
