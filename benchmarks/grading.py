"""Benchmark: grade N generated answer files (default 10,000) and check that time grows linearly.

    python benchmarks/grading.py [--files 10000] [--cli]

Generates a class's worth of answer files for the shipped lessons (80 % YAML, 20 % JSON;
answers right, partly right, wrong or skipped at random) in folders of 1,000, then times
the same pipeline as `dltutor grade DIR --format json` (walk, read, parse, check, grade,
report) on the first 1k, 2k, 5k and 10k files. Goal: >= 1,000 files/s on 2 cores.
"""

from __future__ import annotations

import argparse
import json
import random
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import yaml

from dltutor.content import load_course
from dltutor.content.models import MultipleQuestion, NumericQuestion, OrderQuestion, SingleQuestion, TextQuestion
from dltutor.quiz import correct_answer
from dltutor.settings import packaged_lessons_dir

PER_FOLDER = 1000


def random_answer(question, rng: random.Random):
    roll = rng.random()
    if roll < 0.1:
        return None
    if roll < 0.6:
        return correct_answer(question)
    if isinstance(question, SingleQuestion):
        return rng.choice(list(question.choices))
    if isinstance(question, MultipleQuestion):
        return rng.sample(list(question.choices), rng.randint(1, len(question.choices)))
    if isinstance(question, OrderQuestion):
        return rng.sample(list(question.choices), len(question.choices))
    if isinstance(question, NumericQuestion):
        return round(question.answer * rng.uniform(0.5, 1.5), 3)
    if isinstance(question, TextQuestion):
        return rng.choice(["i don't know", question.accepted[0].upper()])
    return rng.random() < 0.5  # truefalse


def generate(root: Path, n: int, course, seed: int = 0) -> list[Path]:
    rng = random.Random(seed)
    folders = []
    for i in range(n):
        folder = root / f"class{i // PER_FOLDER:03d}"
        if i % PER_FOLDER == 0:
            folder.mkdir(parents=True)
            folders.append(folder)
        lesson = rng.choice(course.lessons)
        sheet = {"learner": f"learner{i:05d}", "lesson": lesson.id,
                 "answers": {q.id: random_answer(q, rng) for q in lesson.quiz.questions}}
        if rng.random() < 0.2:
            (folder / f"s{i:05d}.json").write_text(json.dumps(sheet, ensure_ascii=False), encoding="utf-8")
        else:
            (folder / f"s{i:05d}.yaml").write_text(yaml.safe_dump(sheet, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return folders


def time_batch(course, folders: list[Path]) -> tuple[float, int, int]:
    from dltutor.cli.grade import grade_files
    from dltutor.quiz.reports import to_json

    start, cpu = time.perf_counter(), time.process_time()
    graded, errors = grade_files(course, [str(f) for f in folders])
    to_json(graded, errors)
    return time.process_time() - cpu, time.perf_counter() - start, len(graded), len(errors)


def _children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--files", type=int, default=10_000, help="files to generate (multiple of 1000)")
    parser.add_argument("--cli", action="store_true", help="also time `dltutor grade` end to end in a subprocess")
    args = parser.parse_args()

    course = load_course(packaged_lessons_dir())
    questions = sum(len(l.quiz.questions) for l in course.lessons)
    root = Path(tempfile.mkdtemp(prefix="dltutor-bench-"))
    try:
        t0 = time.perf_counter()
        folders = generate(root, args.files, course)
        print(f"generated {args.files} answer files for {len(course.lessons)} lessons ({questions} questions) "
              f"in {time.perf_counter() - t0:.1f} s")
        time_batch(course, folders[:1])  # warm up imports and the file cache
        # CPU time is what grading costs; wall time also counts waiting for a core on a busy machine.
        print(f"{'files':>7} {'cpu s':>7} {'files/s':>8} {'ms/file':>8}   {'wall s':>7} {'files/s':>8}")
        rows = []
        for k in sorted({1, 2, 5, len(folders)} & set(range(1, len(folders) + 1))):
            cpu, wall, graded, errors = min(time_batch(course, folders[:k]) for _ in range(2))  # best of 2
            assert graded == k * PER_FOLDER and errors == 0, (graded, errors)
            rows.append((graded, cpu))
            print(f"{graded:>7} {cpu:>7.2f} {graded / cpu:>8.0f} {1000 * cpu / graded:>8.3f}   "
                  f"{wall:>7.2f} {graded / wall:>8.0f}")
        (n_small, t_small), (n_big, t_big) = rows[0], rows[-1]
        ratio = (t_big / n_big) / (t_small / n_small)
        print(f"cpu time per file at {n_big} files / at {n_small} files = {ratio:.2f} (1.00 = perfectly linear)")
        if args.cli:
            start, child_cpu = time.perf_counter(), _children_cpu()
            proc = subprocess.run([sys.executable, "-m", "dltutor", "grade", str(root), "--format", "json",
                                   "-o", str(root / "report.json")], capture_output=True, text=True)
            wall, cpu = time.perf_counter() - start, _children_cpu() - child_cpu
            print(f"dltutor grade DIR --format json (a subprocess, startup included): {args.files} files, "
                  f"cpu {cpu:.2f} s = {args.files / cpu:.0f} files/s, wall {wall:.2f} s = {args.files / wall:.0f} files/s, "
                  f"exit {proc.returncode} (1 = some learners failed)")
    finally:
        shutil.rmtree(root, ignore_errors=True)


if __name__ == "__main__":
    main()
