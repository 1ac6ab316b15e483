"""Alerts and case KPIs come from the workflow store; absent modules degrade to "无数据"."""

from __future__ import annotations

import sys
import types
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest

from reports.config import Period
from reports.period import last_full
from reports.workflow import load_alerts, load_kpis
from tests.reports.factories import NOW, TZ, WEEK, add_alerts

WINDOW = last_full(Period.WEEKLY, NOW, TZ)


def test_alerts_of_the_week_and_still_open(make_ctx: Any) -> None:
    ctx = make_ctx()
    add_alerts(ctx)
    section = load_alerts(ctx.sessions, WINDOW.start, WINDOW.end)
    assert section.available
    assert [row.title for row in section.rows] == ["上周未解决", "本周告警"]
    this_week = section.rows[1]
    assert this_week.opened_at == (WEEK + timedelta(days=2, hours=9)).astimezone(UTC)
    assert (this_week.severity_label, this_week.status_label) == ("严重", "已确认")
    assert this_week.time_to_ack == timedelta(minutes=12)
    assert [row.title for row in section.unresolved_critical] == ["上周未解决"]


def test_missing_alerting_module_means_no_data(
    make_ctx: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    sessions = make_ctx().sessions  # the workflow store may import alerting.models itself
    monkeypatch.setitem(sys.modules, "alerting.models", None)
    assert not load_alerts(sessions, WINDOW.start, WINDOW.end).available


@dataclass
class FakeKpis:
    cases_opened: int = 12
    cases_closed: int = 9
    first_response_median: timedelta | None = timedelta(minutes=42)
    resolution_median: float | None = 3 * 3600.0
    sla_attainment: float | None = 0.85
    recovery_closure_rate: float | None = 0.7
    post_recovery_satisfaction: float | None = None
    overdue_open: int = 2


def test_case_kpis_are_read_through_compute_kpis(
    make_ctx: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    calls: list[dict[str, Any]] = []

    def compute_kpis(
        session: Any, *, start: datetime, end: datetime, now: datetime | None = None
    ) -> FakeKpis:
        calls.append({"start": start, "end": end, "now": now})
        return FakeKpis()

    module = types.ModuleType("crisis_playbooks.kpis")
    module.compute_kpis = compute_kpis  # type: ignore[attr-defined]
    monkeypatch.setitem(sys.modules, "crisis_playbooks.kpis", module)
    ctx = make_ctx()
    kpis = load_kpis(ctx.sessions, WINDOW.start, WINDOW.end, NOW)
    assert calls == [{"start": WINDOW.start, "end": WINDOW.end, "now": NOW}]
    assert kpis.has_data and kpis.cases_opened == 12 and kpis.sla_attainment == 0.85
    assert kpis.resolution_median == timedelta(hours=3)
    assert kpis.post_recovery_satisfaction is None


def test_without_kpi_module_the_section_is_unavailable(
    make_ctx: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    sessions = make_ctx().sessions
    monkeypatch.setitem(sys.modules, "crisis_playbooks.kpis", None)
    kpis = load_kpis(sessions, WINDOW.start, WINDOW.end, NOW)
    assert not kpis.available and not kpis.has_data
