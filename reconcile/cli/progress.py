"""Progress of long command-line runs: a bar on standard error when it is a terminal, log records always.

The bar is tqdm's (the optional ``progress`` extra), chosen over rich because it is one small pure-Python
package that draws a line of text, where rich brings a whole rendering engine for one bar. Without tqdm, or
when standard error is not a terminal (a pipe, a CI log, a test), nothing is drawn. Every stage also
writes an INFO record to the ``reconcile`` logger with its time, shown by ``reconcile -v``.
"""

from __future__ import annotations

import contextlib
import logging
import sys
import time
from typing import Any, Callable, Iterator

__all__ = ["Progress"]

log = logging.getLogger("reconcile")

Update = Callable[[int], None]


class Progress:
    """Stages of one run; ``enabled`` draws bars (default: standard error is a terminal and tqdm is there)."""

    def __init__(self, enabled: bool | None = None) -> None:
        if enabled is None:
            enabled = sys.stderr.isatty()
        self._tqdm: Any = None
        if enabled:
            try:
                from tqdm import tqdm  # the optional 'progress' extra
            except ImportError:
                tqdm = None
            self._tqdm = tqdm

    @contextlib.contextmanager
    def stage(self, name: str, *, unit: str = "", total: int | None = None) -> Iterator[Update]:
        """A stage; the callback it gives takes the count done so far (rows read, partitions, bytes)."""
        start = time.perf_counter()
        bar = None
        if self._tqdm is not None:
            bar = self._tqdm(desc=name, unit=f" {unit}" if unit else "it", total=total, file=sys.stderr, leave=False,
                             unit_scale=unit == "B", dynamic_ncols=True)
        seen = [0]

        def update(done: int) -> None:
            if bar is not None and done > seen[0]:
                bar.update(done - seen[0])
            seen[0] = max(seen[0], done)

        try:
            yield update
        finally:
            if bar is not None:
                bar.close()
            log.info("%s: %s%.2f s", name, f"{seen[0]:,} {unit}, " if seen[0] and unit else "",
                     time.perf_counter() - start)
