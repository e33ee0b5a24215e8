"""The cached outline: the roadmap's first screen without pydantic, and never a stale or broken one."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from dltutor.content.outline import CourseSource, Outline
from dltutor.launch import app_options
from dltutor.settings import packaged_lessons_dir


@pytest.fixture
def lessons(tmp_path) -> Path:
    root = tmp_path / "lessons"
    for name in ("01-concepts", "02-activations"):
        shutil.copytree(packaged_lessons_dir() / name, root / name)
    return root


def test_no_cache_then_an_outline_equal_to_the_course(lessons, tmp_path):
    first = CourseSource(lessons, tmp_path / "cache")
    assert first.outline is None and not first.loaded
    course = first.load()
    assert first.loaded and first.cache_file.is_file()
    second = CourseSource(lessons, tmp_path / "cache")
    assert second.outline == Outline.of(course) and not second.loaded
    assert second.outline.ids == course.ids
    assert second.outline.get("activations").meta.objectives == tuple(course.get("activations").meta.objectives)


@pytest.mark.parametrize("change", ["edit", "new file", "remove folder", "language", "same size and time"])
def test_any_change_to_the_lessons_makes_the_outline_stale(lessons, tmp_path, change):
    CourseSource(lessons, tmp_path / "cache").load()
    language = "en"
    if change == "edit":
        lesson = lessons / "01-concepts" / "lesson.md"
        lesson.write_text(lesson.read_text(encoding="utf-8").replace("title:", "title: ", 1), encoding="utf-8")
    elif change == "new file":
        (lessons / "01-concepts" / "lesson.zh.md").write_text("---\n", encoding="utf-8")
    elif change == "same size and time":  # `cp -p`, an unpacked archive, a coarse file-system clock
        lesson = lessons / "02-activations" / "lesson.md"
        stat = lesson.stat()
        lesson.write_text(lesson.read_text(encoding="utf-8").replace("id: activations", "id: activationz"),
                          encoding="utf-8")
        os.utime(lesson, ns=(stat.st_atime_ns, stat.st_mtime_ns))
        assert lesson.stat().st_size == stat.st_size
    elif change == "remove folder":
        shutil.rmtree(lessons / "02-activations")
    else:
        language = "zh"
    assert CourseSource(lessons, tmp_path / "cache", language).outline is None


def test_zh_and_en_starts_alternating_each_keep_their_own_outline_and_see_an_edited_translation(lessons, tmp_path):
    # The process speaks English here: each source still loads and caches its own language.
    cache = tmp_path / "cache"
    for _round in range(2):
        assert CourseSource(lessons, cache, "zh").load().lessons[0].title == "神经元、感知机与多层网络"
        assert CourseSource(lessons, cache, "en").load().lessons[0].title.startswith("Neurons")
    assert CourseSource(lessons, cache, "zh").outline.lessons[0].title == "神经元、感知机与多层网络"
    assert CourseSource(lessons, cache, "en").outline.lessons[0].title.startswith("Neurons")
    zh = lessons / "01-concepts" / "lesson.zh.md"
    zh.write_text(zh.read_text(encoding="utf-8").replace("神经元、感知机与多层网络", "神经元与感知机"), encoding="utf-8")
    assert CourseSource(lessons, cache, "zh").outline is None  # stale: the course is loaded afresh
    assert CourseSource(lessons, cache, "zh").load().lessons[0].title == "神经元与感知机"
    assert CourseSource(lessons, cache, "zh").outline.lessons[0].title == "神经元与感知机"


@pytest.mark.parametrize("content", ["", "{", "[]", '{"fingerprint": 1}', "\x00\xff", '{"outline": {}}',
                                     "[" * 100_000, " " * 4_000_001])
def test_a_corrupt_cache_means_loading_the_course(lessons, tmp_path, content):
    source = CourseSource(lessons, tmp_path / "cache")
    source.load()
    stamp = json.loads(source.cache_file.read_text(encoding="utf-8"))["fingerprint"]
    source.cache_file.write_text(content, encoding="utf-8", errors="surrogateescape")
    assert CourseSource(lessons, tmp_path / "cache").outline is None
    source.cache_file.write_text(json.dumps({"fingerprint": stamp, "outline": {"lessons": [{"id": 1}]}}))
    assert CourseSource(lessons, tmp_path / "cache").outline is None
    lesson = {"id": "a", "title": "A", "order": float("inf"), "requires": [], "minutes": 1, "objectives": [],
              "exercise": None}  # JSON's Infinity: int() raises OverflowError
    source.cache_file.write_text(json.dumps({"fingerprint": stamp, "outline": {"lessons": [lesson], "broken": []}}))
    assert CourseSource(lessons, tmp_path / "cache").outline is None


@pytest.mark.parametrize("kind", ["folder", "fifo"])
def test_a_cache_that_is_not_a_file_is_never_read(lessons, tmp_path, kind):
    """A FIFO in the cache's place would block the start for ever if it were opened."""
    source = CourseSource(lessons, tmp_path / "cache")
    source.cache_file.parent.mkdir(parents=True)
    if kind == "folder":
        source.cache_file.mkdir()
    elif hasattr(os, "mkfifo"):
        os.mkfifo(source.cache_file)
    else:
        return
    assert CourseSource(lessons, tmp_path / "cache").outline is None
    assert source.load().ids == ["concepts", "activations"]  # and saving over it only costs speed


def test_an_unwritable_cache_folder_only_costs_speed(lessons, tmp_path):
    blocked = tmp_path / "cache"
    blocked.write_text("a file where the folder should be")
    course = CourseSource(lessons, blocked).load()
    assert course.ids == ["concepts", "activations"]
    assert CourseSource(lessons, blocked).outline is None


