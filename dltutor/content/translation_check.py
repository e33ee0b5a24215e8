"""`dltutor validate`'s checks of translations: a translation must say the same things in other words.

For each lesson with `lesson.<lang>.md` / `quiz.<lang>.yaml` (see content.translation), compared with
the English files, every problem with the translation's file and line:

* lesson: front matter equal except `title` and `objectives` (same number of objectives); the same
  sequence of heading levels; the same fenced code blocks in the same order with identical info
  string and code; the same `<!-- measured: … -->` markers in order; tables with the same columns and rows;
  and, section by section, every number, `inline code` and link target of the English text kept
  (a translation may add a number, as 70 亿（7B）does, but never lose one, nor write one fewer
  times: 5×5 changed to 6×6 beside another 5 is caught by the count);
* quiz: every question id once, no extra ids, nothing but prompt / choices / explanation / hints
  (no answer, type, points, tolerance); the same choice keys and number of hints; and every number
  in a translated text also in that question's English text (a translation may not state a new number,
  which no test would recompute).
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field

from dltutor.content.loader import _not_a_file, load_meta
from dltutor.content.models import Course, Lesson, Problem
from dltutor.content.translation import has_translation, lesson_file, quiz_file, read_quiz_text
from dltutor.i18n import LANGUAGES, N_, _

_FENCE = re.compile(r"^ {0,3}(`{3,}|~{3,})(.*)$")
_HEADING = re.compile(r"^(#{1,6})\s+\S")
_MEASURED = re.compile(r"<!--\s*measured:.*?-->")
_TABLE_RULE = re.compile(r"^\s*\|?\s*:?-{3,}:?\s*(\|\s*:?-{3,}:?\s*)*\|?\s*$")
_FULL_WIDTH = str.maketrans("０１２３４５６７８９．，", "0123456789.,")
# A number not glued to the end of a word (float32, L2, x1): 3, 0.25, 2,400 (thousands), 1.5; sign ignored.
_NUMBER = re.compile(r"(?<![A-Za-z0-9_.])(\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?)(?![0-9])")


@dataclass(frozen=True)
class Outline:
    """What a translation must keep from its lesson's Markdown; each item with its line in the file."""

    headings: list[tuple[str, int]] = field(default_factory=list)  # ("##", line)
    code: list[tuple[str, str, int]] = field(default_factory=list)  # (info string, code, line of the fence)
    markers: list[tuple[str, int]] = field(default_factory=list)
    tables: list[tuple[int, int, int]] = field(default_factory=list)  # (columns, rows, line)


def outline(body: str, first_line: int = 1) -> Outline:
    """The structure of Markdown `body` whose first line is line `first_line` of its file."""
    out = Outline()
    lines = body.split("\n")
    i = 0
    while i < len(lines):
        line, number = lines[i], first_line + i
        fence = _FENCE.match(line)
        if fence:
            marker, info = fence.group(1), fence.group(2).strip()
            end = i + 1
            while end < len(lines):
                close = _FENCE.match(lines[end])
                if close and close.group(1)[0] == marker[0] and len(close.group(1)) >= len(marker) \
                        and not close.group(2).strip():
                    break
                end += 1
            out.code.append((info, "\n".join(lines[i + 1:end]), number))
            i = end + 1
            continue
        heading = _HEADING.match(line)
        if heading:
            out.headings.append((heading.group(1), number))
        out.markers.extend((m.group(0), number) for m in _MEASURED.finditer(line))
        if line.lstrip().startswith("|") and i + 1 < len(lines) and _TABLE_RULE.match(lines[i + 1]):
            end = i + 2
            while end < len(lines) and lines[end].lstrip().startswith("|"):
                end += 1
            out.tables.append((_columns(line), end - i - 2, number))
            i = end
            continue
        i += 1
    return out


def _columns(row: str) -> int:
    cells = re.split(r"(?<!\\)\|", row.strip())
    return len(cells) - (cells[0] == "") - (cells[-1] == "")


def numbers(text: str) -> set[float]:
    """The magnitudes of the numbers written in `text` (2,400 and 2400 alike; full-width digits too)."""
    return set(number_counts(text))


def number_counts(text: str) -> Counter[float]:
    """How many times each number of `numbers(text)` is written in `text`."""
    return Counter(float(m.replace(",", "")) for m in _NUMBER.findall(text.translate(_FULL_WIDTH)))


