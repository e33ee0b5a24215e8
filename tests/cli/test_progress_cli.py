import json
import subprocess
import sys

import pytest
from typer.testing import CliRunner

from dltutor.cli import app
from dltutor.progress import open_store
from tests.progress.helpers import attempt, run, small_course

runner = CliRunner()


@pytest.fixture
def course(tmp_path, monkeypatch):
    course = small_course(tmp_path / "lessons")
    monkeypatch.setenv("DLTUTOR_LESSONS", str(course.root))
    return course


@pytest.fixture
def store(course):
    with open_store() as s:  # DLTUTOR_HOME from conftest: the same file the CLI opens
        yield s


def progress_json(*args):
    result = runner.invoke(app, ["progress", "--json", *args])
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


def test_progress_json_per_lesson_and_next(store):
    attempt(store, "a", score=2.0, passed=True)
    attempt(store, "a", score=1.0)
    run(store, "a", acc=0.97, target_met=True)
    data = progress_json()
    a, b = data["lessons"][:2]
    assert (a["id"], a["status"], a["best_score"], a["max_score"], a["attempts"]) == ("a", "done", 2.0, 2.0, 2)
    assert a["best_run"]["metrics"]["val_acc"] == 0.97 and a["best_run"]["target_met"] is True
    assert b["status"] == "not started" and b["best_run"] is None
    assert data["next"] == "b" and data["saving"] is True and data["warning"] is None


def test_progress_table(store):
    attempt(store, "a", score=1.0)
    run(store, "a", acc=0.5)
    result = runner.invoke(app, ["progress"], terminal_width=140)
    assert result.exit_code == 0, result.output
    row = next(line for line in result.stdout.splitlines() if " a " in line)
    assert "reading" in row and "1/2 (50%)" in row and "val_acc 0.5, target not met" in row
    assert "Next: a" in result.stdout and "done = quiz passed and exercise target met" in result.stdout


def test_progress_table_fits_80_columns_without_titles(store, course):
    # With the drills column the titles were squeezed to a letter a line at 80 columns.
    result = runner.invoke(app, ["progress"], terminal_width=80)
    assert result.exit_code == 0, result.output
    assert "title" not in result.stdout
    rows = [line for line in result.stdout.splitlines() if line.startswith("│")]
    assert len(rows) == len(course.lessons) and all(len(line) <= 80 for line in rows), result.stdout


def test_every_lesson_done(store, course):
    for lesson in course.lessons:
        attempt(store, lesson.id, passed=True)
        run(store, lesson.id, target_met=True)
    result = runner.invoke(app, ["progress"])
    assert "Every lesson is done." in result.stdout and progress_json()["next"] is None


def test_unwritable_home_warns_and_still_runs(tmp_path, monkeypatch, course):
    home = tmp_path / "blocked"
    home.write_text("")
    monkeypatch.setenv("DLTUTOR_HOME", str(home))
    result = runner.invoke(app, ["progress", "--json"])
    assert result.exit_code == 0
    assert "warning:" in result.stderr and "cannot create data folder" in result.stderr
    data = json.loads(result.stdout)
    assert data["saving"] is False and {l["status"] for l in data["lessons"]} == {"not started"}
    result = runner.invoke(app, ["progress", "reset", "--yes"])
    assert result.exit_code == 1 and "cannot erase progress" in result.stderr


def test_export_import_round_trip(store, tmp_path, monkeypatch):
    attempt(store, "a", passed=True)
    run(store, "b", target_met=True)
    path = tmp_path / "mine.json"
    result = runner.invoke(app, ["progress", "export", str(path)])
    assert result.exit_code == 0, result.output
    assert "Exported 2 lesson marks, 1 quiz attempt, 1 training run" in result.stdout
    before = progress_json()
    monkeypatch.setenv("DLTUTOR_HOME", str(tmp_path / "new-machine"))
    assert progress_json()["lessons"][0]["status"] == "not started"
    result = runner.invoke(app, ["progress", "import", str(path)])
    assert result.exit_code == 0, result.output
    assert "Imported 1 new quiz attempt and 1 new training run" in result.stdout
    after = progress_json()
    assert [l["status"] for l in after["lessons"]] == [l["status"] for l in before["lessons"]]
    assert "0 new quiz attempts" in runner.invoke(app, ["progress", "import", str(path)]).stdout


