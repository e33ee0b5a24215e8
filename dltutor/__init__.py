"""dltutor: a terminal deep-learning tutor and trainer."""

__version__ = "0.1.0"
