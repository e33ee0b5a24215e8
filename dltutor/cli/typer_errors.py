"""Typer's usage errors ("Missing argument 'LESSON'.", "No such option: --x") in the learner's language.

Typer (its bundled Click) writes these messages in English with f-strings, outside any
catalogue, so they cannot be looked up before they are made. `translate(message)`
recognises each finished message by its English pattern and rebuilds it from our
catalogue; a message it does not know stays as Typer wrote it. The reasons pydantic
gives for a bad value ("Input should be a valid integer, …") are the msgids the
parameter form already translates (`tui.widgets.params_form.ERROR_MESSAGES`).
"""

from __future__ import annotations

import re

from dltutor.i18n import N_, _, language

USAGE = N_("Usage: ")

# (Typer's English message, ours): the groups fill the message's placeholders in order.
_NAMES = r"(?P<name>'[^']*'(?: / '[^']*')*)"  # '--epochs' / '-e'
_MESSAGES = [
    (rf"Missing argument {_NAMES}\.", N_("Missing argument {name}.")),
    (rf"Missing option {_NAMES}\.", N_("Missing option {name}.")),
    (r"Missing command\.", N_("Missing command.")),
    (r"No such option: (?P<name>\S+) \(Possible options: (?P<options>.+)\)",
     N_("No such option: {name} (possible options: {options})")),
    (r"No such option: (?P<name>\S+)", N_("No such option: {name}")),
    (r"No such command (?P<name>'.+')\. Did you mean (?P<options>.+)\?",
     N_("No such command {name}. Did you mean {options}?")),
    (r"No such command (?P<name>'.+')\.", N_("No such command {name}.")),
    (r"Got unexpected extra argument(?:\(s\)|s)? \((?P<args>.+)\)", N_("Got unexpected extra arguments ({args})")),
    (r"Option (?P<name>'.+') requires an argument\.", N_("Option {name} requires an argument.")),
    (r"Option (?P<name>'.+') does not take a value\.", N_("Option {name} does not take a value.")),
    (rf"Invalid value for {_NAMES}: (?P<reason>.+)", N_("Invalid value for {name}: {reason}")),
]
# pydantic's reasons that carry a number; the ones without are msgids as they stand.
_REASONS = [
    (r"Input should be greater than or equal to (?P<ge>\S+)", N_("Input should be greater than or equal to {ge}")),
    (r"Input should be greater than (?P<gt>\S+)", N_("Input should be greater than {gt}")),
    (r"Input should be less than or equal to (?P<le>\S+)", N_("Input should be less than or equal to {le}")),
    (r"Input should be less than (?P<lt>\S+)", N_("Input should be less than {lt}")),
]


def _rebuild(message: str, table) -> str | None:
    for pattern, template in table:
        match = re.fullmatch(pattern, message, flags=re.DOTALL)
        if match:
            parts = match.groupdict()
            if "reason" in parts:
                parts["reason"] = _reason(parts["reason"])
            return _(template).format(**parts)
    return None


def _reason(reason: str) -> str:
    translated = _(reason)
    return translated if translated != reason else _rebuild(reason, _REASONS) or reason


def translate(message: str) -> str:
    """Typer's English usage-error `message` in the current language (unchanged in English or when unknown)."""
    if language() == "en":
        return message
    return _rebuild(message.strip(), _MESSAGES) or message
