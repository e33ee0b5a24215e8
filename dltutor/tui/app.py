"""The dltutor app: a thin shell that holds the course and the learner's record and moves between screens.

Screens live in `screens/`, widgets in `widgets/`, all styling in `tutor.tcss`. The app
itself only knows how to navigate (roadmap → lesson → quiz / lab) and where state lives.
torch is never imported in the app's process: labs train in a separate training process
(`dltutor.lab.remote.Trainer`), which `run_app` starts once the first screen is up so that
PyTorch is usually loaded before the learner opens a lab.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual import events
from textual.app import App
from textual.binding import Binding
from textual.geometry import Size
from textual.markup import escape
from textual.screen import Screen

from dltutor.content.outline import CourseSource, Outline
from dltutor.i18n import N_, _
from dltutor.tui.commands import LessonCommands, Palette
from dltutor.tui.language import LanguageCommands, carry_over, relaunch, restore
from dltutor.tui.screens.help import HelpScreen, TooSmallScreen
from dltutor.tui.screens.ready import typed_too_early
from dltutor.tui.screens.roadmap import RoadmapScreen

if TYPE_CHECKING:
    from dltutor.content import Course, Lesson

# Textual's own palette commands (theme, quit, keys, screenshot …): its English words, marked here
# so they are translated with ours when the palette opens.
SYSTEM_COMMAND_TEXT = (
    N_("Theme"), N_("Change the current theme"), N_("Quit"), N_("Quit the application as soon as possible"),
    N_("Keys"), N_("Hide the keys and widget help panel"),
    N_("Show help for the focused widget and a summary of available keys"),
    N_("Minimize"), N_("Minimize the widget and restore to normal size"),
    N_("Maximize"), N_("Maximize the focused widget"),
    N_("Screenshot"), N_("Save an SVG 'screenshot' of the current screen"),
)
MIN_SIZE = (60, 18)  # below this the screens cannot show their essentials
LOAD_COURSE_AFTER_S = 0.2  # the full course (≈0.1 s) loads this long after the first screen, off its path
WARM_LAB_AFTER_S = 0.5  # start the training process this long after the first screen, off the start-up path


class TutorApp(App[None]):
    CSS_PATH = "tutor.tcss"
    TITLE = "dltutor"
    COMMANDS = App.COMMANDS | {LessonCommands, LanguageCommands}
    BINDINGS = [
        # The footer shows the last key of an action that works from the focus: q, or ^q in an answer box.
        Binding("ctrl+q", "quit", N_("Quit"), tooltip=N_("Quit dltutor (a running lab run is stopped first)."),
                priority=True),
        Binding("q", "quit", N_("Quit"), tooltip=N_("Quit dltutor (a running lab run is stopped first).")),
        Binding("f1", "help", N_("Help"), tooltip=N_("Keys of this screen, and what it is for.")),
        Binding("question_mark", "help", N_("Help"), tooltip=N_("Keys of this screen, and what it is for.")),
    ]

    def __init__(self, course: Course | CourseSource, lesson_id: str | None = None, store=None, trainer=None,
                 warm_lab: bool = False) -> None:
        """`course`: the loaded course, or a `CourseSource` whose cached outline shows the roadmap while the
        course loads after the first screen; `trainer`: the training process to use (default: a new one,
        started when a lab first needs it); `warm_lab`: start it shortly after the first screen, so the
        first lab opens without waiting."""
        super().__init__()
        self._source = course if isinstance(course, CourseSource) else None
        self._course = None if self._source else course
        self.start_lesson = lesson_id
        self._store = store
        self._drill_runner = None
        self._trainer = trainer
        self.warm_lab = warm_lab
        self.reading_positions: dict[str, float] = {}  # lesson id -> scroll offset, kept across visits
        self.lab_values: dict[str, dict] = {}  # lesson id -> the lab form as last used, kept across visits
        self.quiz_drafts: dict[str, dict] = {}  # lesson id -> a quiz left with Esc midway (see QuizScreen)
        self.relaunch: list[str] | None = None  # set by the language switch: the command to restart with

    @property
    def course(self) -> Course:
        """The full course; loaded here, waiting for the background load, if it is not yet (≈0.1 s).

        If the lessons folder went away since the outline was read, the app closes with the CLI's
        one-line error (exit status 2) and this is an empty course meanwhile.
        """
        if self._course is None:
            try:
                self._course = self._source.load()
            except OSError as exc:
                from dltutor.content.models import Course

                self._course = Course(root=self._source.root)
                self._lessons_unreadable(exc)
        return self._course

    @course.setter
    def course(self, course: Course) -> None:
        self._course = course

    @property
    def outline(self) -> Course | Outline:
        """What the roadmap shows: the course once loaded, else its cached outline (same names)."""
        if self._course is None and self._source.loaded:
            self._course = self._source.load()
        return self._course or self._source.outline or self.course

    @property
    def trainer(self):
        """The training process handle (`dltutor.lab.remote.Trainer`), created on first use."""
        if self._trainer is None:
            from dltutor.lab.remote import Trainer

            self._trainer = Trainer()
        return self._trainer

    @property
    def store(self):
        """The learner's progress store, opened on first use (it never raises; see `.warning`)."""
        if self._store is None:
            from dltutor.progress import open_store

            self._store = open_store()
            if self._store.warning:
                self.notify(escape(self._store.warning), title=_("Progress not saved"), severity="warning", timeout=8)
        return self._store

    def get_default_screen(self) -> Screen:
        return RoadmapScreen()

    async def on_event(self, event: events.Event) -> None:
        if isinstance(event, events.Key) and typed_too_early(self.screen, event):
            return  # typed while this screen was opening: meant for the one before, so not acted on
        await super().on_event(event)

    def on_mount(self) -> None:
        if self.start_lesson:
            self.open_lesson(self.start_lesson)
        self._check_size()
        if self._course is None:
            self.set_timer(LOAD_COURSE_AFTER_S, self._load_course)
        if self.warm_lab:
            self.set_timer(WARM_LAB_AFTER_S, self._warm_lab)

    def _load_course(self) -> None:
        # In a thread, so keys keep working; opening a lesson before it is done simply waits for it.
        self.run_worker(self._load_in_background, thread=True, name="load course", exit_on_error=False)

    def _load_in_background(self) -> None:
        try:
            course = self._source.load()
        except OSError as exc:
            self.call_from_thread(self._lessons_unreadable, exc)
            return
        shown = self._source.outline  # None: the roadmap was made from the course itself
        if shown is not None and Outline.of(course) != shown:  # a lesson changed since the outline was read
            self.call_from_thread(self._course_changed)

    def _course_changed(self) -> None:
        for screen in self.screen_stack:
            if isinstance(screen, RoadmapScreen):
                screen.refresh_progress()

    def _lessons_unreadable(self, exc: OSError) -> None:
        """The lessons folder went away (or cannot be listed) after the outline was read: say so and close."""
        root = self._source.root
        if isinstance(exc, FileNotFoundError):  # the CLI's own words (dltutor.cli.app.load_course_or_exit)
            message = _("lessons folder not found: {root} (set --lessons DIR or DLTUTOR_LESSONS)").format(root=root)
        else:
            message = _("cannot read the lessons folder {root}: {reason}").format(root=root,
                                                                                reason=exc.strerror or exc)
        from rich.text import Text

        self.exit(return_code=2, message=Text(message))  # Text: a path is never read as markup

    def _warm_lab(self) -> None:
        import threading

        # Spawning takes tens of milliseconds: keep them off the UI thread too.
        threading.Thread(target=self.trainer.start, daemon=True, name="dltutor-warm-lab").start()

    # Navigation: every route starts from the roadmap, so Esc always walks back the same way.

    def lesson(self, lesson_id: str) -> Lesson:
        return self.course.get(lesson_id)

    def _known_lesson(self, lesson_id: str) -> Lesson | None:
        """The lesson, or None with a word when the roadmap showed one the course no longer has."""
        try:
            return self.lesson(lesson_id)
        except KeyError:
            if self.is_running and self.return_code is None:
                self.notify(escape(_("Lesson '{id}' changed on disk since the app opened; the roadmap now "
                                     "shows the course as it is.").format(id=lesson_id)), severity="warning")
                self._course_changed()
            return None

    def _go(self, lesson_id: str, top: type[Screen] | None = None) -> None:
        """Show roadmap → lesson [→ top]: keep the lesson screen if it is this lesson's, pop the rest."""
        from dltutor.tui.screens.lesson import LessonScreen

        lesson = self._known_lesson(lesson_id)
        if lesson is None:
            return
        while len(self.screen_stack) > 1:
            screen = self.screen
            if isinstance(screen, LessonScreen) and screen.lesson.id == lesson_id:
                break
            self.pop_screen()
        if len(self.screen_stack) == 1:
            name = f"lesson:{lesson.id}"  # kept after Esc, so coming back is instant and keeps the place
            if not self.is_screen_installed(name):
                self.install_screen(LessonScreen(lesson), name)
            self.push_screen(name)
        if top is not None:
            self.push_screen(top(lesson))

    def open_lesson(self, lesson_id: str) -> None:
        self._go(lesson_id)

    def open_quiz(self, lesson_id: str) -> None:
        from dltutor.tui.screens.quiz import QuizScreen

        self._go(lesson_id, QuizScreen)

    def open_lab(self, lesson_id: str) -> None:
        from dltutor.tui.screens.lab import LabScreen

        lesson = self._known_lesson(lesson_id)
        if lesson is None:
            return
        if not lesson.meta.exercise:
            self.notify(escape(_("'{title}' has no training exercise.").format(title=lesson.title)), severity="warning")
            return
        self._go(lesson_id, LabScreen)

    def open_drills(self, lesson_id: str) -> None:
        from dltutor.tui.screens.drills import DrillsScreen

        self._go(lesson_id, DrillsScreen)

    @property
    def drill_runner(self):
        """The process that runs learner code for drill checks (started on first use; never this process)."""
        if self._drill_runner is None:
            from dltutor.drills.runner import Runner

            self._drill_runner = Runner().start()
        return self._drill_runner
    def action_next_lesson(self) -> None:
        """From a lesson or its quiz: the lesson after it in roadmap order (the roadmap's own `n` differs)."""
        current = self.current_lesson
        ids = self.course.ids
        if current is None or current.id not in ids:
            return
        at = ids.index(current.id)
        if at + 1 < len(ids):
            self.open_lesson(ids[at + 1])
        else:
            self.notify(_("This is the last lesson of the roadmap."), timeout=3)

    @property
    def current_lesson(self) -> Lesson | None:
        """The lesson the learner is in (for context-aware commands), if any."""
        for screen in reversed(self.screen_stack):
            lesson = getattr(screen, "lesson", None)
            if lesson is not None:
                return lesson
        return None

    def release(self) -> None:
        """After the app has exited: stop the drill runner and the training process, close the progress store.

        A run still going was saved as stopped when its lab closed; the process gets 0.1 s to
        stop by itself, then it is terminated, so quitting never waits for training.
        """
        if self._drill_runner is not None:
            self._drill_runner.close()
        if self._trainer is not None:
            self._trainer.close()
        if self._store is not None:
            self._store.close()

    def action_command_palette(self) -> None:
        if self.use_command_palette and not Palette.is_open(self):
            self.push_screen(Palette(id="--command-palette", placeholder=_("Search for commands…")))

    def get_system_commands(self, screen: Screen):
        """Textual's commands (theme, quit, keys, screenshot …) in the language in use."""
        for command in super().get_system_commands(screen):
            yield command._replace(title=_(command.title), help=_(command.help))

    def action_help(self) -> None:
        if not isinstance(self.screen, (HelpScreen, TooSmallScreen)):
            self.push_screen(HelpScreen(self.screen))

    # A terminal too small for the layout gets a plain message instead of a broken screen.

    def on_resize(self, event: events.Resize) -> None:
        self._check_size(event.size)  # runs before App updates self.size

    def _check_size(self, size: Size | None = None) -> None:
        width, height = size or self.size
        small = width < MIN_SIZE[0] or height < MIN_SIZE[1]
        showing = isinstance(self.screen, TooSmallScreen)
        if small and not showing:
            self.push_screen(TooSmallScreen(MIN_SIZE))
        elif not small and showing:
            self.pop_screen()


def run_app(lesson_id: str | None = None, course: Course | CourseSource | None = None,
            exit_process: bool = False) -> None:
    """Open the app at the roadmap, or at a lesson. The CLI gives the course (loaded, with its clean
    errors) or, for `dltutor` alone, a `CourseSource` with a current outline.

    `exit_process`: after a clean quit, end the process at once (the CLI's choice). By then the
    record is saved and closed and the training process is ended; what is skipped is the
    interpreter's teardown of every widget and module, which takes 1-2 s on a busy machine.
    """
    if course is None:
        from dltutor.content import load_course
        from dltutor.settings import lessons_dir

        course = load_course(lessons_dir())
    app = TutorApp(course, lesson_id, warm_lab=True)
    restore(app)  # after a language switch: the quizzes left midway in the other language
    try:
        app.run()
    finally:
        app.release()
    if exit_process and not app.return_code:
        import os
        import sys

        for stream in (sys.stdout, sys.stderr):
            stream.flush()
        if app.relaunch:  # the language switch: the same place, in a fresh process speaking the new language
            carry_over(app)
            relaunch(app.relaunch)
        os._exit(0)
