"""The lesson reader: objectives, the Markdown text, a table of contents; quiz and lab one key away."""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.screen import Screen
from textual.widgets import Footer, Header, Markdown, Static
from textual.widgets.markdown import MarkdownBlock, MarkdownTableOfContents

from dltutor.content import Lesson
from dltutor.tui.lesson_text import lesson_header


class Reader(VerticalScroll):
    BINDINGS = [
        Binding("j", "scroll_down", "Down", show=False),
        Binding("k", "scroll_up", "Up", show=False),
        Binding("space", "page_down", "Page down", show=False),
    ]


class LessonScreen(Screen[None]):
    HELP = """\
Read the lesson, then test yourself with the quiz (**z**) and train its exercise in
the lab (**l**). Scroll with the arrows, j/k, Page Up/Down or the mouse. The contents
(**c**, then ↑↓ and Enter; **c** again hides them) jump to a section. Your place is kept
when you come back.
"""
    BINDINGS = [
        Binding("escape", "app.pop_screen", "Back"),
        Binding("z", "quiz", "Quiz"),
        Binding("l", "lab", "Lab"),
        Binding("d", "drills", "Drills"),
        Binding("c", "toggle_contents", "Contents"),
    ]

    def __init__(self, lesson: Lesson) -> None:
        super().__init__()
        self.lesson = lesson
        self.title = lesson.title
        self.sub_title = f"lesson {lesson.meta.order}"

    def compose(self) -> ComposeResult:
        yield Header(icon="◆")
        markdown = Markdown(open_links=False, id="lesson-text")
        with Horizontal():
            yield MarkdownTableOfContents(markdown, id="contents")
            with Reader(id="reader"):
                yield Static(lesson_header(self.lesson), id="objectives")
                yield markdown
        yield Footer()

    async def on_mount(self) -> None:
        self.query_one("#contents").display = self.app.size.width >= 90
        await self.query_one(Markdown).update(self.lesson.body)
        reader = self.query_one(Reader)
        reader.focus()
        self.app.store.mark_lesson(self.lesson.id, "opened")
        position = self.app.reading_positions.get(self.lesson.id, 0)
        self.call_after_refresh(reader.scroll_to, y=position, animate=False)
        self.watch(reader, "scroll_y", self._scrolled, init=False)
        self.call_after_refresh(self._scrolled)

    def _scrolled(self, _: float = 0) -> None:
        reader = self.query_one(Reader)
        self.app.reading_positions[self.lesson.id] = reader.scroll_y
        if reader.max_scroll_y - reader.scroll_y <= 2 and not getattr(self, "_read", False):
            self._read = True  # reached the end once: count it as read
            self.app.store.mark_lesson(self.lesson.id, "read")

    @on(Markdown.TableOfContentsUpdated)
    def _contents(self, event: Markdown.TableOfContentsUpdated) -> None:
        self.query_one(MarkdownTableOfContents).table_of_contents = event.table_of_contents
        event.stop()

    @on(Markdown.TableOfContentsSelected)
    def _jump(self, event: Markdown.TableOfContentsSelected) -> None:
        block = self.query_one(f"#{event.block_id}", MarkdownBlock)
        self.query_one(Reader).scroll_to_widget(block, top=True, animate=False)
        event.stop()

    def action_toggle_contents(self) -> None:
        """Show and focus the contents; pressed again while they have focus, hide them."""
        contents = self.query_one("#contents")
        tree = contents.query_one("Tree")
        if contents.display and tree.has_focus:
            contents.display = False
            self.query_one(Reader).focus()
        else:
            contents.display = True
            tree.focus()

    def action_quiz(self) -> None:
        self.app.open_quiz(self.lesson.id)

    def action_drills(self) -> None:
        self.app.open_drills(self.lesson.id)

    def action_lab(self) -> None:
        self.app.open_lab(self.lesson.id)
