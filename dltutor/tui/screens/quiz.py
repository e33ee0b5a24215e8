"""The quiz: one question at a time, feedback right after each, the score at the end, retry the missed ones.

Checking and grading are `dltutor.quiz`'s; this screen only asks, shows and records.
"""

from __future__ import annotations

import time

from rich.console import Group
from rich.table import Table
from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.markup import escape
from textual.geometry import Region
from textual.screen import Screen
from textual.widgets import Button, Header, OptionList, ProgressBar, Static
from textual.widgets.option_list import Option

from dltutor.content import Lesson
from dltutor.i18n import N_, _, ngettext
from dltutor.quiz import AnswerError, QuestionResult, answer_format, check_answer, grade_question, grade_quiz
from dltutor.quiz.scores import format_points as pts
from dltutor.quiz.scores import shorten
from dltutor.quiz.sections import revisit_section
from dltutor.tui.screens.ready import ReadyForKeys
from dltutor.tui.widgets.footer import key_footer
from dltutor.tui.widgets.answer_input import Answered, TextAnswer, answer_input


MARK = {"correct": ("✔", "green"), "partial": ("◐", "yellow"), "wrong": ("✘", "red"), "unanswered": ("–", "red")}
# A result's status as the learner reads it (the keys are the graded values, which stay English).
STATUS_LABEL = {"correct": N_("correct"), "partial": N_("partial"), "wrong": N_("wrong"),
                "unanswered": N_("unanswered")}


