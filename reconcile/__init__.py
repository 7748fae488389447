"""reconcile — find where sources disagree about figures.

Claims in, findings out::

    from reconcile import Claim, Source, ClaimGraph
    nis = Source("nis", "South Korea National Intelligence Service", "intelligence-agency")
    g = ClaimGraph([Claim.figure("nis-killed", nis, "killed", "at least 300",
                                 subject="nk-troops-kursk", said_on="2025-01-13"), ...])
    for finding in g.reconcile():
        print(finding.relation, finding.kind, finding.explanation)

The library logs to the ``reconcile`` logger and is quiet unless you configure logging.
"""

from __future__ import annotations

import logging

from .claims import Claim, Source, Status, claim_sort_key
from .dates import Period
from .errors import (
    ClaimError,
    DateError,
    DimensionalityError,
    ErrorList,
    MeasureError,
    ParseError,
    QuantityError,
    ReconcileError,
    ScenarioError,
    UnitError,
)
from .estimates import Summary, summarize
from .findings import Finding, Relation
from .graph import ClaimGraph, contradiction_groups
from .measures import DEFAULT_MEASURES, Kind, Measure, MeasureRegistry, register_measure
from .quantity import (Estimate, Hedge, ParseOptions, Portion, format_number, fraction_bounds, parse_figure,
                       parse_fraction, parse_hedged_fraction, parse_value)
from .reconciler import Reconciliation, reconcile
from .settings import Settings
from .scenarios import Scenario, Expectation, CheckResult, load as load_scenario, loads as loads_scenario, dump as dump_scenario, dumps as dumps_scenario, check as check_scenario
from .units import ureg
from .report import Report
from .extract import Extraction, extract  # the function shadows the submodule: use `from reconcile.extract import ...`

logging.getLogger("reconcile").addHandler(logging.NullHandler())

__version__ = "0.1.0"

__all__ = [
    "Claim", "Source", "Status", "claim_sort_key",
    "Period",
    "ReconcileError", "ParseError", "DateError", "QuantityError", "UnitError", "DimensionalityError",
    "MeasureError", "ClaimError", "ScenarioError", "ErrorList",
    "Summary", "summarize",
    "Finding", "Relation",
    "ClaimGraph", "contradiction_groups",
    "DEFAULT_MEASURES", "Kind", "Measure", "MeasureRegistry", "register_measure",
    "Estimate", "Hedge", "ParseOptions", "Portion", "format_number", "fraction_bounds", "parse_figure",
    "parse_fraction", "parse_hedged_fraction", "parse_value",
    "Reconciliation", "reconcile",
    "Settings",
    "Scenario", "Expectation", "CheckResult", "load_scenario", "loads_scenario", "dump_scenario", "dumps_scenario",
    "check_scenario",
    "ureg",
    "Report",
    "extract", "Extraction",
    "__version__",
]
