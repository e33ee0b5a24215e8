"""`dltutor drill ...`: code drills. The learner writes the PyTorch; hidden checks explain what is wrong.

The learner's code never runs in this process: checks go to a warm worker process
(dltutor/drills/runner.py) that is started first, so torch imports there while this
process finds the workspace and the drills.
"""

from __future__ import annotations

import itertools
import json
import re
import textwrap
from pathlib import Path
from typing import List, Optional

import typer
from rich.cells import cell_len
from rich.markup import escape
from rich.text import Text

from dltutor.cli.app import app, console, err_console, fail, lessons_root
from dltutor.i18n import N_, _
from dltutor.i18n.oserror import os_reason

drill_app = typer.Typer(
    help=_("Code drills: write small pieces of PyTorch yourself; dltutor checks them and explains mistakes.\n\n"
           "Start with `dltutor drill init`, then edit the files and run `dltutor drill watch` (or `check`)."),
    no_args_is_help=False,
)
app.add_typer(drill_app, name="drill")

WORKSPACE_HELP = _("The drills folder (default: the current folder or one above it, or ./dltutor-drills; "
                   "env DLTUTOR_DRILLS).")

_STYLE = {"passed": "bold green", "failing": "red", "failed": "red", "error": "red", "timeout": "red",
          "edited": "yellow", "not started": "dim", "missing": "magenta"}
_MARK = {"passed": "✓", "failed": "✗", "error": "✗", "timeout": "⏱", "not started": "·"}
# Statuses are values of the JSON too: shown in the learner's language, kept in English for programs.
_WORD = {"passed": N_("passed"), "failing": N_("failing"), "failed": N_("failed"), "error": N_("error"),
         "timeout": N_("timeout"), "edited": N_("edited"), "not started": N_("not started"), "missing": N_("missing")}


def status_word(status: str) -> str:
    """A drill status as the learner reads it (an unknown one as it is)."""
    return _(_WORD[status]) if status in _WORD else status


def _workspace_option():
    return typer.Option(None, "--workspace", "-w", metavar="DIR", help=WORKSPACE_HELP)


def _timeout_option():
    return typer.Option(10.0, "--timeout", min=0.1, metavar="S", help=_("Time limit per drill, in seconds."))


def _memory_option():
    return typer.Option(2048, "--memory", min=0, metavar="MB",
                        help=_("Memory your code may allocate, in MB (0: no limit; enforced on Linux only)."))


# -- loading --------------------------------------------------------------------------

def make_runner():
    """The runner for one command (tests hand in a shared warm one)."""
    from dltutor.drills.runner import Runner

    return Runner()


def load_bank_drills() -> list:
    """Every drill in roadmap order, or exit 2 naming the broken drill file."""
    from dltutor.drills.catalog import DrillBankError, load_drills
    from dltutor.settings import drill_bank_dir

    bank = drill_bank_dir()
    try:
        return load_drills(bank=bank, lessons_root=lessons_root())
    except DrillBankError as exc:
        fail(_("drill bank: {error}").format(error=exc))
    except OSError as exc:
        fail(_("cannot read the drill bank {bank}: {reason}").format(bank=bank, reason=os_reason(exc)))


class _Group:
    workspace: Optional[Path] = None  # the -w given to `dltutor drill` itself, set by its callback below


def group_workspace() -> Optional[Path]:
    """The -w given to `dltutor drill` itself (`dltutor drill -w DIR check`): it names the workspace of
    whichever command follows, as much as the command's own -w does."""
    return _Group.workspace


def find_workspace(explicit: Optional[Path]):
    from dltutor.drills.workspace import Workspace, WorkspaceError

    explicit = explicit or group_workspace()
    try:
        ws = Workspace.find(explicit)
        ws.load()  # a broken state file is reported here, once, as one line
        return ws
    except WorkspaceError as exc:
        fail(str(exc))


