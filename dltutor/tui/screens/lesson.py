"""The lesson reader: objectives, the Markdown text, a table of contents; quiz and lab one key away.

Long lessons open at once: the first screenful of Markdown is rendered before the first paint and
the rest is appended in small chunks afterwards, below the fold (Textual's Markdown widget builds
one widget per block, which costs about a second for a long lesson; see Textual issue 4586).
"""

from __future__ import annotations

import asyncio
import math

from rich.cells import cell_len, set_cell_size

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.screen import Screen
from textual.widgets import Header, Markdown, Static
from textual.widget import MountError
from textual.widgets.markdown import MarkdownBlock, MarkdownTableOfContents

from dltutor.content import Lesson
from dltutor.i18n import N_, _
from dltutor.tui.lesson_text import lesson_header, markdown_chunks
from dltutor.tui.screens.ready import ReadyForKeys
from dltutor.tui.widgets.footer import key_footer

CONTENTS_WIDTH = 30  # columns the side panel takes (tcss #contents)
TEXT_MIN = 80  # the panel sits beside the text only if the text keeps at least this many columns
READER_CHROME = 3  # reader padding (2) and its scrollbar (1), see tutor.tcss


def contents_fit(width: int) -> bool:
    """Is the terminal wide enough for the contents panel beside ≥ 80 columns of text?"""
    return width - CONTENTS_WIDTH - READER_CHROME >= TEXT_MIN


def fit_tables(markdown: Markdown) -> None:
    """Make each table as wide as its cells need: wider than the text, it scrolls sideways (tutor.tcss)
    instead of squeezing every cell to '0.…'. (Textual's table widget keeps the cells as `headers`/`rows`.)"""
    for content in markdown.query("MarkdownTableContent"):
        rows = [content.headers, *content.rows]
        columns = max(map(len, rows), default=0)
        widths = [max((row[i].cell_length for row in rows if i < len(row)), default=0) + 2  # padding 1 + 1
                  for i in range(columns)]
        for index, cell in enumerate(content.query_children(".header, .cell")):
            cell.styles.min_width = widths[index % columns]
        # a 1-column rule between cells, and the frame's left and right edges
        content.styles.min_width = sum(widths) + max(columns - 1, 0) + 2
        content.refresh(layout=True)


def contents_label(label: str, level: int) -> str:
    """A heading as the contents panel can show it: cut to fit beside the tree's guides, ending with '…'."""
    # the panel's edge (1), the tree's left padding (1), its guides and numeral ("Ⅰ ": 2 columns at level 1,
    # "├── Ⅱ ": 6 at level 2, 4 more a level) and the fold mark ("▼ ", 2) of a heading with subsections
    guides = 4 * (level - 1) + 2
    room = CONTENTS_WIDTH - 1 - 1 - guides - 2
    return label if cell_len(label) <= room else set_cell_size(label, room - 1).rstrip() + "…"


class Reader(VerticalScroll):
    BINDINGS = [
        Binding("j", "scroll_down", N_("Down"), show=False),
        Binding("k", "scroll_up", N_("Up"), show=False),
        Binding("space", "page_down", N_("Page down"), show=False),
        Binding("right", "scroll_wide(8)", N_("Scroll wide code/tables right"), show=False),
        Binding("left", "scroll_wide(-8)", N_("Scroll wide code/tables left"), show=False),
    ]

    def action_scroll_wide(self, columns: int) -> None:
        """Scroll every code block and table in view that is wider than the text sideways."""
        top, bottom = self.scroll_y, self.scroll_y + self.scrollable_content_region.height
        offset = self.query_one(Markdown).virtual_region.y  # blocks' regions are relative to the Markdown
        for block in self.query("MarkdownFence, MarkdownTable"):
            y = offset + block.virtual_region.y
            if block.max_scroll_x and y < bottom and y + block.outer_size.height > top:
                block.scroll_relative(x=columns, animate=False)


