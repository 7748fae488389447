"""What :func:`~reconcile.extraction.pipeline.extract` returns: the claims an article makes, where each came
from in the text, and the figures and numbers it made no claim of.

Kept apart from the reader (:mod:`reconcile.extraction.reader`) because these are the extractor's public
results, which callers keep and the command writes out, while the reader's drafts live only as long as one pass.
"""

from __future__ import annotations

import attrs

from ..claims import Claim, Source
from ..figures.dates import Period
from ..figures.quantity import Estimate
from .figures import Ignored
from .text import Span

__all__ = ["ClaimSpans", "Unclassified", "Extraction"]


@attrs.frozen
class ClaimSpans:
    """Where a claim came from: offsets into the article text (``text[span.start:span.end]``).

    ``figure`` spans the figure words ("at least 300", "two-thirds") or, for a statement, the words
    stating it ("pulled from the front"); ``attribution`` the words naming the source and verb, ``None``
    for a background claim (``background=True``: no speaker, the outlet is the source). ``mentions``
    lists further places the same claim is stated. ``notes`` say in words what the extractor decided.
    """

    claim_id: str
    sentence: Span
    figure: Span
    attribution: Span | None = None
    date: Span | None = None
    background: bool = False
    notes: tuple[str, ...] = ()
    mentions: tuple[Span, ...] = ()
    period: str | None = None  # the period the figure covers, as an as_of string ("since 2024-05"; issue 11)


@attrs.frozen
class Unclassified:
    """A figure the extractor did not make a claim of, because its measure could not be told (or the
    parser refused it): the words, where, why, who said it and, if it parses, its value."""

    text: str
    span: Span
    sentence: Span
    reason: str
    source: str | None = None
    estimate: Estimate | None = None


@attrs.frozen
class Extraction:
    """What :func:`extract` found: claims (in text order) and their sources, per-claim spans, the figures
    left unclassified and the numbers ignored, the main subject, the outlet and the publication date."""

    claims: tuple[Claim, ...]
    sources: tuple[Source, ...]
    spans: tuple[ClaimSpans, ...]
    unclassified: tuple[Unclassified, ...] = ()
    ignored: tuple[Ignored, ...] = ()
    subject: str = ""
    outlet: Source | None = None
    published: Period | None = None

    def claim(self, claim_id: str) -> Claim:
        for c in self.claims:
            if c.id == claim_id:
                return c
        raise KeyError(claim_id)

    def span_of(self, claim_id: str) -> ClaimSpans:
        for s in self.spans:
            if s.claim_id == claim_id:
                return s
        raise KeyError(claim_id)
