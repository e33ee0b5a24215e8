"""Pilot tests: the app driven by keys as a learner would, checked against the screens and the progress store."""

from __future__ import annotations

import io
import time

from rich.console import Console
from rich.text import Text

from dltutor.tui.screens.help import HelpScreen, TooSmallScreen
from dltutor.tui.screens.lab import LabScreen
from dltutor.tui.screens.lesson import LessonScreen
from dltutor.tui.screens.quiz import QuizScreen
from dltutor.tui.screens.roadmap import RoadmapScreen
from tests.tui.conftest import open_lab, press_when_ready, run_to_end, set_params, shown, start_long_run, wait_for


def text_of(screen, selector: str) -> str:
    """What a Static shows, as plain text (markup and Rich renderables alike)."""
    content = screen.query_one(selector).content
    if isinstance(content, str):
        return Text.from_markup(content).plain
    console = Console(width=120, file=io.StringIO(), color_system=None)
    console.print(content)
    return console.file.getvalue()


async def test_roadmap_marks_next_and_enter_opens_the_lesson(make_app):
    app = make_app()
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        roadmap = app.screen
        assert isinstance(roadmap, RoadmapScreen)
        assert roadmap.recommended == "neurons"
        assert "0/2" in text_of(roadmap, "#overall") and "Neurons and perceptrons" in text_of(roadmap, "#overall")
        await press_when_ready(pilot, "j", "k", "enter")
        await wait_for(pilot, lambda: isinstance(app.screen, LessonScreen))
        assert app.screen.lesson.id == "neurons"
        assert "opened" in app.store.marks("neurons")["neurons"]
        await press_when_ready(pilot, "escape")
        assert isinstance(app.screen, RoadmapScreen)
        assert app.screen.progress["neurons"].status == "reading"  # refreshed on return


async def test_lesson_keeps_its_scroll_position_and_contents_jump(make_app):
    app = make_app("neurons")
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_for(pilot, lambda: isinstance(app.screen, LessonScreen))
        await pilot.pause(0.2)
        reader = app.screen.query_one("#reader")
        assert reader.max_scroll_y > 0, "the fixture lesson should be longer than the screen"
        await press_when_ready(pilot, "j", "j", "j", "j")
        await pilot.pause(0.2)
        kept = reader.scroll_y
        assert kept > 0
        await press_when_ready(pilot, "escape", "enter")
        await wait_for(pilot, lambda: isinstance(app.screen, LessonScreen))
        await pilot.pause(0.2)
        assert app.screen.query_one("#reader").scroll_y == kept
        await press_when_ready(pilot, "c")  # contents: hidden by default at 80 columns, shown on request
        contents = app.screen.query_one("#contents")
        assert contents.display
        await press_when_ready(pilot, "down", "down", "down", "down", "enter")
        await pilot.pause(0.2)
        assert app.screen.query_one("#reader").scroll_y != kept


async def test_quiz_to_the_end_records_the_attempt_then_retry_only_missed(make_app):
    app = make_app()
    async with app.run_test(size=(100, 30)) as pilot:
        app.open_quiz("neurons")
        await wait_for(pilot, lambda: isinstance(app.screen, QuizScreen))
        quiz = app.screen
        await press_when_ready(pilot, "h")  # first hint of the first question
        assert "Draw the four points" in text_of(quiz, "#hints")
        await press_when_ready(pilot, "down", "enter")  # single: b (right)
        assert quiz.results["neurons-xor"].status == "correct"
        await press_when_ready(pilot, "enter")
        assert "w[0]·x[0] + w[1]·x[1] + b" in text_of(quiz, "#prompt")  # brackets are text, not markup
        await press_when_ready(pilot, *"abc", "enter")  # numeric: not a number -> inline error, still asking
        assert "not a number" in text_of(quiz, "#answer-error") and quiz.phase == "answer"
        quiz.query_one("#quiz-body Input").value = ""
        await press_when_ready(pilot, *"0.9", "enter")  # wrong
        assert quiz.results["neurons-sum"].status == "wrong"
        assert "0.5" in text_of(quiz, "#feedback")  # the feedback gives the key and the explanation
        await press_when_ready(pilot, "enter", "enter")  # truefalse: first choice (true) is right
        await press_when_ready(pilot, "enter", "space", "enter")  # multiple: only a -> partial
        assert quiz.results["neurons-parts"].status == "partial"
        await press_when_ready(pilot, "enter", *"xor", "enter")  # text, case-insensitive
        assert quiz.results["neurons-name"].status == "correct"
        await press_when_ready(pilot, "enter", "shift+down", "enter")  # order: c moves below a -> partly right
        await press_when_ready(pilot, "enter")
        assert quiz.phase == "summary"
        attempts = app.store.attempts("neurons")
        assert len(attempts) == 1 and not attempts[0]["passed"]
        missed = [q.id for q in quiz.missed]
        assert missed == ["neurons-sum", "neurons-parts", "neurons-steps"]
        await press_when_ready(pilot, "r")
        assert [q.id for q in quiz.round] == missed
        quiz.query_one("#quiz-body Input").value = "0.5"
        await press_when_ready(pilot, "enter", "enter")
        await press_when_ready(pilot, "space", "down", "space", "enter", "enter")
        await press_when_ready(pilot, "down", "down", "shift+up", "shift+up", "enter", "enter")  # a b c -> c a b
        assert quiz.phase == "summary"
        attempts = app.store.attempts("neurons")
        assert len(attempts) == 2 and attempts[-1]["score"] > attempts[0]["score"]
        assert attempts[-1]["passed"]
        await press_when_ready(pilot, "escape", "escape")
        assert app.screen.progress["neurons"].status == "quiz passed"


