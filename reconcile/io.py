"""Writing files all at once: a report or scenario is written to a temporary file beside its target and
renamed over it, so a crash or a bad input never leaves a half-written file behind."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path
from typing import Iterable

__all__ = ["write_atomic"]


def write_atomic(path: str | os.PathLike[str], data: str | bytes | Iterable[bytes]) -> None:
    """Write ``data`` to ``path`` atomically (same directory temp file, then ``os.replace``).

    ``data`` may also be an iterable of byte strings, written as they come (a streamed report): an error
    while producing them leaves the target as it was."""
    target = Path(path)
    target.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
    try:
        os.chmod(tmp, _new_file_mode(target))  # mkstemp makes it owner-only; a report is meant to be shared
        if isinstance(data, bytes):
            with os.fdopen(fd, "wb") as fh:
                fh.write(data)
        elif not isinstance(data, str):
            with os.fdopen(fd, "wb", buffering=1 << 20) as fh:
                for chunk in data:
                    fh.write(chunk)
        else:
            with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as text:
                text.write(data)
        os.replace(tmp, target)
    except BaseException:
        try:
            os.unlink(tmp)
        except FileNotFoundError:
            pass
        raise


def _new_file_mode(target: Path) -> int:
    """The mode ``open()`` would give: the target's own if it exists, else 0o666 less the umask."""
    try:
        return target.stat().st_mode & 0o7777
    except FileNotFoundError:
        umask = os.umask(0)  # reading the umask means setting it; put it straight back
        os.umask(umask)
        return 0o666 & ~umask