def resolve(names: list[str], drills: list, ws=None) -> list:
    """Drills named by id, by lesson id (all its drills) or by file path; exit 2 with a did-you-mean."""
    from dltutor.content.models import did_you_mean

    chosen = []
    for name in names:
        by_id = [d for d in drills if d.id == name]
        by_lesson = [d for d in drills if d.lesson == name]
        # A file path, from the current folder or from the workspace (as `list` shows them).
        by_path = ([ws.drill_at(Path(name), drills) or ws.drill_at(ws.root / name, drills)]
                   if ws is not None and name.endswith(".py") else [])
        found = by_id or by_lesson or [d for d in by_path if d is not None]
        if not found:
            known = [d.id for d in drills] + sorted({d.lesson for d in drills})
            fail(_("unknown drill '{name}'{suggestion}; `dltutor drill list` shows them all").format(
                name=name, suggestion=did_you_mean(name, known)))
        chosen += [d for d in found if d not in chosen]
    return chosen


def _limits_note() -> None:
    from dltutor.drills.runner import LIMITS_NOTE

    if LIMITS_NOTE:  # macOS, Windows: say once what is not protected
        err_console.print("[dim]" + _("note: {note}").format(note=_(LIMITS_NOTE)) + "[/]", highlight=False,
                          soft_wrap=True)


def _open_store():
    from dltutor.progress import open_store

    store = open_store()
    if store.warning:
        err_console.print(_("[yellow]warning:[/] {message}").format(message=escape(store.warning)), highlight=False,
                          soft_wrap=True)
    return store


# -- showing results ------------------------------------------------------------------

_LABEL = re.compile(r"[a-z]+: +")  # 'expected: ' in a teaching message
_ZH_LABEL = re.compile(r"[^\W\d_]{1,6}： *")  # '期望：' in a Chinese one
_CODE = re.compile(r" *\d+ \| ")  # '  31 | return x' — the learner's line, never re-wrapped


def _say(out, text: str, indent: int, style: str = "") -> None:
    """Print one message line at `indent`; on a terminal, word-wrapped under its label.

    Without this the terminal itself cut lines mid-word ("float3" / "2"), hard to read
    in a second language. Piped output keeps one line per message line (for scripts).
    """
    lead = " " * indent
    if not out.is_terminal or _CODE.match(text):
        out.print(Text(lead + text, style), soft_wrap=True)
        return
    label = _LABEL.match(text) or _ZH_LABEL.match(text)
    hang = lead + " " * (cell_len(label.group()) if label else 0)
    width = max(out.width - 1, 40)
    if cell_len(text) != len(text):  # wide (Chinese) characters: textwrap counts characters, not cells
        lines = Text(text).wrap(out, width - len(hang))  # Chinese line breaking (i18n.linebreak)
        out.print(Text(lead + "\n".join([lines[0].plain] + [hang + line.plain for line in lines[1:]]), style),
                  soft_wrap=True)
        return
    out.print(Text(textwrap.fill(text, width, initial_indent=lead, subsequent_indent=hang,
                                 break_long_words=False, break_on_hyphens=False), style), soft_wrap=True)


def result_json(ws, drill, result: dict) -> dict:
    from dltutor.drills.checking import RESULT_KEYS

    return {"id": drill.id, "lesson": drill.lesson, "title": drill.title, "path": ws.relative(drill),
            **{k: result.get(k) for k in RESULT_KEYS}}


def _with_command(out, before: Text, command: str, after: str = "") -> None:
    """'before command after' on one line; where a terminal is too narrow, the command on its own line.

    Wrapped in the middle, a command cannot be copied into the shell.
    """
    line = Text.assemble(before, (command, "bold"), after)
    if out.is_terminal and line.cell_len > out.width:
        head = before.copy()
        head.rstrip()  # in place
        out.print(Text.assemble(head, after), soft_wrap=True)
        out.print(Text.assemble("    ", (command, "bold")), soft_wrap=True)
    else:
        out.print(line, soft_wrap=True)


def _assemble(template: str, **parts) -> Text:
    """A translated sentence as Rich Text: each {name} replaced by its part, a plain string or (text, style).

    The sentence keeps the word order of its language; only the parts carry style.
    """
    import string

    text = Text()
    for literal, field, _spec, _conversion in string.Formatter().parse(template):
        text.append(literal)
        if field is not None:
            part = parts[field]
            text.append(*part) if isinstance(part, tuple) else text.append(str(part))
    return text


