"""Every key the footer or help promises works wherever the focus is; typing never leaks into the wrong place."""

from __future__ import annotations

import pytest
from textual import events
from textual.command import CommandPalette

from dltutor.tui.screens.help import HelpScreen, documented_keys
from dltutor.tui.screens.lesson import LessonScreen
from dltutor.tui.screens.quiz import QuizScreen
from dltutor.tui.screens.roadmap import RoadmapScreen
from tests.tui.conftest import press_when_ready, ready, shown, wait_for


async def at_roadmap(pilot):
    return await shown(pilot, RoadmapScreen)


async def at_lesson_text(pilot):
    pilot.app.open_lesson("neurons")
    return await shown(pilot, LessonScreen)


async def at_lesson_contents(pilot):
    screen = await at_lesson_text(pilot)
    await press_when_ready(pilot, "c")
    assert screen.focused.__class__.__name__ == "Tree"
    return screen


async def at_quiz(pilot, answers=()):
    pilot.app.open_quiz("neurons")
    screen = await shown(pilot, QuizScreen)
    for keys in answers:  # each: the answer keys, then Enter past the feedback
        await press_when_ready(pilot, *keys, "enter")
    return screen


async def at_quiz_choice(pilot):
    return await at_quiz(pilot)


async def at_quiz_number(pilot):
    return await at_quiz(pilot, [["enter"]])


async def at_quiz_text(pilot):
    return await at_quiz(pilot, [["enter"], ["1", "enter"], ["enter"], ["space", "enter"]])


async def at_quiz_order(pilot):
    return await at_quiz(pilot, [["enter"], ["1", "enter"], ["enter"], ["space", "enter"], ["x", "enter"]])


async def at_quiz_summary(pilot):
    return await at_quiz(pilot, [["enter"], ["1", "enter"], ["enter"], ["space", "enter"], ["x", "enter"],
                                 ["enter"]])


async def at_help(pilot):
    await at_quiz_number(pilot)
    await press_when_ready(pilot, "f1")
    return await shown(pilot, HelpScreen)


# (where, how to get there, the widget that has focus, actions that must be reachable from there)
CASES = [
    ("roadmap", at_roadmap, "LessonTable", {"quiz", "lab", "next", "quit", "help"}),
    ("lesson text", at_lesson_text, "Reader", {"quiz", "lab", "toggle_contents", "app.next_lesson", "quit",
                                               "help", "back"}),
    ("lesson contents", at_lesson_contents, "Tree", {"quiz", "lab", "toggle_contents", "app.next_lesson",
                                                     "quit", "help", "back"}),
    ("quiz choice", at_quiz_choice, "ChoiceAnswer", {"hint", "app.next_lesson", "quit", "help", "app.pop_screen"}),
    ("quiz number", at_quiz_number, "TextAnswer", {"app.next_lesson", "quit", "help", "app.pop_screen"}),
    ("quiz text", at_quiz_text, "TextAnswer", {"app.next_lesson", "quit", "help", "app.pop_screen"}),
    ("quiz order", at_quiz_order, "OrderAnswer", {"app.next_lesson", "quit", "help", "app.pop_screen"}),
    ("quiz summary", at_quiz_summary, "OptionList", {"retry", "app.next_lesson", "quit", "help",
                                                     "app.pop_screen"}),
    ("help", at_help, None, {"dismiss", "app.quit"}),
]


@pytest.mark.parametrize("where, setup, focus, required", CASES, ids=[case[0] for case in CASES])
async def test_every_documented_key_does_what_help_says(make_app, where, setup, focus, required):
    """From each kind of focused widget on each screen: every key the help lists reaches its action,
    and the essentials (quit, help, back, the screen's own actions) are among them."""
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await setup(pilot)
        if focus is not None:
            assert type(screen.focused).__name__ == focus, screen.focused
        keys = documented_keys(screen)
        assert required <= {binding.action for binding in keys.values()}, sorted(keys)
        ran: list[str] = []

        async def record(action, default_namespace=None):  # routing only: the effects have their own tests
            ran.append(action)
            return True

        app.run_action = record
        for key, binding in keys.items():
            ran.clear()
            await pilot.press(key)
            assert ran == [binding.action], (where, key, ran)
            assert app.screen is screen


async def test_hint_next_lesson_and_quit_work_while_typing_an_answer(make_app):
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        quiz = await at_quiz_number(pilot)
        await press_when_ready(pilot, "h")
        assert quiz.query_one("TextAnswer").value == "h"  # a letter is text in an answer box
        await press_when_ready(pilot, "ctrl+n")  # …so next lesson is Ctrl+N there
        lesson = await shown(pilot, LessonScreen)
        assert lesson.lesson.id == "layers"
        await press_when_ready(pilot, "ctrl+q")
    assert not app.is_running


