"""Grading as pure functions: (question, answer) -> result. No I/O, no UI.

Every learner answer first goes through `check_answer`, which turns what a
person typed (or wrote in a file) into the canonical form for its question type,
or raises AnswerError with a message fit to show them. Grading then compares
canonical forms, so the TUI, the interactive CLI and answer files agree.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from typing import Any, Literal

from dltutor.content.models import (
    MultipleQuestion,
    NumericQuestion,
    OrderQuestion,
    Question,
    Quiz,
    SingleQuestion,
    TextQuestion,
    TrueFalseQuestion,
)
from dltutor.content.scalars import NumberError, kind_of, parse_number, parse_truth
from dltutor.i18n import NP_, N_, _, ngettext, pgettext
from dltutor.quiz.scores import shorten

Status = Literal["correct", "partial", "wrong", "unanswered"]

_SEPARATORS = re.compile(r"[\s,;、]+")  # NFKC has already turned "，" into ","


class AnswerError(ValueError):
    """An answer that cannot be graded for its question type (not a wrong answer)."""


@dataclass(frozen=True)
class QuestionResult:
    id: str
    status: Status
    points: float
    max_points: float
    feedback: str
    answer: Any = None  # the learner's answer, normalised; None when unanswered

    def to_dict(self) -> dict:
        answer = list(self.answer) if isinstance(self.answer, list) else self.answer
        return {"id": self.id, "status": self.status, "points": self.points, "max_points": self.max_points,
                "feedback": self.feedback, "answer": answer}


@dataclass(frozen=True)
class QuizResult:
    lesson: str
    learner: str | None
    score: float
    max_score: float
    passed: bool
    questions: tuple[QuestionResult, ...]

    @property
    def fraction(self) -> float:
        return self.score / self.max_score if self.max_score else 0.0

    def to_dict(self) -> dict:
        return {
            "learner": self.learner, "lesson": self.lesson, "score": self.score, "max_score": self.max_score,
            "passed": self.passed, "questions": [q.to_dict() for q in self.questions],
        }


# A space between two Chinese characters means nothing ("变分 自编码器" is "变分自编码器").
_SPACE_IN_CJK = re.compile(r"(?<=[\u3400-\u9fff\uf900-\ufaff]) (?=[\u3400-\u9fff\uf900-\ufaff])")
# A term glossed by another, the way the lessons write them: "变分自编码器（VAE）", "ReLU (rectified linear unit)".
_GLOSSED = re.compile(r"(?P<term>.+?) ?\((?P<gloss>[^()]+)\)")


def normalize_text(text: str) -> str:
    """Fold what should not matter: case, spacing (none between Chinese characters), full-width vs
    half-width characters, and a full stop or exclamation mark that ends the answer like a sentence
    ("Epoch." is "epoch"; "。" after Chinese too)."""
    folded = " ".join(unicodedata.normalize("NFKC", text).casefold().split()).rstrip(".!。 ")
    return _SPACE_IN_CJK.sub("", folded)


def text_is_accepted(question: TextQuestion, answer: str) -> bool:
    """`answer` is one of the accepted answers, or one glossed by another ("变分自编码器（VAE）" when both are)."""
    accepted = {normalize_text(a) for a in question.accepted}
    said = normalize_text(answer)
    glossed = _GLOSSED.fullmatch(said)
    return said in accepted or bool(glossed and {glossed["term"], glossed["gloss"].strip()} <= accepted)


def is_blank(raw: Any) -> bool:
    return raw is None or (isinstance(raw, (str, list, tuple)) and not "".join(map(str, raw)).strip())


# Quotes people put around a whole answer; YAML takes one pair off in a file, so the prompt and the app do too.
_QUOTE_PAIRS = {'"': '"', "'": "'", "“": "”", "‘": "’", "「": "」", "『": "』", "«": "»"}


def unquoted(text: str) -> str:
    """Text without quotes around the whole of it: '"feature map"' -> 'feature map', '\'b\'' -> 'b'.

    Pairs nested in one another all come off ('"\'b\'"' -> 'b'), so an answer file (where YAML removed
    one pair) and the prompt give the same grade. Quotes inside stay: '"a", "c"' is two quoted keys.
    """
    text = text.strip()
    while len(text) >= 2 and _QUOTE_PAIRS.get(text[0]) == text[-1] and text[0] not in text[1:-1] \
            and text[-1] not in text[1:-1]:
        text = text[1:-1].strip()
    return text


def _key(question, raw: Any) -> str:
    if isinstance(raw, bool) or not isinstance(raw, (str, int)):
        raise AnswerError(_("expected a choice key ({keys}), got {value}").format(
            keys=", ".join(question.choices), value=repr(raw)))
    text = str(raw).strip()
    if text in question.choices:
        return text
    folded = [k for k in question.choices if normalize_text(k) == normalize_text(text)]
    if len(folded) == 1:  # 'B' or full-width 'ｂ' for key 'b'
        return folded[0]
    # A learner who types the choice itself ("模式崩溃") is told its key; still not graded as that
    # choice, so the words of a translation never change a grade.
    by_text = [k for k, choice in question.choices.items() if normalize_text(choice) == normalize_text(text)]
    if len(by_text) == 1:
        raise AnswerError(_("'{text}' is what choice {key} says: type its key, {key}").format(
            text=_shorten(text), key=by_text[0]))
    raise AnswerError(_("'{text}' is not a choice (choose from {keys})").format(
        text=_shorten(text), keys=", ".join(question.choices)))


def _shorten(text: str, limit: int = 40) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _keys(question, raw: Any) -> list[str]:
    if isinstance(raw, str):
        text = unicodedata.normalize("NFKC", raw).strip()
        if text.startswith("[") and text.endswith("]") and text not in question.choices:
            text = text[1:-1]  # [a, c] typed at the prompt, as an answer file writes a list
        tokens = [unquoted(t) for t in _SEPARATORS.split(text) if t]
        # 'bac' means b, a, c when every key is one character and 'bac' is not itself a key.
        if (len(tokens) == 1 and len(tokens[0]) > 1 and tokens[0] not in question.choices
                and all(len(k) == 1 for k in question.choices)):
            tokens = list(tokens[0])
        raw = tokens
    elif not isinstance(raw, (list, tuple)):
        raw = [raw]
    keys = [_key(question, item) for item in raw]
    repeated = sorted({k for k in keys if keys.count(k) > 1})
    if repeated:
        raise AnswerError(_("choice {keys} is listed more than once").format(keys=", ".join(repeated)))
    return keys


def parse_single(question: SingleQuestion, raw: Any) -> str:
    """One choice key: 'b', ' B ', full-width 'ｂ'."""
    if isinstance(raw, (list, tuple, dict)):
        raise AnswerError(_("expects one choice, got {kind} (choose one of {keys})").format(
            kind=kind_of(raw), keys=", ".join(question.choices)))
    return _key(question, raw)


def parse_multiple(question: MultipleQuestion, raw: Any) -> list[str]:
    """Keys in choice order: 'a, c', 'ca', ['a', 'c']."""
    if isinstance(raw, dict):
        raise AnswerError(_("expects a list of choice keys"))
    return sorted(_keys(question, raw), key=list(question.choices).index)


def parse_order(question: OrderQuestion, raw: Any) -> list[str]:
    """Every key once, in the order given: 'c, a, b', 'cab', ['c', 'a', 'b']."""
    if isinstance(raw, dict):
        raise AnswerError(_("expects the choice keys in order, as a list"))
    keys = _keys(question, raw)
    missing = [k for k in question.choices if k not in keys]
    if missing:
        raise AnswerError(_("put every choice in order: {keys} missing").format(keys=", ".join(missing)))
    return keys


def parse_truefalse(question: TrueFalseQuestion, raw: Any) -> bool:
    """true/false, yes/no, t/f, 1/0, 对/错 (any case, full-width too)."""
    if isinstance(raw, (list, tuple, dict)):
        raise AnswerError(_("expected true or false, got {kind}").format(kind=kind_of(raw)))
    try:
        return parse_truth(raw)
    except ValueError as exc:
        raise AnswerError(str(exc)) from None


def parse_numeric(question: NumericQuestion, raw: Any) -> float:
    """A finite number by `parse_number`: '010' is 10, '1,5' is 1.5, '2,400' is 2400, '1/4' is 0.25."""
    try:
        return parse_number(raw)
    except NumberError as exc:
        raise AnswerError(str(exc)) from None


def parse_text(question: TextQuestion, raw: Any) -> str:
    """The text as written, stripped; compared after `normalize_text`."""
    if isinstance(raw, bool) or not isinstance(raw, (str, int, float)):
        raise AnswerError(_("expected a text answer, got {kind}").format(kind=kind_of(raw)))
    return str(raw).strip()


PARSERS = {
    SingleQuestion: parse_single, MultipleQuestion: parse_multiple, OrderQuestion: parse_order,
    TrueFalseQuestion: parse_truefalse, NumericQuestion: parse_numeric, TextQuestion: parse_text,
}


def check_answer(question: Question, raw: Any) -> Any:
    """Return the answer in canonical form for the question type, None if blank; raise AnswerError if malformed.

    The one entry point for every answer, whether typed at the `dltutor quiz` prompt, entered in the
    app or read from an answer file (whose scalars arrive as the text written): the same characters
    always get the same grade. single: a choice key · multiple: list of keys (any order) · order:
    list of every key once · truefalse: bool · numeric: float · text: str.
    """
    if isinstance(raw, str):
        raw = unquoted(raw)
        raw = "" if raw.replace(" ", "") == "[]" else raw  # an empty list, as a file's `[]` is: no answer
    if is_blank(raw):
        return None
    try:
        parser = PARSERS[type(question)]
    except KeyError:  # pragma: no cover
        raise TypeError(f"unknown question type {type(question).__name__}") from None
    return parser(question, raw)


# Question types as the learner reads them (the type names themselves stay the file format's words).
# A context of their own: "text" is also a value's type in other messages ("expected text").
_TYPE = "question type"  # spelled out in each NP_() too: Babel extracts literals only
_TYPE_NAMES = {"single": NP_("question type", "single"), "multiple": NP_("question type", "multiple"),
               "truefalse": NP_("question type", "truefalse"), "numeric": NP_("question type", "numeric"),
               "text": NP_("question type", "text"), "order": NP_("question type", "order")}


def type_name(question: Question) -> str:
    """The question's type in the current language ('numeric' in English, '数值题' in Chinese)."""
    return pgettext(_TYPE, _TYPE_NAMES[question.type]) if question.type in _TYPE_NAMES else question.type


