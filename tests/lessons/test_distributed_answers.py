"""The distributed quiz's answer key and the numbers its explanations quote, recomputed: the all-reduce with a
real gloo process group, the ring all-reduce by simulation, memory from dtype sizes. Also runs the lesson's
torchrun script for real, with two processes."""

import math
import os
import re
import subprocess
import sys
import tempfile

import torch
import torch.distributed as dist

from tests.lessons.answer_key import COURSE, answer_key_tests, assert_prompt_states
from tests.lessons.explained_numbers import Derived

LESSON = COURSE.get("distributed")
ADAM_MIXED_BYTES = (2, 2, 4, 4, 4)  # 16-bit weight and gradient; 32-bit master weight, Adam's m and v


def all_reduce_mean(local_grads: list[float]) -> float:
    """What DDP does with one weight's gradients: sum over ranks with all-reduce, divide by the world size.
    The ranks' tensors are stacked in one process; a real (one-rank) gloo group runs the all-reduce."""
    with tempfile.TemporaryDirectory() as folder:
        dist.init_process_group("gloo", init_method=f"file://{folder}/meeting", rank=0, world_size=1)
        try:
            t = torch.tensor(local_grads, dtype=torch.float64)
            dist.all_reduce(t)  # one rank: the sum over "ranks" is done below, the call is the same
            return (t.sum() / len(local_grads)).item()
        finally:
            dist.destroy_process_group()


def ring_all_reduce(tensors: list[torch.Tensor]) -> tuple[list[torch.Tensor], list[int]]:
    """Simulate a ring all-reduce (reduce-scatter, then all-gather) and count the elements each rank sends."""
    n = len(tensors)
    chunks = [list(t.clone().chunk(n)) for t in tensors]
    sent = [0] * n
    for step in range(n - 1):  # reduce-scatter: rank r sends chunk (r − step) to rank r + 1, which adds it
        outgoing = [(r, (r - step) % n, chunks[r][(r - step) % n].clone()) for r in range(n)]
        for r, c, data in outgoing:
            chunks[(r + 1) % n][c] += data
            sent[r] += data.numel()
    for step in range(n - 1):  # all-gather: rank r passes its finished chunk (r + 1 − step) on
        outgoing = [(r, (r + 1 - step) % n, chunks[r][(r + 1 - step) % n].clone()) for r in range(n)]
        for r, c, data in outgoing:
            chunks[(r + 1) % n][c] = data
            sent[r] += data.numel()
    return [torch.cat(c) for c in chunks], sent


def ring_mb_sent(ranks: int, gradient_mb: int) -> float:
    grads = [torch.randn(gradient_mb * 10) for _ in range(ranks)]  # 10 elements stand for 1 MB
    results, sent = ring_all_reduce(grads)
    total = torch.stack(grads).sum(0)
    assert all(torch.allclose(r, total, atol=1e-5) for r in results)  # every rank holds the full sum
    assert len(set(sent)) == 1
    return sent[0] / 10


def sharded_gb(parameters: float, ranks: int, bytes_per_param=sum(ADAM_MIXED_BYTES)) -> float:
    return parameters * bytes_per_param / ranks / 1e9


GRADS = [0.9, -0.3, 0.5, 0.1]  # distributed-allreduce-mean's four ranks


def ring_steps(ranks: int, gradient_mb: int) -> float:
    """Steps of a simulated ring all-reduce, from what each rank sends: each step sends one chunk of S / N."""
    return ring_mb_sent(ranks, gradient_mb) / (gradient_mb / ranks)


def first_rank() -> int:
    """The rank number the first process gets (the one that saves and whose weights DDP broadcasts)."""
    with tempfile.TemporaryDirectory() as folder:
        dist.init_process_group("gloo", init_method=f"file://{folder}/meeting", rank=0, world_size=1)
        try:
            return dist.get_rank()
        finally:
            dist.destroy_process_group()


def lab_mlp_params() -> int:
    """Parameters (so gradients) of the MLP each rank trains in the distributed lab, at its default size."""
    from dltutor.lab.exercises.distributed import Params
    from dltutor.lab.nets import count_params, mlp

    return count_params(mlp([64, Params().hidden, 10]))


RECOMPUTE = {
    "distributed-allreduce-mean": lambda: all_reduce_mean(GRADS),
    "distributed-effective-batch": lambda: 24 * (2 * 4) * 3,
    "distributed-linear-scaling": lambda: 0.05 * (768 / 128),
    "distributed-ring-bytes": lambda: ring_mb_sent(8, 400),
    "distributed-zero-memory": lambda: sharded_gb(3e9, 16),
}

