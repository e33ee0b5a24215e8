"""Issue 11 §5: one way to read a text file. BOMs and CRLF read; GBK is a one-line error saying what to do."""

import json

import pytest
from hypothesis import given
from hypothesis import strategies as st
from typer.testing import CliRunner

from dltutor.cli import app
from dltutor.content import load_course
from dltutor.content.textfile import TextFileError, decode_text, read_text
from tests.content.helpers import GOOD_MD, GOOD_QUIZ, make_lesson
from tests.progress.helpers import attempt
from tests.quiz.helpers import make_course

runner = CliRunner()
ENCODINGS = ["utf-8", "utf-8-sig", "utf-16", "utf-16-le-bom", "utf-16-be-bom", "utf-32"]


def encode(text: str, encoding: str) -> bytes:
    if encoding.endswith("-bom"):
        return "\ufeff".encode(encoding[:-4]) + text.encode(encoding[:-4])
    return text.encode(encoding)


@given(st.text(alphabet=st.characters(blacklist_categories=("Cs",), blacklist_characters="\x00\r\ufeff")),
       st.sampled_from(ENCODINGS), st.booleans())
def test_every_bom_and_line_end_reads_the_same(text, encoding, crlf):
    raw = encode(text.replace("\n", "\r\n") if crlf else text, encoding)
    assert decode_text(raw, max_bytes=10**6) == text


@pytest.mark.parametrize("encoding", ENCODINGS)
def test_answer_file_in_any_bom_grades_the_same(tmp_path, encoding):
    lessons = make_course(tmp_path / "lessons")
    f = tmp_path / "a.yaml"
    f.write_bytes(encode("learner: 王小明\r\nlesson: other\r\nanswers: {other-q1: b, other-q2: ４}\r\n", encoding))
    result = runner.invoke(app, ["--lessons", str(lessons), "grade", "--format", "json", str(f)])
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout)["results"][0]["learner"] == "王小明"


def test_gbk_answer_file_is_one_line_that_says_save_as_utf8(tmp_path):
    lessons = make_course(tmp_path / "lessons")
    f = tmp_path / "gbk.yaml"
    f.write_bytes("lesson: other\nlearner: 王小明\nanswers: {other-q1: b}\n".encode("gbk"))
    result = runner.invoke(app, ["--lessons", str(lessons), "quiz", "other", "--answers", str(f)])
    assert result.exit_code == 2
    assert result.stderr.count("\n") == 1 and str(f) in result.stderr, result.stderr
    assert "line 2" in result.stderr and "UTF-8" in result.stderr


def test_teacher_files_in_utf16_and_gbk(tmp_path):
    folder = make_lesson(tmp_path, "a", "a")
    (folder / "lesson.md").write_bytes(encode(GOOD_MD.format(id="a", order=1, requires="").replace("\n", "\r\n"),
                                              "utf-16"))
    make_lesson(tmp_path, "b", "b", order=2)
    (tmp_path / "b" / "quiz.yaml").write_bytes((GOOD_QUIZ.format(id="b") + "# 注释\n").encode("gbk"))
    course = load_course(tmp_path)
    assert course.ids == ["a"]
    [problem] = course.problems
    assert problem.file.name == "quiz.yaml" and "save it as UTF-8" in problem.message


def test_size_cap_reads_no_more_than_the_cap(tmp_path):
    with pytest.raises(TextFileError, match="larger than 1 kB"):
        read_text("/dev/zero", max_bytes=1000)
    with pytest.raises(TextFileError, match="is a folder"):
        read_text(tmp_path)


def _export(tmp_path):
    from dltutor.progress import open_store

    with open_store() as store:
        attempt(store, "a", passed=True, score=2.0, learner="王")
        store.export(tmp_path / "p.json")
    return (tmp_path / "p.json").read_text(encoding="utf-8")


@pytest.mark.parametrize("encoding", ["utf-8-sig", "utf-16", "utf-16-be-bom"])
def test_progress_export_resaved_with_bom_imports(tmp_path, monkeypatch, encoding):
    text = _export(tmp_path)
    f = tmp_path / "resaved.json"
    f.write_bytes(encode(text.replace("\n", "\r\n"), encoding))
    monkeypatch.setenv("DLTUTOR_HOME", str(tmp_path / "other"))
    result = runner.invoke(app, ["progress", "import", str(f)])
    assert result.exit_code == 0, result.output
    assert "Imported 1 new quiz attempt" in result.stdout


@pytest.mark.parametrize("data,message", [
    ("gbk", "not UTF-8 text"), ("deep", "nested more than 64 levels"), ("nul", "binary file"),
])
def test_progress_import_refuses_in_one_line(tmp_path, monkeypatch, data, message):
    text = _export(tmp_path)
    f = tmp_path / "bad.json"
    f.write_bytes({"gbk": text.encode("gbk"), "deep": b"[" * 5000 + b"]" * 5000,
                   "nul": b"\x00" * 10}[data])
    monkeypatch.setenv("DLTUTOR_HOME", str(tmp_path / "other"))
    result = runner.invoke(app, ["progress", "import", str(f)])
    assert result.exit_code == 2
    assert result.stderr.count("\n") == 1 and str(f) in result.stderr and message in result.stderr, result.stderr


@pytest.mark.parametrize("number", ["NaN", "Infinity", "-Infinity", "1e400"])
def test_progress_import_refuses_numbers_json_cannot_write_back(tmp_path, monkeypatch, number):
    text = _export(tmp_path)
    f = tmp_path / "bad.json"
    f.write_text(text.replace('"score": 2.0', f'"score": {number}', 1), encoding="utf-8")
    assert number in f.read_text()
    monkeypatch.setenv("DLTUTOR_HOME", str(tmp_path / "other"))
    result = runner.invoke(app, ["progress", "import", str(f)])
    assert result.exit_code == 2 and str(f) in result.stderr and number in result.stderr, result.output
    assert runner.invoke(app, ["progress", "--json"]).exit_code == 0
