"""The warm worker: a process with torch already imported that runs each check in a forked, limited child.

Started by `runner.Runner` as `python -m dltutor.drills.worker`; it speaks JSON lines:

  stdin   {"tasks": [{"checks": path, "learner": path, "timeout_s": s, "memory_mb": mb}, ...], "jobs": n}
  stdout  {"ready": true, "pid": ..., "mode": "fork"}             once, after the imports
          {"index": i, "result": {...}}                           one per task, as each finishes
          {"done": true}                                          after the last task of a batch

`import torch` takes seconds; a fork of this warm process takes milliseconds, and
each child is still its own process: its own memory, limits and process group, so a
crash, an endless loop or a 20 GB allocation ends that child and nothing else.

Why these details:
- torch runs with one intra-op thread here and never computes anything in the worker:
  a fork copies only the forking thread, so an OpenMP pool started before the fork
  would hang the child.
- the child gets stdin from /dev/null and stdout/stderr into a temporary file: the
  worker's own stdin/stdout carry the protocol, and the learner's `print`/`input`
  must never touch it.
- each child leads its own process group; the worker kills the whole group when the
  check ends, so processes the learner's code started do not outlive it.
- a process that leaves the group (setsid) is still ours: the worker is a child subreaper
  (Linux), so such orphans are re-parented to it and killed when the check ends; a check
  also ends when its child exits, even if such a process still holds the result pipe.
- stdin readable during a batch means the parent went away (EOF) or wants it to stop:
  the running children are killed at once (Ctrl-C in the CLI, the app closing).
"""

from __future__ import annotations

import contextlib
import importlib
import json
import os
import select
import signal
import sys
import tempfile
import time
from collections.abc import Iterator

from dltutor.i18n import LANGUAGES, _, language, use_language

OUTPUT_LIMIT = 4000  # characters of captured output returned with a result
FILE_SIZE_LIMIT = 64 * 2**20  # bytes a child may write to one file (a print loop must not fill the disk)
_OOM_WORDS = ("can't allocate memory", "cannot allocate memory", "memoryerror", "out of memory",
              "std::bad_alloc")


def _vm_size() -> int:
    """Bytes of address space this process has mapped now (Linux), else 0."""
    try:
        with open("/proc/self/statm") as f:
            return int(f.read().split()[0]) * os.sysconf("SC_PAGE_SIZE")
    except (OSError, ValueError, IndexError):
        return 0


def set_limits(timeout_s: float, memory_mb: int | None) -> None:
    """Limits for the process that runs learner code (called in that process)."""
    try:
        import resource
    except ImportError:  # Windows: only the parent's wall-clock limit applies
        return
    def limit(which: int, value: int) -> None:
        try:
            soft, hard = resource.getrlimit(which)
            value = value if hard == resource.RLIM_INFINITY else min(value, hard)
            resource.setrlimit(which, (value, hard))
        except (ValueError, OSError):
            pass  # a platform that does not enforce it: the wall-clock limit still holds

    if memory_mb and sys.platform.startswith("linux"):
        # RLIMIT_AS counts address space, and torch's libraries already map a lot of it:
        # allow what is mapped now plus the budget for the learner's tensors.
        limit(resource.RLIMIT_AS, _vm_size() + memory_mb * 2**20)
    # Backstops in case the parent dies: CPU seconds (SIGXCPU ends the process), and file size.
    # CPU time already used (a spawned interpreter's own start-up) is not the learner's.
    used = resource.getrusage(resource.RUSAGE_SELF)
    limit(resource.RLIMIT_CPU, int(used.ru_utime + used.ru_stime + timeout_s) + 2)
    limit(resource.RLIMIT_FSIZE, FILE_SIZE_LIMIT)
    limit(resource.RLIMIT_CORE, 0)
    signal.signal(signal.SIGXFSZ, signal.SIG_IGN)  # a too-big write raises OSError instead of killing


def load_judge(spec: str):
    module, name = spec.split(":", 1) if ":" in spec else (spec, "")
    return getattr(importlib.import_module(module), name)


@contextlib.contextmanager
def speaking(task: dict) -> Iterator[None]:
    """Within the block, feedback is in the task's language (the worker may have started in another
    one, and the spawn fallback runs finish() in the app itself); the language before is restored."""
    before = language()
    wanted = task.get("lang") or os.environ.get("DLTUTOR_LANG", before)
    switch = wanted in LANGUAGES and wanted != before
    if switch:
        use_language(wanted)
    try:
        yield
    finally:
        if switch:
            use_language(before)


