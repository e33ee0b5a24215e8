"""Reading a lesson: nothing is cut, the contents panel leaves the text its width, the place is kept,
the text appears at once, and what the learner did shows on the roadmap."""

from __future__ import annotations

import io

import pytest
from rich.console import Console
from textual.widgets import Markdown

from dltutor.content import load_course
from dltutor.quiz.scores import format_score
from dltutor.settings import lessons_dir
from dltutor.tui.lesson_text import markdown_chunks
from dltutor.tui.screens.lesson import LessonScreen, contents_fit
from dltutor.tui.screens.quiz import QuizScreen
from dltutor.tui.screens.roadmap import RoadmapScreen, progress_line
from tests.tui.conftest import press_when_ready, shown, wait_for


async def open_lesson(pilot, lesson_id: str) -> LessonScreen:
    pilot.app.open_lesson(lesson_id)
    screen = await shown(pilot, LessonScreen)
    await screen.until_rendered()
    await pilot.pause(0.1)
    return screen


@pytest.mark.parametrize("width", [80, 100, 112, 113, 130])
async def test_the_contents_panel_sits_beside_the_text_only_if_the_text_keeps_80_columns(make_app, width):
    app = make_app()
    async with app.run_test(size=(width, 30)) as pilot:
        screen = await open_lesson(pilot, "neurons")
        contents = screen.query_one("#contents")
        text = screen.query_one(Markdown).content_region.width
        assert contents.display == contents_fit(width)
        assert text >= 77 if width == 80 else text >= 80  # 80 columns: 77 for text, so a 76-column line fits


async def test_a_wide_table_scrolls_instead_of_collapsing_and_code_is_never_silently_cut(make_app):
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_lesson(pilot, "layers")
        table = screen.query_one("MarkdownTable")
        assert table.max_scroll_x > 0 and table.show_horizontal_scrollbar
        for cell in table.query("MarkdownTableCellContents"):  # every cell as wide as its text
            assert cell.content_region.width >= len(str(cell.content)), str(cell.content)
        fence = screen.query_one("MarkdownFence")
        assert fence.max_scroll_x > 0 and fence.show_horizontal_scrollbar  # a visible scrollbar, not a silent cut
        reader = screen.query_one("#reader")
        reader.scroll_to_widget(fence, top=True, animate=False)
        await pilot.pause(0.1)
        await press_when_ready(pilot, "right", "right")
        assert fence.scroll_x > 0  # → scrolls the code block in view
        await press_when_ready(pilot, "left", "left")
        assert fence.scroll_x == 0


@pytest.mark.parametrize("size", [(130, 18), (80, 18)], ids=["beside", "over"])
async def test_c_toggles_the_contents_with_one_press_and_keeps_the_paragraph_at_the_top(make_app, size):
    app = make_app()
    async with app.run_test(size=size) as pilot:
        screen = await open_lesson(pilot, "neurons")
        reader = screen.query_one("#reader")
        target = screen.query("MarkdownParagraph")[2]
        reader.scroll_to_widget(target, top=True, animate=False)
        await pilot.pause(0.1)
        top = screen._top_block()
        contents = screen.query_one("#contents")
        for _ in range(2):
            shown_before = contents.display
            await press_when_ready(pilot, "c")
            await pilot.pause(0.2)
            assert contents.display != shown_before
            assert screen._top_block() is top


def test_markdown_chunks_give_the_text_back_and_never_cut_a_code_block():
    for lesson in load_course(lessons_dir()).lessons:
        chunks = markdown_chunks(lesson.body, first_lines=24)
        assert "".join(chunks) == lesson.body
        assert len(chunks[0].splitlines()) < 24 + 40  # about one screen before the first paint
        for chunk in chunks:
            assert chunk.count("```") % 2 == 0, (lesson.id, chunk[:80])


async def test_the_lesson_opens_with_its_first_screen_and_then_grows_to_the_whole_text(make_app):
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_lesson(pilot, "layers")
        assert screen.rendered
        headings = [block._content.plain for block in screen.query("MarkdownH2")]
        assert headings[-1] == "Weight sharing"