async def test_f2_shows_a_hint_from_the_choice_list_and_h_too(make_app):
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        quiz = await at_quiz_choice(pilot)
        await press_when_ready(pilot, "f2")
        assert "Draw the four points" in str(quiz.query_one("#hints").content)
        await press_when_ready(pilot, "h")
        assert "Can one line split them" in str(quiz.query_one("#hints").content)


async def test_choice_letters_pick_their_choice(make_app):
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        quiz = await at_quiz_choice(pilot)
        await press_when_ready(pilot, "B", "enter")  # capital works too
        assert quiz.results["neurons-xor"].status == "correct"
        await press_when_ready(pilot, "enter", "0", ".", "5", "enter", "enter")
        await press_when_ready(pilot, "f", "enter")  # true/false: f is false
        assert quiz.answers["neurons-bias"] is False
        await press_when_ready(pilot, "enter", "a", "b", "enter")  # multiple: letters tick
        assert quiz.results["neurons-parts"].status == "correct"


async def test_full_width_text_is_kept_exactly_as_typed(make_app):
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        app.open_quiz("layers")
        quiz = await shown(pilot, QuizScreen)
        await press_when_ready(pilot, "8", "enter", "enter")
        for character in "ｗｅｉｇｈｔ　ｓｈａｒｉｎｇ":  # as a Chinese input method sends them
            app.post_message(events.Key("ideographic_space" if character == "\u3000" else character, character))
        await pilot.pause()
        assert quiz.query_one("TextAnswer").value == "ｗｅｉｇｈｔ　ｓｈａｒｉｎｇ"
        await press_when_ready(pilot, "enter")
        assert quiz.results["layers-sharing"].status == "correct"


async def test_keys_typed_while_a_screen_opens_are_not_acted_on(make_app):
    """Ctrl+P, "take quiz layers", Enter, then ↓ Enter at once: the quiz must not be answered unseen."""
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await shown(pilot, RoadmapScreen)
        await pilot.press("ctrl+p")
        await wait_for(pilot, lambda: isinstance(app.screen, CommandPalette), 10)
        await pilot.press(*"take quiz layers")
        await pilot.pause(0.3)  # the palette searches in the background
        for key, character in (("enter", "\r"), ("down", None), ("8", "8"), ("enter", "\r")):  # all at once
            app.post_message(events.Key(key, character))
        quiz = await shown(pilot, QuizScreen)
        await pilot.pause(0.2)
        assert quiz.lesson.id == "layers" and quiz.phase == "answer" and not quiz.answers
        assert quiz.query_one("TextAnswer").value == ""


async def test_a_key_pressed_before_the_screen_was_painted_is_dropped(make_app):
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        quiz = await at_quiz_choice(pilot)
        options = quiz.query_one("ChoiceAnswer")
        early = events.Key("down", None)
        early.time = quiz.keys_from - 0.01  # pressed while the quiz was still opening
        app.post_message(early)
        await pilot.pause()
        assert options.highlighted == 0
        app.post_message(events.Key("down", None))  # pressed with the question in view
        await pilot.pause()
        assert options.highlighted == 1


async def test_esc_mid_quiz_keeps_the_answers_and_says_so(make_app):
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        quiz = await at_quiz(pilot, [["b", "enter"], ["0", ".", "5", "enter"]])
        await press_when_ready(pilot, "escape")
        await shown(pilot, LessonScreen)
        assert any("answers are kept" in n.message for n in app._notifications)
        await press_when_ready(pilot, "z")
        quiz = await shown(pilot, QuizScreen)
        assert quiz.index == 2 and set(quiz.answers) == {"neurons-xor", "neurons-sum"}
        assert "Question [b]3[/b] of 6" in str(quiz.query_one("#quiz-count").content)


async def test_n_opens_the_next_lesson_from_a_lesson_and_q_in_help_quits(make_app):
    app = make_app("neurons")
    async with app.run_test(size=(80, 24)) as pilot:
        await shown(pilot, LessonScreen)
        await press_when_ready(pilot, "n")
        lesson = await shown(pilot, LessonScreen)
        assert lesson.lesson.id == "layers"
        await press_when_ready(pilot, "n")  # the last lesson: says so, stays
        assert app.screen is lesson and any("last lesson" in n.message for n in app._notifications)
        await press_when_ready(pilot, "question_mark")
        await shown(pilot, HelpScreen)
        await press_when_ready(pilot, "q")
    assert not app.is_running


