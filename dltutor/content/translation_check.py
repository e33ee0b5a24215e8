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
from dltutor.i18n import LANGUAGES

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
                    there = f" ({other.name} is there)" if other.is_file() else ""
                    report.problems.append(Problem(path, None, f"{_not_a_file(path, 'translation')}: a translation "
                                                               f"needs both {md.name} and {qz.name}{there}"))
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
            problems.append(Problem(path, lines.line_of((key,)),
                                    f"{key}: {getattr(meta, key)!r} differs from lesson.md's "
                                    f"{getattr(english.meta, key)!r} (only title and objectives are translated)"))
    if len(meta.objectives) != len(english.meta.objectives):
        problems.append(Problem(path, lines.line_of(("objectives",)),
                                f"objectives: {len(meta.objectives)} here, {len(english.meta.objectives)} in "
                                "lesson.md (translate each one, in the same order)"))
    ours, theirs = outline(body, body_line), outline(english.body, english.body_line)
    problems += _compare_sequence(path, "heading", ours.headings, theirs.headings,
                                  lambda h: h[0], "the same headings, with the same levels (## / ###)")
    problems += _compare_sequence(path, "code block", ours.code, theirs.code, lambda c: (c[0], c[1]),
                                  "code, its comments and its output stay exactly as in lesson.md")
    problems += _compare_sequence(path, "measured marker", ours.markers, theirs.markers, lambda m: m[0],
                                  "copy each <!-- measured: … --> marker verbatim, in order")
    problems += _compare_sequence(path, "table", ours.tables, theirs.tables, lambda t: t[:2],
                                  "tables keep their columns and rows")
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
                problems.append(Problem(path, line, f"the section here lost {kind} {shown} of lesson.md's "
                                                    f"section (line {en_line}): keep every {kind} as written"))
            if isinstance(values, Counter):
                fewer = sorted(v for v in values if 0 < mine[kind][v] < values[v])
                if fewer:
                    shown = ", ".join(f"{v:g} ({mine[kind][v]}× here, {values[v]}× there)" for v in fewer)
                    problems.append(Problem(path, line, f"the section here writes {kind} {shown} fewer times than "
                                                        f"lesson.md's section (line {en_line}): a changed {kind}? "
                                                        f"keep every {kind} as written"))
    return problems


def _describe(kind: str, item: tuple) -> str:
    if kind == "heading":
        return f"'{item[0]}'"
    if kind == "table":
        return f"{item[0]} columns × {item[1]} rows"
    if kind == "measured marker":
        return item[0]
    info = item[0] or "no info string"
    first = next((line.strip() for line in item[1].splitlines() if line.strip()), "")
    return f"```{info} starting {first[:40]!r}" if first else f"```{info} (empty)"


def _compare_sequence(path, kind: str, ours: list[tuple], theirs: list[tuple], key, rule: str) -> list[Problem]:
    """One problem per differing item (each at its line here), plus one when the counts differ."""
    problems = []
    for i, (mine, original) in enumerate(zip(ours, theirs)):
        if key(mine) != key(original):
            problems.append(Problem(path, mine[-1], f"{kind} {i + 1} is {_describe(kind, mine)} but lesson.md's "
                                                    f"(line {original[-1]}) is {_describe(kind, original)}: {rule}"))
            if kind in ("heading", "measured marker"):
                break  # after one is missing every later one is shifted: the first says it all
    if len(ours) != len(theirs):
        line = ours[len(theirs)][-1] if len(ours) > len(theirs) else (ours[-1][-1] if ours else None)
        problems.append(Problem(path, line, f"{len(ours)} {kind}s here, {len(theirs)} in lesson.md: {rule}"))
    return problems


def check_quiz_translation(english: Lesson, path) -> list[Problem]:
    """Problems of `path` (a quiz.<lang>.yaml) against the English quiz: ids, keys, hints, numbers."""
    texts, lines, problems = read_quiz_text(path)
    if lines is None:
        return problems
    questions = {q.id: q for q in english.quiz.questions}
    order = [qid for qid in texts if qid in questions]
    for qid in texts:
        if qid not in questions:
            problems.append(Problem(path, lines.line_of(("questions", qid)),
                                    f"questions.{qid}: no question '{qid}' in quiz.yaml (extra or misspelt id)"))
    missing = [qid for qid in questions if qid not in texts and not _malformed(problems, qid)]
    if missing:
        problems.append(Problem(path, lines.line_of(("questions",)),
                                f"questions: not translated: {', '.join(missing)} (every id of quiz.yaml, once)"))
    if order != [qid for qid in questions if qid in texts]:
        problems.append(Problem(path, lines.line_of(("questions",)),
                                "questions: ids are not in quiz.yaml's order"))
    for qid in order:
        problems += _question_problems(path, lines, qid, texts[qid], questions[qid])
    return problems


def _malformed(problems: list[Problem], qid: str) -> bool:
    return any(p.message.startswith((f"questions.{qid}:", f"questions.{qid}.")) for p in problems)


def _question_problems(path, lines, qid: str, text: dict, question) -> list[Problem]:
    where = ("questions", qid)
    problems = [Problem(path, lines.line_of(where), f"questions.{qid}: missing {key}")
                for key in ("prompt", "explanation") if key not in text]
    choices = getattr(question, "choices", None) or {}
    given = text.get("choices")
    if choices and given is None:
        problems.append(Problem(path, lines.line_of(where), f"questions.{qid}: missing choices "
                                                            f"({', '.join(choices)})"))
    elif given is not None and list(given) != list(choices):
        differ = "are in another order than" if set(given) == set(choices) else "differ from"
        problems.append(Problem(path, lines.line_of(where + ("choices",)),
                                f"questions.{qid}.choices: keys {', '.join(given) or 'none'} {differ} "
                                f"quiz.yaml's {', '.join(choices) or 'none (not a choice question)'}"))
    hints = text.get("hints", [])
    if len(hints) != len(question.hints):
        problems.append(Problem(path, lines.line_of(where + ("hints",)),
                                f"questions.{qid}.hints: {len(hints)} here, {len(question.hints)} in quiz.yaml"))
    english = numbers(" ".join([question.prompt, question.explanation, *question.hints, *map(str, choices.values())]))
    for key in ("prompt", "explanation", "hints", "choices"):
        value = text.get(key)
        parts = value.values() if isinstance(value, dict) else value if isinstance(value, list) else [value or ""]
        new = sorted(numbers(" ".join(parts)) - english)
        if new:
            shown = ", ".join(f"{n:g}" for n in new)
            problems.append(Problem(path, lines.line_of(where + (key,)),
                                    f"questions.{qid}.{key}: number {shown} is not in the English question "
                                    "(keep every number as it is; add none)"))
    return problems
