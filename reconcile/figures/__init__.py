"""What a number in the news means: units, hedges, the figure parser, :class:`Estimate`, numbers and periods.

Open :mod:`reconcile.figures.parsing` first (text to :class:`~reconcile.figures.quantity.Estimate`).
"""

from .dates import Period, Reading
from .parsing import parse_figure, parse_fraction, parse_hedged_fraction, parse_value
from .quantity import DEFAULT_OPTIONS, Estimate, Hedge, ParseOptions, Portion, format_number, fraction_bounds
from .units import __getattr__  # noqa: F401 -- `ureg`, built on first use: pint costs ~0.6 s to import (issue 12)

__all__ = ["Period", "Reading", "fraction_bounds", "parse_figure", "parse_fraction", "parse_hedged_fraction", "parse_value",
           "DEFAULT_OPTIONS", "Estimate", "Hedge", "ParseOptions", "Portion", "format_number", "ureg"]