def print_result(ws, drill, result: dict, out=None) -> None:
    """The teacher's answer: what failed, on which input, expected vs actual, and what to do next."""
    out = out or console
    status = result["status"]
    head = Text.assemble((f"{_MARK.get(status, '?')} ", _STYLE.get(status, "")), (drill.id, "bold"), " ",
                         (status_word(status), _STYLE.get(status, "")))
    total, passed = result.get("total") or 0, result.get("passed") or 0
    if status == "passed":
        head.append(_(": all {total} checks").format(total=total) if total else "")
    elif status == "failed" and total:
        head.append(_(" at check {n} of {total}").format(n=passed + 1, total=total))
    duration = result.get("duration_s")
    if duration:
        head.append(_("  ({seconds} s)").format(seconds=f"{duration:.2f}"), "dim")
    out.print(head, soft_wrap=True)
    if status != "passed":
        for line in (result.get("message") or "").splitlines():
            _say(out, line, 4)
    printed = (result.get("output") or "").rstrip("\n")
    if printed and status not in ("passed", "not started"):  # prints help debugging; after a pass they are noise
        lines = printed.splitlines()
        out.print(Text(_("  your code printed (last 15 lines):") if len(lines) > 15 else _("  your code printed:"),
                       "dim"))
        for line in lines[-15:]:
            cut = line if len(line) <= 200 else line[:200] + " …"
            out.print(Text("    " + cut, "dim"), soft_wrap=True)
    if status not in ("passed", "not started") and ws.path_of(drill).exists():
        entry = ws.entry(drill)
        hints = _("{seen} of {total} hints seen").format(seen=entry.hints_shown, total=len(drill.hints))
        _with_command(out, _assemble(_("  edit {file} and save; stuck? "), file=(ws.relative(drill), "cyan")),
                      f"dltutor drill hint {drill.id}", _(" ({hints_seen})").format(hints_seen=hints))
        if ws.solution_allowed(drill):
            _with_command(out, Text(_("  the reference solution is open to you: ")),
                          f"dltutor drill solution {drill.id}")


def print_next(ws, drills: list, out=None) -> None:
    out = out or console
    nxt = ws.next_drill(drills)
    if nxt is None:
        out.print(_("[bold green]Every drill passed. Well done![/]"))
        return
    out.print(_assemble(_("Next: {id} — {title}  {file}"), id=(nxt.id, "bold cyan"), title=nxt.title,
                        file=(ws.relative(nxt), "cyan")), soft_wrap=True)


# -- commands -------------------------------------------------------------------------

@drill_app.callback(invoke_without_command=True)
def drill_root(ctx: typer.Context, workspace: Optional[Path] = _workspace_option(),
               as_json: bool = typer.Option(False, "--json", help=_("Print the list as JSON."))) -> None:
    """With no command: the list of drills, your status, and the next one."""
    _Group.workspace = workspace  # runs before any subcommand: its -w counts for that command too
    if ctx.invoked_subcommand is None:
        list_drills(workspace, as_json)


@drill_app.command("init", help=_("Make a drills workspace: one folder per lesson, one file per drill.\n\n"
                                   "Running it again never overwrites your work: it only adds drills that are new."))
