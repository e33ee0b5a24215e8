"""Command palette (Ctrl+P): "open lesson …", "take quiz …", "drills …", "open lab …", the current lesson's first."""

from __future__ import annotations

from functools import partial

from textual import on
from textual.command import CommandPalette, DiscoveryHit, Hit, Hits, Provider
from textual.widgets import Input, OptionList

from dltutor.i18n import N_, _, ngettext


class Palette(CommandPalette):
    """Textual's palette, but a command is chosen once: Enter typed again before the palette has gone
    would choose a second time and close it twice (a crash), so later choices are ignored."""

    closing = False

    def dismiss(self, result=None):
        self.closing = True
        return super().dismiss(result)

    def _start_no_matches_countdown(self, search_value: str) -> None:
        # Textual writes "No matches found" in English, inside this (private) method; ours says it
        # in the learner's language. Should Textual rename its parts, its own English comes back.
        if not all(hasattr(self, name) for name in ("_NO_MATCHES", "_NO_MATCHES_COUNTDOWN", "_list_visible",
                                                     "_stop_no_matches_countdown")):
            return super()._start_no_matches_countdown(search_value)  # pragma: no cover
        from rich.align import Align
        from rich.text import Text
        from textual.command import CommandList
        from textual.widgets.option_list import Option

        self._stop_no_matches_countdown()

        def show_no_matches() -> None:
            if search_value:
                self.query_one(CommandList).add_option(Option(
                    Align.center(Text(_("No matches found"), style="not bold")), disabled=True, id=self._NO_MATCHES))
            self._list_visible = bool(search_value)

        self._no_matches_timer = self.set_timer(self._NO_MATCHES_COUNTDOWN, show_no_matches)

    @on(Input.Submitted)
    @on(OptionList.OptionSelected)
    def _chosen_already(self, event) -> None:
        if self.closing:  # runs before the base class's handlers; prevent_default skips them
            event.stop()
            event.prevent_default()


def _lessons_with_drills() -> set[str]:
    from dltutor.drills.catalog import DrillBankError, load_drills
    from dltutor.settings import drill_bank_dir

    try:
        return {d.lesson for d in load_drills(bank=drill_bank_dir())}
    except (DrillBankError, OSError):
        return set()


def _named(template: str, **fields) -> tuple[str, str]:
    """A command's name in the language in use, and in English: a learner may type either."""
    return _(template).format(**fields), template.format(**fields)


class LessonCommands(Provider):
    def _commands(self) -> list[tuple[tuple[str, str], object, str]]:
        """((name, English name), callback, help) for every lesson command, the current lesson's first."""
        app = self.app
        current = app.current_lesson
        lessons = app.course.lessons
        if current is not None:  # context first: what you are most likely to want next
            lessons = [current] + [lesson for lesson in lessons if lesson.id != current.id]
        commands = []
        with_drills = _lessons_with_drills()
        for lesson in lessons:
            commands.append((_named(N_("open lesson {id}: {title}"), id=lesson.id, title=lesson.title),
                             partial(app.open_lesson, lesson.id), _("Read the lesson")))
            count = len(lesson.quiz.questions)
            commands.append((_named(N_("take quiz {id}"), id=lesson.id), partial(app.open_quiz, lesson.id),
                             ngettext("{n} question, pass mark {mark:.0%}", "{n} questions, pass mark {mark:.0%}",
                                      count).format(n=count, mark=lesson.quiz.pass_mark)))
            if lesson.meta.exercise:
                commands.append((_named(N_("open lab {id}"), id=lesson.id), partial(app.open_lab, lesson.id),
                                 _("Train the lesson's exercise live")))
            if lesson.id in with_drills:
                commands.append((_named(N_("drills {id}"), id=lesson.id), partial(app.open_drills, lesson.id),
                                 _("Write the code yourself: the lesson's drills, checked as you save")))
        return commands

    async def discover(self) -> Hits:
        for (name, _english), callback, help_text in self._commands():
            yield DiscoveryHit(name, callback, help=help_text)

    async def search(self, query: str) -> Hits:
        """Commands whose name, or English name, matches `query` ("take quiz gan" finds 参加测验 gan too)."""
        matcher = self.matcher(query)
        for (name, english), callback, help_text in self._commands():
            own = matcher.match(name)
            score = max(own, matcher.match(english))
            if score > 0:
                yield Hit(score, matcher.highlight(name) if own else name, callback, help=help_text)