class LessonScreen(ReadyForKeys, Screen[None]):
    HELP = N_("""\
Read the lesson, then test yourself with the quiz (**z**) and train its exercise in
the lab (**l**). Scroll with the arrows, j/k, Space, Page Up/Down or the mouse. A code
block or table wider than the text has a scrollbar under it: **←** and **→** scroll it.
The contents (**c** shows them, **c** again hides them; ↑↓ and Enter jump to a section)
sit beside the text when the window is wide, over it when it is narrow. Your place is
kept when you come back. **n** opens the next lesson.
""")
    BINDINGS = [
        Binding("escape", "back", N_("Back"), tooltip=N_("Back to the roadmap (your place is kept)")),
        Binding("z", "quiz", N_("Quiz"), tooltip=N_("Take this lesson's quiz")),
        Binding("l", "lab", N_("Lab"), tooltip=N_("Train this lesson's exercise in the lab")),
        Binding("d", "drills", N_("Drills"), tooltip=N_("Write this lesson's code drills")),
        Binding("c", "toggle_contents", N_("Contents"),
                tooltip=N_("Show or hide the contents (Enter jumps to a section)")),
        Binding("n", "app.next_lesson", N_("Next lesson"), tooltip=N_("Open the next lesson of the roadmap")),
    ]

    def __init__(self, lesson: Lesson) -> None:
        super().__init__()
        self.lesson = lesson
        self.title = lesson.title
        self.sub_title = _("lesson {order}").format(order=lesson.meta.order)
        self.rendered = False  # True once the whole text is on screen (see render_rest)
        self._read = False

    def compose(self) -> ComposeResult:
        yield Header(icon="◆")
        markdown = Markdown(open_links=False, id="lesson-text")
        with Horizontal():
            contents = MarkdownTableOfContents(markdown, id="contents")
            contents.display = contents_fit(self.app.size.width)  # decided before the first paint: no jump
            yield contents
            with Reader(id="reader"):
                yield Static(lesson_header(self.lesson), id="objectives")
                yield markdown
        yield key_footer(self.app.size.width)

    async def on_mount(self) -> None:
        # Half a screen of source lines fills the view once wrapped and spaced; every block drawn before
        # the first paint delays it (a bullet list is many widgets), so draw no more than that.
        height = self.app.size.height
        first, *rest = markdown_chunks(self.lesson.body, first_lines=max(8, height // 2), chunk_lines=height)
        # append(), not update(): append() remembers where the last block starts, so the next chunk
        # re-reads that block (update() leaves it pointing past it, and the next heading is lost).
        await self.query_one(Markdown).append(first)
        fit_tables(self.query_one(Markdown))
        self.query_one(Reader).focus()
        self.app.store.mark_lesson(self.lesson.id, "opened")
        self.watch(self.query_one(Reader), "scroll_y", self._scrolled, init=False)
        self.call_after_refresh(self.render_rest, rest)  # after the first paint, not competing with it

    @work(exclusive=True, group="lesson-render")
    async def render_rest(self, chunks: list[str]) -> None:
        """Append the text below the first screen a chunk at a time, each after the last was painted,
        so keys and scrolling stay quick while it grows."""
        markdown = self.query_one(Markdown)
        for chunk in chunks:
            try:
                await markdown.append(chunk)
            except MountError:  # the app closed mid-render (a quit, or the language switch's restart)
                return
            fit_tables(markdown)
            painted = asyncio.Event()
            self.call_after_refresh(painted.set)
            await painted.wait()
        self.rendered = True
        self._scrolled()

    async def until_rendered(self) -> None:
        while not self.rendered:
            await asyncio.sleep(0.02)

    def on_resize(self) -> None:
        contents = self.query_one("#contents")
        if not contents.has_class("-overlay") and contents.display != contents_fit(self.app.size.width):
            with self._keeping_place():
                contents.display = contents_fit(self.app.size.width)

    def _painted(self) -> None:
        super()._painted()
        self._scrolled()  # a short lesson is read once it has been on view whole

    def _scrolled(self, _scroll_y: float = 0) -> None:
        reader = self.query_one(Reader)
        on_view = self.app.screen is self and math.isfinite(self.keys_from)  # not just pushed under a quiz
        if on_view and self.rendered and reader.max_scroll_y - reader.scroll_y <= 2 and not self._read:
            self._read = True  # reached the end once: count it as read
            self.app.store.mark_lesson(self.lesson.id, "read")
            self.notify(_("Lesson read to the end: the roadmap marks it ✔ read."), timeout=3)

    @on(Markdown.TableOfContentsUpdated)
    def _contents(self, event: Markdown.TableOfContentsUpdated) -> None:
        self.query_one(MarkdownTableOfContents).table_of_contents = [
            (level, contents_label(label, level), block_id) for level, label, block_id in event.table_of_contents]
        event.stop()

    @on(Markdown.TableOfContentsSelected)
    def _jump(self, event: Markdown.TableOfContentsSelected) -> None:
        block = self.query_one(f"#{event.block_id}", MarkdownBlock)
        self.query_one(Reader).scroll_to_widget(block, top=True, animate=False)
        contents = self.query_one("#contents")
        if contents.has_class("-overlay"):  # over the text: out of the way once it has done its job
            self._hide_contents()
        event.stop()

    async def show_section(self, heading: str) -> bool:
        """Scroll so the section titled `heading` is at the top; False if the text has no such heading."""
        await self.until_rendered()
        while self.app.screen is not self or not math.isfinite(self.keys_from):
            await asyncio.sleep(0.02)  # laid out and painted at its current size, so positions are right
        for block in self.query("MarkdownH1, MarkdownH2, MarkdownH3, MarkdownH4"):
            if block._content.plain.strip() == heading.strip():
                self.query_one(Reader).scroll_to_widget(block, top=True, animate=False)
                return True
        return False

    def _top_block(self) -> MarkdownBlock | None:
        """The first block whose bottom is below the top of the view: the paragraph being read."""
        reader = self.query_one(Reader)
        markdown = self.query_one(Markdown)
        offset = markdown.virtual_region.y  # blocks' regions are relative to the Markdown, under the objectives
        for block in markdown.children:
            if offset + block.virtual_region.bottom > reader.scroll_y:
                return block
        return None

    def _keeping_place(self):
        screen = self

        class Keep:
            def __enter__(self):
                self.block = screen._top_block() if screen.query_one(Reader).scroll_y > 0 else None

            def __exit__(self, *exc):
                if self.block is not None:
                    reader = screen.query_one(Reader)
                    screen.call_after_refresh(reader.scroll_to_widget, self.block, top=True, animate=False)

        return Keep()

    def _hide_contents(self) -> None:
        contents = self.query_one("#contents")
        with self._keeping_place():
            contents.display = False
            contents.remove_class("-overlay")
        self.query_one(Reader).focus()

    def action_back(self) -> None:
        """Esc: first closes the contents when they lie over the text (narrow screens), then goes back."""
        contents = self.query_one("#contents")
        if contents.display and contents.has_class("-overlay"):
            self._hide_contents()
        else:
            self.app.pop_screen()

    def action_toggle_contents(self) -> None:
        """One press shows (and focuses) the contents, the next hides them; the paragraph at the top stays."""
        contents = self.query_one("#contents")
        if contents.display:
            self._hide_contents()
            return
        with self._keeping_place():
            contents.set_class(not contents_fit(self.app.size.width), "-overlay")  # narrow: over the text
            contents.display = True
        contents.query_one("Tree").focus()

    def action_quiz(self) -> None:
        self.app.open_quiz(self.lesson.id)

    def action_drills(self) -> None:
        self.app.open_drills(self.lesson.id)

    def action_lab(self) -> None:
        self.app.open_lab(self.lesson.id)

