"""The palette's language switch: saves the choice and asks for a restart at the same lesson."""

from __future__ import annotations

import json
import sys

import pytest

from dltutor.content import load_course
from dltutor.i18n import use_language
from dltutor.i18n.choice import settings_path
from dltutor.tui.app import TutorApp
from dltutor.tui.lesson_text import lesson_header
from dltutor.tui.screens.lesson import LessonScreen
from tests.tui.conftest import COURSE, press_when_ready, wait_for


async def test_palette_switches_to_chinese_at_the_same_lesson(make_app):
    app = make_app("neurons")
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_for(pilot, lambda: isinstance(app.screen, LessonScreen))
        await press_when_ready(pilot, "ctrl+p")
        await pilot.press(*"中文")
        await pilot.pause(0.3)
        await pilot.press("enter")
        await wait_for(pilot, lambda: app.relaunch is not None)
    assert app.relaunch == [sys.executable, "-m", "dltutor", "--lang", "zh", "--lessons", str(COURSE),
                            "lesson", "neurons"]
    assert json.loads(settings_path().read_text()) == {"language": "zh"}


async def test_choosing_the_language_in_use_changes_nothing(make_app):
    from dltutor.tui.language import switch_language

    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        switch_language(app, "en")
        await pilot.pause()
        assert app.relaunch is None and app.is_running
    assert not settings_path().exists()


def test_untranslated_lesson_says_so_in_chinese():
    use_language("zh")
    lesson = load_course(COURSE).get("layers")  # the test course translates neurons, not layers
    assert lesson.lang == "en"
    assert lesson_header(lesson).plain.startswith("本课暂无中文版，显示英文原文。\n")
    use_language("en")
    assert "本课" not in lesson_header(lesson).plain


async def test_app_opens_in_chinese_with_the_note():
    use_language("zh")
    app = TutorApp(load_course(COURSE), "layers")
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_for(pilot, lambda: isinstance(app.screen, LessonScreen))
        await pilot.pause()
        assert "本课暂无中文版" in str(app.screen.query_one("#objectives").render())


def test_translated_lesson_with_its_own_objectives_section_does_not_repeat_them(tmp_path):
    from tests.content.zh_helpers import EN_MD, ZH_MD, make_translated

    make_translated(tmp_path, en_md=EN_MD.replace("## Gradients", "## Objectives\n\nLearn.\n\n## Gradients"),
                    zh_md=ZH_MD.replace("## 梯度", "## 学习目标\n\n学习。\n\n## 梯度"))
    use_language("zh")
    lesson = load_course(tmp_path).get("x")
    assert lesson.lang == "zh" and "学习 x" not in lesson_header(lesson).plain
    use_language("en")


def test_the_language_switch_collects_the_ended_training_process_before_it_restarts():
    import os
    import subprocess
    import sys

    from dltutor.tui.language import reap_children

    # Like the lab's training process at a switch: told to end, not waited for.
    child = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(30)"])
    child.terminate()
    reap_children(timeout_s=5)
    with pytest.raises(ChildProcessError):  # collected: no <defunct> child under the restarted app
        os.waitpid(child.pid, os.WNOHANG)


async def test_a_quiz_left_midway_by_the_switch_goes_on_in_the_new_language(make_app, monkeypatch):
    from dltutor.tui.language import CARRY_VARIABLE, carry_over, restore
    from dltutor.tui.screens.quiz import QuizScreen

    monkeypatch.delenv(CARRY_VARIABLE, raising=False)
    app = make_app("neurons")
    async with app.run_test(size=(100, 30)) as pilot:
        app.open_quiz("neurons")
        await wait_for(pilot, lambda: isinstance(app.screen, QuizScreen))
        await press_when_ready(pilot, "down", "enter")  # the first question, answered (b)
        await press_when_ready(pilot, "ctrl+p")
        await pilot.press(*"中文")
        await pilot.pause(0.3)
        await pilot.press("enter")
        await wait_for(pilot, lambda: app.relaunch is not None)
    carry_over(app)  # what run_app does before the restart
    use_language("zh")
    try:
        restarted = make_app("neurons")
        restore(restarted)
        assert CARRY_VARIABLE not in __import__("os").environ  # taken once, not handed to the lab's process
        async with restarted.run_test(size=(100, 30)) as pilot:
            restarted.open_quiz("neurons")
            await wait_for(pilot, lambda: isinstance(restarted.screen, QuizScreen))
            quiz = restarted.screen
            await wait_for(pilot, lambda: quiz.index == 1)  # at the second question, where the learner was
            assert quiz.answers == {"neurons-xor": "b"} and quiz.results["neurons-xor"].status == "correct"
    finally:
        use_language("en")


def test_a_malformed_carried_state_is_ignored(make_app, monkeypatch):
    from dltutor.tui.language import CARRY_VARIABLE, restore

    for value in ("{", "[]", '{"quiz_drafts": {"x": {"answers": 1}}}', '{"quiz_drafts": 5}'):
        monkeypatch.setenv(CARRY_VARIABLE, value)
        app = make_app()
        restore(app)
        assert app.quiz_drafts == {}


async def test_a_carried_answer_that_no_longer_fits_is_dropped_not_a_crash(make_app, monkeypatch):
    import json

    from dltutor.tui.language import CARRY_VARIABLE, restore
    from dltutor.tui.screens.quiz import QuizScreen

    monkeypatch.setenv(CARRY_VARIABLE, json.dumps({"quiz_drafts": {"neurons": {
        "answers": {"neurons-xor": "z", "neurons-sum": "0.5", "nope": "a"}, "round": ["neurons-xor", "nope"],
        "index": -3}}}))
    app = make_app("neurons")
    restore(app)
    async with app.run_test(size=(100, 30)) as pilot:
        app.open_quiz("neurons")
        await wait_for(pilot, lambda: isinstance(app.screen, QuizScreen))
        quiz = app.screen
        await wait_for(pilot, lambda: quiz.results)
        assert quiz.answers == {"neurons-sum": "0.5"}
        assert quiz.index == 0 and set(quiz.results) == {"neurons-sum"}


def test_one_training_process_answers_each_request_in_the_language_it_was_asked_in(fake_trainer):
    """The process is started once (in whatever language came first); every describe says which language."""
    try:
        use_language("zh")
        chinese = fake_trainer.describe("concepts")
        use_language("en")
        english = fake_trainer.describe("concepts")
    finally:
        use_language("en")
    assert chinese != english and english == fake_trainer.describe("concepts")
    assert "学习率" in str(chinese["params_schema"]) and "学习率" not in str(english["params_schema"])
