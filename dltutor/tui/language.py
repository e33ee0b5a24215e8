"""The palette's language switch: save the choice, then restart the app in that language at the same lesson.

A restart (the launcher re-executes `dltutor --lang XX [lesson ID]` once the app has exited and
released its processes) rather than rebuilding the screens in place, because the language
reaches further than the screens: the training and drill processes were started speaking the
old one, Typer's help texts were built in it, and the course was loaded in it. A fresh process
gets all of them right with no code path of its own.
"""

from __future__ import annotations

import sys
from functools import partial

from textual.command import DiscoveryHit, Hit, Hits, Provider

from dltutor.i18n import LANGUAGES, _, language
from dltutor.i18n.oserror import os_reason
from dltutor.i18n.choice import LANGUAGE_NAMES, save_language


def command_name(lang: str) -> str:
    # Bilingual on purpose, and each language named in its own words: a learner who cannot read the
    # language the app speaks now can still find the way back.
    return f"Language / 语言: {LANGUAGE_NAMES[lang]}"


def relaunch_argv(lang: str, lessons_root, lesson_id: str | None) -> list[str]:
    """The command that reopens dltutor in `lang`, on the same course, at `lesson_id` (else the roadmap)."""
    argv = [sys.executable, "-m", "dltutor", "--lang", lang, "--lessons", str(lessons_root)]
    return argv + (["lesson", lesson_id] if lesson_id else [])


def switch_language(app, lang: str) -> None:
    """Save `lang` for later starts and ask the launcher to restart the app in it (see the module docstring)."""
    if lang == language():
        app.notify(_("dltutor already speaks this language."), timeout=3)
        return
    try:
        save_language(lang)
    except OSError as exc:  # still switch now; only the memory of the choice is lost
        app.notify(_("The choice could not be saved ({reason}); it holds until you quit.").format(
            reason=os_reason(exc)), severity="warning", markup=False)
    current = app.current_lesson
    app.relaunch = relaunch_argv(lang, app.course.root, current.id if current else None)
    app.exit()


CARRY_VARIABLE = "DLTUTOR_SWITCH_STATE"
"""What the restarted app takes over from the one that switched: quizzes left midway (JSON)."""


def carry_over(app) -> None:
    """Hand the quizzes left midway to the restarted app (in its environment; `restore` reads it).

    Only the answers, the round and the place are carried; the results are graded again in the new
    language, so the feedback is not left in the old one. Answers are canonical: str, list, bool, float.
    """
    import json
    import os

    drafts = {lesson: {key: draft[key] for key in ("answers", "round", "index")}
              for lesson, draft in app.quiz_drafts.items()}
    if drafts:
        os.environ[CARRY_VARIABLE] = json.dumps({"quiz_drafts": drafts}, ensure_ascii=False)


def restore(app) -> None:
    """Take over what `carry_over` handed on (once: the variable is removed); anything malformed is ignored."""
    import json
    import os

    carried = os.environ.pop(CARRY_VARIABLE, None)
    if not carried:
        return
    try:
        drafts = json.loads(carried)["quiz_drafts"]
        app.quiz_drafts.update({str(lesson): {"answers": dict(draft["answers"]), "round": list(draft["round"]),
                                              "index": max(0, int(draft["index"]))}
                                for lesson, draft in drafts.items()})
    except (ValueError, TypeError, KeyError, AttributeError):
        pass  # set by hand or by another version: start without the drafts


def reap_children(timeout_s: float = 1.0) -> None:
    """Wait (at most `timeout_s`) for this process's ended children, so none outlives it as a zombie.

    The app ends its training and drill processes without waiting for them (quitting never waits
    for training); before `relaunch` replaces this program, they must be collected, or each switch
    would leave a <defunct> child under the new app for as long as it runs.
    """
    import os
    import time

    deadline = time.monotonic() + timeout_s
    while True:
        try:
            pid, _status = os.waitpid(-1, os.WNOHANG)
        except ChildProcessError:
            return  # no children left
        if pid == 0:  # some still running
            if time.monotonic() >= deadline:
                return
            time.sleep(0.01)


def relaunch(argv: list[str]) -> None:
    """Replace this process with `argv` (from `relaunch_argv`), once its ended children are collected."""
    import os

    reap_children()
    os.execv(argv[0], argv)


class LanguageCommands(Provider):
    """Ctrl+P → "Language / 语言: English" or "… 中文"."""

    def _commands(self) -> list[tuple[str, object, str]]:
        return [(command_name(lang), partial(switch_language, self.app, lang),
                 _("In use") if lang == language() else _("Restart dltutor in this language, at the same lesson"))
                for lang in LANGUAGES]

    async def discover(self) -> Hits:
        for name, callback, help_text in self._commands():
            yield DiscoveryHit(name, callback, help=help_text)

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        for name, callback, help_text in self._commands():
            # The name first; "language", "中文", "chinese" still find both, ranked below a match of the name.
            score = matcher.match(name) or matcher.match("language chinese english 语言 中文") / 2
            if score > 0:
                yield Hit(score, matcher.highlight(name), callback, help=help_text)