def run_task(task: dict, judge) -> dict:
    """Judge one learner file in this process (a child) and return the judge's dict."""
    with speaking(task):
        try:
            return judge(task["checks"], task["learner"])
        except BaseException as exc:  # judge() promises not to raise; if it does, say so without a traceback
            return {"status": "error", "message": _("the drill checker failed: {error}").format(
                error=f"{type(exc).__name__}: {exc}"), "line": None}


def _child(task: dict, judge, result_w: int, out_fd: int) -> None:
    """In the forked child: isolate, limit, judge, write the result, exit. Never returns."""
    code = 0
    try:
        os.setpgid(0, 0)
        null = os.open(os.devnull, os.O_RDONLY)
        os.dup2(null, 0)
        os.dup2(out_fd, 1)
        os.dup2(out_fd, 2)
        sys.stdin = open(os.devnull, encoding="utf-8")  # the worker's buffered stdin holds protocol lines
        sys.stdout = open(1, "w", encoding="utf-8", errors="replace", buffering=1, closefd=False)
        sys.stderr = open(2, "w", encoding="utf-8", errors="replace", buffering=1, closefd=False)
        signal.signal(signal.SIGINT, signal.SIG_DFL)
        signal.signal(signal.SIGTERM, signal.SIG_DFL)
        learner_dir = os.path.dirname(os.path.abspath(task["learner"]))
        os.chdir(learner_dir)  # relative paths in the learner's code mean their own folder
        sys.path.insert(0, learner_dir)  # and `import my_helpers` finds a file beside it, as in a script
        set_limits(task["timeout_s"], task.get("memory_mb"))
        try:
            import torch

            torch.manual_seed(0)
        except ImportError:
            pass
        result = run_task(task, judge)
        data = json.dumps(result, default=str).encode()
        sys.stdout.flush()
        sys.stderr.flush()
        view = memoryview(data)
        while view:
            view = view[os.write(result_w, view):]
    except BaseException:
        code = 70
    finally:
        os._exit(code)


def _read_output(path_fd: int) -> str:
    try:
        os.lseek(path_fd, 0, os.SEEK_SET)
        raw = os.read(path_fd, OUTPUT_LIMIT * 4 + 4)
    except OSError:
        return ""
    text = raw.decode("utf-8", errors="replace")
    return text if len(text) <= OUTPUT_LIMIT else text[:OUTPUT_LIMIT] + "\n… " + _("(output cut)")


def _is_oom(result: dict) -> bool:
    text = " ".join(str(result.get(k) or "") for k in ("message", "actual")).lower()
    return any(word in text for word in _OOM_WORDS)


def finish(result: dict | None, *, timed_out: bool, exit_status: int, output: str, task: dict,
           duration_s: float) -> dict:
    """The judge's result, or what to say when there is none (timeout, crash), plus output and time."""
    with speaking(task):
        return _finish(result, timed_out=timed_out, exit_status=exit_status, output=output, task=task,
                       duration_s=duration_s)


def _finish(result: dict | None, *, timed_out: bool, exit_status: int, output: str, task: dict,
            duration_s: float) -> dict:
    timeout_s, memory_mb = task["timeout_s"], task.get("memory_mb")
    if timed_out:
        result = {"status": "timeout", "message": _(
            "Your code ran longer than the time limit ({seconds} s) and was stopped. "
            "Look for a loop that never ends (a `while` whose condition never becomes false), "
            "or work on whole tensors instead of element by element.").format(seconds=f"{timeout_s:g}"),
            "line": None}
    elif result is None:
        sig = -exit_status if exit_status < 0 else None
        if sig == getattr(signal, "SIGKILL", 9):
            message = _("Your code did not finish: it was killed: most likely it ran out of memory "
                        "(limit about {mb} MB). Look for a tensor far bigger than the task needs.").format(mb=memory_mb)
        elif sig == getattr(signal, "SIGXCPU", None):
            message = _("Your code did not finish: it used more CPU time than the limit allows. "
                        "Look for a loop that never ends.")
        elif sig:
            message = _("Your code did not finish: it crashed (signal {signal}).").format(
                signal=signal.Signals(sig).name)
        else:
            message = _("Your code did not finish: it ended the process (exit code {code}) before the checks "
                        "finished: remove `os._exit(...)` or similar calls from your file.").format(code=exit_status)
        result = {"status": "error", "message": message, "line": None}
    elif result.get("status") == "error" and _is_oom(result):
        line = result.get("line")
        text = (_("Your code ran out of memory (line {line}): it asked for more than the limit of about {mb} MB.")
                if line else _("Your code ran out of memory: it asked for more than the limit of about {mb} MB."))
        result = {**result, "message": (
            text.format(line=line, mb=memory_mb) + " "
            + _("Look for a tensor far bigger than the task needs (a wrong shape, or an outer product by mistake).")
            + "\n" + str(result.get("message") or ""))}
    result = dict(result)
    result.setdefault("status", "error")
    result["output"] = output
    result["duration_s"] = round(duration_s, 4)
    return result


