"""The roadmap: the lessons as a learning path, each with its status; the recommended next one marked."""

from __future__ import annotations

from rich.console import Group
from rich.progress_bar import ProgressBar
from rich.table import Table
from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.markup import escape
from textual.screen import Screen
from textual.widgets import DataTable, Header, Static

from dltutor.i18n import N_, _, ngettext
from dltutor.i18n.linebreak import ellipsize
from dltutor.progress.summary import READING, LessonProgress, recommend
from dltutor.quiz.scores import format_score
from dltutor.tui.screens.ready import ReadyForKeys
from dltutor.tui.widgets.footer import key_footer

STATUS_STYLE = {"not started": "dim", "reading": "yellow", "✔ read": "yellow", "quiz passed": "cyan",
                "exercise done": "cyan", "done": "bold green"}
# The statuses as the learner reads them (the keys are the record's values, which stay English).
STATUS_LABEL = {"not started": N_("not started"), "reading": N_("reading"), "✔ read": N_("✔ read"),
                "quiz passed": N_("quiz passed"), "exercise done": N_("exercise done"), "done": N_("done")}


def status_label(status: str) -> str:
    """A status (as `shown_status` gives it) in the language in use."""
    return _(STATUS_LABEL[status]) if status in STATUS_LABEL else status


def shown_status(p: LessonProgress) -> str:
    """The status, with 'reading' told apart from 'read to the end' (the lesson's `read` mark)."""
    return "✔ read" if p.status == READING and "read" in p.marks else p.status


def progress_line(p: LessonProgress) -> str:
    """'✔ read · quiz best 8.83/13 (2 attempts) · 3 runs, target met · 2 drills passed': what the learner has done."""
    parts = [status_label(shown_status(p))]
    if p.attempts:
        parts.append(ngettext("quiz best {score} ({n} attempt)", "quiz best {score} ({n} attempts)",
                              p.attempts).format(score=format_score(p.best_score, p.max_score), n=p.attempts))
    if p.runs:
        met = (p.best_run or {}).get("target_met")
        parts.append((ngettext("{n} run, target met", "{n} runs, target met", p.runs) if met else
                      ngettext("{n} run, target not met yet", "{n} runs, target not met yet", p.runs)
                      ).format(n=p.runs))
    if p.drills_passed:
        count = len(p.drills_passed)
        parts.append(ngettext("{n} drill passed", "{n} drills passed", count).format(n=count))
    return " · ".join(parts)


def overall_line(summary: Text, done: int, total: int) -> Table:
    """'3/10 done · next: CNN' with a bar and its percentage on the right (one widget: the first screen
    is drawn sooner without a ProgressBar's three)."""
    line = Table.grid(expand=True)
    line.add_column(ratio=1)
    line.add_column(width=12)
    line.add_column(width=5, justify="right")
    line.add_row(summary, ProgressBar(total=max(total, 1), completed=done, width=12),
                 f"{100 * done // max(total, 1)}%")
    return line


class LessonTable(DataTable):
    BINDINGS = [
        Binding("j", "cursor_down", N_("Down"), show=False),
        Binding("k", "cursor_up", N_("Up"), show=False),
    ]