def answer_format(question: Question) -> str:
    """What a learner should type for this question, in words (the same works in an answer file)."""
    keys = ", ".join(getattr(question, "choices", {}))
    if isinstance(question, SingleQuestion):
        return _("one key: {keys}").format(keys=keys)
    if isinstance(question, MultipleQuestion):
        return _("every right key, separated by commas (from {keys})").format(keys=keys)
    if isinstance(question, OrderQuestion):
        return _("all of {keys} in the right order, separated by commas").format(keys=keys)
    if isinstance(question, TrueFalseQuestion):
        return _("true or false")
    if isinstance(question, NumericQuestion):
        return _("a number")
    return _("a word or short phrase")


def correct_answer(question: Question) -> Any:
    """The answer key in the form check_answer returns (for text: the first accepted answer)."""
    if isinstance(question, TextQuestion):
        return question.accepted[0]
    return check_answer(question, question.answer)


def describe_answer(question: Question, answer: Any) -> str:
    """A canonical answer as a person would read it: 'b (Two gates)', 'a, c', 'true'."""
    if answer is None:
        return _("(no answer)")
    if isinstance(question, SingleQuestion):
        return f"{answer} ({question.choices[answer]})"
    if isinstance(question, (MultipleQuestion, OrderQuestion)):
        sep = " → " if isinstance(question, OrderQuestion) else ", "
        return sep.join(answer)
    if isinstance(question, TrueFalseQuestion):
        return "true" if answer else "false"
    if isinstance(question, NumericQuestion):
        return f"{answer:g}"
    return shorten(answer)  # a 3,000-character answer is echoed as one short line