def init(directory: Optional[Path] = typer.Argument(None, metavar="[DIR]",
                                                    help=_("Where to make the workspace (default ./dltutor-drills)."))
         ) -> None:
    from dltutor.drills.workspace import Workspace, WorkspaceError

    directory = directory or group_workspace() or Path("dltutor-drills")  # `dltutor drill -w DIR init` too

    drills = load_bank_drills()
    try:
        ws, created, kept = Workspace.init(directory, drills)
    except WorkspaceError as exc:
        fail(str(exc), 1)
    console.print(_("Drills workspace: [bold]{folder}[/] — {created} new file(s), {kept} of yours kept unchanged.")
                  .format(folder=escape(str(ws.root)), created=len(created), kept=len(kept)),
                  highlight=False, soft_wrap=True)
    first = ws.next_drill(drills)
    if first is not None:
        console.print(_assemble(_("Start with {file}: read the task in its docstring and fill in the code."),
                                file=(ws.relative(first), "cyan")), soft_wrap=True)
    inside = Path.cwd().resolve() == ws.root.resolve()
    then = (_("Then run [bold]dltutor drill watch[/] (checks each file when you save it) or [bold]dltutor drill "
              "check[/].") if inside else
            _("Then `cd {folder}` and run [bold]dltutor drill watch[/] (checks each file when you save it) or "
              "[bold]dltutor drill check[/].").format(folder=escape(str(ws.root))))
    console.print(then, highlight=False, soft_wrap=True)


@drill_app.command("list", help=_(
    "Every drill in roadmap order with its status, and the next one to do.\n\n"
    "Status: not started, edited, failing, passed (missing: the file was deleted). `edited` means changed since its "
    "last check. --json: a list of objects with id, lesson, title, path (relative to the workspace), status, "
    "hints_shown, failed_checks, passed_before, next."))
def list_drills(workspace: Optional[Path] = _workspace_option(),
                as_json: bool = typer.Option(False, "--json", help=_("Print a JSON list of objects."))) -> None:
    """Every drill in roadmap order with its status, and the next one to do (the command's help says more)."""
    from rich.table import Table

    drills = load_bank_drills()
    ws = find_workspace(workspace)
    entries = ws.entries(drills)
    nxt = next((e.id for e in entries if e.status != "passed"), None)
    if as_json:
        print(json.dumps([{**e.to_dict(), "next": e.id == nxt} for e in entries], ensure_ascii=False, indent=1))
        return
    from rich import box

    table = Table(title=_("Drills in {folder}").format(folder=escape(str(ws.root))), title_justify="left",
                  header_style="bold", box=box.SIMPLE_HEAD, pad_edge=False)
    table.add_column("", width=1, no_wrap=True)
    table.add_column(_("drill"), no_wrap=True)
    table.add_column(_("status"), no_wrap=True)
    table.add_column(_("title"), ratio=1, overflow="fold")  # wraps (a Chinese title folds); the id and status never do
    for e in entries:
        table.add_row("→" if e.id == nxt else "", e.id, f"[{_STYLE.get(e.status, '')}]{status_word(e.status)}[/]",
                      escape(e.title))
    console.print(table)
    passed = sum(e.status == "passed" for e in entries)
    console.print(_("{passed}/{total} passed.").format(passed=passed, total=len(entries)), highlight=False)
    print_next(ws, drills)
    console.print("[dim]dltutor drill watch · check [ID] · hint ID · solution ID · reset ID[/]")


@drill_app.command("check", help=_(
    "Run the hidden checks on your drill files and explain the first failure.\n\n"
    "With no ID: the next drill (the first one in roadmap order that has not passed), as rustlings does.\n"
    "Your code runs in a separate process with a time and memory limit.\n"
    "Exit 0 all passed, 1 some did not pass, 2 usage errors.\n\n"
    "--json objects: id, lesson, title, path, status (passed, failed, error, timeout, not started),\n"
    "passed/total checks, check, case, expected, actual, advice, message, line, output, duration_s."))
