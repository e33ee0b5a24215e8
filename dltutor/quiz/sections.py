"""Where a lesson teaches what a quiz question asks: the section to revisit after a miss.

Derived, not declared: each question's words (prompt, choices, explanation) are compared with
each section's (heading and text) and the section sharing the most rare words for its size wins,
rare meaning found in few sections (a TF-IDF-like weight). Summary-like sections are skipped, because they
repeat everything and teach nothing new.

A translated lesson is matched through its English original (`revisit_section`): the words of the English
question against the English sections, then the heading with the same index in the translation, whose
headings correspond one to one (validate checks it), so learners of every language are sent to the same place.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass

from dltutor.content.headings import FENCE as _FENCE
from dltutor.content.headings import HEADING as _HEADING
from dltutor.content.headings import headings  # noqa: F401  (re-exported: where sections are read)

_WORD = re.compile(r"[^\W\d_]{3,}|[\u4e00-\u9fff]+")
_SKIP = re.compile(r"^(summary|objectives|learning objectives|in the lab|what the (live )?exercise|next)\b", re.I)
_STOP = set("the and for are but not you your with that this from have has was were will can its into than then "
            "them they what when which who why how one two all any each more most also only such very does did "
            "one's it's out use used using get gets".split())


@dataclass(frozen=True)
class Section:
    heading: str
    words: frozenset[str]
    heading_words: frozenset[str] = frozenset()
    index: int = 0  # its place among all the lesson's `##`/`###` headings, skipped ones included


def lesson_sections(body: str) -> list[Section]:
    """The lesson's `##` and `###` sections with the words each contains (code blocks count too)."""
    sections: list[tuple[str, list[str]]] = []
    fence = False
    for line in body.splitlines():
        if _FENCE.match(line):
            fence = not fence
        match = None if fence else _HEADING.match(line)
        if match:
            sections.append((match.group(2), [match.group(2)]))
        elif sections:
            sections[-1][1].append(line)
    return [Section(h, frozenset(_words(" ".join(text))), frozenset(_words(h)), i)
            for i, (h, text) in enumerate(sections) if not _SKIP.match(h)]


def _words(text: str) -> set[str]:
    return {w for w in (m.lower() for m in _WORD.findall(text)) if w not in _STOP}


def question_words(question) -> set[str]:
    choices = getattr(question, "choices", None) or {}
    return _words(" ".join([question.prompt, question.explanation, *map(str, choices.values())]))


def section_for(question, sections: list[Section]) -> str | None:
    """The heading of the section that best matches `question`, or None when nothing matches."""
    best = best_section(question, sections)
    return best.heading if best else None


def best_section(question, sections: list[Section]) -> Section | None:
    """The section that best matches `question`, or None when nothing matches."""
    if not sections:
        return None
    pinned = getattr(question, "section", None)  # the quiz says where: no guessing (validated on load)
    if pinned:
        return next((s for s in sections if s.heading == pinned), None)
    words = question_words(question)
    idf = {w: math.log((1 + len(sections)) / (1 + sum(w in s.words for s in sections))) + 1 for w in words}
    # Divided by the root of the section's size, so a long catch-all section ("Common mistakes")
    # does not win every question just by containing more words.
    # A word of the heading itself counts twice as much: "Sigmoid" is where σ′ is taught.
    scored = [((sum(idf[w] for w in words & s.words) + sum(idf[w] for w in words & s.heading_words))
               / math.sqrt(len(s.words) or 1), -i) for i, s in enumerate(sections)]
    score, at = max(scored)
    return sections[-at] if score > 0 else None


def revisit_section(lesson, question_id: str) -> str | None:
    """The heading, in `lesson`'s own language, of the section that teaches question `question_id`.

    Found in the English lesson (`lesson.english`) and mapped by heading index, so a translated
    lesson sends its learner to the same section; None when nothing matches.
    """
    english = lesson.english
    match = best_section(english.quiz.question(question_id), lesson_sections(english.body))
    if match is None or english is lesson:
        return match and match.heading
    shown = headings(lesson.body)
    return shown[match.index] if match.index < len(shown) else None
