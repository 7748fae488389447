"""Truth discovery for hedged figures: how reliable each source is, and the best value of each item.

An *item* is one thing a figure can be about (a subject, measure and as-of date); an *observation* is one
origin's figure for it, as an interval ``[low, high]`` with the value stated. The method is CATD (Li et al.,
"A Confidence-Aware Approach for Truth Discovery on Long-Tail Data", PVLDB 8(4), 2015) with the weighted
median of CRH (Li et al., "Resolving Conflicts in Heterogeneous Data by Truth Discovery and Source
Reliability Estimation", SIGMOD 2014) for the truths, alternated until the truths stop changing:

1. **Truths.** Each item's truth is the weighted median of the stated values of its two-sided figures
   (points with their implied precision, ranges), weight = source weight x precision weight
   (``1 / max(h, precision_floor)²``, ``h`` the figure's relative half-width: figures rounded to two
   significant digits count as equally precise, "about 4,000" less, "between 1,000 and 3,000" far less). The median picks a stated figure, never
   an average between camps. One-sided figures ("at least 300", "up to 12,000") do not vote; they clamp: a
   floor raises the truth to it, a ceiling lowers it (when floors and ceilings are compatible).
2. **Weights.** A figure's error is how far, in log ratio, the truth lies outside its interval (0 inside).
   CATD's weight is ``chi2(alpha/2, n) / sum(error² + floor²)`` over the ``n`` figures of the source: the
   upper confidence bound of the source's error precision, so a source with few figures gets a cautious
   weight rather than an extreme one. The same chi-square quantiles give each source an interval for its
   error spread (``spread_low``..``spread_high``), reported with ``n``.
3. **Priors.** ``Settings.reliability_priors`` multiplies the weight of every source of a type.
4. **Copying** (after Dong, Berti-Equille & Srivastava, "Integrating Conflicting Data: The Role of Source
   Dependence", PVLDB 2009): when independent sources give the same figure, either may have spoken first.
   A source that repeats another's figures exactly (same value, same rounding) on most items both report
   (a share of at least ``copy_min_share``) and almost always after it (a one-sided binomial test on who
   spoke first, level ``copy_p_value``) is taken to copy it. Who spoke first is what tells a copier from a
   source that agrees because both are right, so it works before any truth is known — a clique that
   outvotes everyone everywhere is still found. Sources linked by copying form one dependence group, and on each item identical
   figures of one group count once (the earliest): a clique repeating one inflating source is one voice.

Everything is computed with numpy over flat arrays, in a fixed order: the same input gives the same
weights and truths, byte for byte.

>>> import numpy as np
>>> obs = Observations.from_points(item=[0, 0, 0], source=[0, 1, 2], value=[100, 100, 150])
>>> r = discover(obs, n_sources=3)
>>> r.truth.tolist()
[100.0]
"""

from __future__ import annotations

import math
from statistics import NormalDist
from typing import Sequence

import attrs
import numpy as np

from ..settings import Settings

__all__ = ["Observations", "Discovery", "discover", "weighted_median", "chi2_quantile"]

_F = np.float64


def chi2_quantile(p: float, k: np.ndarray) -> np.ndarray:
    """The ``p`` quantile of the chi-square distribution with ``k`` degrees of freedom: exact for k = 1
    (a squared normal) and k = 2 (an exponential), the Wilson-Hilferty approximation above (the 2.5% quantile
    within 1% from k = 10, 16% low at k = 3: cautious where it errs, for a weight that is meant to be).

    >>> [round(float(q), 4) for q in chi2_quantile(0.025, np.array([1.0, 2.0, 10.0]))]
    [0.001, 0.0506, 3.2227]
    """
    normal = NormalDist()
    z = normal.inv_cdf(p)
    k = np.maximum(np.asarray(k, dtype=_F), 1.0)
    a = 2.0 / (9.0 * k)
    out = k * np.maximum(1.0 - a + z * np.sqrt(a), 0.0) ** 3
    out = np.where(k == 1.0, normal.inv_cdf((1.0 + p) / 2.0) ** 2, out)
    out = np.where(k == 2.0, -2.0 * math.log(1.0 - p), out)
    return np.maximum(out, 1e-12)