def test_import_errors(course, tmp_path):
    bad = tmp_path / "bad.json"
    bad.write_text('{"format": "dltutor-progress", "version": 1, "lessons": [{}], "attempts": [], "runs": []}')
    result = runner.invoke(app, ["progress", "import", str(bad)])
    assert result.exit_code == 2 and "lessons[0]: missing 'lesson_id'" in result.stderr
    result = runner.invoke(app, ["progress", "import", str(tmp_path / "absent.json")])
    assert result.exit_code == 2 and "cannot read" in result.stderr and "absent.json" in result.stderr


def test_export_to_missing_folder_fails(course, tmp_path):
    result = runner.invoke(app, ["progress", "export", str(tmp_path / "no" / "such" / "p.json")])
    assert result.exit_code == 1 and "cannot write" in result.stderr


def test_reset_asks_first(store):
    attempt(store, "a", passed=True)
    attempt(store, "b")
    result = runner.invoke(app, ["progress", "reset", "a"], input="n\n")
    assert result.exit_code == 1
    assert "Erase 1 lesson mark, 1 quiz attempt, 0 training runs for lesson 'a'?" in result.stdout
    assert "Nothing erased" in result.stderr and store.counts("a")["attempts"] == 1
    result = runner.invoke(app, ["progress", "reset", "a"], input="")  # a script without --yes
    assert result.exit_code == 1 and store.counts("a")["attempts"] == 1
    result = runner.invoke(app, ["progress", "reset", "a"], input="y\n")
    assert result.exit_code == 0 and "Erased 1 lesson mark, 1 quiz attempt, 0 training runs" in result.stdout
    assert store.counts("a") == {"marks": 0, "attempts": 0, "runs": 0, "drill_checks": 0}
    assert store.counts("b")["attempts"] == 1


def test_reset_all_with_yes(store):
    attempt(store, "a", passed=True)
    run(store, "c")
    result = runner.invoke(app, ["progress", "reset", "--yes"])
    assert result.exit_code == 0 and "for every lesson" in result.stdout
    assert store.counts() == {"marks": 0, "attempts": 0, "runs": 0, "drill_checks": 0}
    result = runner.invoke(app, ["progress", "reset", "-y"])
    assert result.exit_code == 0 and "Nothing to erase" in result.stdout


def test_reset_unknown_lesson_is_usage_error(store):
    result = runner.invoke(app, ["progress", "reset", "bb", "--yes"])
    assert result.exit_code == 2 and "unknown lesson 'bb'" in result.stderr
    run(store, "old-lesson")  # records of a lesson no longer in the course can still be erased
    assert runner.invoke(app, ["progress", "reset", "old-lesson", "--yes"]).exit_code == 0


def test_progress_commands_do_not_import_torch(course, tmp_path):
    code = (
        "import sys\n"
        "from typer.testing import CliRunner\n"
        "from dltutor.cli import app\n"
        "r = CliRunner()\n"
        f"for args in (['progress'], ['progress', '--json'], ['progress', 'export', {str(tmp_path / 'p.json')!r}],\n"
        "             ['progress', 'reset', '--yes']):\n"
        "    res = r.invoke(app, args)\n"
        "    assert res.exit_code == 0, (args, res.output)\n"
        "heavy = [m for m in ('torch', 'textual') if m in sys.modules]\n"
        "assert not heavy, heavy\n"
    )
    subprocess.run([sys.executable, "-c", code], check=True)