@dataclass
class TranslationReport:
    problems: list[Problem] = field(default_factory=list)
    translated: dict[str, int] = field(default_factory=dict)  # language -> lessons with a translation


def check_translations(course: Course, languages: tuple[str, ...] = LANGUAGES[1:]) -> TranslationReport:
    """Compare every translation in the course's folders with its English lesson (see the module docstring)."""
    report = TranslationReport()
    for lang in languages:
        report.translated[lang] = 0
        for lesson in course.lessons:
            english = lesson.english
            md, qz = lesson_file(english.folder, lang), quiz_file(english.folder, lang)
            if not has_translation(english.folder, lang):
                continue
            report.translated[lang] += 1
            for path, other in ((md, qz), (qz, md)):
                if not path.is_file():  # never opened: a FIFO would block
                    needs = (_("{problem}: a translation needs both {lesson} and {quiz} ({other} is there)")
                             if other.is_file() else _("{problem}: a translation needs both {lesson} and {quiz}"))
                    report.problems.append(Problem(path, None, needs.format(
                        problem=_not_a_file(path, "translation"), lesson=md.name, quiz=qz.name, other=other.name)))
            if md.is_file():
                report.problems += check_lesson_translation(english, md)
            if qz.is_file():
                report.problems += check_quiz_translation(english, qz)
    return report


def check_lesson_translation(english: Lesson, path) -> list[Problem]:
    """Problems of `path` (a lesson.<lang>.md) against the English lesson: front matter and structure."""
    meta, body, body_line, lines, problems = load_meta(path)
    if meta is None:
        return problems
    for key in ("id", "order", "requires", "minutes", "exercise"):
        if getattr(meta, key) != getattr(english.meta, key):
            problems.append(Problem(path, lines.line_of((key,)), f"{key}: " + _(
                "{value} differs from lesson.md's {english} (only title and objectives are translated)").format(
                    value=repr(getattr(meta, key)), english=repr(getattr(english.meta, key)))))
    if len(meta.objectives) != len(english.meta.objectives):
        problems.append(Problem(path, lines.line_of(("objectives",)), "objectives: " + _(
            "{n} here, {m} in lesson.md (translate each one, in the same order)").format(
                n=len(meta.objectives), m=len(english.meta.objectives))))
    ours, theirs = outline(body, body_line), outline(english.body, english.body_line)
    problems += _compare_sequence(path, "heading", ours.headings, theirs.headings, lambda h: h[0])
    problems += _compare_sequence(path, "code block", ours.code, theirs.code, lambda c: (c[0], c[1]))
    problems += _compare_sequence(path, "measured marker", ours.markers, theirs.markers, lambda m: m[0])
    problems += _compare_sequence(path, "table", ours.tables, theirs.tables, lambda t: t[:2])
    if [h[0] for h in ours.headings] == [h[0] for h in theirs.headings]:
        problems += _kept_in_each_section(path, ours, body, body_line, theirs, english.body, english.body_line)
    return problems


_CODE_BLOCK = re.compile(r"^ {0,3}(`{3,}|~{3,}).*?^ {0,3}\1[ \t]*$", re.S | re.M)
_INLINE_CODE = re.compile(r"`([^`]+)`")
_LINK = re.compile(r"\]\(\s*([^)\s]+)|(?<![(\w])(https?://[^\s)>\]]+)")


def _sections(found: Outline, body: str, first_line: int) -> list[tuple[int, str]]:
    """(line, prose) of the text before the first heading and under each heading, code blocks left out."""
    lines = body.split("\n")
    starts = [first_line] + [line for _level, line in found.headings]
    ends = starts[1:] + [first_line + len(lines)]
    return [(start, _CODE_BLOCK.sub("", "\n".join(lines[start - first_line:end - first_line])))
            for start, end in zip(starts, ends)]


def _kept(prose: str) -> dict[str, Counter | set]:
    # Numbers are counted: a changed number (5×5 -> 6×6) often leaves the old one elsewhere in the section.
    return {"number": number_counts(prose),
            "inline code": {" ".join(span.split()) for span in _INLINE_CODE.findall(prose)},
            "link": {a or b for a, b in _LINK.findall(prose)}}


