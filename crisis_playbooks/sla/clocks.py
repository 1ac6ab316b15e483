"""SLA clocks of a case: elapsed business time minus pauses, due time, state.

A clock reads four times of a case and its pauses, from the ORM objects (flows, case detail)
or from the plain rows the case board reads without SQLAlchemy (crisis_playbooks.board):
both fit `ClockedCase` and `ClockPause`, so the arithmetic exists once.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Protocol

from core.enums import Severity
from core.timeutil import interval_zh
from crisis_playbooks.config import CasesConfig, SlaTarget
from crisis_playbooks.sla.calendar import AroundTheClock, BusinessCalendar
from crisis_playbooks.sla.enums import ClockKind, ClockState


class ClockedCase(Protocol):
    """What the clocks read of a case."""

    @property
    def severity(self) -> str: ...
    @property
    def opened_at(self) -> datetime: ...
    @property
    def first_response_at(self) -> datetime | None: ...
    @property
    def resolved_at(self) -> datetime | None: ...


class ClockPause(Protocol):
    """A period the clocks stood still (ended_at None while it runs)."""

    @property
    def started_at(self) -> datetime: ...
    @property
    def ended_at(self) -> datetime | None: ...


class TimeCounter(Protocol):
    """Counts SLA time between instants and finds the instant a budget runs out."""

    def between(self, start: datetime, end: datetime) -> timedelta:
        """Counted time between two instants."""
        ...

    def add(self, start: datetime, amount: timedelta) -> datetime:
        """The instant `amount` of counted time after start."""
        ...


@dataclass(frozen=True)
class SlaPolicy:
    """Targets per severity, the warning ratio and the business calendar."""

    config: CasesConfig
    calendar: BusinessCalendar

    @classmethod
    def from_config(cls, config: CasesConfig, default_tz: str) -> SlaPolicy:
        """Build from the `cases:` section and the app time zone."""
        return cls(config, BusinessCalendar.from_config(config.calendar, default_tz))

    def target(self, severity: Severity) -> SlaTarget:
        """The targets of one severity."""
        return self.config.target(severity)

    def counter(self, severity: Severity) -> TimeCounter:
        """Business hours, or every hour for around-the-clock severities."""
        return AroundTheClock() if self.target(severity).around_the_clock else self.calendar

    def counted_zh(self, severity: Severity) -> str:
        """How this severity's clocks count time, in Chinese (全天候计时 / 按工作时间计)."""
        return "全天候计时" if self.target(severity).around_the_clock else "按工作时间计"


@dataclass(frozen=True)
class SlaClock:
    """One clock's reading at `now`."""

    kind: ClockKind
    state: ClockState
    target: timedelta
    elapsed: timedelta
    due_at: datetime | None
    stopped_at: datetime | None

    @property
    def consumed(self) -> float:
        """Share of the target used (1.0 = due now)."""
        return self.elapsed / self.target if self.target else 1.0

    @property
    def target_zh(self) -> str:
        """The target in hours (24 小时, 1 小时 30 分钟): a 天 could be read as a working day."""
        return interval_zh(self.target, top="小时")

    @property
    def remaining(self) -> timedelta:
        """Counted time left (negative once breached)."""
        return self.target - self.elapsed


def _paused(counter: TimeCounter, pauses: Sequence[ClockPause], until: datetime) -> timedelta:
    total = timedelta(0)
    for pause in pauses:
        end = min(pause.ended_at or until, until)
        total += counter.between(pause.started_at, end)
    return total


def read_clock(
    case: ClockedCase,
    pauses: Sequence[ClockPause],
    kind: ClockKind,
    policy: SlaPolicy,
    now: datetime,
) -> SlaClock:
    """Read one clock of a case at `now`."""
    severity = Severity(case.severity)
    counter = policy.counter(severity)
    target_cfg = policy.target(severity)
    target = (
        target_cfg.first_response if kind == ClockKind.FIRST_RESPONSE else target_cfg.resolution
    )
    stopped = case.first_response_at if kind == ClockKind.FIRST_RESPONSE else case.resolved_at
    until = min(stopped, now) if stopped else now
    paused = _paused(counter, pauses, until)
    elapsed = counter.between(case.opened_at, until) - paused
    due_at = counter.add(case.opened_at, target + paused).astimezone(UTC)
    running_pause = any(p.ended_at is None for p in pauses)
    if stopped is not None:
        state = ClockState.MET if elapsed <= target else ClockState.BREACHED
    elif elapsed > target:
        state = ClockState.BREACHED
    elif running_pause:
        state = ClockState.PAUSED
    elif elapsed >= target * policy.config.warn_at:
        state = ClockState.WARNING
    else:
        state = ClockState.RUNNING
    return SlaClock(kind, state, target, elapsed, None if running_pause else due_at, stopped)


def read_clocks(
    case: ClockedCase, pauses: Sequence[ClockPause], policy: SlaPolicy, now: datetime
) -> list[SlaClock]:
    """Both clocks of a case."""
    return [read_clock(case, pauses, kind, policy, now) for kind in ClockKind]