async def test_lab_run_fills_the_charts_shows_the_verdict_and_is_recorded(make_app, fake_lab):
    app = make_app()
    async with app.run_test(size=(100, 30)) as pilot:
        lab = await open_lab(pilot)
        assert "fixed for tests" in text_of(lab, "#device-badge")
        await run_to_end(pilot, lab, steps="20")
        assert set(lab.query_one("#loss-chart").series) == {"loss/train", "loss/val"}
        assert len(lab.query_one("#loss-chart").series["loss/train"].ys) == 4
        assert lab.query_one("#metric-chart").series["acc"].ys[-1] > 0.9
        assert {k.split(":")[0] for k in lab.query_one("#sample-view").samples} >= {"decision_boundary", "confusion"}
        assert "Target met" in text_of(lab, "#run-status")
        runs = app.store.runs("neurons")
        assert len(runs) == 1 and runs[0]["target_met"] and runs[0]["hyperparameters"]["steps"] == 20
        await run_to_end(pilot, lab, steps="5")  # a worse run is compared with the best one
        assert "previous best" in text_of(lab, "#result")


async def test_bad_hyperparameter_is_explained_inline_and_blocks_start(make_app, fake_lab):
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        lab = await open_lab(pilot)
        set_params(lab, lr="-1", seed="x")
        await pilot.pause()
        assert "greater than 0" in text_of(lab, "#help-lr")
        assert lab.query_one("#help-lr").has_class("-invalid")
        assert "integer" in text_of(lab, "#help-seed")
        await pilot.press("s")  # outside a field, s starts too
        await pilot.pause()
        assert not lab.running and lab.started is None
        set_params(lab, lr="0.2", seed="1")
        await pilot.pause()
        assert not lab.query_one("#help-lr").has_class("-invalid")


async def test_stop_ends_a_run_within_a_second(make_app, fake_lab):
    app = make_app()
    async with app.run_test(size=(100, 30)) as pilot:
        lab = await open_lab(pilot)
        await start_long_run(pilot, lab)
        pressed = time.monotonic()
        await pilot.press("x")
        await wait_for(pilot, lambda: not lab.running, timeout=5)
        assert time.monotonic() - pressed < 1.0
        assert "Stopped by you" in text_of(lab, "#result")
        runs = app.store.runs("neurons")
        assert len(runs) == 1 and not runs[0]["target_met"]  # saved, never counted as meeting the target


async def test_a_diverging_run_shows_the_labs_teaching_message(make_app, fake_lab):
    app = make_app()
    async with app.run_test(size=(100, 30)) as pilot:
        lab = await open_lab(pilot)
        await run_to_end(pilot, lab, mode="diverge", lr="5")
        result = text_of(lab, "#result")
        assert "failed" in result and "Learning rate 5 is too high" in result
        # The app names its form field, never a command-line flag (issue 13).
        assert "Lower the lr field (try 0.1)" in " ".join(result.split()) and "--" not in result
        await run_to_end(pilot, lab, mode="crash")
        assert "deliberate bug" in text_of(lab, "#result")


