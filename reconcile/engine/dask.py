"""The engine on a Dask cluster: the same runner, one partition of the claims per task, the same result.

Claims of different subjects are never compared (every rule family groups by subject), so a story splits into
partitions by subject — by *top* subject, through ``top_subject``, once subjects form hierarchies — and each
partition is reconciled by the very :func:`reconcile.engine.runner.run` the in-process engine uses. Claims
that refer to each other across subjects (a denial, a fraction of another claim) keep their subjects in one
partition. The claims are validated as a whole first (so errors are the in-process engine's), the partitions
run on the cluster, and the results are merged and sorted exactly as the runner sorts them (claims by
:func:`~reconcile.claims.claim_sort_key`, findings by :meth:`~reconcile.findings.Finding.sort_key`, both total
orders), so the outcome is the in-process one, byte for byte.

Needs the ``dask`` extra (``dask[distributed]``). ``scheduler`` is the address of a running scheduler
(``tcp://10.0.0.5:8786``), a ``distributed.Client``, or ``None``: the current client if there is one, else a
local cluster for the call.

>>> from reconcile import Claim, reconcile
>>> claims = [Claim.figure("a", "un", "killed", "1,200", subject="x", said_on="2024-05-01"),
...           Claim.figure("b", "ngo", "killed", "1,300", subject="y", said_on="2024-05-01")]
>>> partitions(claims)
[['a'], ['b']]
"""

from __future__ import annotations

import logging
from collections import Counter
from typing import Any, Callable, Iterable, Sequence

from ..claims import Claim, claim_sort_key
from ..findings import Finding
from ..measures import MeasureRegistry
from ..settings import Settings
from ..subjects import NO_SUBJECTS, SubjectRegistry
from .runner import run, validate

__all__ = ["run_dask", "partitions", "PARTITION_CLAIMS"]

log = logging.getLogger("reconcile")

PARTITION_CLAIMS = 50_000
"""About how many claims one task reconciles: subjects are packed into tasks of this size, so a story of
100,000 small subjects makes a few dozen tasks rather than 100,000."""

TopSubject = Callable[[str], str]


def _identity(subject: str) -> str:
    return subject


def partitions(claims: Sequence[Claim], top_subject: TopSubject = _identity,
               size: int = 1) -> list[list[str]]:
    """Claim ids in partitions that can be reconciled apart: one per top subject, subjects joined when a
    claim of one denies or derives from a claim of another; then packed into partitions of about ``size``
    claims (in order of their first claim). Deterministic."""
    parent: dict[str, str] = {}

    def find(x: str) -> str:
        root = x
        while parent.setdefault(root, root) != root:
            root = parent[root]
        while parent[x] != root:  # path compression, iteratively: chains of subjects may be long
            parent[x], x = root, parent[x]
        return root

    top = {c.id: top_subject(c.subject) for c in claims}
    for c in claims:
        find(top[c.id])
        for ref in (*c.denies, *c.derived_from):
            if ref in top:
                a, b = find(top[c.id]), find(top[ref])
                if a != b:
                    parent[max(a, b)] = min(a, b)
    groups: dict[str, list[str]] = {}
    for c in claims:
        groups.setdefault(find(top[c.id]), []).append(c.id)
    out: list[list[str]] = []
    for ids in groups.values():
        if out and len(out[-1]) + len(ids) <= size:
            out[-1].extend(ids)
        else:
            out.append(list(ids))
    return out


def run_dask(claims: Iterable[Claim], settings: Settings, measures: MeasureRegistry, *, scheduler: Any = None,
             subjects: SubjectRegistry = NO_SUBJECTS, top_subject: TopSubject | None = None,
             partition_claims: int = PARTITION_CLAIMS,
             progress: Callable[[int, int], None] | None = None) -> tuple[tuple[Claim, ...], tuple[Finding, ...]]:
    """What :func:`reconcile.engine.runner.run` returns, computed partition by partition on Dask.

    ``progress`` is called with (partitions done, partitions) as they finish. Partitions follow the top subject
    of each hierarchy (``subjects``: a region goes with its country), since rules compare parts with wholes.
    """
    if top_subject is None:
        def top_subject(subject: str) -> str:
            return (subjects.ancestors(subject) or (subject,))[-1]

    try:
        from distributed import Client, as_completed, get_client
    except ImportError as err:
        raise ImportError("engine='dask' needs dask.distributed, the 'dask' extra: "
                          "pip install 'reconcile[dask]'") from err
    given = sorted(claims, key=claim_sort_key)
    validate(given, measures)  # on the whole story: the errors are those of the in-process engine
    by_id = {c.id: c for c in given}
    parts = [[by_id[i] for i in ids] for ids in partitions(given, top_subject, partition_claims)]
    own: Any = None
    if isinstance(scheduler, Client):
        client = scheduler
    elif scheduler is not None:
        client = own = Client(scheduler)
    else:
        try:
            client = get_client()
        except ValueError:  # no client yet: a local cluster for this call
            client = own = Client(processes=False)
    try:
        futures = {client.submit(run, part, settings, measures, subjects, pure=False): n for n, part in enumerate(parts)}
        results: list[tuple[tuple[Claim, ...], tuple[Finding, ...]] | None] = [None] * len(parts)
        for done, future in enumerate(as_completed(futures), 1):
            results[futures[future]] = future.result()
            log.info("dask: %d of %d partitions reconciled", done, len(parts))
            if progress is not None:
                progress(done, len(parts))
    finally:
        if own is not None:
            own.close()
    everything = sorted((c for r in results if r is not None for c in r[0]), key=claim_sort_key)
    if any(n > 1 for n in Counter(c.id for c in everything).values()):
        # Derived ids are made from the ids they come from, so partitions cannot collide — unless a given
        # claim already bears a derived id elsewhere. Then only the whole story says which one stands.
        log.warning("dask: derived claims collide across partitions; reconciling in process")
        return run(given, settings, measures, subjects)
    findings = sorted((f for r in results if r is not None for f in r[1]), key=Finding.sort_key)
    return tuple(everything), tuple(findings)
