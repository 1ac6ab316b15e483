"""What staff can correct on a mention."""

from __future__ import annotations

from enum import StrEnum

from core.enums import (
    CATEGORY_CHOICE,
    CATEGORY_LABELS_ZH,
    SENTIMENT_CHOICE,
    SENTIMENT_LABELS_ZH,
    SEVERITY_CHOICE,
    SEVERITY_LABELS_ZH,
    LabelChoice,
)


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


# Why a field the person did not give changed with the one they gave (keep_complaint_rule).
FOLLOWED_ZH: dict[CorrectedField, str] = {
    CorrectedField.CATEGORY: "不是投诉的提及类别为 其他，与模型的规则一致",
    CorrectedField.COMPLAINT: "类别不是 其他 的提及都算投诉，与模型的规则一致",
}


def followed_zh(field: CorrectedField, value: str | None) -> str:
    """A field the complaint/category rule set along with the given ones: 类别随之设为 其他：…"""
    return f"{FIELD_LABELS_ZH[field]}随之设为 {value_zh(field, value)}：{FOLLOWED_ZH[field]}"


# The complaint flag as stored ("true"/"false"), typed as 是/否 or an earlier wording.
COMPLAINT_CHOICE = LabelChoice(
    _VALUE_LABELS_ZH[CorrectedField.COMPLAINT],
    aliases={"yes": "true", "no": "false", "1": "true", "0": "false", "投诉": "true"}
    | {"非投诉": "false", "不是": "false", "不是投诉": "false"},
)

# What each field takes, by code or by the Chinese name the tables show.
VALUE_CHOICES: dict[CorrectedField, LabelChoice] = {
    CorrectedField.SENTIMENT: SENTIMENT_CHOICE,
    CorrectedField.COMPLAINT: COMPLAINT_CHOICE,
    CorrectedField.CATEGORY: CATEGORY_CHOICE,
    CorrectedField.URGENCY: SEVERITY_CHOICE,
}

# A field named by its code or its Chinese name (`complaint` or `是否投诉`).
FIELD_CHOICE = LabelChoice(
    FIELD_LABELS_ZH, aliases={"投诉": CorrectedField.COMPLAINT, "紧急": CorrectedField.URGENCY}
)
