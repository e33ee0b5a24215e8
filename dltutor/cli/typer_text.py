"""Typer's own help and error words in the learner's language.

Typer fixes its panel titles ("Options", "Commands"), "[default: …]" and the help
option's "Show this message and exit." when it is imported, in English. `localise()`
puts them through our catalogue, once the language is chosen (before any help is
printed). Chinese help paragraphs wrap through Rich like all output (`i18n.linebreak`).
"""

from __future__ import annotations

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
        from typer._click import decorators

        _patch(rich_utils, decorators)
    except (ImportError, AttributeError):  # pragma: no cover - depends on the Typer release
        pass


def _patch(rich_utils, decorators) -> None:
    for name in _CONSTANTS:
        getattr(rich_utils, name)  # AttributeError (nothing changed yet) if Typer renamed one
    for name, (message, frame) in _CONSTANTS.items():
        setattr(rich_utils, name, frame.format(_(message).replace("{value}", "{}")))

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