def check(
    names: Optional[List[str]] = typer.Argument(None, metavar="[ID...]", help=_(
        "Drill ids, lesson ids or drill files (default: the next drill).")),
    all_: bool = typer.Option(False, "--all", "-a", help=_("Check every drill (untouched ones count as not started).")),
    workspace: Optional[Path] = _workspace_option(),
    as_json: bool = typer.Option(False, "--json", help=_("Print a JSON list: one object per drill.")),
    timeout: float = _timeout_option(),
    memory: int = _memory_option(),
) -> None:
    from dltutor.drills.checking import check_drills
    from dltutor.drills.runner import RunnerError

    runner = make_runner().start()  # torch imports in the worker while we read the workspace
    try:
        drills = load_bank_drills()
        ws = find_workspace(workspace)
        if names and all_:
            fail(_("give drill ids or --all, not both"))
        if names:
            chosen = resolve(names, drills, ws)
        elif all_:
            chosen = drills
        else:
            nxt = ws.next_drill(drills)
            if nxt is None:
                if as_json:
                    print("[]")
                else:
                    console.print(_("[bold green]Every drill passed.[/] `dltutor drill check --all` checks them "
                                    "again."))
                return
            chosen = [nxt]
        store = _open_store()
        if not as_json:
            _limits_note()
        results = []
        try:
            for drill, result in check_drills(ws, chosen, runner, store=store, timeout_s=timeout,
                                              memory_mb=memory or None, jobs=2 if len(chosen) > 1 else 1):
                results.append(result)
                if as_json:
                    continue
                print_result(ws, drill, result)
        except RunnerError as exc:
            fail(_("could not run the checks: {error}").format(error=exc), 1)
        finally:
            store.close()
        if as_json:
            print(json.dumps([result_json(ws, d, r) for d, r in zip(chosen, results)], ensure_ascii=False, indent=1))
        else:
            counts: dict[str, int] = {}
            for r in results:
                counts[r["status"]] = counts.get(r["status"], 0) + 1
            if len(results) > 1:
                console.print(", ".join(f"{n} {status_word(s)}" for s, n in counts.items()), highlight=False)
            if all(r["status"] == "passed" for r in results):
                print_next(ws, drills)
        raise typer.Exit(0 if all(r["status"] == "passed" for r in results) else 1)
    except KeyboardInterrupt:
        err_console.print(_("stopped: the running check was cancelled and not recorded"), highlight=False)
        raise typer.Exit(130)
    finally:
        runner.close()


@drill_app.command("watch", help=_("Check each drill file the moment you save it, and move on to the next drill when "
                                    "it passes.\n\nPress Ctrl-C to stop."))
def watch(workspace: Optional[Path] = _workspace_option(), timeout: float = _timeout_option(),
          memory: int = _memory_option()) -> None:
    from dltutor.drills.checking import check_drills
    from dltutor.drills.runner import RunnerError
    from dltutor.drills.watch import watch_checks

    runner = make_runner().start()
    store = None
    try:
        drills = load_bank_drills()
        ws = find_workspace(workspace)
        store = _open_store()
        _limits_note()
        with console.status(_("Starting the checker (loading PyTorch)…")):
            runner.wait_ready()
        console.print(_("Watching [bold]{folder}[/]: save a drill file to check it. Press Ctrl-C to stop.").format(
            folder=escape(str(ws.root))), highlight=False, soft_wrap=True)
        current = ws.next_drill(drills)
        print_next(ws, drills)
        first = []
        if current is not None and ws.entry(current).status in ("edited", "failing"):
            # The next drill was changed since its last check: say where it stands at once.
            first = check_drills(ws, [current], runner, store=store, timeout_s=timeout, memory_mb=memory or None)
        saves = watch_checks(ws, drills, runner, store=store, timeout_s=timeout, memory_mb=memory or None)
        for n, (drill, result) in enumerate(itertools.chain(first, saves)):
            if n:
                console.rule(style="dim")
            print_result(ws, drill, result)
            if result["status"] == "passed":
                nxt = ws.next_drill(drills)
                if nxt is not current or nxt is None:  # moved on, as rustlings does
                    current = nxt
                    print_next(ws, drills)
    except RunnerError as exc:
        fail(_("could not run the checks: {error}").format(error=exc), 1)
    except KeyboardInterrupt:
        console.print("\n" + _("Stopped watching."))
    finally:
        runner.close()
        if store is not None:
            store.close()


@drill_app.command("hint", help=_("Show one more hint for a drill each time (three tiers: a nudge, the method, "
                                   "nearly the answer)."))