@attrs.frozen
class Observations:
    """Figures as flat arrays, one row per (item, origin): ``low`` 0 and ``high`` inf when open.

    ``time`` orders who spoke first (any increasing number, e.g. a day ordinal). ``votes`` marks two-sided
    figures; the others are floors (``high`` inf) or ceilings (``low`` 0) that only clamp.
    """

    item: np.ndarray
    source: np.ndarray
    low: np.ndarray
    value: np.ndarray
    high: np.ndarray
    time: np.ndarray
    two_sided: np.ndarray | None = None

    @classmethod
    def from_points(cls, item: Sequence[int], source: Sequence[int], value: Sequence[float],
                    time: Sequence[float] | None = None) -> "Observations":
        """Exact figures (low = value = high), for examples and tests."""
        v = np.asarray(value, dtype=_F)
        t = np.zeros(len(v)) if time is None else np.asarray(time, dtype=_F)
        return cls(np.asarray(item, dtype=np.int64), np.asarray(source, dtype=np.int64), v, v, v, t)

    @property
    def votes(self) -> np.ndarray:
        """Two-sided figures (given as ``two_sided``, else those with a positive low and a finite high)."""
        return self.two_sided if self.two_sided is not None else (self.low > 0) & np.isfinite(self.high)

    def __len__(self) -> int:
        return len(self.item)


@attrs.frozen
class Discovery:
    """The outcome: ``truth`` per item (nan when an item has no figure), and per source its ``weight``
    (normalised so the most reliable is 1), ``n`` figures, error spread interval and dependence ``group``
    (the lowest source index of its copying group; a source is its own group when independent).
    ``copies`` lists ``(copier, original, items repeated)``; ``row_weight`` is each row's vote weight."""

    truth: np.ndarray
    weight: np.ndarray
    n: np.ndarray
    spread: np.ndarray
    spread_low: np.ndarray
    spread_high: np.ndarray
    group: np.ndarray
    copies: tuple[tuple[int, int, int], ...]
    row_weight: np.ndarray
    iterations: int


def weighted_median(item: np.ndarray, value: np.ndarray, weight: np.ndarray, n_items: int,
                    order: np.ndarray | None = None) -> np.ndarray:
    """Per item, the lower weighted median of ``value`` (nan where an item has no positive weight).
    ``order`` (rows sorted by item, then value) may be passed to skip the sort.

    >>> weighted_median(np.array([0, 0, 0]), np.array([1.0, 2.0, 9.0]), np.array([1.0, 1.0, 3.0]), 1).tolist()
    [9.0]
    """
    if order is None:
        order = np.lexsort((value, item))
    it, v, w = item[order], value[order], np.maximum(weight[order], 0.0)
    cs = np.cumsum(w)
    total = np.bincount(it, weights=w, minlength=n_items)
    before = np.concatenate(([0.0], np.cumsum(total)[:-1]))
    idx = np.searchsorted(cs, before + total / 2.0, side="left")
    idx = np.minimum(idx, len(v) - 1) if len(v) else idx
    out = np.full(n_items, np.nan)
    has = total > 0
    if len(v):
        out[has] = v[idx[has]]
    return out


def _clamp(obs: Observations, truth: np.ndarray, n_items: int) -> np.ndarray:
    """Floors raise the truth, ceilings lower it, where they are compatible with each other."""
    one_sided = ~obs.votes
    floors = np.zeros(n_items)
    np.maximum.at(floors, obs.item, np.where(one_sided & np.isinf(obs.high), obs.low, 0.0))
    ceilings = np.full(n_items, np.inf)
    np.minimum.at(ceilings, obs.item, np.where(one_sided & np.isfinite(obs.high), obs.high, np.inf))
    ok = floors <= ceilings
    t = np.where(np.isnan(truth), np.where(floors > 0, floors, ceilings), truth)
    t = np.where(ok, np.clip(t, floors, ceilings), t)
    return np.where(np.isinf(t), np.nan, t)