class _Running:
    def __init__(self, index: int, task: dict, pid: int, result_r: int, out_fd: int):
        self.index, self.task, self.pid, self.result_r, self.out_fd = index, task, pid, result_r, out_fd
        self.start = time.monotonic()
        self.deadline = self.start + float(task["timeout_s"])
        self.data = bytearray()
        self.wait_status: int | None = None  # set once the child is reaped

    def read(self) -> bool:
        """Read what the pipe holds now; False at end of file."""
        while True:
            try:
                chunk = os.read(self.result_r, 65536)
            except BlockingIOError:
                return True
            if not chunk:
                return False
            self.data += chunk

    def exited(self) -> bool:
        if self.wait_status is None:
            pid, status = os.waitpid(self.pid, os.WNOHANG)
            if pid:
                self.wait_status = status
        return self.wait_status is not None


def _kill_group(pid: int) -> None:
    try:
        os.killpg(pid, signal.SIGKILL)
    except (ProcessLookupError, PermissionError):
        pass


def become_subreaper() -> bool:
    """Linux: orphans of our children (a learner's process that left its group with setsid) are
    re-parented to this worker instead of init, so sweep() can stop them."""
    try:
        import ctypes

        libc = ctypes.CDLL(None, use_errno=True)
        return libc.prctl(36, 1, 0, 0, 0) == 0  # PR_SET_CHILD_SUBREAPER
    except (OSError, AttributeError):
        return False


def sweep(keep: set[int]) -> None:
    """Kill and reap every child of this worker that is not a running check (strays, zombies)."""
    try:
        tids = os.listdir("/proc/self/task")
    except OSError:
        return
    for tid in tids:
        try:
            with open(f"/proc/self/task/{tid}/children") as f:
                children = [int(p) for p in f.read().split()]
        except (OSError, ValueError):
            continue
        for pid in children:
            if pid in keep:
                continue
            try:
                os.kill(pid, signal.SIGKILL)
                os.waitpid(pid, 0)
            except (ProcessLookupError, ChildProcessError):
                pass


def _start(index: int, task: dict, judge) -> _Running:
    result_r, result_w = os.pipe()
    os.set_blocking(result_r, False)
    out_fd, out_path = tempfile.mkstemp(prefix="dltutor-drill-out-")
    os.unlink(out_path)  # the open descriptor keeps it; nothing is left on disk afterwards
    sys.stdout.flush()
    pid = os.fork()
    if pid == 0:
        os.close(result_r)
        _child(task, judge, result_w, out_fd)
    os.close(result_w)
    try:
        os.setpgid(pid, pid)  # also here: no race with the child's own setpgid before a kill
    except OSError:
        pass
    return _Running(index, task, pid, result_r, out_fd)


def _end(run: _Running, timed_out: bool) -> dict:
    _kill_group(run.pid)  # the group outlives the child only if the learner's code started processes
    if run.wait_status is None:
        run.wait_status = os.waitpid(run.pid, 0)[1]
    exit_status = os.waitstatus_to_exitcode(run.wait_status)
    if not timed_out:
        run.read()  # the last bytes, when the child exited before its pipe reached end of file
    os.close(run.result_r)
    output = _read_output(run.out_fd)
    os.close(run.out_fd)
    result = None
    if not timed_out and run.data:
        try:
            result = json.loads(run.data.decode("utf-8", errors="replace"))
        except ValueError:
            result = None
    return finish(result, timed_out=timed_out, exit_status=exit_status, output=output, task=run.task,
                  duration_s=time.monotonic() - run.start)


EXIT_POLL_S = 0.1  # how often to look for a child that exited while something else holds its pipe open


