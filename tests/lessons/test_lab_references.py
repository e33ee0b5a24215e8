"""The lessons' "In the lab" sections must name knobs the exercises really have."""

import re

import pytest

from dltutor.lab.registry import EXERCISES, get_exercise
from tests.lessons.answer_key import COURSE

SET_KEY = re.compile(r"--set\s+([a-z_]\w*)=")  # `--set NAME=VALUE` (upper case) is the pattern, not a knob
BARE_KEY = re.compile(r"`(\w+)=[^`\s]*`")  # e.g. `steps=2000` right after a --set example
TRAIN_CMD = re.compile(r"dltutor train (\w+)")
FLAG_FIELD = {"--lr": "lr", "--epochs": "epochs"}


@pytest.mark.parametrize("lesson", COURSE.lessons, ids=lambda l: l.id)
def test_lab_section_names_real_hyperparameters(lesson):
    assert lesson.meta.exercise in EXERCISES
    fields = get_exercise(lesson.meta.exercise).Params.model_fields
    lab_text = lesson.body.split("## In the lab", 1)[1]
    keys = set(SET_KEY.findall(lab_text)) | set(BARE_KEY.findall(lab_text))
    assert keys, "the lab section should show at least one --set example"
    assert not keys - set(fields), f"{lesson.id}: unknown knobs {sorted(keys - set(fields))}; valid: {sorted(fields)}"
    for flag, field in FLAG_FIELD.items():
        if re.search(re.escape(flag) + r"\b", lab_text):
            assert field in fields, f"{lesson.id} mentions {flag} but its exercise has no '{field}'"
    for target in TRAIN_CMD.findall(lesson.body):
        assert target == lesson.id, f"{lesson.id} tells the learner to run `dltutor train {target}`"


# Lessons whose lab section speaks to both faces (issue 13); add a lesson here once its text does.
BOTH_FACES = {"concepts", "activations", "backprop", "cnn", "rnn", "gan", "framework", "workflow"}


@pytest.mark.parametrize("lesson", [l for l in COURSE.lessons if l.id in BOTH_FACES], ids=lambda l: l.id)
def test_lab_section_names_the_apps_field_beside_each_flag(lesson):
    """A learner in the app sets a form field, not a flag: every knob shown as `--set key=` is also named as
    the `key` field, and the section says how to open the lab in the app."""
    lab_text = lesson.body.split("## In the lab", 1)[1]
    assert "**l**" in lab_text, f"{lesson.id}: the lab section should say that **l** opens the lab in the app"
    for key in set(SET_KEY.findall(lab_text)) | ({"lr"} if re.search(r"--lr\b", lab_text) else set()):
        assert f"`{key}` field" in lab_text, f"{lesson.id}: `--set {key}=` without the app's `{key}` field"