def _errors(obs: Observations, truth: np.ndarray) -> np.ndarray:
    """How far, in log ratio, each row's item truth lies outside the row's interval (0 inside)."""
    t = truth[obs.item]
    with np.errstate(divide="ignore", invalid="ignore"):
        below = np.where(t < obs.low, np.log(obs.low / t), 0.0)
        above = np.where(t > obs.high, np.log(t / obs.high), 0.0)
    err = np.nan_to_num(below + above, nan=0.0, posinf=10.0)
    return np.minimum(err, 10.0)


def _precision_weight(obs: Observations, floor: float) -> np.ndarray:
    with np.errstate(divide="ignore", invalid="ignore"):
        half = np.where(obs.votes, np.log(obs.high / np.where(obs.low > 0, obs.low, 1.0)) / 2.0, 0.0)
    return 1.0 / np.maximum(np.nan_to_num(half, nan=0.0), floor) ** 2


def _binom_tail_half(k: np.ndarray, n: np.ndarray) -> np.ndarray:
    """P(X >= k) for X ~ Binomial(n, 1/2): exact up to n = 60, the normal approximation above."""
    out = np.ones(len(k))
    normal = NormalDist()
    for i, (kk, nn) in enumerate(zip(k.tolist(), n.tolist())):
        if nn <= 60:
            out[i] = sum(math.comb(nn, j) for j in range(kk, nn + 1)) / 2.0 ** nn
        else:
            out[i] = 1.0 - normal.cdf((kk - 0.5 - nn / 2) / (math.sqrt(nn) / 2))
    return out