def run_batch(tasks: list[dict], jobs: int, judge, emit, stop_fd: int | None = None) -> bool:
    """Run tasks, at most `jobs` at a time, calling emit(index, result) as each ends.

    A check ends when its child closes the result pipe or exits (a process the learner's
    code started may hold the pipe open), or at its deadline. Returns False when stop_fd
    became readable (the parent closed the pipe or asked to stop): then every running
    child has been killed and the remaining tasks were not run.
    """
    pending = list(enumerate(tasks))
    running: dict[int, _Running] = {}
    try:
        while pending or running:
            while pending and len(running) < max(1, jobs):
                index, task = pending.pop(0)
                run = _start(index, task, judge)
                running[run.result_r] = run
            now = time.monotonic()
            wait = max(0.0, min(min(r.deadline for r in running.values()) - now, EXIT_POLL_S))
            fds = list(running) + ([stop_fd] if stop_fd is not None else [])
            ready = select.select(fds, [], [], wait)[0]
            if stop_fd is not None and stop_fd in ready:
                return False
            now = time.monotonic()
            for fd, run in list(running.items()):
                at_eof = fd in ready and not run.read()
                if at_eof or run.exited():
                    del running[fd]
                    emit(run.index, _end(run, timed_out=False))
                elif now >= run.deadline:
                    del running[fd]
                    emit(run.index, _end(run, timed_out=True))
            sweep({r.pid for r in running.values()})
        return True
    finally:
        for run in running.values():
            _kill_group(run.pid)
            if run.wait_status is None:
                os.waitpid(run.pid, 0)
            os.close(run.result_r)
            os.close(run.out_fd)
        sweep(set())


def main_one(task_file: str) -> int:
    """Spawn fallback (no fork): judge one task in this fresh process; the result goes to a file
    because stdout belongs to the learner's prints."""
    with open(task_file, encoding="utf-8") as f:
        task = json.load(f)
    sys.stdin = open(os.devnull, encoding="utf-8")
    judge = load_judge(task.get("judge", "dltutor.drills.judge:judge"))
    import torch  # before the limits: torch's own address space is not the learner's budget

    torch.set_num_threads(1)
    os.chdir(os.path.dirname(os.path.abspath(task["learner"])))
    sys.path.insert(0, os.getcwd())
    set_limits(task["timeout_s"], task.get("memory_mb"))
    result = run_task(task, judge)
    sys.stdout.flush()
    with open(task["result_file"], "w", encoding="utf-8") as f:
        json.dump(result, f, default=str)
    return 0


def main() -> int:
    if len(sys.argv) > 2 and sys.argv[1] == "--one":
        return main_one(sys.argv[2])
    judge_spec = sys.argv[1] if len(sys.argv) > 1 else "dltutor.drills.judge:judge"
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # the parent decides when to stop (it closes stdin)
    import torch

    torch.set_num_threads(1)
    judge = load_judge(judge_spec)
    warmed = False

    def warm() -> None:
        # The first optimizer step imports torch._dynamo (~900 modules, 3-5 s): imported once here, a
        # child that steps an optimizer (momentum, train-epoch, GAN drills) starts with it loaded. Done
        # when idle or before a batch, never before a single waiting check (that one may not need it).
        # Only imports: no tensor work happens in the worker (see the module docstring).
        nonlocal warmed
        if not warmed:
            import torch._dynamo  # noqa: F401
            import torch.utils.data  # noqa: F401
            warmed = True

    out = sys.stdout

    def send(message: dict) -> None:
        out.write(json.dumps(message) + "\n")
        out.flush()

    become_subreaper()
    send({"ready": True, "pid": os.getpid(), "mode": "fork"})
    stdin = sys.stdin.buffer.raw  # unbuffered, so select() on fd 0 tells the truth
    buffer = b""
    while True:
        if not warmed and b"\n" not in buffer and not select.select([stdin.fileno()], [], [], 0)[0]:
            warm()  # nothing to do now: get ready for the drills that train
        while b"\n" not in buffer:
            chunk = os.read(stdin.fileno(), 65536)
            if not chunk:
                return 0
            buffer += chunk
        line, buffer = buffer.split(b"\n", 1)
        if not line.strip():
            continue
        request = json.loads(line)
        if request.get("stop"):  # a stop that arrived after its batch had ended anyway
            continue
        tasks = request.get("tasks", [])
        if len(tasks) > 1:
            warm()
        finished = run_batch(tasks, int(request.get("jobs", 1)), judge,
                             lambda i, r: send({"index": i, "result": r}),
                             stop_fd=None if buffer else stdin.fileno())
        if not finished:
            chunk = os.read(stdin.fileno(), 65536)
            if not chunk:
                return 0
            buffer += chunk  # the stop request's line; the loop skips it
        send({"done": True, "finished": finished})


if __name__ == "__main__":
    code = main()
    sys.stdout.flush()
    os._exit(code)  # skip torch's slow interpreter teardown: nothing is left to save
