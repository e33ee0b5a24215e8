"""Code drills: the learner writes small pieces of PyTorch, hidden checks explain what is wrong.

- `catalog`: the drill bank as data (`load_drills`, `get_drill`), shipped in the package.
- `expect`: what the hidden checks use to describe a failure (`DrillFailure`, `expect_close`).
- `judge`: runs one drill's checks on a learner's file, inside an isolated child process.

Never imports Textual or Rich; torch is imported only where checks run.
"""

from dltutor.drills.catalog import Drill, DrillBankError, UnknownDrill, get_drill, load_drills

__all__ = ["Drill", "DrillBankError", "UnknownDrill", "get_drill", "load_drills"]
