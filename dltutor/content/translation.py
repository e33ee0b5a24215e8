"""Translated lessons: `lesson.<lang>.md` and `quiz.<lang>.yaml` laid over the English lesson.

A translation carries words only. From `lesson.zh.md` the loader takes the title, the objectives
and the body; from `quiz.zh.yaml` each question's prompt, choices, explanation and hints, keyed by
question id and choice key. Ids, order, prerequisites, answers, types, points, tolerances and the
pass mark come only from the English files, so a translation can change what a learner reads,
never how an answer is graded.

A lesson whose translation is missing or unreadable is shown in English (`Lesson.lang` stays
"en"; `fallback_note` gives the note the UI shows). `dltutor validate` reports why
(`dltutor.content.translation_check`). Files are read with the one text reader and the one YAML
reader, so a hostile translation fails exactly as a hostile lesson does: one line, file:line.
"""

from __future__ import annotations

import os
from dataclasses import replace
from pathlib import Path
from typing import Any

from dltutor.content.models import Lesson, Problem, Quiz
from dltutor.content.textfile import read_text, visible
from dltutor.content.yamlio import LineMap, YamlError, parse_yaml
from dltutor.i18n import N_, _, language

QUESTION_TEXT_KEYS = ("prompt", "choices", "explanation", "hints")
"""The only keys a question may have in quiz.<lang>.yaml."""
GRADING_KEYS = ("id", "type", "answer", "points", "tolerance", "pass_mark")
"""Keys that decide grading: they live in quiz.yaml only."""
FALLBACK_NOTE = N_("This lesson has no Chinese version yet; it is shown in English.")
BROKEN_NOTE = N_("This lesson's Chinese version has problems (`dltutor validate` lists them); it is shown in English.")


def lesson_file(folder: Path, lang: str) -> Path:
    return folder / ("lesson.md" if lang == "en" else f"lesson.{lang}.md")


def quiz_file(folder: Path, lang: str) -> Path:
    return folder / ("quiz.yaml" if lang == "en" else f"quiz.{lang}.yaml")


def has_translation(folder: Path, lang: str) -> bool:
    """Whether `folder` holds either translation file for `lang`, in any form.

    Anything at the name counts, a link to nowhere, a loop of links, a FIFO or a folder too, so
    that a broken translation is reported rather than silently taken for no translation.
    """
    return lang != "en" and any(os.path.lexists(p) for p in (lesson_file(folder, lang), quiz_file(folder, lang)))


QuizText = dict[str, dict[str, Any]]  # question id -> {"prompt": str, "choices": {key: str}, …}


def read_quiz_text(path: Path) -> tuple[QuizText, LineMap | None, list[Problem]]:
    """The well-formed question texts of a quiz.<lang>.yaml, its line map, and a Problem per malformed part.

    Shape errors are reported here (the loader and validate share them); comparisons with the
    English quiz (missing ids, choice keys, hints) are `translation_check`'s.
    """
    try:
        data, lines = parse_yaml(read_text(path))
    except (ValueError, YamlError) as exc:
        return {}, None, [Problem(path, getattr(exc, "line", None), str(exc))]
    if not isinstance(data, dict) or not isinstance(data.get("questions"), dict):
        return {}, lines, [Problem(path, 1, _("a quiz translation must be a mapping 'questions:' of question id "
                                              "-> prompt, choices, explanation, hints"))]
    problems = [Problem(path, lines.line_of((key,)), _key_problem(key)) for key in data if key != "questions"]
    texts: QuizText = {}
    for qid, raw in data["questions"].items():
        loc = ("questions", qid)
        if not isinstance(raw, dict):
            problems.append(Problem(path, lines.line_of(loc), f"questions.{qid}: " + _(
                "must be a mapping of prompt, choices, explanation, hints")))
            continue
        errs = [Problem(path, lines.line_of(loc + (key,)), f"questions.{qid}.{key}: {_key_problem(key)}")
                for key in raw if key not in QUESTION_TEXT_KEYS]
        text: dict[str, Any] = {}
        for key in ("prompt", "explanation"):
            if key in raw:
                value = _text(raw[key])
                if value is None:
                    errs.append(Problem(path, lines.line_of(loc + (key,)), f"questions.{qid}.{key}: " + _("must be text")))
                text[key] = value
        if "choices" in raw:
            choices = raw["choices"]
            if not isinstance(choices, dict) or any(_text(v) is None for v in choices.values()):
                errs.append(Problem(path, lines.line_of(loc + ("choices",)),
                                    f"questions.{qid}.choices: " + _("must map each choice key to its text")))
            else:
                text["choices"] = {key: _text(v) for key, v in choices.items()}
        if "hints" in raw:
            hints = raw["hints"]
            if not isinstance(hints, list) or any(_text(v) is None for v in hints):
                errs.append(Problem(path, lines.line_of(loc + ("hints",)),
                                    f"questions.{qid}.hints: " + _("must be a list of texts")))
            else:
                text["hints"] = [_text(v) for v in hints]
        problems += errs
        if not errs:
            texts[qid] = text
    return texts, lines, problems


