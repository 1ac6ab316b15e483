"""What staff can correct on a mention."""

from __future__ import annotations

from enum import StrEnum

from core.enums import CATEGORY_LABELS_ZH, SENTIMENT_LABELS_ZH, SEVERITY_LABELS_ZH


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

_VALUE_LABELS_ZH: dict[CorrectedField, dict[str, str]] = {
    CorrectedField.SENTIMENT: {str(k): v for k, v in SENTIMENT_LABELS_ZH.items()},
    CorrectedField.COMPLAINT: {"true": "是", "false": "否"},
    CorrectedField.CATEGORY: {str(k): v for k, v in CATEGORY_LABELS_ZH.items()},
    CorrectedField.URGENCY: {str(k): v for k, v in SEVERITY_LABELS_ZH.items()},
}


def value_zh(field: CorrectedField, value: str | None) -> str:
    """A stored value ('negative', 'true', 'high') as a person reads it (负面, 是, 严重)."""
    if value is None:
        return "—"
    return _VALUE_LABELS_ZH[field].get(value, value)


def change_zh(field: CorrectedField, before: str | None, after: str | None) -> str:
    """One correction as a person reads it: 情感 负面 → 中性."""
    return f"{FIELD_LABELS_ZH[field]} {value_zh(field, before)} → {value_zh(field, after)}"