async def test_ideas_to_revisit_name_the_section_and_enter_opens_it(make_app):
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        app.open_quiz("neurons")
        quiz = await shown(pilot, QuizScreen)
        await press_when_ready(pilot, "a", "enter", "enter")  # wrong: a perceptron CAN learn AND
        for keys in (["0", ".", "5"], ["t"], ["a", "b"], list("xor"), []):
            await press_when_ready(pilot, *keys, "enter", "enter")
        assert quiz.phase == "summary"
        revisit = quiz.query_one("#revisit")
        assert revisit.has_focus and revisit.option_count >= 1
        section = quiz.revisit[0]
        assert section in {h.heading for h in __import__("dltutor.quiz.sections", fromlist=["x"])
                           .lesson_sections(quiz.lesson.body)}
        shown_text = io.StringIO()
        Console(file=shown_text, width=70, color_system=None).print(revisit.get_option_at_index(0).prompt)
        question, where = shown_text.getvalue().splitlines()  # the question, then where it is taught
        assert where.strip() == f"→ § {section}" and where.index("→") == question.index(question.split()[1])
        await press_when_ready(pilot, "enter")
        lesson = await shown(pilot, LessonScreen)
        await lesson.until_rendered()
        await pilot.pause(0.3)
        heading = next(b for b in lesson.query("MarkdownH2, MarkdownH3") if b._content.plain == section)
        reader = lesson.query_one("#reader")
        top = lesson.query_one(Markdown).virtual_region.y + heading.virtual_region.y - heading.styles.margin.top
        assert reader.scroll_y == min(top, reader.max_scroll_y)  # the heading (with its margin) at the top


async def test_a_very_long_answer_is_echoed_shortened(make_app):
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        app.open_quiz("layers")
        quiz = await shown(pilot, QuizScreen)
        await press_when_ready(pilot, "8", "enter", "enter")
        quiz.query_one("TextAnswer").value = "7" * 3000
        await press_when_ready(pilot, "enter")
        feedback = str(quiz.query_one("#feedback").content)
        assert "…" in feedback and len(feedback) < 600


async def test_reading_to_the_end_shows_on_the_roadmap(make_app):
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_lesson(pilot, "layers")
        screen.query_one("#reader").scroll_end(animate=False)
        await wait_for(pilot, lambda: "read" in app.store.marks("layers").get("layers", {}), 10)
        await press_when_ready(pilot, "escape")
        roadmap = await shown(pilot, RoadmapScreen)
        assert roadmap.progress["layers"].marks and "✔ read" in progress_line(roadmap.progress["layers"])


def test_scores_are_rounded_the_same_way_everywhere():
    assert format_score(8.833333, 13) == "8.83/13"
    assert format_score(8.833333, 13, percent=True) == "8.83/13 (68%)"
    assert format_score(None, None) == "—"


async def test_roadmap_objectives_scroll_and_wrapped_bullets_are_indented(make_app):
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        roadmap = await shown(pilot, RoadmapScreen)
        panel = roadmap.query_one("#lesson-detail")
        assert panel.styles.overflow_y in ("auto", "scroll")
        console = Console(width=30, file=io.StringIO(), color_system=None)
        console.print(roadmap.query_one("#lesson-detail-text").content)
        lines = console.file.getvalue().splitlines()
        bullet = next(i for i, line in enumerate(lines) if "•" in line)
        assert lines[bullet + 1].startswith(" " * 4) and lines[bullet + 1].strip()  # hangs under the text


def _blocks(markdown: Markdown) -> list[tuple[str, str]]:
    from textual.widgets.markdown import MarkdownBlock

    return [(type(block).__name__, block._content.plain if hasattr(block, "_content") else "")
            for block in markdown.query(MarkdownBlock)]


@pytest.mark.parametrize("source", ["test course", "workflow"])
async def test_the_text_rendered_in_chunks_is_the_text_rendered_at_once(make_app, monkeypatch, source):
    """Cut every few lines (many chunk borders), the lesson has the same blocks as one Markdown.update()."""
    from textual.app import App

    from dltutor.tui.screens import lesson as lesson_module

    course = make_app().course if source == "test course" else load_course(lessons_dir())
    lessons = course.lessons if source == "test course" else [course.get(source)]
    monkeypatch.setattr(lesson_module, "markdown_chunks",
                        lambda body, first_lines, chunk_lines: markdown_chunks(body, 4, chunk_lines=4))
    for lesson in lessons:
        class Whole(App):
            def compose(self):
                yield Markdown(lesson.body)

        whole = Whole()
        async with whole.run_test(size=(80, 24)) as pilot:
            await pilot.pause(0.2)
            expected = _blocks(whole.query_one(Markdown))
        app = make_app()
        app.course = course
        async with app.run_test(size=(80, 24)) as pilot:
            screen = await open_lesson(pilot, lesson.id)
            assert _blocks(screen.query_one(Markdown)) == expected, lesson.id


