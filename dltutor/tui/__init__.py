"""The Textual app: screens (roadmap, lesson, quiz, lab), widgets, one .tcss file. The only place that knows Textual."""