async def test_leaving_or_quitting_mid_run_stops_the_run_and_saves_it_once(make_app, fake_lab):
    app = make_app()
    async with app.run_test(size=(100, 30)) as pilot:
        lab = await open_lab(pilot)
        await start_long_run(pilot, lab)
        await pilot.press("escape")  # back out to the lesson
        assert not lab.running and len(app.store.runs("neurons")) == 1
        lab = await open_lab(pilot)  # waits for the training process to finish the stopped run
        await start_long_run(pilot, lab)
        quit_at = time.monotonic()
        await pilot.press("ctrl+q")
    assert time.monotonic() - quit_at < 0.5  # the app did not wait for 100,000 steps
    runs = app.store.runs("neurons")
    assert len(runs) == 2 and not any(r["target_met"] for r in runs)
    assert runs[1]["hyperparameters"]["steps"] == 100000
    assert list(fake_lab.run("concepts", {"steps": 3}))[-1].event == "finished"  # the process is free again


async def test_help_lists_the_screens_keys_and_palette_offers_lesson_commands(make_app):
    from dltutor.tui.commands import LessonCommands

    app = make_app("neurons")
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_for(pilot, lambda: isinstance(app.screen, LessonScreen))
        await press_when_ready(pilot, "question_mark")
        assert isinstance(app.screen, HelpScreen)
        keys = text_of(app.screen, "#help-keys")
        assert "quiz" in keys and "lab" in keys and "contents" in keys  # the tooltips: what each key does
        await press_when_ready(pilot, "escape")
        provider = LessonCommands(app.screen)
        names = [hit.text async for hit in provider.discover()]
        assert names[:3] == ["open lesson neurons: Neurons and perceptrons", "take quiz neurons", "open lab neurons"]
        assert "open lab layers" not in names  # that lesson has no exercise
        hits = [hit async for hit in provider.search("quiz layers")]
        max(hits, key=lambda hit: hit.score).command()
        await pilot.pause()
        assert isinstance(app.screen, QuizScreen) and app.screen.lesson.id == "layers"


async def test_a_tiny_terminal_gets_a_notice_until_it_grows(make_app):
    app = make_app()
    async with app.run_test(size=(50, 14)) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, TooSmallScreen)
        assert "50×14" in text_of(app.screen, "#too-small")
        await pilot.resize_terminal(80, 24)
        await pilot.pause(0.2)
        assert isinstance(app.screen, RoadmapScreen)


async def test_leaving_the_lab_while_it_loads_is_harmless(make_app, fake_lab, monkeypatch):
    describe = fake_lab.describe
    monkeypatch.setattr(fake_lab, "describe", lambda exercise_id: time.sleep(0.5) or describe(exercise_id))
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        app.open_lab("neurons")
        await pilot.pause()
        await pilot.press("escape")
        await pilot.pause(0.8)
        assert isinstance(app.screen, LessonScreen) and app.is_running


async def test_lab_needs_an_exercise(make_app):
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        app.open_lab("layers")
        await pilot.pause()
        assert not isinstance(app.screen, LabScreen)


async def test_an_unwritable_data_folder_is_a_warning_not_a_crash(make_app, tmp_path, monkeypatch):
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("a file where the data folder should be")
    monkeypatch.setenv("DLTUTOR_HOME", str(blocker))
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, RoadmapScreen) and app.store.warning
        assert any("Progress not saved" in (n.title or "") for n in app._notifications)
        app.open_quiz("layers")
        await pilot.pause()
        await press_when_ready(pilot, *"8", "enter", "enter", "x", "enter", "enter")  # cannot be saved; still ends
        assert app.screen.phase == "summary"


async def test_help_shows_a_screen_title_with_brackets_as_written(make_app):
    app = make_app("neurons")
    async with app.run_test(size=(80, 24)) as pilot:
        lesson = await shown(pilot, LessonScreen)
        lesson.title = "[/bold] weights [b]"  # a title is text, never markup
        await press_when_ready(pilot, "question_mark")
        assert isinstance(app.screen, HelpScreen)
        assert "Keys — [/bold] weights [b]" in text_of(app.screen, "#help-title")