def test_a_missing_lessons_folder_has_no_outline_and_loading_says_so(tmp_path):
    source = CourseSource(tmp_path / "nowhere", tmp_path / "cache")
    assert source.outline is None
    with pytest.raises(FileNotFoundError):
        source.load()


def test_a_lessons_path_that_is_not_utf8_is_cached_too(tmp_path, lessons):
    """Python keeps a non-UTF-8 path's bytes as surrogates, which UTF-8 cannot encode (it crashed the app)."""
    try:
        odd = lessons.rename(tmp_path / os.fsdecode(b"course-\xff"))
    except (OSError, UnicodeError):
        pytest.skip("this file system only takes UTF-8 names")
    course = CourseSource(odd, tmp_path / "cache").load()
    assert CourseSource(odd, tmp_path / "cache").outline == Outline.of(course)
    assert [p.suffix for p in (tmp_path / "cache").iterdir()] == [".json"]  # no temporary file left


def test_only_lesson_and_quiz_files_are_read_for_the_fingerprint(lessons, tmp_path):
    """--lessons naming a big folder by mistake must not read it all: other files count by size and time."""
    data = lessons / "01-concepts" / "data.bin"
    data.write_bytes(b"a" * 1000)
    CourseSource(lessons, tmp_path / "cache").load()
    stat = data.stat()
    data.write_bytes(b"b" * 1000)
    os.utime(data, ns=(stat.st_atime_ns, stat.st_mtime_ns))
    assert CourseSource(lessons, tmp_path / "cache").outline is not None  # not read, so not seen
    os.utime(data, ns=(stat.st_atime_ns, stat.st_mtime_ns + 1_000_000))
    assert CourseSource(lessons, tmp_path / "cache").outline is None  # but a new time is


def test_two_courses_used_in_turn_each_keep_their_outline(lessons, tmp_path):
    teachers = shutil.copytree(lessons, tmp_path / "teachers")
    shutil.rmtree(teachers / "02-activations")
    for root in (lessons, teachers):
        CourseSource(root, tmp_path / "cache").load()
    assert CourseSource(lessons, tmp_path / "cache").outline.ids == ["concepts", "activations"]
    assert CourseSource(teachers, tmp_path / "cache").outline.ids == ["concepts"]


def test_a_lessons_folder_that_is_a_loop_of_links_has_no_outline(tmp_path):
    loop = tmp_path / "loop"
    loop.symlink_to(loop)
    source = CourseSource(loop, tmp_path / "cache")
    assert source.outline is None  # the usual path then says "lessons folder not found"
    with pytest.raises(FileNotFoundError):
        source.load()


@pytest.mark.parametrize("argv, options", [
    ([], {}),
    (["--lessons", "x"], {"lessons": "x"}),
    (["--lessons=x", "--lang", "zh"], {"lessons": "x", "lang": "zh"}),
    (["--help"], None), (["-h"], None), (["--version"], None), (["train"], None), (["lesson", "cnn"], None),
    (["--lessons"], None), (["--lessons", "--help"], None), (["--lessons="], None), (["--lang", "zh", "quiz"], None),
])
def test_only_the_apps_own_options_take_the_quick_path(argv, options):
    assert app_options(argv) == options


def test_the_quick_path_speaks_the_language_asked_for(tmp_path, monkeypatch):
    """`dltutor --lang zh`: the language is chosen (launch.main) before the outline, so the Chinese one is used."""
    import dltutor.tui.app as tui
    from dltutor.i18n import language, use_language
    from dltutor.i18n.choice import start_process
    from dltutor.launch import course_source, open_app_quickly

    monkeypatch.setenv("DLTUTOR_HOME", str(tmp_path / "home"))
    seen = []
    monkeypatch.setattr(tui, "run_app", lambda lesson, source, exit_process: seen.append(source))
    try:
        use_language("zh")
        course_source().load()  # a start in Chinese wrote the Chinese outline
        use_language("en")
        course_source().load()
        start_process(["--lang", "zh"])
        assert open_app_quickly(["--lang", "zh"]) is True
        assert language() == "zh" and seen[0].cache_file.name.startswith("outline-zh-")
        with pytest.raises(SystemExit):
            start_process(["--lang", "xx"])  # a one-line error before any outline is looked at
    finally:
        use_language("en")


def test_the_quick_path_shows_the_roadmap_before_importing_typer_or_pydantic(tmp_path):
    """`dltutor` alone, with a current outline: run_app gets the source, and nothing heavy was imported."""
    script = (
        "import sys, dltutor.tui.app as tui\n"
        "seen = {}\n"
        "def run_app(lesson, source, exit_process):\n"
        "    seen.update(heavy=[m for m in ('typer', 'pydantic', 'torch', 'dltutor.cli') if m in sys.modules],\n"
        "                outline=source.outline is not None, loaded=source.loaded)\n"
        "tui.run_app = run_app\n"
        "from dltutor.launch import course_source, open_app_quickly\n"
        "print(open_app_quickly([]), seen)\n"
        "course_source().load()\n"
    )
    env = {**os.environ, "DLTUTOR_HOME": str(tmp_path / "home")}
    runs = [subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=120, env=env)
            for _ in range(2)]
    assert [run.returncode for run in runs] == [0, 0], runs[0].stderr + runs[1].stderr
    assert runs[0].stdout.strip() == "False {}"  # the first start of all loads the course first (usual path)
    assert runs[1].stdout.strip() == "True {'heavy': [], 'outline': True, 'loaded': False}"
