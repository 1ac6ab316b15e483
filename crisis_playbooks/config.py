"""Configuration of cases: SLA targets per severity, notices and the business-hours calendar."""

from __future__ import annotations

import re
from datetime import date, time, timedelta
from typing import Any

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

from core.config_sections import Section
from core.enums import Severity
from core.timeutil import Duration

_RANGE = re.compile(r"^\s*(\d{4}-\d{2}-\d{2})\s*\.\.\s*(\d{4}-\d{2}-\d{2})\s*$")


def _day(text: str) -> date:
    """YYYY-MM-DD as a date; a Chinese error naming the value otherwise."""
    try:
        return date.fromisoformat(text.strip())
    except ValueError:
        raise ValueError(
            f"{text.strip()!r} 不是有效日期；写作 2026-10-01，一段日期写作 2026-10-01..2026-10-07"
        ) from None


def _expand_dates(values: list[Any]) -> list[date]:
    """Dates given one by one or as 'YYYY-MM-DD..YYYY-MM-DD' ranges (inclusive)."""
    out: list[date] = []
    for value in values:
        if isinstance(value, date):
            out.append(value)
            continue
        match = _RANGE.match(str(value))
        if not match:
            out.append(_day(str(value)))
            continue
        start, end = _day(match.group(1)), _day(match.group(2))
        if end < start:
            raise ValueError(f"日期范围 {value!r} 的结束早于开始")
        out.extend(start + timedelta(days=n) for n in range((end - start).days + 1))
    return out


class CalendarConfig(BaseModel):
    """Business hours: working weekdays, daily hours, holidays and make-up workdays (调休)."""

    model_config = ConfigDict(extra="forbid")

    timezone: str | None = None
    workdays: list[int] = Field(default_factory=lambda: [1, 2, 3, 4, 5])
    start: time = time(9, 0)
    end: time = time(18, 0)
    holidays: list[date] = Field(default_factory=list)
    makeup_workdays: list[date] = Field(default_factory=list)

    @field_validator("workdays")
    @classmethod
    def _iso_weekdays(cls, value: list[int]) -> list[int]:
        if any(day < 1 or day > 7 for day in value):
            raise ValueError("工作日用 1（周一）… 7（周日）表示")
        return sorted(set(value))

    @field_validator("holidays", "makeup_workdays", mode="before")
    @classmethod
    def _ranges(cls, value: Any) -> Any:
        return _expand_dates(value) if isinstance(value, list) else value

    @model_validator(mode="after")
    def _hours_order(self) -> CalendarConfig:
        if self.end <= self.start:
            raise ValueError(f"结束时间 {self.end} 必须晚于开始时间 {self.start}")
        return self


class SlaTarget(BaseModel):
    """First-response and resolution targets of one severity."""

    model_config = ConfigDict(extra="forbid")

    first_response: Duration
    resolution: Duration
    around_the_clock: bool = False


def _default_targets() -> dict[Severity, SlaTarget]:
    hour = timedelta(hours=1)
    return {
        Severity.CRITICAL: SlaTarget(
            first_response=hour, resolution=24 * hour, around_the_clock=True
        ),
        Severity.HIGH: SlaTarget(first_response=2 * hour, resolution=18 * hour),
        Severity.MEDIUM: SlaTarget(first_response=4 * hour, resolution=27 * hour),
        Severity.LOW: SlaTarget(first_response=9 * hour, resolution=45 * hour),
    }


class CasesConfig(BaseModel):
    """The `cases:` section."""

    model_config = ConfigDict(extra="forbid")

    playbooks_dir: str | None = None
    builtin_playbooks: bool = True
    calendar: CalendarConfig = Field(default_factory=CalendarConfig)
    sla: dict[Severity, SlaTarget] = Field(default_factory=_default_targets)
    warn_at: float = Field(default=0.8, gt=0.0, lt=1.0)
    check_interval: Duration = timedelta(minutes=1)
    notify_targets: list[str] | None = None
    owner_targets: dict[str, list[str]] = Field(default_factory=dict)
    escalation_targets: list[str] = Field(default_factory=list)

    @field_validator("sla")
    @classmethod
    def _fill_defaults(cls, value: dict[Severity, SlaTarget]) -> dict[Severity, SlaTarget]:
        return {**_default_targets(), **value}

    def targets_for(self, owner: str | None, *, escalate: bool) -> list[str] | None:
        """Notifier names for a case owner (None = every enabled notifier), plus escalation."""
        base = self.owner_targets.get(owner or "") or self.notify_targets
        if base is None or not escalate or not self.escalation_targets:
            return base
        return list(dict.fromkeys([*(base or []), *self.escalation_targets]))

    def target(self, severity: Severity) -> SlaTarget:
        """The SLA target of one severity."""
        return self.sla[severity]


CASES: Section[CasesConfig] = Section("cases", CasesConfig, CasesConfig)
