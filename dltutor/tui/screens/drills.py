"""A lesson's code drills: status of each, the task, the last check; edit, check, hint and solution.

The learner's code never runs in the app's process: checks go to the drill runner's
worker process (app.drill_runner), from thread workers, so the screen never waits.
While the screen is open it watches the workspace: every save of a drill file is
checked at once and the result appears here (the same as `dltutor drill watch`).
"""

from __future__ import annotations

import ast
import os
import shlex
import shutil
import subprocess
import threading

from rich.console import Group
from rich.markdown import Markdown as RichMarkdown
from rich.syntax import Syntax
from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.markup import escape
from textual.screen import Screen
from textual.widgets import DataTable, Header, Static

from dltutor.content import Lesson
from dltutor.i18n import N_, _
from dltutor.i18n.oserror import os_reason
from dltutor.tui.screens.ready import ReadyForKeys
from dltutor.tui.widgets.footer import key_footer

STATUS_STYLE = {"passed": "bold green", "failing": "red", "edited": "yellow", "not started": "dim",
                "missing": "magenta"}
RESULT_STYLE = {"passed": "green", "failed": "red", "error": "red", "timeout": "red", "not started": "dim"}
# Workspace statuses and check results as the learner reads them (the keys are the record's values).
STATUS_LABEL = {"passed": N_("passed"), "failing": N_("failing"), "edited": N_("edited"),
                "not started": N_("not started"), "missing": N_("missing"), "failed": N_("failed"),
                "error": N_("error"), "timeout": N_("timeout"), "checking…": N_("checking…")}


def status_label(status: str) -> str:
    """A drill's status or a check's result in the language in use (unknown values as they are)."""
    return _(STATUS_LABEL[status]) if status in STATUS_LABEL else status


def editor_command() -> list[str] | None:
    """$VISUAL, else $EDITOR, else a terminal editor that is installed (nano, vim, vi); None if none."""
    for var in ("VISUAL", "EDITOR"):
        if os.environ.get(var, "").strip():
            return shlex.split(os.environ[var])
    for name in ("nano", "vim", "vi"):
        if shutil.which(name):
            return [name]
    return None


def task_of(starter) -> str:
    """The task: the starter's module docstring (the learner's copy may have been edited or broken)."""
    try:
        return ast.get_docstring(ast.parse(starter.read_text(encoding="utf-8"))) or ""
    except (OSError, SyntaxError, ValueError, UnicodeDecodeError):
        return ""


class DrillTable(DataTable):
    BINDINGS = [
        Binding("j", "cursor_down", N_("Down"), show=False),
        Binding("k", "cursor_up", N_("Up"), show=False),
    ]


