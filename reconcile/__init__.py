"""reconcile — find where sources disagree about figures.

Claims in, findings out::

    from reconcile import Claim, Source, ClaimGraph
    nis = Source("nis", "South Korea National Intelligence Service", "intelligence-agency")
    g = ClaimGraph([Claim.figure("nis-killed", nis, "killed", "at least 300",
                                 subject="nk-troops-kursk", said_on="2025-01-13"), ...])
    for finding in g.reconcile():
        print(finding.relation, finding.kind, finding.explanation)

The library logs to the ``reconcile`` logger and is quiet unless you configure logging.

Every name below is imported on first use (issue 12): ``import reconcile`` — and so the ``reconcile``
command, before it knows what it is asked to do — does not pay for networkx, numpy, pint or the
extractor; ``from reconcile import Claim`` imports what ``Claim`` needs and no more.
"""

from __future__ import annotations

import importlib
import logging
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
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

# public name -> (module it comes from, its name there); the same imports as under TYPE_CHECKING above
_SOURCES: dict[str, tuple[str, str]] = {
    **{n: (".claims", n) for n in ("Claim", "Source", "Status", "claim_sort_key")},
    **{n: (".engine", n) for n in ("ClaimGraph", "Reconciliation", "Summary", "contradiction_groups", "reconcile",
                                    "summarize")},
    **{n: (".errors", n) for n in ("ClaimError", "DateError", "DimensionalityError", "ErrorList", "MeasureError",
                                    "ParseError", "QuantityError", "ReconcileError", "ScenarioError", "UnitError")},
    **{n: (".extraction", n) for n in ("Extraction", "extract")},
    **{n: (".figures", n) for n in ("Estimate", "Hedge", "ParseOptions", "Period", "Portion", "Reading",
                                     "format_number", "fraction_bounds", "parse_figure", "parse_fraction",
                                     "parse_hedged_fraction", "parse_value", "ureg")},
    **{n: (".findings", n) for n in ("Finding", "Relation", "Strength")},
    **{n: (".measures", n) for n in ("DEFAULT_MEASURES", "Kind", "Measure", "MeasureRegistry", "register_measure")},
    "Report": (".report", "Report"),
    **{n: (".scenarios", n) for n in ("CheckResult", "Expectation", "Scenario")},
    **{f"{n}_scenario": (".scenarios", n) for n in ("check", "dump", "dumps", "load", "loads")},
    "load_claims": (".scenarios.bulk", "load_claims"),
    "Settings": (".settings", "Settings"),
    **{n: (".subjects", n) for n in ("Subject", "SubjectRegistry")},
}


def __getattr__(name: str) -> Any:
    """A public name, imported on first use and then kept as a module attribute."""
    try:
        module_name, attribute = _SOURCES[name]
    except KeyError:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}") from None
    value = getattr(importlib.import_module(module_name, __name__), attribute)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(__all__))
