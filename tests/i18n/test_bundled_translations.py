"""Every bundled lesson has a Chinese translation that validates, with the English code blocks unchanged.

The translations arrive from the translators' branches; until they are merged these tests fail by design.
"""

from __future__ import annotations

import pytest

from dltutor.content import load_course
from dltutor.content.translation import lesson_file, quiz_file
from dltutor.content.translation_check import check_translations, outline
from dltutor.settings import packaged_lessons_dir


@pytest.fixture(scope="module")
def course():
    return load_course(packaged_lessons_dir(), "en")


def test_every_lesson_has_both_chinese_files(course):
    missing = [str(path.relative_to(course.root)) for lesson in course.lessons
               for path in (lesson_file(lesson.folder, "zh"), quiz_file(lesson.folder, "zh")) if not path.is_file()]
    assert not missing, f"not translated yet: {missing}"


def test_translations_validate(course):
    report = check_translations(course)
    assert not report.problems, "\n".join(map(str, report.problems))
    assert report.translated == {"zh": len(course.lessons)}


def test_chinese_code_blocks_equal_the_english_ones(course):
    from dltutor.content.loader import load_meta

    for lesson in course.lessons:
        meta, body, body_line, _lines, problems = load_meta(lesson_file(lesson.folder, "zh"))
        assert not problems, problems
        zh = [(info, code) for info, code, _line in outline(body).code]
        assert zh == [(info, code) for info, code, _line in outline(lesson.body).code], lesson.id


def test_the_chinese_course_loads_every_lesson_in_chinese():
    zh = load_course(packaged_lessons_dir(), "zh")
    assert zh.ok and not zh.translation_problems, zh.translation_problems
    assert [lesson.id for lesson in zh.lessons if lesson.lang != "zh"] == []
