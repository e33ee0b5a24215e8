"""Lesson and quiz schemas.

Strict on purpose: an unknown field is a typo. The YAML reader gives every
scalar as the text the teacher wrote, and the models convert it deliberately:
numbers with the one number parser (`order: 010` is 10, `points: 1/2` is 0.5),
true/false with the one word list (`answer: no` is false), `exercise: ~` is
none, and everything else stays text (a choice key `no` is "no", an accepted
answer `3.10` is "3.10"). The models know nothing about files; the loader
turns their errors into file:line problems.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Annotated, Literal, Optional, Union

from pydantic import (
    BaseModel,
    AfterValidator,
    BeforeValidator,
    ConfigDict,
    Field,
    Strict,
    StringConstraints,
    model_validator,
)

from dltutor.content.outline import LessonLookup, NamedByMeta
from dltutor.content.scalars import optional_text, parse_number, parse_truth
from dltutor.content.textfile import visible
from dltutor.i18n import _


def _number(raw):
    return parse_number(raw) if isinstance(raw, str) else raw


def _whole_number(raw):
    if not isinstance(raw, str):
        return raw
    value = parse_number(raw)
    if not value.is_integer():
        raise ValueError(_("expected a whole number, got {value}").format(value=raw.strip()))
    return int(value)


def _truth(raw):
    return parse_truth(raw) if isinstance(raw, str) else raw


# Shown as written everywhere, the app included: an ESC or a bidi override from a file becomes ^[ or <U+202E>
# here, once, so that no screen has to remember to do it (the CLI's reports do the same with `visible`).
Text = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1), AfterValidator(visible)]
Slug = Annotated[str, StringConstraints(pattern=r"^[a-z0-9][a-z0-9_-]*$", max_length=64)]
Key = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=32)]
Number = Annotated[float, Strict(), BeforeValidator(_number)]
WholeNumber = Annotated[int, Strict(), BeforeValidator(_whole_number)]
Truth = Annotated[bool, Strict(), BeforeValidator(_truth)]

QUESTION_TYPES = ("single", "multiple", "truefalse", "numeric", "text", "order")


class AnswerKeyError(ValueError):
    """A quiz's answer key that contradicts its choices (reported at the `answer` field's line)."""


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class LessonMeta(_Strict):
    id: Slug
    title: Text
    order: WholeNumber
    requires: list[Slug] = Field(default_factory=list)
    minutes: WholeNumber = Field(gt=0, le=600)
    objectives: list[Text] = Field(min_length=1)
    exercise: Annotated[Slug | None, BeforeValidator(optional_text)] = None


class _QuestionBase(_Strict):
    id: Slug
    prompt: Text
    points: Number = Field(default=1.0, gt=0, le=100)
    explanation: Text
    hints: list[Text] = Field(default_factory=list)
    # The heading of the lesson section that teaches this question ("Sigmoid"), where a learner who
    # missed it is sent; without it the section is found from the words they share.
    section: Optional[Text] = None


class _ChoiceQuestion(_QuestionBase):
    choices: dict[Key, Text] = Field(min_length=2)

    def _check_keys(self, keys: list[str]) -> None:
        unknown = [k for k in keys if k not in self.choices]
        if unknown:
            raise AnswerKeyError(_("answer {keys} is not among the choices ({choices})").format(
                keys=", ".join(map(repr, unknown)), choices=", ".join(self.choices)))


class SingleQuestion(_ChoiceQuestion):
    type: Literal["single"]
    answer: Key

    @model_validator(mode="after")
    def _answer_in_choices(self):
        self._check_keys([self.answer])
        return self


class MultipleQuestion(_ChoiceQuestion):
    type: Literal["multiple"]
    answer: list[Key] = Field(min_length=1)

    @model_validator(mode="after")
    def _answer_in_choices(self):
        self._check_keys(self.answer)
        if len(set(self.answer)) != len(self.answer):
            raise AnswerKeyError(_("answer lists a choice twice"))
        return self


class OrderQuestion(_ChoiceQuestion):
    type: Literal["order"]
    answer: list[Key] = Field(min_length=2)

    @model_validator(mode="after")
    def _answer_is_permutation(self):
        self._check_keys(self.answer)
        if sorted(self.answer) != sorted(self.choices):
            raise AnswerKeyError(_("answer must list every choice key exactly once, in the right order"))
        return self


class TrueFalseQuestion(_QuestionBase):
    type: Literal["truefalse"]
    answer: Truth


class NumericQuestion(_QuestionBase):
    type: Literal["numeric"]
    answer: Number
    tolerance: Number = Field(default=0.0, ge=0)


class TextQuestion(_QuestionBase):
    type: Literal["text"]
    answer: Text | list[Text]

    @property
    def accepted(self) -> list[str]:
        return [self.answer] if isinstance(self.answer, str) else list(self.answer)


Question = Union[SingleQuestion, MultipleQuestion, TrueFalseQuestion, NumericQuestion, TextQuestion, OrderQuestion]

QUESTION_MODELS: dict[str, type[_QuestionBase]] = {
    "single": SingleQuestion,
    "multiple": MultipleQuestion,
    "truefalse": TrueFalseQuestion,
    "numeric": NumericQuestion,
    "text": TextQuestion,
    "order": OrderQuestion,
}


class QuizHeader(_Strict):
    pass_mark: Number = Field(default=0.7, gt=0, le=1)
    questions: list = Field(min_length=1)


@dataclass(frozen=True)
class Quiz:
    pass_mark: float
    questions: tuple[Question, ...]

    @property
    def max_score(self) -> float:
        return sum(q.points for q in self.questions)

    def question(self, qid: str) -> Question:
        for q in self.questions:
            if q.id == qid:
                return q
        raise KeyError(qid)


@dataclass(frozen=True)
class Lesson(NamedByMeta):
    meta: LessonMeta
    body: str
    quiz: Quiz
    folder: Path
    body_line: int = 1  # line of the lesson file where the Markdown body starts
    lang: str = "en"  # the language of title, objectives, body and question texts
    source: Lesson | None = field(default=None, repr=False, compare=False)  # the English lesson, when translated

    @property
    def english(self) -> Lesson:
        """The English lesson this one translates (itself when it is English)."""
        return self.source or self


@dataclass(frozen=True)
class Problem:
    file: Path
    line: int | None
    message: str

    def __str__(self) -> str:
        where = f"{self.file}:{self.line}" if self.line else f"{self.file}"
        return f"{where}: {self.message}"


def did_you_mean(name: str, known: list[str] | tuple[str, ...]) -> str:
    """' (did you mean 'cnn'?)' for a near miss among known names, else ''."""
    import difflib

    close = difflib.get_close_matches(name, known, n=1, cutoff=0.6)
    return _(" (did you mean '{name}'?)").format(name=close[0]) if close else ""


@dataclass
class Course(LessonLookup):
    """Every lesson that loaded, plus every problem found (broken lessons included)."""

    root: Path
    lessons: list[Lesson] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    broken: dict[str, list[Problem]] = field(default_factory=dict)  # folder name -> problems
    lang: str = "en"  # the language the course was loaded in (lessons without a translation stay English)
    translation_problems: list[Problem] = field(default_factory=list)  # why a lesson fell back to English

    def unknown_lesson_message(self, name: str) -> str:
        known = ", ".join(self.ids) or _("none")
        message = _("unknown lesson '{name}'{suggestion}; known lessons: {known}").format(
            name=name, suggestion=did_you_mean(name, self.ids), known=known)
        if name.strip().isdigit() and self.lessons:  # `dltutor lesson 11`: say which numbers there are
            orders = sorted(lesson.meta.order for lesson in self.lessons)
            message += _(" (or a roadmap number, {first} to {last})").format(first=orders[0], last=orders[-1])
        return message

    @property
    def ok(self) -> bool:
        return not self.problems
