"""Qualitative claims: sentences that report a state of affairs ("North Korean troops had been pulled from
the front") rather than a figure, as propositions named by slugs (``withdrawn-from-front``).

Which states of affairs an article can report is open-ended, so the extractor reads only the ones in
:data:`PROPOSITIONS` — a table of patterns, each with the proposition it states and the polarity a match
asserts. "had not faced Pyongyang's soldiers for three weeks" asserts ``withdrawn-from-front`` as
plainly as "pulled from the front" does; "remained on the front" asserts its negation. A negation just
before a positive pattern ("has not deployed additional troops") flips it. Pass your own table to
:func:`reconcile.extract.extract` (``propositions=``) to read other stories' propositions.
"""

from __future__ import annotations

import re
from typing import Sequence

import attrs

from .text import Span

__all__ = ["Proposition", "PropositionMention", "PROPOSITIONS", "find_propositions"]


def _pattern(value: "str | re.Pattern[str]") -> "re.Pattern[str]":
    """A table entry's pattern, compiled (case-insensitive) if given as text."""
    return re.compile(value, re.I) if isinstance(value, str) else value


@attrs.frozen
class Proposition:
    """A pattern that states ``slug`` with ``polarity`` when it matches."""

    slug: str
    pattern: re.Pattern[str] = attrs.field(converter=_pattern)
    polarity: bool = True


@attrs.frozen
class PropositionMention:
    """A proposition stated in the text, where, and with which polarity (after any negation)."""

    slug: str
    span: Span
    polarity: bool


_FRONT = r"(?:the\s+)?front(?:\s*-?\s*lines?)?"
PROPOSITIONS: tuple[Proposition, ...] = (
    Proposition("withdrawn-from-front",
                rf"\b(?:pulled|withdrawn|withdrew|pulled\s+back|removed|rotated\s+out)\b(?:\s+\w+){{0,3}}?"
                rf"\s+from\s+{_FRONT}"),
    # Absence at the front for a time reports the same withdrawal: "had not faced Pyongyang's soldiers for
    # three weeks", "have not been seen on the front line for weeks".
    Proposition("withdrawn-from-front",
                r"\b(?:not|n't|no\s+longer)\s+(?:been\s+)?(?:faced|seen|spotted|encountered|observed|fought)\b"
                rf"[^.;]{{0,60}}?(?:\bfor\s+(?:\w+\s+)?(?:weeks?|days?|months?)\b|\bon\s+{_FRONT})"),
    Proposition("withdrawn-from-front",
                rf"\b(?:remain(?:s|ed)?|still|continu(?:e|es|ed)\s+to\s+fight)\s+(?:on|at)\s+{_FRONT}", False),
    Proposition("additional-deployment",
                r"\b(?:deployed|sent|dispatched|sending|deploying)\s+(?:additional|more|new|fresh)\s+"
                r"(?:troops|soldiers|forces|units)\b|\badditional\s+troop\s+deployments?\b"),
    Proposition("redeployed-within-region",
                r"\b(?:had|have|has)\s+been\s+[\"“]?redeployed[\"”]?\s+within\s+"
                r"(?:the\s+)?(?:region|area|oblast)\b"),
    Proposition("ceasefire-violated",
                r"\b(?:violated|broke|breached)\s+(?:the\s+)?(?:ceasefire|truce)\b"),
)

_NEGATION = re.compile(r"\b(?:not|never|n't|no\s+longer|did\s+not|has\s+not|have\s+not|had\s+not)\s+(?:\w+\s+){0,1}$",
                       re.IGNORECASE)


def find_propositions(text: str, start: int, end: int,
                      table: Sequence[Proposition] = PROPOSITIONS) -> list[PropositionMention]:
    """Propositions stated in ``text[start:end]``, in order; overlapping matches keep the first."""
    found: list[PropositionMention] = []
    for prop in table:
        for m in prop.pattern.finditer(text, start, end):
            polarity = prop.polarity
            negated = "not" in m.group(0).lower() or "n't" in m.group(0).lower() or "no longer" in m.group(0).lower()
            if not negated and _NEGATION.search(text, max(start, m.start() - 24), m.start()):
                polarity = not polarity
            found.append(PropositionMention(prop.slug, Span(m.start(), m.end()), polarity))
    found.sort(key=lambda p: p.span)
    out: list[PropositionMention] = []
    for mention in found:
        if not out or not out[-1].span.overlaps(mention.span):
            out.append(mention)
    return out

