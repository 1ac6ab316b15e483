"""Options of the complaint head's fit (sentiment/train.py complaint_column): invariant
buckets and industry-balanced sample weights, measured for unseen industries
(bench/complaint_variants.py)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import numpy as np
from numpy.typing import NDArray


@dataclass(frozen=True)
class ComplaintHead:
    """How the complaint column is fitted: industry-balanced sample weights, and keeping only
    buckets whose complaint log-odds agree in sign across `agree` industries (others scaled by
    other_scale), so the head rests on wording shared by every industry's complaints."""

    group_balanced: bool = False
    agree: int = 0  # 0: every bucket as is
    other_scale: float = 1.0
    min_docs: int = 5  # a bucket votes in an industry present in at least this many texts
    min_log_odds: float = 0.3  # ... and whose |log-odds| there reaches this
    bias_offset: float = 0.0  # subtracted from the fitted bias (fewer flags)


def invariant_scale(
    rows: Any, labels: NDArray[np.int64], industries: NDArray[np.str_], head: ComplaintHead
) -> NDArray[np.float64]:
    """1 for buckets whose complaint/non-complaint log-odds agree in sign in at least
    head.agree industries (and disagree in none), head.other_scale for the rest. Only
    industries with both classes vote (finance is all complaints, stock all non-complaints)."""
    present = rows.copy()
    present.data[:] = 1.0
    positive = np.zeros(rows.shape[1])
    negative = np.zeros(rows.shape[1])
    for industry in sorted(set(industries.tolist())):
        inside = industries == industry
        yes, no = inside & (labels == 1), inside & (labels == 0)
        if not yes.any() or not no.any():
            continue
        c1 = np.asarray(present[yes].sum(axis=0)).ravel()
        c0 = np.asarray(present[no].sum(axis=0)).ravel()
        odds = np.log((c1 + 0.5) / (yes.sum() + 1)) - np.log((c0 + 0.5) / (no.sum() + 1))
        votes = (c1 + c0 >= head.min_docs) & (np.abs(odds) >= head.min_log_odds)
        positive += votes & (odds > 0)
        negative += votes & (odds < 0)
    agree = (np.maximum(positive, negative) >= head.agree) & (np.minimum(positive, negative) == 0)
    return np.where(agree, 1.0, head.other_scale)


def group_balanced_weights(
    labels: NDArray[np.int64], industries: NDArray[np.str_]
) -> NDArray[np.float64]:
    """Sample weights giving every industry the same total weight, then both classes the
    same total weight (mean weight 1, so C keeps its meaning)."""
    names, index, sizes = np.unique(industries, return_inverse=True, return_counts=True)
    weight = 1.0 / (len(names) * sizes[index])
    for value in (0, 1):
        weight[labels == value] *= 0.5 / weight[labels == value].sum()
    return weight * len(weight)
