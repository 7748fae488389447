"""The floors and ceilings a cumulative count carries from one date to the others, for many groups at once.

For a cumulative measure each origin's figure speaks to later dates as a floor and to earlier ones as a
ceiling, for the origins that say nothing of their own at the date (the rule is in
:mod:`reconcile.engine.estimates`). At each date :func:`carried_bounds` finds, over the origins not speaking:

- the tightest floor: the highest low among each origin's latest earlier figure with a low;
- the lowest floor: the lowest of those lows;
- the tightest ceiling: the lowest high among each origin's earliest later figure with a high;

the first origin (by id) among equals. A group's dates and its origins make a grid (a cell per date and
origin): each origin's figures are filled forward (floors) or back (ceilings) along its column, the speakers'
cells are left out, and each date's row is reduced, all with numpy over every group of a batch at once.
"""

from __future__ import annotations

from operator import attrgetter
from typing import Sequence

import numpy as np

from ..claims import Claim

__all__ = ["carried_bounds", "GRID_CELLS"]

# Cells (dates x origins, summed over groups) of one batch: about 40 bytes each while a batch is reduced, so
# a batch stays near 100 MB however many groups a story has. A group larger than this is a batch of its own.
GRID_CELLS = 1 << 21

Dates = Sequence[Sequence[Claim]]  # one group: per date, its credible figures
Bounds = list[Claim | None]
_ESTIMATE, _SOURCE_ID = attrgetter("estimate"), attrgetter("source.id")


def carried_bounds(groups: Sequence[Dates], origin: dict[str, int]) -> tuple[Bounds, Bounds, Bounds]:
    """Per date of ``groups`` (in order, every date of every group): the tightest floor, the lowest floor and
    the tightest ceiling carried to it (module docstring), each a claim or ``None``. ``origin`` numbers the
    origins in the order of their ids."""
    tight: Bounds = []
    lowest: Bounds = []
    ceiling: Bounds = []
    batch: list[Dates] = []
    cells = 0
    for dates in groups:
        size = len(dates) * sum(map(len, dates))  # at least its cells: each origin speaks at some date
        if batch and cells + size > GRID_CELLS:
            _batch(batch, origin, tight, lowest, ceiling)
            batch, cells = [], 0
        batch.append(dates)
        cells += size
    if batch:
        _batch(batch, origin, tight, lowest, ceiling)
    return tight, lowest, ceiling


def _batch(groups: Sequence[Dates], origin: dict[str, int], tight: Bounds, lowest: Bounds, ceiling: Bounds) -> None:
    figures = [c for dates in groups for here in dates for c in here]
    estimates = list(map(_ESTIMATE, figures))
    code = list(map(origin.__getitem__, map(_SOURCE_ID, figures)))
    nan = float("nan")
    low = [nan if e.low is None else e._lo for e in estimates]  # nan: no low (no floor); likewise high
    high = [nan if e.high is None else e._hi for e in estimates]
    n_rows = sum(map(len, groups))
    row = np.repeat(np.arange(n_rows), [len(here) for dates in groups for here in dates])
    group_of_row = np.repeat(np.arange(len(groups)), list(map(len, groups)))
    f_row = row
    f_low, f_high = np.array(low), np.array(high)
    row_group = group_of_row
    n_groups = len(groups)
    n_dates = np.bincount(row_group, minlength=n_groups)
    first_row = np.concatenate(([0], np.cumsum(n_dates)[:-1]))
    f_group = row_group[f_row]
    f_date = f_row - first_row[f_group]
    # each group's origins, numbered from 0 in id order: one grid column each
    pair = f_group * (max(origin.values(), default=0) + 1) + np.array(code, dtype=np.int64)
    pairs, f_pair = np.unique(pair, return_inverse=True)
    pair_group = pairs // (max(origin.values(), default=0) + 1)
    n_origins = np.bincount(pair_group, minlength=n_groups)
    first_pair = np.concatenate(([0], np.cumsum(n_origins)[:-1]))
    f_col = f_pair - first_pair[f_group]
    size = n_dates * n_origins
    base = np.concatenate(([0], np.cumsum(size)[:-1]))
    n_cells = int(size.sum())
    # the cell of (group, date, origin): row-major (a date's origins side by side) and column-major (an
    # origin's dates one after the other, for filling along them)
    width, depth = n_origins[f_group], n_dates[f_group]
    cell_group = np.repeat(np.arange(n_groups), size)
    within = np.arange(n_cells) - base[cell_group]
    cell_width = n_origins[cell_group]
    cell_date, cell_col = within // cell_width, within % cell_width
    column_major = base[cell_group] + cell_col * n_dates[cell_group] + cell_date
    speaking = np.zeros(n_cells, dtype=np.bool_)
    speaking[base[f_group] + f_date * width + f_col] = True
    everyone = np.arange(len(figures), dtype=np.int64)

    # Floors: a figure with a low sets its origin's cell at the next date, filled forward to later dates.
    source = np.full(n_cells, -1, dtype=np.int64)  # column-major: the figure whose low a cell carries
    has = ~np.isnan(f_low) & (f_date + 1 < depth)
    source[base[f_group[has]] + f_col[has] * depth[has] + f_date[has] + 1] = everyone[has]
    cm_date = np.empty(n_cells, dtype=np.int64)
    cm_date[column_major] = cell_date
    at = np.where((source >= 0) | (cm_date == 0), np.arange(n_cells), 0)  # a column starts empty
    carried_low = source[np.maximum.accumulate(at)][column_major]  # back to row-major
    # Ceilings: a figure with a high sets its origin's cell at the date before, filled back to earlier dates.
    source = np.full(n_cells, -1, dtype=np.int64)
    has = ~np.isnan(f_high) & (f_date > 0)
    source[base[f_group[has]] + f_col[has] * depth[has] + f_date[has] - 1] = everyone[has]
    cm_last = np.empty(n_cells, dtype=np.bool_)
    cm_last[column_major] = cell_date == n_dates[cell_group] - 1
    at = np.where((source >= 0) | cm_last, np.arange(n_cells), n_cells)[::-1]
    carried_high = source[np.minimum.accumulate(at)[::-1]][column_major]

    starts = base[row_group] + (np.arange(n_rows) - first_row[row_group]) * n_origins[row_group]
    cell_row = np.repeat(np.arange(n_rows), n_origins[row_group])
    values = np.append(f_low, np.nan)  # index -1: no figure carried
    floor = np.where(speaking, np.nan, values[carried_low])
    claims = np.empty(len(figures) + 1, dtype=object)
    claims[:-1] = figures  # and None last, for "no figure"
    tight += _pick(claims, floor, carried_low, starts, cell_row, np.fmax)
    lowest += _pick(claims, floor, carried_low, starts, cell_row, np.fmin)
    values = np.append(f_high, np.nan)
    ceiling += _pick(claims, np.where(speaking, np.nan, values[carried_high]), carried_high, starts, cell_row,
                     np.fmin)


def _pick(figures: np.ndarray, value: np.ndarray, figure: np.ndarray, starts: np.ndarray, cell_row: np.ndarray,
          best: np.ufunc) -> Bounds:
    """Per row (cells ``starts[i]`` up to the next row's), the figure of the first cell with the best value,
    or ``None`` where every value is nan (``figures`` ends in ``None``)."""
    top = best.reduceat(value, starts)
    first = np.minimum.reduceat(np.where(value == top[cell_row], np.arange(len(value)), len(value)), starts)
    found = ~np.isnan(top)
    return figures[np.where(found, figure[np.where(found, first, 0)], -1)].tolist()