def _figure_ids(obs: Observations) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Rows in order of (identical figure, time); per row of that order its figure id; per row (original order)
    its figure id. Identical = same item, value and interval (the same rounding)."""
    r = np.lexsort((obs.time, obs.high, obs.low, obs.value, obs.item))
    it, v, lo, hi = obs.item[r], obs.value[r], obs.low[r], obs.high[r]
    new = np.ones(len(r), dtype=bool)
    new[1:] = (it[1:] != it[:-1]) | (v[1:] != v[:-1]) | (lo[1:] != lo[:-1]) | (hi[1:] != hi[:-1])
    sorted_ids = np.cumsum(new) - 1
    ids = np.empty(len(r), dtype=np.int64)
    ids[r] = sorted_ids
    return r, sorted_ids, ids


def _copying(obs: Observations, n_sources: int, settings: Settings,
             figures: tuple[np.ndarray, np.ndarray, np.ndarray]) -> list[tuple[int, int, int]]:
    """Ordered pairs (copier, original, count) whose repeated figures show copying (module docstring)."""
    if len(obs) < 2:
        return []
    r, sorted_ids, _ = figures
    src, when = obs.source[r], obs.time[r]
    starts = np.flatnonzero(np.diff(sorted_ids, prepend=-1))
    size = np.diff(np.append(starts, len(r)))[sorted_ids]
    left = starts[sorted_ids] + size - 1 - np.arange(len(r))  # rows after this one among its identical figures
    after = np.zeros(n_sources * n_sources, dtype=np.int64)
    at = np.flatnonzero(left > 0)
    d = 1
    paired = len(at) > 0
    while len(at):
        a, b = at, at + d
        m = (when[a] < when[b]) & (src[a] != src[b])  # the earlier speaker first; the same time tells nothing
        after += np.bincount(src[b[m]] * n_sources + src[a[m]], minlength=n_sources * n_sources)
        d += 1
        at = at[left[at] >= d]
    if not paired:
        return []
    pairs = after.reshape(n_sources, n_sources)
    total = pairs + pairs.T
    cand = np.argwhere((pairs > 0) & (2 * pairs > total))
    if not len(cand):
        return []
    k, n = pairs[cand[:, 0], cand[:, 1]], total[cand[:, 0], cand[:, 1]]
    keep = _binom_tail_half(k, n) < settings.copy_p_value
    cand, k = cand[keep], k[keep]
    items: dict[int, np.ndarray] = {}
    out: list[tuple[int, int, int]] = []
    for (copier, original), kk in zip(cand.tolist(), k.tolist()):
        for s in (copier, original):
            if s not in items:
                items[s] = np.unique(obs.item[obs.source == s])
        shared = len(np.intersect1d(items[copier], items[original], assume_unique=True))
        if shared and kk / shared >= settings.copy_min_share:
            out.append((copier, original, kk))
    return sorted(out)


def _groups(n_sources: int, copies: Sequence[tuple[int, int, int]]) -> np.ndarray:
    parent = list(range(n_sources))

    def find(x: int) -> int:
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    for a, b, _ in copies:
        ra, rb = find(a), find(b)
        if ra != rb:
            parent[max(ra, rb)] = min(ra, rb)
    return np.array([find(i) for i in range(n_sources)], dtype=np.int64)


def _dependence_mask(obs: Observations, group: np.ndarray, figure: np.ndarray) -> np.ndarray:
    """1 for the earliest of identical figures of one dependence group on an item, 0 for its repeats."""
    key = figure * (int(group.max()) + 1) + group[obs.source]  # one figure of one group
    order = np.lexsort((obs.source, obs.time, key))
    a, b = order[:-1], order[1:]
    repeat = np.zeros(len(obs.item), dtype=bool)
    if len(order) > 1:
        repeat[b[key[a] == key[b]]] = True
    return np.where(repeat, 0.0, 1.0)


def discover(obs: Observations, n_sources: int, n_items: int | None = None, *, settings: Settings = Settings(),
             prior: np.ndarray | None = None, detect_copying: bool = True) -> Discovery:
    """Truths and source weights by CATD with weighted medians, discounting copies (module docstring).

    ``prior`` is a weight multiplier per source (1 by default); ``detect_copying=False`` runs plain CATD.
    """
    n_items = int(obs.item.max()) + 1 if n_items is None and len(obs) else (n_items or 0)
    prior_w = np.ones(n_sources) if prior is None else np.asarray(prior, dtype=_F)
    floor = settings.reliability_error_floor
    votes = obs.votes
    precision = _precision_weight(obs, settings.precision_floor)
    order = np.lexsort((obs.value, obs.item))
    n = np.bincount(obs.source, minlength=n_sources).astype(_F)
    alpha = 1.0 - settings.reliability_confidence
    q_low, q_high = chi2_quantile(alpha / 2, n), chi2_quantile(1 - alpha / 2, n)
    weight = prior_w.copy()
    group = np.arange(n_sources, dtype=np.int64)
    dependence = np.ones(len(obs))
    copies: list[tuple[int, int, int]] = []
    truth = np.full(n_items, np.nan)
    rounds = 0
    if detect_copying:
        figures = _figure_ids(obs)
        copies = _copying(obs, n_sources, settings, figures)
        if copies:
            group = _groups(n_sources, copies)
            dependence = _dependence_mask(obs, group, figures[2])
    for _ in range(settings.reliability_iterations):
        rounds += 1
        row_w = np.where(votes, weight[obs.source] * precision * dependence, 0.0)
        new = _clamp(obs, weighted_median(obs.item, obs.value, row_w, n_items, order), n_items)
        err = _errors(obs, new)
        loss = np.bincount(obs.source, weights=(err ** 2 + floor ** 2) * dependence, minlength=n_sources)
        eff_n = np.bincount(obs.source, weights=dependence, minlength=n_sources)
        q = chi2_quantile(alpha / 2, np.maximum(eff_n, 1.0))
        w = np.where(loss > 0, q / np.where(loss > 0, loss, 1.0), 0.0) * prior_w
        weight = w / w.max() if w.size and w.max() > 0 else prior_w.copy()
        done = np.array_equal(np.nan_to_num(new, nan=-1.0), np.nan_to_num(truth, nan=-1.0))
        truth = new
        if done:
            break
    err = _errors(obs, truth)
    ss = np.bincount(obs.source, weights=err ** 2 + floor ** 2, minlength=n_sources)
    with np.errstate(divide="ignore", invalid="ignore"):
        spread = np.sqrt(np.where(n > 0, ss / np.maximum(n, 1), np.nan))
        spread_low = np.sqrt(np.where(n > 0, ss / q_high, np.nan))
        spread_high = np.sqrt(np.where(n > 0, ss / q_low, np.nan))
    row_w = np.where(votes, weight[obs.source] * precision * dependence, 0.0)
    return Discovery(truth, weight, n.astype(np.int64), spread, spread_low, spread_high, group, tuple(copies),
                     row_w, rounds)