# Every number an explanation or hint states beyond the prompt, the wrong paths included: recomputed here,
# or cited (explained_numbers.py).
EXPLAINED = {
    "distributed-allreduce-mean": {
        "1.2": lambda: len(GRADS) * all_reduce_mean(GRADS),  # the sum, before dividing by the world size
        "4": lambda: len(GRADS), "64": lambda: len(GRADS) * 16,
        "0.45": lambda: all_reduce_mean([abs(g) for g in GRADS]),  # −0.3 read as +0.3
    },
    "distributed-effective-batch": {
        "8": lambda: 2 * 4, "192": lambda: 24 * (2 * 4),  # accumulation forgotten
        "288": lambda: 24 * 4 * 3,  # one machine's GPUs only
        "72": lambda: 24 * 3,  # one process
    },
    "distributed-linear-scaling": {
        "6": lambda: 768 / 128, "0.4": lambda: 0.05 * 8,  # scaled by the GPUs, not the batch ratio
        "0.1225": lambda: 0.05 * math.sqrt(768 / 128),  # the square-root rule
    },
    "distributed-ring-bytes": {
        "50": lambda: 400 / 8,  # one chunk
        "14": lambda: ring_steps(8, 400), "7": lambda: ring_steps(8, 400) / 2,  # both phases, one phase
        "1": lambda: 8 - ring_steps(8, 400) / 2,  # the 1 of N − 1
        "2": lambda: ring_mb_sent(8, 400) / ((8 - 1) / 8 * 400),  # 2 · (N − 1)/N · S
        "350": lambda: ring_mb_sent(8, 400) / 2,  # one phase only
        # 2 · S, the limit for many ranks: 80 ranks already send within 10 MB of it
        "800": Derived(lambda: ring_mb_sent(80, 400), tolerance=10),
        "2,800": lambda: (8 - 1) * 400,  # the full gradient to each of the 7 other ranks
    },
    "distributed-zero-memory": {
        "48": lambda: sharded_gb(3e9, 1),  # unsharded
        "6": lambda: sharded_gb(3e9, 1, ADAM_MIXED_BYTES[0]),  # 16-bit weights only
        "12": lambda: sharded_gb(3e9, 1, sum(ADAM_MIXED_BYTES[:2])),  # 16-bit weights and gradients
    },
    "distributed-save-every-rank": {"0": first_rank},
    "distributed-collective-name": {"0": first_rank},
    "distributed-comm-share": {"10": Derived(lambda: lab_mlp_params() / 1000, tolerance=0.5)},  # "~10 k gradients"
}
FACTS = {
    "distributed-linear-scaling": {"2017": "Goyal et al., 'Accurate, Large Minibatch SGD: Training ImageNet in "
                                           "1 Hour', 2017 (arXiv:1706.02677)"},
    "distributed-identical-replicas": {"0": "the lab's max_rank_diff, measured in tests/lab/test_distributed.py"},
}

# The shared answer-key tests (see answer_key.py): every numeric key matches its recomputation, and every
# number in an explanation or hint is given, recomputed or cited.
globals().update(answer_key_tests("distributed", RECOMPUTE, explained=EXPLAINED, facts=FACTS))


def test_prompts_state_the_inputs_the_recomputations_use():
    assert_prompt_states("distributed", "distributed-allreduce-mean", "0.9, −0.3, 0.5 and 0.1", "Four ranks")
    assert_prompt_states("distributed", "distributed-effective-batch", "2 machines with 4 GPUs", "24", "3 micro")
    assert_prompt_states("distributed", "distributed-linear-scaling", "0.05", "128", "768")
    assert_prompt_states("distributed", "distributed-ring-bytes", "8 ranks", "400 MB")
    assert_prompt_states("distributed", "distributed-zero-memory", "3 billion", "16 GPUs", "2 + 2 + 4 + 4 + 4")


def test_lesson_numbers_the_text_computes():
    text = " ".join(LESSON.body.split())  # line breaks are layout, not content
    assert sharded_gb(7e9, 1) == 112 and sharded_gb(7e9, 8) == 14
    assert "7·10⁹ × 16 bytes = 112 GB" in text and "14 GB" in text
    assert 0.1 * 8 == 0.8 and "gives 0.8" in text
    assert math.isclose(0.05 * (2 * 256) / (2 * 32), 0.4) and "--set lr=0.4" in text  # the lab's defaults: lr 0.05
    assert -(-1438 // 3) == 480 and 3 * 480 - 1438 == 2 and "(480 each: 3 × 480 = 1,440" in text
    assert 1.0 - 0.1 * ((0.6 - 0.2) / 2) == 0.98 and 1.0 - 0.1 * -0.2 == 1.02
    assert sum(p.numel() for p in torch.nn.Sequential(torch.nn.Linear(64, 128), torch.nn.Linear(128, 10))
               .parameters()) == 9610 and "9,610" in text


def test_the_lessons_torchrun_script_trains_with_two_processes(tmp_path):
    block = next(b for b in re.findall(r"```python\n(.*?)```", LESSON.body, re.S) if "def main" in b)
    script = tmp_path / "ddp_digits.py"
    script.write_text(block)
    env = {**os.environ, "EPOCHS": "1", "OMP_NUM_THREADS": "1"}
    tails = []
    for _ in range(2):  # --standalone picks a free port that another process on a busy machine can take first
        done = subprocess.run([sys.executable, "-m", "torch.distributed.run", "--standalone", "--nproc_per_node=2",
                               str(script)], cwd=tmp_path, env=env, capture_output=True, text=True, timeout=240)
        if done.returncode == 0:
            break
        tails.append(done.stderr[-1500:])  # a real error in the script fails both tries, and both are shown
    assert done.returncode == 0, "\n---\n".join(tails)
    assert re.search(r"^0 \d+\.\d+", done.stdout, re.M)  # one line, printed by rank 0 only
    assert len(done.stdout.strip().splitlines()) == 1
    assert (tmp_path / "ddp_digits.pt").is_file()


def test_the_collective_is_recognised_in_the_words_learners_use():
    from dltutor.quiz.grading import grade_question

    question = LESSON.quiz.question("distributed-collective-name")
    for right in ("AllReduce", "ring all-reduce", "dist.all_reduce", "全归约", "全规约"):
        assert grade_question(question, right).points == 1, right
    for wrong in ("reduce", "all-gather", "broadcast", "reduce-scatter"):
        assert grade_question(question, wrong).points == 0, wrong