def _fraction(question: Question, answer: Any) -> float:
    """Share of the points earned, in [0, 1]."""
    if isinstance(question, MultipleQuestion):
        right = sum(k in question.answer for k in answer)
        wrong = len(answer) - right
        return max(0.0, (right - wrong) / len(question.answer))
    if isinstance(question, OrderQuestion):
        return sum(a == b for a, b in zip(answer, question.answer)) / len(question.answer)
    if isinstance(question, NumericQuestion):
        # A hair of slack so 0.1 + 0.2 style rounding never fails an exact key.
        slack = question.tolerance + 1e-9 * max(1.0, abs(question.answer))
        return float(abs(answer - question.answer) <= slack)
    if isinstance(question, TextQuestion):
        return float(text_is_accepted(question, answer))
    return float(answer == question.answer)


def _feedback(question: Question, status: Status, answer: Any) -> str:
    if status == "correct":
        return question.explanation
    key = describe_answer(question, correct_answer(question))
    if isinstance(question, TextQuestion) and len(question.accepted) > 1:
        key = _("{key} (also accepted: {others})").format(key=key, others=", ".join(question.accepted[1:]))
    if isinstance(question, NumericQuestion) and question.tolerance:
        key += f" (± {question.tolerance:g})"
    if status == "unanswered":
        lead = _("Not answered. The answer is {key}.").format(key=key)
    elif isinstance(question, MultipleQuestion):
        missed = ", ".join(k for k in question.answer if k not in answer)
        extra = [k for k in answer if k not in question.answer]
        wrong = ngettext("{keys} is wrong", "{keys} are wrong", len(extra)).format(keys=", ".join(extra))
        lead = (_("You missed {missed}; {wrong}. The answer is {key}.") if missed and extra
                else _("You missed {missed}. The answer is {key}.") if missed
                else _("{wrong}. The answer is {key}.")).format(missed=missed, wrong=wrong, key=key)
    elif isinstance(question, OrderQuestion):
        placed = sum(a == b for a, b in zip(answer, question.answer))
        lead = _("{placed} of {n} in the right place. The right order is {key}.").format(
            placed=placed, n=len(question.answer), key=key)
    else:
        lead = _("You answered {answer}; the answer is {key}.").format(answer=describe_answer(question, answer),
                                                                       key=key)
    # Chinese puts no space after its full stop (。): "答案是 b。生成器…", not "答案是 b。 生成器…".
    return lead + ("" if lead.endswith("。") else " ") + question.explanation