class RoadmapScreen(ReadyForKeys, Screen[None]):
    TITLE = N_("Roadmap")  # translated in on_mount, when the language is known
    HELP = N_("""\
The lessons in the order they build on each other. *Needs* lists a lesson's
prerequisites (green once done); the lesson marked **→ next** is the first whose prerequisites are done
and that is not done itself. A lesson is *done* when its quiz is passed and its
exercise has reached its target.
""")
    BINDINGS = [
        Binding("enter", "open", N_("Open lesson"), show=False),
        Binding("z", "quiz", N_("Quiz"), tooltip=N_("Take the quiz of the lesson under the cursor")),
        Binding("l", "lab", N_("Lab"), tooltip=N_("Open the lab of the lesson under the cursor")),
        Binding("d", "drills", N_("Drills"), tooltip=N_("Write the code drills of the lesson under the cursor")),
        Binding("n", "next", N_("Go to next"), tooltip=N_("Open the lesson marked → next")),
    ]

    def compose(self) -> ComposeResult:
        yield Header(icon="◆")
        yield Static(id="overall")
        yield LessonTable(cursor_type="row", zebra_stripes=False, id="lessons")
        with VerticalScroll(id="lesson-detail"):
            yield Static(id="lesson-detail-text")
        yield key_footer(self.app.size.width)

    def on_mount(self) -> None:
        self.title = _(self.TITLE)
        self.query_one(LessonTable).focus()

    def on_screen_resume(self) -> None:
        # Shown at start and on every return (Textual sends ScreenResume both times): read the record once.
        self.refresh_progress()

    def on_resize(self, event) -> None:
        if event.size.width != getattr(self, "_laid_out_for", None):  # the title column follows the width
            self.refresh_progress()

    def refresh_progress(self) -> None:
        course = self.app.outline
        self.progress = {p.id: p for p in self.app.store.summary(course)}
        self.recommended = recommend(course, list(self.progress.values()))
        table = self.query_one(LessonTable)
        keep = table.cursor_row
        table.clear(columns=True)
        width = self.size.width or self.app.size.width  # before the first layout the screen has no size yet
        self._laid_out_for = width
        # Fixed widths so the table never scrolls sideways: the title takes what is left (full title below).
        # Below 70 columns Needs gives up columns (its cut lists end with …) before the title goes under 16.
        fixed = {"#": 2, "Needs": 18, "Status": 13}
        room = width - fixed["#"] - fixed["Status"] - 2 * (len(fixed) + 1) - 6  # for the title and Needs
        fixed["Needs"] = max(8, min(fixed["Needs"], room - 16))
        title_width = max(16, room - fixed["Needs"])
        table.add_column("#", width=fixed["#"])
        table.add_column(_("Lesson"), width=title_width)
        table.add_column(_("Needs"), width=fixed["Needs"])
        table.add_column(_("Status"), width=fixed["Status"])
        done = {lesson_id for lesson_id, p in self.progress.items() if p.done}
        for lesson in course.lessons:
            info = self.progress[lesson.id]
            needs = Text(", ").join(Text(r, "green" if r in done else "") for r in lesson.meta.requires) or Text("—")
            ellipsize(needs, fixed["Needs"])
            nxt = lesson.id == self.recommended
            title = Text.assemble(("→ " if nxt else "  ", "bold $accent" if nxt else ""), lesson.title)
            if nxt:
                title.stylize("bold")
            ellipsize(title, title_width)  # a cut title says so with … (full title below)
            table.add_row(
                str(lesson.meta.order), title, needs,
                Text(status_label(shown_status(info)), STATUS_STYLE.get(shown_status(info), "")), key=lesson.id,
            )
        for name in course.broken:
            broken = Text(_("  {name}: broken").format(name=name), "red")
            ellipsize(broken, title_width)
            table.add_row("!", broken, "", "", key=f"!{name}")
        total = len(course.lessons)
        nxt = escape(course.get(self.recommended).title) if self.recommended else _("all lessons done")
        summary = _("[b]{done}/{total}[/b] done · next: [b]{next}[/b]").format(done=len(done), total=total, next=nxt)
        self.query_one("#overall", Static).update(overall_line(Text.from_markup(summary), len(done), total))
        if self.recommended and keep == 0:
            keep = course.ids.index(self.recommended)
        table.move_cursor(row=keep)
        self._show_detail(keep)

    @on(DataTable.RowHighlighted)
    def _highlighted(self, event: DataTable.RowHighlighted) -> None:
        self._show_detail(event.cursor_row)

    def _show_detail(self, row: int) -> None:
        lesson = self.selected
        detail = self.query_one("#lesson-detail-text", Static)
        if lesson is None:
            key = self.query_one(LessonTable).coordinate_to_cell_key((row, 0)).row_key.value if row >= 0 else None
            broken = key[1:] if key and key.startswith("!") else None
            detail.update(Text(_("The lesson folder '{name}' has problems: run `dltutor validate` to see each one "
                                 "with its file and line.").format(name=broken), "red") if broken else "")
            return
        # A grid, so a bullet that wraps keeps its text indented under the first line.
        grid = Table.grid(padding=(0, 1))
        grid.add_column(width=3, justify="right")
        grid.add_column(ratio=1)
        for objective in lesson.meta.objectives:
            grid.add_row("•", Text(objective))
        title = Text.assemble((lesson.title, "bold"), _(" · {minutes} min · ").format(minutes=lesson.meta.minutes),
                              progress_line(self.progress[lesson.id]))
        detail.update(Group(title, grid))
        self.query_one("#lesson-detail").scroll_home(animate=False)

    @property
    def selected(self):
        table = self.query_one(LessonTable)
        if not table.row_count:
            return None
        key = table.coordinate_to_cell_key((table.cursor_row, 0)).row_key.value
        if key is None or key.startswith("!"):
            return None
        try:
            return self.app.outline.get(key)
        except KeyError:  # the course just loaded without this lesson; the app refreshes the table
            return None

    @on(DataTable.RowSelected)
    def action_open(self) -> None:
        if self.selected:
            self.app.open_lesson(self.selected.id)

    def action_quiz(self) -> None:
        if self.selected:
            self.app.open_quiz(self.selected.id)

    def action_lab(self) -> None:
        if self.selected:
            self.app.open_lab(self.selected.id)

    def action_drills(self) -> None:
        if self.selected:
            self.app.open_drills(self.selected.id)

    def action_next(self) -> None:
        if self.recommended:
            self.app.open_lesson(self.recommended)
