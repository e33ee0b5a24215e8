"""The Textual app: screens (roadmap, lesson, quiz, lab), widgets, one .tcss file. The only place that knows Textual.

Importing the package installs `dltutor.i18n.linebreak` (the rules the command line uses too), so
the app's screens and `dltutor lesson --print` break Chinese lines between characters, as Chinese
is typeset; English text wraps exactly as before.
"""

from dltutor.i18n import linebreak

linebreak.install()
