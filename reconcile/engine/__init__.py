"""Claims to findings: the reconciliation and its graph, where the rules run, and the estimates.

Open :mod:`reconcile.engine.reconciliation` first (:func:`reconcile`, :class:`Reconciliation`, :class:`ClaimGraph`).
"""

from .estimates import Summary, summarize
from .graph import contradiction_groups, findings_of
from .reconciliation import ClaimGraph, Reconciliation, reconcile

__all__ = ["ClaimGraph", "Reconciliation", "reconcile", "Summary", "summarize", "contradiction_groups", "findings_of"]
