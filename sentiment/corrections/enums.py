"""What staff can correct on a mention."""

from __future__ import annotations

from enum import StrEnum


class CorrectedField(StrEnum):
    """A classifier output a person can overrule."""

    SENTIMENT = "sentiment"
    COMPLAINT = "complaint"
    CATEGORY = "category"
    URGENCY = "urgency"


FIELD_LABELS_ZH: dict[CorrectedField, str] = {
    CorrectedField.SENTIMENT: "情感",
    CorrectedField.COMPLAINT: "是否投诉",
    CorrectedField.CATEGORY: "类别",
    CorrectedField.URGENCY: "紧急程度",
}
