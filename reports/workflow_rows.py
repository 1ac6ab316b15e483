"""The report's alert and case sections as plain dataclasses: each alert of the period, the
incidents (预警组) they form, and the case KPIs (filled by reports.workflow)."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime, timedelta

from alerting.unattended import unattended
from core.enums import Severity


@dataclass(frozen=True)
class AlertRow:
    """One alert of the period, as the timeline and the table show it."""

    opened_at: datetime
    severity: Severity
    rule: str
    title: str
    status: str
    severity_label: str = ""
    status_label: str = ""
    count: int | None = None
    acknowledged_at: datetime | None = None
    resolved_at: datetime | None = None
    incident_id: int | None = None
    false_alarm: bool = False  # marked 误报 by a person
    cases: tuple[str, ...] = ()  # "案件 #3（已解决，负责人 李娜）" for each linked case
    event: str | None = None  # the title of the event its sample mentions belong to
    alert_id: int | None = None  # its row in the alert store (the cases handling it link it)
    resolved_by: str | None = None  # who resolved it; alerting.enums.AUTO_RESOLVER: its timer
    started_at: datetime | None = None  # its first post, when older than opened_at (back-filled)

    @property
    def is_resolved(self) -> bool:
        """True once resolved."""
        return self.resolved_at is not None or self.status.lower() in {"resolved", "closed"}

    def __post_init__(self) -> None:
        # Stored rows of older versions say "warning"/"info": read them as today's levels.
        object.__setattr__(self, "severity", Severity(self.severity))
        if not self.severity_label:
            object.__setattr__(self, "severity_label", self.severity.label_zh)

    @property
    def is_critical(self) -> bool:
        """True for the highest severities."""
        return self.severity == Severity.CRITICAL

    @property
    def time_to_ack(self) -> timedelta | None:
        """How long until someone acknowledged it."""
        return self.acknowledged_at - self.opened_at if self.acknowledged_at else None


@dataclass(frozen=True)
class IncidentRow:
    """The alerts one crisis raised across rules, as one line of the report."""

    alerts: tuple[AlertRow, ...]

    @property
    def lead(self) -> AlertRow:
        """The first alert: its title names the incident."""
        return self.alerts[0]

    @property
    def opened_at(self) -> datetime:
        """When the first signal fired."""
        return self.lead.opened_at

    @property
    def started_at(self) -> datetime:
        """When the crisis began: its alerts' earliest start (a back-filled week's first post)."""
        return min(a.started_at or a.opened_at for a in self.alerts)

    @property
    def severity(self) -> Severity:
        """The highest severity of its alerts."""
        return Severity.highest(a.severity for a in self.alerts) or Severity.LOW

    @property
    def severity_label(self) -> str:
        """The Chinese label of that severity."""
        return next(a.severity_label for a in self.alerts if a.severity == self.severity)

    @property
    def title(self) -> str:
        """The lead's title (or rule)."""
        return self.lead.title or self.lead.rule

    @property
    def event(self) -> str | None:
        """The public story it is about: the event of its first alert that has one."""
        return next((a.event for a in self.alerts if a.event), None)

    @property
    def name(self) -> str:
        """What readers call it: 「event title」, else the rule's alert title."""
        return f"「{self.event}」" if self.event else self.title

    @property
    def signals(self) -> int:
        """How many rules' alerts it groups."""
        return len(self.alerts)

    @property
    def is_resolved(self) -> bool:
        """True once every alert is resolved."""
        return all(a.is_resolved for a in self.alerts)

    @property
    def false_alarm(self) -> bool:
        """True when people marked the incident 误报."""
        return all(a.false_alarm for a in self.alerts)

    @property
    def status_label(self) -> str:
        """The least settled status among its alerts (误报 when dismissed)."""
        if self.false_alarm:
            return "误报"
        unsettled = [a for a in self.alerts if not a.is_resolved]
        pick = next((a for a in unsettled if not a.acknowledged_at), None) or (
            unsettled[0] if unsettled else self.alerts[-1]
        )
        return pick.status_label or pick.status

    @property
    def resolved_at(self) -> datetime | None:
        """When the last alert resolved (None while any is open)."""
        if not self.is_resolved:
            return None
        return max((a.resolved_at for a in self.alerts if a.resolved_at), default=None)

    @property
    def time_to_ack(self) -> timedelta | None:
        """From the first signal to the first acknowledgement."""
        acks = [a.acknowledged_at for a in self.alerts if a.acknowledged_at]
        return min(acks) - self.opened_at if acks else None

    @property
    def unattended(self) -> bool:
        """A critical group that ended by the rules' timers alone: nobody acknowledged any of
        its alerts, resolved one, marked it 误报 or opened a case for it."""
        return unattended(self.alerts, handled_by_case=bool(self.cases))

    @property
    def cases(self) -> list[str]:
        """The cases handling it, each once."""
        return list(dict.fromkeys(c for a in self.alerts for c in a.cases))


@dataclass(frozen=True)
class AlertsSection:
    """Alerts opened in the period (or still open); available=False when alerting is absent."""

    available: bool
    rows: list[AlertRow] = field(default_factory=list)

    @property
    def incidents(self) -> list[IncidentRow]:
        """Rows grouped by incident (an alert without one is its own), by first signal."""
        groups: dict[object, list[AlertRow]] = {}
        for number, row in enumerate(self.rows):
            key = row.incident_id if row.incident_id is not None else ("alone", number)
            groups.setdefault(key, []).append(row)
        grouped = [
            IncidentRow(tuple(sorted(g, key=lambda a: a.opened_at))) for g in groups.values()
        ]
        return sorted(grouped, key=lambda i: i.opened_at)

    @property
    def unresolved_critical(self) -> list[AlertRow]:
        """Critical alerts still open."""
        return [row for row in self.rows if row.is_critical and not row.is_resolved]

    @property
    def unresolved_critical_incidents(self) -> list[IncidentRow]:
        """Alert groups holding a critical alert that is still open, one per crisis."""
        return [i for i in self.incidents if any(a in self.unresolved_critical for a in i.alerts)]


@dataclass(frozen=True)
class KpiSection:
    """Case KPIs from crisis_playbooks; available=False when that module is absent."""

    available: bool
    cases_opened: int | None = None
    cases_closed: int | None = None
    first_response_median: timedelta | None = None
    resolution_median: timedelta | None = None
    sla_attainment: float | None = None
    recovery_closure_rate: float | None = None
    post_recovery_satisfaction: float | None = None  # mean score on the 1–5 scale
    overdue_open: int | None = None
    first_contact_resolution: float | None = None  # 一次性解决率

    @property
    def has_data(self) -> bool:
        """True when at least one KPI has a value."""
        values = [self.cases_opened, self.cases_closed, self.sla_attainment, self.overdue_open]
        return self.available and any(v for v in values)
