"""Scenario files: a story's sources, claims and expected findings, in YAML, run as regression tests.

Open :mod:`reconcile.scenarios.model` first (:class:`Scenario`, :class:`Expectation`, :func:`check`); reading is
in :mod:`~reconcile.scenarios.reader`, writing in :mod:`~reconcile.scenarios.writer`.
"""

from .model import CheckResult, Expectation, Scenario, check
from .reader import MAX_FILE_BYTES, load, loads
from .writer import dump, dumps

__all__ = ["CheckResult", "Expectation", "Scenario", "check", "MAX_FILE_BYTES", "load", "loads", "dump", "dumps"]