class QuizScreen(ReadyForKeys, Screen[None]):
    HELP = N_("""\
Answer with the keys shown under each question: a choice's letter (or ↑↓) and **Enter**,
**Space** to tick several, **Shift+↑↓** (or **[ ]**) to reorder, or type a number or a word.
**F2** shows a hint (press again for the next; **h** works too when you are not typing).
After the feedback, **Enter** goes on. At the end, **r** retries only the questions you
missed, and Enter on an idea to revisit opens the lesson at the section that teaches it.
**Esc** leaves the quiz and keeps your answers: open it again to go on where you were.
Every finished round is saved to your progress. **Ctrl+N** opens the next lesson.
""")
    BINDINGS = [
        Binding("escape", "app.pop_screen", N_("Back"), tooltip=N_("Back to the lesson (your answers are kept)")),
        Binding("h", "hint", N_("Hint"), tooltip=N_("Show a hint (again: the next one)")),
        Binding("f2", "hint", N_("Hint"), tooltip=N_("Show a hint (again: the next one)")),
        Binding("enter", "next", N_("Next"), show=False),
        Binding("r", "retry", N_("Retry missed"),  # shown at the end (check_action)
                tooltip=N_("Retry only the questions you missed")),
        Binding("n", "app.next_lesson", N_("Next lesson"), tooltip=N_("Open the next lesson of the roadmap")),
        Binding("ctrl+n", "app.next_lesson", N_("Next lesson"), tooltip=N_("Open the next lesson of the roadmap")),
    ]

    def __init__(self, lesson: Lesson) -> None:
        super().__init__()
        self.lesson = lesson
        self.quiz = lesson.quiz
        self.title = _("Quiz · {title}").format(title=lesson.title)
        self.answers: dict[str, object] = {}  # question id -> canonical answer, kept across retries
        self.round = list(self.quiz.questions)
        self.index = 0
        self.results: dict[str, QuestionResult] = {}
        self.hints_shown = 0
        self.started = time.monotonic()
        self.phase = "answer"  # answer -> feedback -> ... -> summary

    def compose(self) -> ComposeResult:
        yield Header(icon="◆")
        with Horizontal(id="quiz-head"):
            yield Static(id="quiz-count")
            yield ProgressBar(show_eta=False, show_percentage=False, id="quiz-progress")
        yield VerticalScroll(id="quiz-body")
        yield key_footer(self.app.size.width)

    async def on_mount(self) -> None:
        draft = self.app.quiz_drafts.pop(self.lesson.id, None)
        if draft:  # left with Esc midway: go on where the learner was
            by_id = {q.id: q for q in self.quiz.questions}
            self.answers = {qid: answer for qid, answer in draft["answers"].items() if qid in by_id}
            self.results = draft.get("results") or self._graded_again()
            self.round = [by_id[qid] for qid in draft["round"] if qid in by_id]
            self.index = draft["index"]
        if self.index >= len(self.round):
            await self.finish_round()
        else:
            await self.show_question()

    def _graded_again(self) -> dict[str, QuestionResult]:
        """Results for answers carried over a language switch: the feedback in the new language.

        The answers came through the environment: one that no longer fits its question is dropped.
        """
        by_id, results = {q.id: q for q in self.quiz.questions}, {}
        for qid, answer in list(self.answers.items()):
            try:
                results[qid] = grade_question(by_id[qid], answer)
            except AnswerError:
                del self.answers[qid]
        return results

    def on_unmount(self) -> None:
        """Leaving midway keeps the answers given so far (for this app session) and says so."""
        if self.phase == "summary" or not self.answers:
            return
        index = self.index + (self.phase == "feedback")
        self.app.quiz_drafts[self.lesson.id] = {
            "answers": dict(self.answers), "results": dict(self.results),
            "round": [q.id for q in self.round], "index": index}
        count = len(self.answers)
        self.app.notify(ngettext("Quiz paused: your {n} answer is kept. Open the quiz again to go on.",
                                 "Quiz paused: your {n} answers are kept. Open the quiz again to go on.",
                                 count).format(n=count), timeout=4)

    @property
    def question(self):
        return self.round[self.index]

    def check_action(self, action: str, parameters: tuple) -> bool | None:
        # Keys that mean nothing in the current phase are hidden from the footer and help.
        if action == "hint":
            return self.phase == "answer" and self.hints_shown < len(self.question.hints)
        if action == "retry":
            return self.phase == "summary" and bool(self.missed)
        return True

    async def show_question(self) -> None:
        self.phase, self.hints_shown = "answer", 0
        question = self.question
        body = self.query_one("#quiz-body")
        await body.remove_children()
        count = ngettext("Question [b]{n}[/b] of {total} · {points} point",
                         "Question [b]{n}[/b] of {total} · {points} points", 1 if question.points == 1 else 2)
        count = count.format(n=self.index + 1, total=len(self.round), points=pts(question.points))
        if len(self.round) < len(self.quiz.questions):
            count = _("{count} · retrying missed").format(count=count)
        self.query_one("#quiz-count", Static).update(count)
        self.query_one(ProgressBar).update(total=len(self.round), progress=self.index)
        widget = answer_input(question)
        await body.mount(Static(question.prompt, id="prompt", markup=False),
                         Static(_("Answer: {how}").format(
                                    how=_(widget.HINT) if widget.HINT else answer_format(question)),
                                id="answer-hint", markup=False),
                   widget, Static(id="answer-error"), Static(id="hints"))
        widget.focus()
        body.scroll_home(animate=False)
        self.refresh_bindings()

    @on(Answered)
    def answered(self, event: Answered) -> None:
        event.stop()
        if self.phase != "answer":
            return
        question = self.question
        try:
            answer = check_answer(question, event.raw)
        except AnswerError as exc:
            self.query_one("#answer-error", Static).update(escape(shorten(str(exc), 160)))
            return
        if answer is None:
            self.query_one("#answer-error", Static).update(_("Choose or type an answer first (Esc leaves the quiz)."))
            return
        result = grade_question(question, answer)
        self.answers[question.id], self.results[question.id] = answer, result
        self.show_feedback(result)

    @on(TextAnswer.Changed)
    def _clear_error(self) -> None:
        self.query_one("#answer-error", Static).update("")

    def show_feedback(self, result: QuestionResult) -> None:
        self.phase = "feedback"
        mark, colour = MARK[result.status]
        body = self.query_one("#quiz-body")
        body.query_one("#answer-error", Static).update("")
        for widget in body.children:
            if widget.can_focus:
                widget.disabled = True
        last = self.index + 1 == len(self.round)
        then = _("[dim]Enter: see your score[/]") if last else _("[dim]Enter: next question[/]")
        feedback = Static(
            f"[b {colour}]{mark} {_(STATUS_LABEL[result.status])}[/] · {pts(result.points)}/{pts(result.max_points)}\n"
            f"{escape(result.feedback)}\n\n{then}",
            id="feedback", classes=result.status)
        body.mount(feedback)
        self.set_focus(None)
        body.scroll_end(animate=False)
        self.refresh_bindings()

    async def action_next(self) -> None:
        if self.phase != "feedback":
            return
        if self.index + 1 < len(self.round):
            self.index += 1
            await self.show_question()
        else:
            await self.finish_round()

    def action_hint(self) -> None:
        hints = self.question.hints
        if self.phase != "answer" or self.hints_shown >= len(hints):
            return
        self.hints_shown += 1
        self.query_one("#hints", Static).update(
            "\n".join(_("Hint {n}: {hint}").format(n=i + 1, hint=escape(h))
                      for i, h in enumerate(hints[: self.hints_shown])))
        self.refresh_bindings()

    @property
    def missed(self) -> list:
        return [q for q in self.quiz.questions if self.results.get(q.id) is None
                or self.results[q.id].status != "correct"]

    async def finish_round(self) -> None:
        """Grade the whole quiz with every answer so far (a retry keeps the right ones) and record it."""
        self.phase = "summary"
        result = grade_quiz(self.quiz, self.answers, self.lesson.id)
        self.app.store.record_attempt(
            self.lesson.id, self.answers, [r.to_dict() for r in result.questions], result.score, result.max_score,
            result.passed, round(time.monotonic() - self.started, 3))
        self.started = time.monotonic()
        self.query_one(ProgressBar).update(total=len(self.round), progress=len(self.round))
        self.query_one("#quiz-count", Static).update(
            _("Score [b]{score}[/b] of {max}").format(score=pts(result.score), max=pts(result.max_score)))
        verdict = (_("[b green]Passed[/] ({fraction:.0%}, pass mark {mark:.0%})") if result.passed
                   else _("[b red]Not passed yet[/] ({fraction:.0%}, pass mark {mark:.0%})")
                   ).format(fraction=result.fraction, mark=self.quiz.pass_mark)
        # A grid, so a long prompt wraps under itself, not under the mark.
        grid = Table.grid(padding=(0, 1))
        grid.add_column(no_wrap=True)
        grid.add_column(no_wrap=True, justify="right")
        grid.add_column(ratio=1)
        for q, r in zip(self.quiz.questions, result.questions):
            mark, colour = MARK[r.status]
            grid.add_row(Text(mark, style=colour), f"{pts(r.points)}/{pts(r.max_points)}", Text(q.prompt))
        body = self.query_one("#quiz-body")
        await body.remove_children()
        buttons = [Button(_("Retry missed (r)"), id="retry", variant="primary")] if self.missed else []
        buttons.append(Button(_("Back to the lesson (Esc)"), id="back"))
        widgets = [Static(Group(Text.from_markup(verdict + "\n"), grid), id="quiz-summary")]
        if self.missed:
            count = len(self.missed)
            widgets += [Static(ngettext("[b]Ideas to revisit[/] · Enter opens the lesson at the section that teaches "
                                        "it; [b]r[/] retries the {n} missed question.",
                                        "[b]Ideas to revisit[/] · Enter opens the lesson at the section that teaches "
                                        "it; [b]r[/] retries the {n} missed questions.", count).format(n=count),
                               id="revisit-title"),
                        self._revisit_list()]
        await body.mount(*widgets, Horizontal(*buttons, id="summary-buttons"))
        # The verdict first: focus without scrolling, so the score stays in view on a small terminal.
        (self.query_one("#revisit") if self.missed else buttons[0]).focus(scroll_visible=False)
        body.scroll_home(animate=False)
        self.refresh_bindings()

    def _revisit_list(self) -> OptionList:
        """One row per missed question: its prompt, shortened, and the lesson section that teaches it."""
        self.revisit: list[str | None] = []
        options = []
        for question in self.missed:
            section = revisit_section(self.lesson, question.id)  # through the English text when translated
            self.revisit.append(section)
            mark, colour = MARK[self.results[question.id].status if question.id in self.results else "unanswered"]
            # The question on one line, the section on the next, both indented past the mark, so
            # every idea has the same shape at any width.
            idea = Text(shorten(question.prompt, 60))
            if section:
                idea.append("\n→ ", style="dim").append(f"§ {section}")
            row = Table.grid()
            row.add_column(no_wrap=True)
            row.add_column()
            row.add_row(Text(f"{mark} ", style=colour), idea)
            options.append(Option(row))
        return OptionList(*options, id="revisit")

    def _idea_region(self, ideas: OptionList, index: int) -> Region | None:
        """Where idea `index` lies in the quiz body's scrolled content (None if not laid out yet)."""
        try:
            ideas._update_lines()  # Textual's OptionList keeps each option's line and height privately
            line, height = ideas._index_to_line[index], ideas._heights[index]
        except (AttributeError, KeyError, IndexError):  # pragma: no cover - another Textual release
            return None
        top = ideas.virtual_region.y + ideas.styles.gutter.top + line  # past its border and padding
        return Region(0, top, 1, height)

    def _idea_in_view(self, ideas: OptionList, index: int) -> bool:
        body = self.query_one("#quiz-body", VerticalScroll)
        region = self._idea_region(ideas, index)
        return region is None or (body.scroll_y <= region.y
                                  and region.bottom <= body.scroll_y + body.scrollable_content_region.height)

    @on(OptionList.OptionHighlighted, "#revisit")
    def _show_idea(self, event: OptionList.OptionHighlighted) -> None:
        # The list sits below the score and is as tall as its ideas: the body scrolls, not the
        # list, so moving in it (↓, j, End) must bring the idea into view. Idea 0 is highlighted
        # when the list takes the focus, and then the score stays in view.
        region = self._idea_region(event.option_list, event.option_index) if event.option_index else None
        if region is not None:
            self.query_one("#quiz-body", VerticalScroll).scroll_to_region(region, animate=False, immediate=True)

    @on(OptionList.OptionSelected, "#revisit")
    async def _revisit_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        if not self._idea_in_view(event.option_list, event.option_index):
            # Enter on an idea the learner cannot see (below the score on a small terminal, e.g. one
            # Enter too many after the last answer) shows it; the next Enter opens the lesson.
            region = self._idea_region(event.option_list, event.option_index)
            self.query_one("#quiz-body", VerticalScroll).scroll_to_region(region, animate=False, immediate=True)
            return
        section = self.revisit[event.option_index]
        self.app.open_lesson(self.lesson.id)
        if section:
            screen = self.app.get_screen(f"lesson:{self.lesson.id}")
            self.app.call_later(screen.show_section, section)

    async def action_retry(self) -> None:
        if self.phase != "summary" or not self.missed:
            return
        self.round, self.index = self.missed, 0
        await self.show_question()

    @on(Button.Pressed, "#retry")
    async def _retry_pressed(self) -> None:
        await self.action_retry()

    @on(Button.Pressed, "#back")
    def _back_pressed(self) -> None:
        self.app.pop_screen()
