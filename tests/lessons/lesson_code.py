"""Running a lesson's own code in its tests: one python block's printed output, and the helpers around it.

The lesson tests check what a block prints against what the text says it prints, so a block and its
prose cannot drift apart.
"""

from __future__ import annotations

import contextlib
import io
import math
import re
from collections.abc import Callable

import pytest

from tests.lessons.answer_key import COURSE

FENCE = re.compile(r"^```python[^\n]*\n(.*?)^```", re.S | re.M)


def block_output(lesson_id: str, containing: str, edit: Callable[[str], str] = lambda code: code) -> str:
    """Run the lesson's one python block that contains `containing` (after `edit`, e.g. another seed);
    return what it printed. Fails if no block or more than one block contains it."""
    body = COURSE.get(lesson_id).body
    blocks = [b for b in FENCE.findall(body) if containing in b]
    assert len(blocks) == 1, f"{lesson_id}: {len(blocks)} python blocks contain {containing!r}"
    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        exec(compile(edit(blocks[0]), f"{lesson_id} block", "exec"), {"__name__": "__lesson__"})
    return out.getvalue()


def order_of_magnitude(value: float) -> int:
    """The power of ten a text would write for `value`: 1.6e-14 -> -14, 0.26 -> -1."""
    return math.floor(math.log10(abs(value)) + math.log10(2))  # 6e-3 reads as "about 10⁻²"


@pytest.fixture(autouse=True)
def one_cpu_thread():
    """Import this into a test module to run its tiny torch recomputations on one thread: on a busy machine
    two threads made the gan loop 25 times slower (21 s against 0.8 s)."""
    from dltutor.lab.threads import cpu_threads

    with cpu_threads(1):
        yield
