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
from .engine import ClaimGraph, Reconciliation, Summary, contradiction_groups, reconcile, summarize
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
from .extraction import Extraction, extract  # the subpackage is `reconcile.extraction`, so nothing is shadowed
from .figures import (
    Estimate,
    Hedge,
    ParseOptions,
    Period,
    Portion,
    Reading,
    format_number,
    fraction_bounds,
    parse_figure,
    parse_fraction,
    parse_hedged_fraction,
    parse_value,
    ureg,
)
from .findings import Finding, Relation, Strength
from .measures import DEFAULT_MEASURES, Kind, Measure, MeasureRegistry, register_measure
from .report import Report
from .scenarios import (
    CheckResult,
    Expectation,
    Scenario,
)
from .scenarios import (
    check as check_scenario,
)
from .scenarios import (
    dump as dump_scenario,
)
from .scenarios import (
    dumps as dumps_scenario,
)
from .scenarios import (
    load as load_scenario,
)
from .scenarios import (
    loads as loads_scenario,
)
from .scenarios.bulk import load_claims  # issue 12: bulk claim files (JSON Lines, CSV, Parquet)
from .settings import Settings
from .subjects import Subject, SubjectRegistry

logging.getLogger("reconcile").addHandler(logging.NullHandler())

__version__ = "0.1.0"

__all__ = [
    "Claim", "Source", "Status", "claim_sort_key",
    "Period", "Reading",
    "ReconcileError", "ParseError", "DateError", "QuantityError", "UnitError", "DimensionalityError",
    "MeasureError", "ClaimError", "ScenarioError", "ErrorList",
    "Summary", "summarize",
    "Finding", "Relation", "Strength",
    "ClaimGraph", "contradiction_groups",
    "DEFAULT_MEASURES", "Kind", "Measure", "MeasureRegistry", "register_measure",
    "Estimate", "Hedge", "ParseOptions", "Portion", "format_number", "fraction_bounds", "parse_figure",
    "parse_fraction", "parse_hedged_fraction", "parse_value",
    "Reconciliation", "reconcile",
    "Settings",
    "Subject", "SubjectRegistry",
    "Scenario", "Expectation", "CheckResult", "load_scenario", "loads_scenario", "dump_scenario", "dumps_scenario",
    "check_scenario", "load_claims",
    "ureg",
    "Report",
    "extract", "Extraction",
    "__version__",
]