def _kept_in_each_section(path, ours: Outline, body: str, body_line: int, theirs: Outline, english_body: str,
                          english_line: int) -> list[Problem]:
    problems = []
    for (line, prose), (en_line, en_prose) in zip(_sections(ours, body, body_line),
                                                  _sections(theirs, english_body, english_line)):
        mine, original = _kept(prose), _kept(en_prose)
        for kind, values in original.items():
            lost = sorted(v for v in values if v not in mine[kind])
            if lost:
                shown = ", ".join(f"{v:g}" if isinstance(v, float) else f"'{v}'" for v in lost)
                problems.append(Problem(path, line, _(_LOST[kind]).format(shown=shown, line=en_line)))
            if isinstance(values, Counter):
                fewer = sorted(v for v in values if 0 < mine[kind][v] < values[v])
                if fewer:
                    shown = ", ".join(_("{number} ({n}× here, {m}× there)").format(
                        number=f"{v:g}", n=mine[kind][v], m=values[v]) for v in fewer)
                    problems.append(Problem(path, line, _(
                        "the section here writes number {shown} fewer times than lesson.md's section (line {line}): "
                        "a changed number? keep every number as written").format(shown=shown, line=en_line)))
    return problems


_LOST = {
    "number": N_("the section here lost number {shown} of lesson.md's section (line {line}): "
                 "keep every number as written"),
    "inline code": N_("the section here lost inline code {shown} of lesson.md's section (line {line}): "
                      "keep every inline code as written"),
    "link": N_("the section here lost link {shown} of lesson.md's section (line {line}): keep every link as written"),
}
# Per kind of structure: (the differing item, the differing count, the rule to follow).
_SEQUENCE = {
    "heading": (N_("heading {i} is {ours} but lesson.md's (line {line}) is {theirs}: "
                   "the same headings, with the same levels (## / ###)"),
                N_("{n} headings here, {m} in lesson.md: the same headings, with the same levels (## / ###)")),
    "code block": (N_("code block {i} is {ours} but lesson.md's (line {line}) is {theirs}: "
                      "code, its comments and its output stay exactly as in lesson.md"),
                   N_("{n} code blocks here, {m} in lesson.md: code, its comments and its output stay exactly "
                      "as in lesson.md")),
    "measured marker": (N_("measured marker {i} is {ours} but lesson.md's (line {line}) is {theirs}: "
                           "copy each <!-- measured: … --> marker verbatim, in order"),
                        N_("{n} measured markers here, {m} in lesson.md: copy each <!-- measured: … --> marker "
                           "verbatim, in order")),
    "table": (N_("table {i} is {ours} but lesson.md's (line {line}) is {theirs}: tables keep their columns and rows"),
              N_("{n} tables here, {m} in lesson.md: tables keep their columns and rows")),
}


def _describe(kind: str, item: tuple) -> str:
    if kind == "heading":
        return f"'{item[0]}'"
    if kind == "table":
        return _("{columns} columns × {rows} rows").format(columns=item[0], rows=item[1])
    if kind == "measured marker":
        return item[0]
    info = item[0] or _("no info string")
    first = next((line.strip() for line in item[1].splitlines() if line.strip()), "")
    return (_("```{info} starting {first}").format(info=info, first=repr(first[:40])) if first
            else _("```{info} (empty)").format(info=info))


def _compare_sequence(path, kind: str, ours: list[tuple], theirs: list[tuple], key) -> list[Problem]:
    """One problem per differing item (each at its line here), plus one when the counts differ."""
    differs, counts = _SEQUENCE[kind]
    problems = []
    for i, (mine, original) in enumerate(zip(ours, theirs)):
        if kind == "code block" and mine[0] == original[0] and mine[1] != original[1]:
            problems.append(_code_difference(path, i + 1, mine, original))
        elif key(mine) != key(original):
            problems.append(Problem(path, mine[-1], _(differs).format(
                i=i + 1, ours=_describe(kind, mine), line=original[-1], theirs=_describe(kind, original))))
            if kind in ("heading", "measured marker"):
                break  # after one is missing every later one is shifted: the first says it all
    if len(ours) != len(theirs):
        line = ours[len(theirs)][-1] if len(ours) > len(theirs) else (ours[-1][-1] if ours else None)
        problems.append(Problem(path, line, _(counts).format(n=len(ours), m=len(theirs))))
    return problems