def grade_question(question: Question, answer: Any) -> QuestionResult:
    """Grade one answer (raw or canonical). Missing/None -> 'unanswered'; malformed -> AnswerError."""
    answer = check_answer(question, answer)
    if answer is None:
        status, fraction = "unanswered", 0.0
    else:
        fraction = _fraction(question, answer)
        status = "correct" if fraction >= 1 else "wrong" if fraction <= 0 else "partial"
    return QuestionResult(
        id=question.id, status=status, points=question.points if status == "correct" else fraction * question.points,
        max_points=question.points, feedback=_feedback(question, status, answer), answer=answer,
    )


def grade_quiz(quiz: Quiz, answers: dict, lesson_id: str, learner: str | None = None) -> QuizResult:
    """Grade a whole quiz. Answers map question id -> answer; ids not in the quiz raise AnswerError."""
    known = {q.id for q in quiz.questions}
    unknown = [qid for qid in answers if qid not in known]
    if unknown:
        raise AnswerError(_("unknown question id '{id}' in lesson '{lesson}'").format(id=unknown[0], lesson=lesson_id))
    results = []
    for question in quiz.questions:
        try:
            results.append(grade_question(question, answers.get(question.id)))
        except AnswerError as exc:
            raise AnswerError(f"{question.id}: {exc}") from None
    score, max_score = sum(r.points for r in results), quiz.max_score  # same order, so score <= max exactly
    passed = max_score > 0 and score / max_score >= quiz.pass_mark - 1e-9
    return QuizResult(lesson=lesson_id, learner=learner, score=score, max_score=max_score,
                      passed=passed, questions=tuple(results))