class DrillsScreen(ReadyForKeys, Screen[None]):
    HELP = N_("""\
Write the code of each drill in its file, in your own editor. **e** opens the selected
drill's file in `$EDITOR` (the app waits until you close the editor, then checks it).
While this screen is open, every save is checked at once, from any editor.
**c** checks again, **h** shows one more hint (three tiers), **s** shows the reference
solution once you have passed or failed three checks (**S**: show it now).
In a terminal: `dltutor drill watch` does the same.
""")
    BINDINGS = [
        Binding("escape", "app.pop_screen", N_("Back"), tooltip=N_("Back to where you came from")),
        Binding("i", "init", N_("Make workspace"), tooltip=N_("Make the drills workspace in ./dltutor-drills")),
        Binding("e", "edit", N_("Edit"), tooltip=N_("Edit the selected drill's file in $EDITOR, then check it")),
        Binding("c", "check", N_("Check"), tooltip=N_("Check the selected drill's file now")),
        Binding("h", "hint", N_("Hint"), tooltip=N_("Show one more hint (three in all)")),
        Binding("s", "solution", N_("Solution"),
                tooltip=N_("Show the reference solution (after a pass or three failed checks)")),
        Binding("S", "solution_now", N_("Solution now"), show=False, tooltip=N_("Show the reference solution now")),
    ]

    def __init__(self, lesson: Lesson) -> None:
        super().__init__()
        self.lesson = lesson
        self.title = _("Drills · {title}").format(title=lesson.title)
        self.drills: list = []
        self.workspace = None
        self.results: dict[str, dict] = {}  # drill id -> last result seen in this screen
        self.notes: dict[str, object] = {}  # drill id -> a hint or the solution shown under the task
        self.checking: set[str] = set()
        self.watching = False  # a watch worker is running: saves are checked as they happen
        self._stop_watch = threading.Event()

    def compose(self) -> ComposeResult:
        yield Header(icon="◆")
        yield Static(id="drills-where")
        yield DrillTable(cursor_type="row", id="drills")
        with VerticalScroll(id="drill-detail"):
            yield Static(id="drill-text")
        yield key_footer(self.app.size.width)

    def on_mount(self) -> None:
        from dltutor.drills.catalog import DrillBankError, load_drills
        from dltutor.settings import drill_bank_dir

        try:
            self.drills = load_drills([self.lesson.id], bank=drill_bank_dir())
        except (DrillBankError, OSError) as exc:
            self.drills = []
            self.notify(escape(str(exc)), title=_("Drill bank"), severity="error")
        self._find_workspace()
        self.refresh_table()
        self.query_one(DrillTable).focus()

    def on_unmount(self) -> None:
        self._stop_watch.set()

    # -- workspace ------------------------------------------------------------------

    def _find_workspace(self) -> None:
        from dltutor.drills.workspace import ENV_VAR, Workspace, WorkspaceError

        where = self.query_one("#drills-where", Static)
        found = False
        try:
            self.workspace = Workspace.find()
            found = True
            self.workspace.load()
        except WorkspaceError as exc:
            self.workspace = None
            # None found and none named: offer to make one. (Decided without reading the message,
            # which is in the learner's language.)
            if not found and not os.environ.get(ENV_VAR):
                where.update(_("[b]No drills workspace yet.[/b] Press [b]i[/b] to make one in ./dltutor-drills "
                               "(or run `dltutor drill init`)."))
            else:  # one is named (DLTUTOR_DRILLS) but unusable, or its state file is broken
                where.update(_("[b]Drills workspace problem:[/b] {problem}").format(problem=escape(str(exc))))
            return
        where.update(_("Your files: [b]{folder}[/b] · watching for saves").format(
            folder=escape(str(self.workspace.root))))
        if self.drills:
            self._watch()

    def check_action(self, action: str, parameters: tuple) -> bool | None:
        # i is offered (footer, help) only while there is no workspace to make one in
        return self.workspace is None if action == "init" else True

    def action_init(self) -> None:
        from dltutor.drills.workspace import DEFAULT_DIR, Workspace, WorkspaceError

        if self.workspace is not None:
            return
        from dltutor.drills.catalog import load_drills
        from dltutor.settings import drill_bank_dir

        try:
            Workspace.init(DEFAULT_DIR, load_drills(bank=drill_bank_dir()))
        except WorkspaceError as exc:
            self.notify(escape(str(exc)), severity="error")
            return
        self._find_workspace()
        self.refresh_table()
        self.refresh_bindings()

    # -- table and detail -----------------------------------------------------------

    def refresh_table(self) -> None:
        table = self.query_one(DrillTable)
        keep = table.cursor_row
        table.clear(columns=True)
        table.add_column(_("Status"), width=12)
        table.add_column(_("Drill"))  # the file's path is in the detail below: the table never scrolls sideways
        entries = self.workspace.entries(self.drills) if self.workspace else []
        for i, drill in enumerate(self.drills):
            status = "checking…" if drill.id in self.checking else entries[i].status if entries else "—"
            table.add_row(Text(status_label(status), STATUS_STYLE.get(status, "")), drill.title, key=drill.id)
        if not self.drills:
            table.add_row("", Text(_("This lesson has no drills."), "dim"))
        table.move_cursor(row=min(keep, max(0, len(self.drills) - 1)))
        self._show_detail()

    @on(DataTable.RowHighlighted)
    def _highlighted(self, event: DataTable.RowHighlighted) -> None:
        self._show_detail()

    @property
    def selected(self):
        table = self.query_one(DrillTable)
        row = table.cursor_row
        return self.drills[row] if 0 <= row < len(self.drills) else None

    def _show_detail(self) -> None:
        drill = self.selected
        text = self.query_one("#drill-text", Static)
        if drill is None:
            text.update("")
            return
        parts: list = []
        where = self.workspace.path_of(drill) if self.workspace else f"{drill.lesson}/{drill.file}"
        parts.append(Text.assemble((drill.title, "bold"), "  ", (str(where), "cyan")))
        result = self.results.get(drill.id)
        if result is None and self.workspace is not None:
            entry = self.workspace.entry(drill)
            parts.append(Text.assemble(_("Status: "), (status_label(entry.status), STATUS_STYLE.get(entry.status, "")),
                                       _(" · e edit · c check · h hint · s solution"), style="dim"))
        if result is not None:
            status = result["status"]
            head = Text.assemble((_("Last check: "), "bold"), (status_label(status), RESULT_STYLE.get(status, "")))
            if result.get("total"):
                head.append(_(" ({passed} of {total} checks passed)").format(passed=result.get("passed", 0),
                                                                            total=result["total"]))
            parts += [Text(""), head, Text(result.get("message") or "")]
            if status != "passed" and result.get("output"):
                parts += [Text(_("Your code printed:"), "dim"), Text(result["output"].rstrip()[-1500:], "dim")]
        note = self.notes.get(drill.id)
        if note is not None:
            parts += [Text(""), note]
        parts += [Text(""), Text(_("Task"), "bold"), Text(task_of(drill.starter_path))]
        text.update(Group(*parts))

    # -- actions --------------------------------------------------------------------

    def _need_workspace(self) -> bool:
        if self.workspace is None:
            self.notify(_("Make a drills workspace first: press i."), severity="warning")
            return False
        return self.selected is not None

    def action_check(self) -> None:
        if self._need_workspace():
            self._check(self.selected)

    @work(thread=True, group="drill-check", exit_on_error=False)
    def _check(self, drill) -> None:
        from dltutor.drills.checking import check_drills
        from dltutor.drills.runner import RunnerError

        self.app.call_from_thread(self._checking, drill)
        try:
            for drill, result in check_drills(self.workspace, [drill], self.app.drill_runner, store=self.app.store):
                self.app.call_from_thread(self.show_result, drill, result)
        except RunnerError as exc:
            self.app.call_from_thread(self.notify, escape(_("could not run the checks: {error}").format(error=exc)),
                                      severity="error")

    @work(thread=True, group="drill-watch", exit_on_error=False)
    def _watch(self) -> None:
        from dltutor.drills.runner import RunnerError
        from dltutor.drills.watch import watch_checks

        self.watching = True
        try:
            for drill, result in watch_checks(self.workspace, self.drills, self.app.drill_runner,
                                              store=self.app.store, stop_event=self._stop_watch):
                self.app.call_from_thread(self.show_result, drill, result)
        except (RunnerError, RuntimeError, OSError):
            pass  # the app is closing (runner stopped), or the folder went away: nothing to show
        finally:
            self.watching = False

    def _checking(self, drill) -> None:
        self.checking.add(drill.id)
        self.refresh_table()

    def show_result(self, drill, result: dict) -> None:
        """A check ended (from a key, `e`, or a save while watching)."""
        if not self.is_mounted:
            return
        self.checking.discard(drill.id)
        self.results[drill.id] = result
        self.refresh_table()
        status = result["status"]
        if status == "passed":
            self.notify(escape(_("{drill}: passed").format(drill=drill.title)), title=_("Drill passed"))
        table = self.query_one(DrillTable)
        if drill in self.drills:
            table.move_cursor(row=self.drills.index(drill))
            self._show_detail()

    def action_edit(self) -> None:
        if not self._need_workspace():
            return
        from textual.app import SuspendNotSupported

        drill = self.selected
        command = editor_command()
        path = self.workspace.path_of(drill)
        if not path.exists():  # deleted: start again from the starter rather than from an empty file
            self.workspace.reset(drill)
            self.notify(escape(_("{file} was missing: the starter is back.").format(
                file=f"{drill.lesson}/{drill.file}")))
            self.refresh_table()
        if command is None:
            self.notify(escape(_("Set $EDITOR, or open {file} in your editor: saves are checked here.").format(
                file=path)),
                        severity="warning")
            return

        def run() -> int:
            try:
                return subprocess.run([*command, str(path)]).returncode
            except OSError as exc:
                self.notify(escape(_("cannot start the editor {editor}: {error}").format(
                    editor=command[0], error=os_reason(exc))), severity="error")
                return -1

        try:
            with self.app.suspend():
                code = run()
        except SuspendNotSupported:  # no terminal to hand over (tests, the web): a GUI editor still works
            code = run()
        if code != -1 and not self.watching:  # while watching, the save itself was checked already
            self._check(drill)

    def action_hint(self) -> None:
        if not self._need_workspace():
            return
        drill = self.selected
        tier, text = self.workspace.next_hint(drill)
        self.notes[drill.id] = Text.assemble((_("Hint {n} of {total}: ").format(n=tier, total=len(drill.hints)),
                                              "bold yellow"), text)
        self._show_detail()

    def action_solution(self, now: bool = False) -> None:
        if not self._need_workspace():
            return
        from dltutor.drills.workspace import SOLUTION_AFTER_FAILS

        drill = self.selected
        if not now and not self.workspace.solution_allowed(drill):
            failed = self.workspace.entry(drill).failed_checks
            self.notify(_("The solution opens once you pass or after {needed} failed checks "
                          "(you have {failed}). Try a hint (h) first, or press S to see it now.").format(
                              needed=SOLUTION_AFTER_FAILS, failed=failed),
                        title=_("Solution"), severity="warning")
            return
        code = drill.solution_path.read_text(encoding="utf-8")
        self.notes[drill.id] = Group(Text(_("Reference solution"), "bold green"),
                                     Syntax(code, "python", word_wrap=True),
                                     RichMarkdown(drill.explanation))
        self._show_detail()

    def action_solution_now(self) -> None:
        self.action_solution(now=True)
