"""The rules, one module per family. Each rule is a pure function of claims (and the measure vocabulary
and :class:`~reconcile.settings.Settings`) that returns findings or derived claims; none of them knows how
claims were grouped, windowed or scheduled — that is the reconciler's job — so the same rules can run
in-process or on another backend.

- :mod:`.derive` — claims implied by others (the non-fatal remainder, sums of parts);
- :mod:`.figures` — two figures of the same subject and measure, at one time or over time;
- :mod:`.composition` — parts against wholes, growth of parts against growth of wholes, caps;
- :mod:`.statements` — qualitative claims and denials;
- :mod:`.comparability` — measures that must not be compared.
"""

from . import comparability, composition, derive, figures, statements

__all__ = ["comparability", "composition", "derive", "figures", "statements"]
