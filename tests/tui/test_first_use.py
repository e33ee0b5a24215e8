"""Found by using the app as a new learner would (issue 12's last point), each kept as a test."""

from __future__ import annotations

from dltutor.tui.screens.lesson import LessonScreen
from dltutor.tui.screens.roadmap import RoadmapScreen
from tests.tui.conftest import press_when_ready, shown
from tests.tui.test_reading import open_lesson


async def test_esc_first_closes_contents_shown_over_the_text_then_goes_back(make_app):
    """At 80 columns the contents cover the text; Esc went straight to the roadmap with them open."""
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_lesson(pilot, "neurons")
        contents = screen.query_one("#contents")
        await press_when_ready(pilot, "c")
        assert contents.display and contents.has_class("-overlay")
        await press_when_ready(pilot, "escape")
        await pilot.pause()
        assert isinstance(app.screen, LessonScreen) and not contents.display
        await press_when_ready(pilot, "escape")
        await shown(pilot, RoadmapScreen)
