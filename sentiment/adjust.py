"""Domain adjustments of the review-trained polarity model for complaint monitoring.

The training corpora are product/hotel/food reviews: they rarely contain poisoning, lawsuits
or media threats, and their questions are mostly rhetorical complaints. So (1) urgency
evidence (harm, legal, media, collective, repeat, anger words) pushes the logit towards
negative, and (2) a plain inquiry (请问…, no such evidence and no complaint cue:
`complaint_cues.is_inquiry`) is pulled towards neutral.
"""

from __future__ import annotations

import math

from core.models import UrgencyReason

LOGIT_PER_POINT = 0.05  # 20 urgency points = one logit towards negative
MAX_SHIFT = 4.0
INQUIRY_SHRINK = 0.25


def logit(p: float) -> float:
    """log(p / (1 − p)), clipped to ±12."""
    p = min(max(p, 1e-6), 1 - 1e-6)
    return max(-12.0, min(12.0, math.log(p / (1 - p))))


def adjust_positive_probability(
    p_positive: float,
    text: str,
    evidence: list[UrgencyReason],
    emotion_points: float,
    inquiry: bool = False,
) -> float:
    """P(positive) after the lexicon prior (see module docstring); 0.5 stays 0.5 for empty text."""
    if not text:
        return p_positive
    points = sum(reason.weight for reason in evidence) + emotion_points
    value = logit(p_positive)
    if points:
        value -= min(MAX_SHIFT, points * LOGIT_PER_POINT)
    elif inquiry:
        value *= INQUIRY_SHRINK
    return 1.0 / (1.0 + math.exp(-value))


def shift_logit(p: float, shift: float) -> float:
    """p moved by `shift` on the logit scale."""
    return 1.0 / (1.0 + math.exp(-(logit(p) + shift)))
