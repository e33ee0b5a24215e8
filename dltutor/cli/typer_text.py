"""Typer's own help and error words in the learner's language.

Typer fixes its panel titles ("Options", "Commands"), "[default: …]", "Usage:", the
help option's "Show this message and exit." and its usage errors in English. `localise()`
puts them through our catalogue, once the language is chosen (before any help is
printed). Chinese help paragraphs wrap through Rich like all output (`i18n.linebreak`).
"""

from __future__ import annotations

from dltutor.cli import typer_errors
from dltutor.i18n import N_, _

SHOW_HELP = N_("Show this message and exit.")
# (typer.rich_utils constant, our message, how typer fills it in): brackets stay out of the
# message so that a translation cannot differ from it in Rich markup.
_CONSTANTS = {
    "ARGUMENTS_PANEL_TITLE": (N_("Arguments"), "{}"),
    "OPTIONS_PANEL_TITLE": (N_("Options"), "{}"),
    "COMMANDS_PANEL_TITLE": (N_("Commands"), "{}"),
    "ERRORS_PANEL_TITLE": (N_("Error"), "{}"),
    "ABORTED_TEXT": (N_("Aborted."), "{}"),
    "RICH_HELP": (N_("Try [blue]'{command_path} {help_option}'[/] for help."), "{}"),
    "DEFAULT_STRING": (N_("default: {value}"), "[{}]"),
    "ENVVAR_STRING": (N_("env var: {value}"), "[{}]"),
    "REQUIRED_LONG_STRING": (N_("required"), "[{}]"),
}


def localise() -> None:
    """Translate Typer's fixed strings into the current language (idempotent).

    These are Typer's internals: should a Typer release move them, the help stays as Typer
    prints it (English words) instead of the command line failing to start.
    """
    try:
        from typer import rich_utils
        from typer._click import decorators, formatting

        _patch(rich_utils, decorators, formatting)
    except (ImportError, AttributeError):  # pragma: no cover - depends on the Typer release
        pass


def _patch(rich_utils, decorators, formatting) -> None:
    for name in _CONSTANTS:
        getattr(rich_utils, name)  # AttributeError (nothing changed yet) if Typer renamed one
    for name, (message, frame) in _CONSTANTS.items():
        setattr(rich_utils, name, frame.format(_(message).replace("{value}", "{}")))

    format_error = getattr(rich_utils.rich_format_error, "__wrapped__", rich_utils.rich_format_error)

    def translated_error(error):
        english = error.format_message()
        error.format_message = lambda: typer_errors.translate(english)  # this one exception only
        return format_error(error)

    translated_error.__wrapped__ = format_error
    rich_utils.rich_format_error = translated_error

    write_usage = getattr(formatting.HelpFormatter.write_usage, "__wrapped__", formatting.HelpFormatter.write_usage)

    def usage_in_language(self, prog, args="", prefix=None):
        return write_usage(self, prog, args, _(typer_errors.USAGE) if prefix is None else prefix)

    usage_in_language.__wrapped__ = write_usage
    formatting.HelpFormatter.write_usage = usage_in_language

    make_help_option = getattr(decorators.help_option, "__wrapped__", decorators.help_option)

    def help_option(param_decls):
        add = make_help_option(param_decls)

        def apply(command):
            add(command)
            command.params[-1].help = _(SHOW_HELP)
            return command

        return apply

    help_option.__wrapped__ = make_help_option
    decorators.help_option = help_option