def _code_difference(path, i: int, mine: tuple, original: tuple) -> Problem:
    """Code block `i` whose code differs from lesson.md's: the problem at the first line that differs."""
    ours, theirs = mine[1].split("\n"), original[1].split("\n")
    j = next((j for j, (a, b) in enumerate(zip(ours, theirs)) if a != b), min(len(ours), len(theirs)))
    shown = [repr(lines[j].strip()[:60]) if j < len(lines) else _("the end of the block") for lines in (ours, theirs)]
    return Problem(path, mine[-1] + 1 + min(j, len(ours) - 1), _(
        "code block {i} has {ours} where lesson.md's (line {line}) has {theirs}: "
        "code, its comments and its output stay exactly as in lesson.md").format(
            i=i, ours=shown[0], line=original[-1] + 1 + min(j, len(theirs) - 1), theirs=shown[1]))


def check_quiz_translation(english: Lesson, path) -> list[Problem]:
    """Problems of `path` (a quiz.<lang>.yaml) against the English quiz: ids, keys, hints, numbers."""
    texts, lines, problems = read_quiz_text(path)
    if lines is None:
        return problems
    questions = {q.id: q for q in english.quiz.questions}
    order = [qid for qid in texts if qid in questions]
    for qid in texts:
        if qid not in questions:
            problems.append(Problem(path, lines.line_of(("questions", qid)), f"questions.{qid}: " + _(
                "no question '{id}' in quiz.yaml (extra or misspelt id)").format(id=qid)))
    missing = [qid for qid in questions if qid not in texts and not _malformed(problems, qid)]
    if missing:
        problems.append(Problem(path, lines.line_of(("questions",)), "questions: " + _(
            "not translated: {ids} (every id of quiz.yaml, once)").format(ids=", ".join(missing))))
    if order != [qid for qid in questions if qid in texts]:
        problems.append(Problem(path, lines.line_of(("questions",)),
                                "questions: " + _("ids are not in quiz.yaml's order")))
    for qid in order:
        problems += _question_problems(path, lines, qid, texts[qid], questions[qid])
    return problems


def _malformed(problems: list[Problem], qid: str) -> bool:
    return any(p.message.startswith((f"questions.{qid}:", f"questions.{qid}.")) for p in problems)


def _question_problems(path, lines, qid: str, text: dict, question) -> list[Problem]:
    where = ("questions", qid)
    problems = [Problem(path, lines.line_of(where), f"questions.{qid}: " + _("missing {key}").format(key=key))
                for key in ("prompt", "explanation") if key not in text]
    choices = getattr(question, "choices", None) or {}
    given = text.get("choices")
    if choices and given is None:
        problems.append(Problem(path, lines.line_of(where), f"questions.{qid}: " + _(
            "missing choices ({keys})").format(keys=", ".join(choices))))
    elif given is not None and list(given) != list(choices):
        differ = (_("keys {given} are in another order than quiz.yaml's {keys}") if set(given) == set(choices)
                  else _("keys {given} differ from quiz.yaml's {keys}"))
        problems.append(Problem(path, lines.line_of(where + ("choices",)), f"questions.{qid}.choices: " + differ.format(
            given=", ".join(given) or _("none"), keys=", ".join(choices) or _("none (not a choice question)"))))
    hints = text.get("hints", [])
    if len(hints) != len(question.hints):
        problems.append(Problem(path, lines.line_of(where + ("hints",)), f"questions.{qid}.hints: " + _(
            "{n} here, {m} in quiz.yaml").format(n=len(hints), m=len(question.hints))))
    english = numbers(" ".join([question.prompt, question.explanation, *question.hints, *map(str, choices.values())]))
    for key in ("prompt", "explanation", "hints", "choices"):
        value = text.get(key)
        parts = value.values() if isinstance(value, dict) else value if isinstance(value, list) else [value or ""]
        new = sorted(numbers(" ".join(parts)) - english)
        if new:
            shown = ", ".join(f"{n:g}" for n in new)
            problems.append(Problem(path, lines.line_of(where + (key,)), f"questions.{qid}.{key}: " + _(
                "number {shown} is not in the English question (keep every number as it is; add none)").format(
                    shown=shown)))
    return problems
