"""The reason an operating-system error gives ("No such file or directory"), in the learner's language.

`exc.strerror` comes from the C library in English whatever language dltutor speaks, so
a Chinese message read "无法读取 a.json：No such file or directory". `os_reason(exc)`
gives the same words through our catalogue for the errors a learner meets with files;
English keeps the system's own text, and an error not listed here stays as the system says it.
"""

from __future__ import annotations

import errno

from dltutor.i18n import N_, _, language

_REASONS = {  # msgids are the Linux wording
    errno.ENOENT: N_("No such file or directory"),
    errno.EACCES: N_("Permission denied"),
    errno.EPERM: N_("Operation not permitted"),
    errno.EISDIR: N_("Is a directory"),
    errno.ENOTDIR: N_("Not a directory"),
    errno.ENOSPC: N_("No space left on device"),
    errno.EROFS: N_("Read-only file system"),
    errno.EEXIST: N_("File exists"),
    errno.ENAMETOOLONG: N_("File name too long"),
    errno.ENOTEMPTY: N_("Directory not empty"),
}


def os_reason(exc: BaseException) -> str:
    """Why `exc` (usually an OSError) happened, in words for a message: its strerror, translated when known."""
    strerror = getattr(exc, "strerror", None)
    code = getattr(exc, "errno", None)
    if language() != "en" and code in _REASONS:
        return _(_REASONS[code])
    return strerror or str(exc)
