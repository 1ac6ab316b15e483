"""Config and rule-file values as people write them: by code or by the Chinese name the tables show
(`负面`, `食品安全`, `严重`), and shares as `0.6` or `60%`.

A PR manager writes a rule in the words the dashboard uses; the file means the same as the
code (`negative`, `food_safety_health`, `high`). An unknown value is refused with every
`code（中文）` pair and, for a near miss, the value meant.
"""

from __future__ import annotations

from collections.abc import Callable
from enum import Enum
from typing import Annotated, Any

from pydantic import BeforeValidator

from core.enums import (
    CATEGORY_CHOICE,
    CHANNEL_CHOICE,
    PLAN_ROLE_CHOICE,
    SENTIMENT_CHOICE,
    SEVERITY_CHOICE,
    URGENCY_SIGNAL_CHOICE,
    Category,
    Channel,
    LabelChoice,
    PlanRole,
    SentimentLabel,
    Severity,
    UrgencySignal,
)


def by_label(kind: type[Enum], choice: LabelChoice) -> Callable[[Any], Any]:
    """A before-validator: the enum's own values (and its aliases) pass, a Chinese name
    becomes its code, anything else is refused naming the choices."""

    def convert(value: Any) -> Any:
        if value is None or isinstance(value, kind):
            return value
        try:
            return kind(value)  # a code, or an alias the enum knows (info → low)
        except ValueError:
            pass
        code = choice.get(value)
        if code is None:
            raise ValueError(choice.refusal(value))
        return code

    return convert


SeverityName = Annotated[Severity, BeforeValidator(by_label(Severity, SEVERITY_CHOICE))]
CategoryName = Annotated[Category, BeforeValidator(by_label(Category, CATEGORY_CHOICE))]
ChannelName = Annotated[Channel, BeforeValidator(by_label(Channel, CHANNEL_CHOICE))]
SentimentName = Annotated[
    SentimentLabel, BeforeValidator(by_label(SentimentLabel, SENTIMENT_CHOICE))
]
PlanRoleName = Annotated[PlanRole, BeforeValidator(by_label(PlanRole, PLAN_ROLE_CHOICE))]
SignalName = Annotated[
    UrgencySignal, BeforeValidator(by_label(UrgencySignal, URGENCY_SIGNAL_CHOICE))
]


def _share(value: Any) -> Any:
    """'60%' → 0.6; a number above 1 (60 meant as 60 %) refused with how to write it."""
    if isinstance(value, str) and value.strip().endswith(("%", "％")):
        number = value.strip()[:-1].strip()
        try:
            return float(number) / 100
        except ValueError:
            raise ValueError(f"应为占比，如 0.6 或 60%（收到 {value!r}）") from None
    if isinstance(value, int | float) and not isinstance(value, bool) and 1 < value <= 100:
        raise ValueError(
            f"占比写成 0 到 1 之间的小数或百分数：{value:g}% 写 {value / 100:g} 或 "
            f"'{value:g}%'（收到 {value!r}）"
        )
    return value


Share = Annotated[float, BeforeValidator(_share)]
