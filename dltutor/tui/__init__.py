"""The Textual app: screens (roadmap, lesson, quiz, lab), widgets, one .tcss file. The only place that knows Textual.

Importing the package lets Rich and Textual break Chinese lines between characters (`cjk_wrap`), so
the app's screens and `dltutor lesson --print` (which reads the lesson header from here) wrap Chinese
text as Chinese is typeset; English text wraps exactly as before.
"""

from dltutor.tui import cjk_wrap

cjk_wrap.install()
