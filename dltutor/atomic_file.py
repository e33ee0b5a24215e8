"""Writing a file so that a crash, a full disk or a second process never leaves half of it under its name."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path


def write_text(path: Path, text: str, encoding: str = "utf-8") -> None:
    """Write `text` to `path` atomically: a reader sees the old file or the new one, never half of one.

    The text goes to a temporary file beside `path` (same file system), which then replaces it; on
    any failure the temporary file is removed and the error raised (OSError, UnicodeEncodeError…).
    """
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", dir=path.parent)
    try:
        with os.fdopen(fd, "w", encoding=encoding) as file:
            file.write(text)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
