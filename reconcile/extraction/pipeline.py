"""Claims from article text: :func:`extract` proposes the claims an article makes, each pointing back at
the exact words it came from, for an analyst to review.

Deterministic for a given spaCy model and linear in the length of the text. The text is parsed by spaCy
(:mod:`reconcile.extraction.parse`: nothing is downloaded at run time; the model is a setting), and the parse
supplies what the words next to a figure do not: its measure, its speaker, the list it is part of and the period
it covers (:mod:`~reconcile.extraction.periods`). For each sentence (:mod:`reconcile.extraction.text`) it finds dates (:mod:`~reconcile.extraction.dates`), figures
and the numbers that are not figures (:mod:`~reconcile.extraction.figures`), propositions
(:mod:`~reconcile.extraction.statements`) and attribution cues (:mod:`~reconcile.extraction.sources`), then
builds claims with the core: every figure goes through :func:`~reconcile.figures.quantity.parse_figure` (via
:meth:`Claim.figure`), a fraction of a figure just given through :meth:`Claim.portion_of`.
The pass over one article is in :mod:`~reconcile.extraction.reader`, the result types in
:mod:`~reconcile.extraction.results`.

>>> from reconcile import extract
>>> text = ("President Volodymyr Zelensky said on Feb. 14 that North Korean troops have suffered "
...         "4,000 casualties, two-thirds of whom have been killed.")
>>> result = extract(text, published="2025-02-27")
>>> for c in result.claims:
...     print(c.id, c.measure, c.estimate.describe(), c.said_on)
zelensky-casualties casualties 4,000 (3,600–4,400) 2025-02-14
zelensky-killed killed ≈2,667 (2,400–2,933) 2025-02-14
>>> span = result.span_of("zelensky-killed").figure
>>> text[span.start:span.end]
'two-thirds'

Decisions the extractor makes, so the analyst knows what to check:

- A figure with no speaker in its sentence is *background*: its source is the publishing outlet
  (``outlet=``, else where the article names itself: "The Kyiv Independent could not immediately
  verify"), and its :class:`ClaimSpans` says ``background=True`` with a note.
- A figure whose measure cannot be told is not guessed: it is listed in ``unclassified`` with the reason.
- Dates, years, ages, durations, times and identifiers are never figures (``ignored``, with the reason).
- The date a claim was *said* is the date in its attribution ("said on Feb. 14", "a Jan. 13 estimate"),
  else the publication date; a further date near the figure ("deployed ... last fall") is the date it
  refers to (``as_of``), unless it dates another event ("an incursion launched in August 2024").
- Status: "could not be (independently) verified" keeps ``unverified`` and adds a note, "has been
  verified" sets ``verified``, "disputed/rejected the figures" ``disputed``; "has not commented" is a note.
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Any, Sequence

from ..errors import DateError
from ..figures.dates import Period
from ..measures import DEFAULT_MEASURES, MeasureRegistry
from .parse import DEFAULT_MODEL, load_model
# The per-article reader lives in reader.py and the result types in results.py; their public names are
# re-exported, so that every public name once importable from here still is.
from .reader import DENY_WINDOW, _Reader
from .results import ClaimSpans, Extraction, Unclassified
from .statements import PROPOSITIONS, Proposition
from .text import Span

if TYPE_CHECKING:
    from spacy.tokens import Doc

__all__ = ["extract", "extract_many", "Extraction", "ClaimSpans", "Unclassified", "Span", "DENY_WINDOW"]


def _published(value: Any) -> dt.date:
    period = Period.parse(value)
    if not period.is_day:
        raise DateError("the publication date must be a day", text=str(value), field="published",
                        expected="an ISO date such as 2025-02-27")
    return period.start


def extract(text: str, *, published: "dt.date | str | Period", subject: str | None = None,
            outlet: str | None = None, propositions: Sequence[Proposition] = PROPOSITIONS,
            measures: MeasureRegistry = DEFAULT_MEASURES, model: str = DEFAULT_MODEL,
            doc: "Doc | None" = None) -> Extraction:
    """Propose the claims ``text`` makes (see the module docstring for every rule).

    ``published`` resolves relative dates; ``subject`` names the main subject (default: derived from the
    article, see :mod:`reconcile.extraction.subjects`); ``outlet`` names the publisher (default: where the
    article names itself). ``model`` names the spaCy pipeline that parses the text (see
    :mod:`reconcile.extraction.parse`; a :class:`~reconcile.extraction.parse.ModelError` if it is not
    installed); ``doc`` is the text's parse when the caller has it already (:func:`extract_many`).
    """
    if doc is None:
        doc = load_model(model)(text)
    return _Reader(text, _published(published), subject, outlet, propositions, measures, doc).run()


def extract_many(articles: Sequence[tuple[Any, ...]], *, model: str = DEFAULT_MODEL, jobs: int = 1,
                 batch_size: int = 16, **options: Any) -> list[Extraction]:
    """:func:`extract` for many ``(text, published)`` articles, in order: the texts are parsed in batches
    through ``nlp.pipe`` (``jobs`` worker processes when above 1: the parse is most of the time), then read
    one by one. ``options`` are :func:`extract`'s (``outlet``, ``subject``, ``measures``, ...); an article given
    as ``(text, published, {option: value})`` overrides them for itself (each article its own outlet).

    >>> [len(e.claims) for e in extract_many([("Police said 12 people were killed.", "2024-05-01")])]
    [1]
    """
    nlp = load_model(model)
    docs = nlp.pipe([article[0] for article in articles], batch_size=batch_size, n_process=max(1, jobs))
    return [extract(article[0], published=article[1], model=model, doc=doc,
                    **{**options, **(article[2] if len(article) > 2 else {})})
            for article, doc in zip(articles, docs)]