def _key_problem(key: str) -> str:
    if key in GRADING_KEYS:
        return _("'{key}' cannot be translated: answers, types, points and tolerances live only in quiz.yaml").format(
            key=key)
    return _("unknown field '{key}' (a translation holds only {keys})").format(
        key=key, keys=", ".join(QUESTION_TEXT_KEYS))


def _text(value: Any) -> str | None:
    """The text as `models.Text` keeps it (stripped, control characters shown), or None if not text."""
    return visible(value.strip()) if isinstance(value, str) and value.strip() else None


def translate_lesson(lesson: Lesson, lang: str) -> tuple[Lesson, list[Problem]]:
    """`lesson` in `lang`, or `lesson` itself (still English) with the problems that prevent it.

    Neither file present: English, no problem (the course is simply not translated there).
    """
    from dltutor.content.loader import _not_a_file, load_meta

    md, qz = lesson_file(lesson.folder, lang), quiz_file(lesson.folder, lang)
    if not has_translation(lesson.folder, lang):
        return lesson, []
    missing = [Problem(p, None, _("{problem} (a translation needs both {lesson} and {quiz})").format(
                   problem=_not_a_file(p, "translation"), lesson=md.name, quiz=qz.name))
               for p in (md, qz) if not p.is_file()]
    if missing:
        return lesson, missing
    meta, body, body_line, _lines, problems = load_meta(md)
    texts, _qlines, quiz_problems = read_quiz_text(qz)
    problems += quiz_problems
    if problems or meta is None:
        return lesson, problems
    return Lesson(meta=lesson.meta.model_copy(update={"title": meta.title, "objectives": meta.objectives}),
                  body=body, quiz=translate_quiz(lesson.quiz, texts), folder=lesson.folder,
                  body_line=body_line, lang=lang, source=lesson), []


def translate_quiz(quiz: Quiz, texts: QuizText) -> Quiz:
    """`quiz` with each question's words replaced by its translation where one is given and fits.

    Choices keep the English keys and order; hints are replaced only when the counts agree.
    """
    questions = []
    for question in quiz.questions:
        text = texts.get(question.id, {})
        update = {key: text[key] for key in ("prompt", "explanation") if text.get(key)}
        choices = getattr(question, "choices", None)
        if choices and "choices" in text:
            update["choices"] = {key: text["choices"].get(key) or value for key, value in choices.items()}
        if len(text.get("hints", ())) == len(question.hints):
            update["hints"] = text.get("hints", question.hints)
        questions.append(question.model_copy(update=update))
    return replace(quiz, questions=tuple(questions))


def fallback_note(lesson: Lesson) -> str | None:
    """The note to show when the app speaks another language than this lesson's text (else None)."""
    if lesson.lang == language():
        return None
    # A teacher who wrote a translation must not read "no Chinese version yet" and wonder why.
    return _(BROKEN_NOTE) if has_translation(lesson.folder, language()) else _(FALLBACK_NOTE)