def test_ready_is_false_until_painted():
    class Screen:
        keys_from = float("inf")

    assert not ready(Screen())


async def test_the_quiz_summary_footer_shows_r_retry(make_app):
    """At the end of a round with missed questions, `r` is on the footer as well as in help."""
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await at_quiz_summary(pilot)
        await pilot.pause(0.1)
        footer_keys = {key.key for key in screen.query("FooterKey")}
        assert "r" in footer_keys, footer_keys


def test_a_long_choice_wraps_under_its_text_not_under_its_letter():
    """A choice longer than the list is wide keeps reading as one item: its wrapped lines start where
    its text starts, after `a)`, a tick box or a rank."""
    import io

    from rich.console import Console

    from dltutor.tui.widgets.answer_input import ChoiceAnswer, MultiAnswer, OrderAnswer

    long = "A hidden layer's target values are given by the training labels"
    choices = {"a": "short", "b": long}
    prompts = [ChoiceAnswer(choices).get_option_at_index(1).prompt,
               MultiAnswer(choices)._prompt("b"),
               OrderAnswer(choices, ["a", "b"]).get_option_at_index(1).prompt]
    for prompt in prompts:
        console = Console(file=io.StringIO(), width=40, color_system=None)
        console.print(prompt)
        first, *rest = console.file.getvalue().rstrip("\n").splitlines()
        start = first.index("A hidden")
        assert rest and all(line[:start].isspace() and not line[start].isspace() for line in rest), \
            [first, *rest]


async def test_the_footer_keeps_every_key_in_view_and_refits_when_the_terminal_is_resized(make_app):
    """The Ctrl+P hint gives way to the screen's own keys (help lists the palette), at any size."""
    from textual.widgets import Footer

    def fits(screen) -> tuple[bool, bool]:
        footer = screen.query_one(Footer)
        keys = [key for key in footer.query("FooterKey") if not key.has_class("-command-palette")]
        palette = bool(footer.query("FooterKey.-command-palette"))
        right = min([footer.region.right, *(k.region.x for k in footer.query("FooterKey.-command-palette"))])
        return all(key.region.right <= right for key in keys), palette

    app = make_app()
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await at_lesson_text(pilot)
        await pilot.pause(0.1)
        assert fits(screen) == (True, True)
        await pilot.resize_terminal(80, 24)  # esc z l d c n ^q f1 and the hint do not fit in 80 columns
        await pilot.pause(0.2)
        assert fits(screen) == (True, False)
        await pilot.resize_terminal(100, 30)
        await pilot.pause(0.2)
        assert fits(screen) == (True, True)


@pytest.mark.parametrize("lang", ["en", "zh"])
async def test_at_60_columns_the_first_keys_lose_their_words_before_help_is_cut(make_app, lang):
    """Too narrow even for compact keys: 'esc z Quiz …' — the first keys show the key alone (the words move
    to the tooltip), Quit and Help keep theirs, and the last key ends inside the footer."""
    from textual.widgets import Footer

    from dltutor.i18n import use_language

    use_language(lang)
    try:
        app = make_app()
        async with app.run_test(size=(60, 18)) as pilot:
            screen = await at_lesson_text(pilot)
            await pilot.pause(0.2)
            footer = screen.query_one(Footer)
            keys = list(footer.query("FooterKey"))
            assert keys[-1].region.right <= footer.region.right
            assert keys[0].description == "" and keys[0].tooltip
            assert all(key.description for key in keys[-2:])
            await pilot.resize_terminal(100, 30)  # room again: every key has its words back
            await pilot.pause(0.3)
            assert all(key.description for key in footer.query("FooterKey"))
    finally:
        use_language("en")


async def test_help_lists_dltutors_keys_not_textuals_keys_that_share_an_action(make_app):
    """The reader binds Space to page down: help lists Space, not Textual's PageDown without its PageUp."""
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await at_lesson_text(pilot)
        keys = documented_keys(screen)
        assert "space" in keys and "pagedown" not in keys and "pageup" not in keys, sorted(keys)
        assert "j" in keys and "down" not in keys  # ↓ is in help's closing line, with ↑ and Tab


async def test_esc_first_closes_the_contents_lying_over_the_text_then_goes_back(make_app):
    from dltutor.tui.screens.roadmap import RoadmapScreen

    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:  # too narrow for a side panel: contents lie over the text
        screen = await at_lesson_text(pilot)
        await press_when_ready(pilot, "c")
        contents = screen.query_one("#contents")
        assert contents.display and contents.has_class("-overlay")
        await pilot.press("escape")
        await pilot.pause()
        assert app.screen is screen and not contents.display
        await pilot.press("escape")
        await shown(pilot, RoadmapScreen)