def hint(name: Optional[str] = typer.Argument(None, metavar="[ID]", help=_("Drill id (default: the next drill).")),
         workspace: Optional[Path] = _workspace_option()) -> None:
    from dltutor.drills.workspace import WorkspaceError

    drills = load_bank_drills()
    ws = find_workspace(workspace)
    drill = resolve([name], drills, ws)[0] if name else ws.next_drill(drills)
    if drill is None:
        console.print(_("Every drill passed: no hint needed."))
        return
    try:
        tier, text = ws.next_hint(drill)
    except WorkspaceError as exc:
        fail(str(exc), 1)
    console.print(_assemble(_("{hint} for {id}:"), hint=(_("Hint {n} of {total}").format(
        n=tier, total=len(drill.hints)), "bold"), id=drill.id))
    _say(console, text, 2)
    if tier == len(drill.hints):
        # The command on a line of its own: wrapped in the middle it cannot be copied.
        console.print(_("[dim]That was the last hint. The reference solution opens after a pass or 3 failed "
                        "checks:[/]"), highlight=False)
        console.print(f"  dltutor drill solution {drill.id}", highlight=False, soft_wrap=True)
    else:
        console.print(_("[dim]Run it again for the next hint.[/]"))


@drill_app.command("solution", help=_("The reference solution with an explanation: open once you passed the drill "
                                       "or after 3 failed checks."))
def solution(name: Optional[str] = typer.Argument(None, metavar="[ID]", help=_("Drill id (default: the next drill).")),
             now: bool = typer.Option(False, "--now", help=_("Show it even before you have passed or tried 3 times.")),
             workspace: Optional[Path] = _workspace_option()) -> None:
    from rich.markdown import Markdown
    from rich.syntax import Syntax

    from dltutor.drills.workspace import SOLUTION_AFTER_FAILS

    drills = load_bank_drills()
    ws = find_workspace(workspace)
    drill = resolve([name], drills, ws)[0] if name else ws.next_drill(drills)
    if drill is None:
        fail(_("every drill is passed: name the drill whose solution you want to see"))
    if not now and not ws.solution_allowed(drill):
        failed = ws.entry(drill).failed_checks
        err_console.print(
            _("The solution of {id} opens once you pass it or after {fails} failed checks (you have {failed}). "
              "Try `dltutor drill hint {id}` first, or add --now to see it anyway.").format(
                id=drill.id, fails=SOLUTION_AFTER_FAILS, failed=failed),
            highlight=False, soft_wrap=True, markup=False)
        raise typer.Exit(1)
    console.print(Text(_("Reference solution: {id} — {title}").format(id=drill.id, title=drill.title), "bold"))
    console.print(Syntax(drill.solution_path.read_text(encoding="utf-8"), "python", line_numbers=False,
                         word_wrap=True))
    console.print(Markdown(drill.explanation))  # Chinese breaks between characters: see dltutor.i18n.linebreak


@drill_app.command("reset", help=_("Put a drill's starter file back; your version is copied to .backups/ first. "
                                    "Asks unless --yes."))
def reset(name: str = typer.Argument(..., metavar="ID", help=_("Drill id.")),
          yes: bool = typer.Option(False, "--yes", "-y", help=_("Do not ask (for scripts).")),
          workspace: Optional[Path] = _workspace_option()) -> None:
    from dltutor.drills.workspace import WorkspaceError

    drills = load_bank_drills()
    ws = find_workspace(workspace)
    drill = resolve([name], drills, ws)[0]
    if not yes:
        try:
            confirmed = typer.confirm(_("Replace {file} with the starter? (your file is kept in .backups/)").format(
                file=ws.relative(drill)), default=False)
        except typer.Abort:  # end of input
            console.print()
            confirmed = False
        if not confirmed:
            err_console.print(_("Nothing changed (pass --yes to skip this question)."), highlight=False)
            raise typer.Exit(1)
    try:
        backup = ws.reset(drill)
    except WorkspaceError as exc:
        fail(str(exc), 1)
    done = (_("{file} is the starter again; your version is in {backup}.").format(
        file=ws.relative(drill), backup=backup.relative_to(ws.root)) if backup
            else _("{file} is the starter again.").format(file=ws.relative(drill)))
    console.print(done, highlight=False, soft_wrap=True, markup=False)