async def test_a_title_cut_on_the_roadmap_ends_with_an_ellipsis(make_app):
    app = make_app()
    async with app.run_test(size=(60, 20)) as pilot:
        roadmap = await shown(pilot, RoadmapScreen)
        table = roadmap.query_one("#lessons")
        width = table.ordered_columns[1].width
        for row in range(table.row_count):
            title = table.get_cell_at((row, 1))
            assert title.cell_len <= width
            full = "  " + app.course.lessons[row].title
            assert title.plain == full or title.plain.endswith("…")


async def test_a_lesson_opened_under_a_quiz_is_not_marked_read(make_app):
    app = make_app()
    async with app.run_test(size=(100, 60)) as pilot:  # tall enough for the whole lesson
        app.open_quiz("layers")  # the lesson screen is pushed under the quiz, never seen
        await shown(pilot, QuizScreen)
        await pilot.pause(0.5)
        assert "read" not in app.store.marks("layers").get("layers", {})
        await press_when_ready(pilot, "escape")  # now it is on view, and short enough to be read whole
        await shown(pilot, LessonScreen)
        await wait_for(pilot, lambda: "read" in app.store.marks("layers").get("layers", {}), 10)


async def test_every_cut_contents_label_ends_with_an_ellipsis(make_app):
    """The contents over the text at 80×24 (their narrowest: a border, and a scrollbar as they are long):
    a heading with subsections, which has a fold mark, fits too."""
    import re

    from textual.widgets import Tree

    from dltutor.tui.app import TutorApp

    app = TutorApp(load_course(lessons_dir()), None)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_lesson(pilot, "concepts")
        await press_when_ready(pilot, "c")
        tree = screen.query_one("#contents").query_one(Tree)
        tree.root.expand_all()
        await pilot.pause(0.2)
        headings = [block._content.plain.strip() for block in screen.query("MarkdownH1, MarkdownH2, MarkdownH3")]
        # what the learner sees of each line: the tree may be wider than the panel, which clips it
        width = screen.query_one("#contents").content_region.right - tree.scrollable_content_region.x
        lines = [tree.render_line(y).crop(0, width).text.rstrip() for y in range(tree.virtual_size.height)]
        labels = [re.sub(r"^[\s│├└─▼▶]*[ⅠⅡⅢⅣⅤⅥ] ", "", line) for line in lines if line.strip()]
        assert any(label.endswith("…") for label in labels)  # the lesson has long headings
        for label in labels:
            assert label in headings or (label.endswith("…") and any(h.startswith(label[:-1]) for h in headings)), \
                (label, lines)


async def test_the_roadmap_table_never_scrolls_sideways_at_the_smallest_size(make_app):
    """At 60 columns Needs gives up room (cut with …), so Status ('exercise done') is never cut off."""
    app = make_app()
    async with app.run_test(size=(60, 18)) as pilot:
        roadmap = await shown(pilot, RoadmapScreen)
        await pilot.pause(0.1)
        table = roadmap.query_one("#lessons")
        assert table.max_scroll_x == 0, (table.virtual_size, table.scrollable_content_region)
        assert table.ordered_columns[3].width >= len("exercise done")


async def test_ideas_below_the_score_come_into_view_before_enter_opens_one(make_app):
    """On a short terminal (or after a long quiz at 80×24) the ideas to revisit lie below the score:
    End scrolls to the idea it highlights, and Enter on an idea out of view shows it instead of
    opening a lesson the learner never saw (one Enter too many after the last answer)."""
    app = make_app()
    async with app.run_test(size=(80, 16)) as pilot:
        app.open_quiz("neurons")
        quiz = await shown(pilot, QuizScreen)
        await quiz.finish_round()  # nothing answered: every question is an idea to revisit
        await pilot.pause()
        body, ideas = quiz.query_one("#quiz-body"), quiz.query_one("#revisit")
        assert ideas.has_focus and body.scroll_y == 0 and not quiz._idea_in_view(ideas, 0)
        await pilot.press("enter")
        await pilot.pause()
        assert app.screen is quiz and quiz._idea_in_view(ideas, 0)
        await pilot.press("end")
        await pilot.pause()
        assert quiz._idea_in_view(ideas, ideas.option_count - 1)
        await pilot.press("enter")
        await shown(pilot, LessonScreen)
