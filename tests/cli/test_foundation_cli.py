import json
import subprocess
import sys

from typer.testing import CliRunner

from dltutor.cli import app
from tests.content.helpers import make_lesson

runner = CliRunner()


def test_list_json_is_the_roadmap_in_order():
    result = runner.invoke(app, ["list", "--json"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    ids = [l["id"] for l in data["lessons"]]
    assert ids == ["concepts", "activations", "backprop", "cnn", "rnn", "attention", "gan", "framework", "distributed", "workflow"]
    assert data["broken"] == []
    cnn = data["lessons"][3]
    assert cnn["requires"] == ["concepts", "backprop"] and cnn["minutes"] > 0


def test_list_table_names_every_lesson():
    result = runner.invoke(app, ["list"])
    assert result.exit_code == 0
    for lesson_id in ("concepts", "workflow"):
        assert lesson_id in result.output


def test_list_shows_broken_lessons(tmp_path):
    make_lesson(tmp_path, "a", "fine")
    make_lesson(tmp_path, "b", "bad", md="no front matter\n")
    result = runner.invoke(app, ["--lessons", str(tmp_path), "list", "--json"])
    data = json.loads(result.output)
    assert [l["id"] for l in data["lessons"]] == ["fine"]
    assert data["broken"][0]["folder"] == "b"
    assert "missing YAML front matter" in data["broken"][0]["problems"][0]


def test_lessons_env_var(tmp_path, monkeypatch):
    make_lesson(tmp_path, "a", "from-env")
    monkeypatch.setenv("DLTUTOR_LESSONS", str(tmp_path))
    result = runner.invoke(app, ["list", "--json"])
    assert [l["id"] for l in json.loads(result.output)["lessons"]] == ["from-env"]


def test_an_empty_lessons_option_is_refused_not_read_as_the_current_folder(tmp_path, monkeypatch):
    """`--lessons "$COURSE"` with $COURSE unset: Typer's Path made it ".", a course of every subfolder."""
    monkeypatch.chdir(tmp_path)
    make_lesson(tmp_path, "a", "here")
    for value in ("", "  "):
        result = runner.invoke(app, ["--lessons", value, "list", "--json"])
        assert result.exit_code == 2 and "is empty: give the lessons folder" in result.output, result.output
    result = runner.invoke(app, ["--lessons", ".", "list", "--json"])  # "." said on purpose still works
    assert [l["id"] for l in json.loads(result.output)["lessons"]] == ["here"]


def test_validate_shipped_lessons_clean():
    result = runner.invoke(app, ["validate"])
    assert result.exit_code == 0, result.output
    assert "no problems" in result.output


def test_validate_reports_grouped_by_file_and_exits_1(tmp_path):
    make_lesson(tmp_path, "a", "ok")
    bad = make_lesson(tmp_path, "b", "bad", quiz="pass_mark: 2\nquestions: []\n")
    result = runner.invoke(app, ["validate", str(tmp_path)], terminal_width=200)
    assert result.exit_code == 1
    assert str(bad / "quiz.yaml") in result.output
    assert "pass_mark" in result.output and "questions" in result.output
    assert "2 problem(s) in 1 file(s)" in result.output


def test_validate_missing_dir_is_usage_error(tmp_path):
    result = runner.invoke(app, ["validate", str(tmp_path / "nope")])
    assert result.exit_code == 2
    assert "lessons folder not found" in result.output


def test_unknown_command_is_usage_error():
    assert runner.invoke(app, ["frobnicate"]).exit_code == 2


def test_doctor_json_reports_device():
    result = runner.invoke(app, ["doctor", "--json"])
    assert result.exit_code == 0, result.output
    report = json.loads(result.output)
    assert report["torch"] != "not installed"
    assert report["device"]["device"] in ("cpu", "mps") or report["device"]["device"].startswith("cuda")
    assert report["data_dir"].endswith("home")  # DLTUTOR_HOME from conftest


def test_no_torch_for_help_and_light_commands():
    code = (
        "import sys\n"
        "from typer.testing import CliRunner\n"
        "from dltutor.cli import app\n"
        "r = CliRunner()\n"
        "for args in (['--help'], ['list'], ['list', '--json'], ['validate']):\n"
        "    res = r.invoke(app, args)\n"
        "    assert res.exit_code == 0, (args, res.output)\n"
        "heavy = [m for m in ('torch', 'textual', 'sklearn') if m in sys.modules]\n"
        "assert not heavy, heavy\n"
    )
    subprocess.run([sys.executable, "-c", code], check=True)


def test_python_m_dltutor():
    out = subprocess.run([sys.executable, "-m", "dltutor", "--version"], capture_output=True, text=True, check=True)
    assert out.stdout.startswith("dltutor ")


def test_an_unknown_lesson_number_says_which_numbers_there_are():
    from typer.testing import CliRunner

    from dltutor.cli import app

    done = CliRunner().invoke(app, ["lesson", "11", "--print"])
    assert done.exit_code == 2 and "(or a roadmap number, 1 to 10)" in done.output
