"""The "需要关注" rules on synthetic report numbers: each fires on its condition, never on noise."""

from __future__ import annotations

from dataclasses import replace
from datetime import timedelta

from reports.attention import needs_attention
from reports.comparison import MIN_BASE
from reports.config import AttentionConfig, Period
from reports.models import Headline, ReportData, Severity, ShareRow
from reports.period import last_full
from reports.workflow_rows import AlertRow, AlertsSection, KpiSection
from tests.reports.factories import NOW, TZ

CFG = AttentionConfig()
WINDOW = last_full(Period.WEEKLY, NOW, TZ)


def headline(**changes: object) -> Headline:
    values: dict[str, object] = {
        "mentions": 100,
        "prev_mentions": 100,
        "negative": 30,
        "prev_negative": 30,
        "classified": 100,
        "prev_classified": 100,
        "critical": 0,
        "prev_critical": 0,
        "reputation": 55.0,
        "prev_reputation": 55.0,
    }
    values.update(changes)
    return Headline(**values)  # type: ignore[arg-type]


def report(
    head: Headline | None = None,
    categories: list[ShareRow] | None = None,
    alerts: AlertsSection | None = None,
    kpis: KpiSection | None = None,
) -> ReportData:
    return ReportData(
        brand="品牌",
        plan=None,
        window=WINDOW,
        generated_at=NOW,
        headline=head or headline(),
        trend=[],
        channels=[],
        categories=categories or [],
        topics=[],
        alerts=alerts or AlertsSection(available=True),
        kpis=kpis or KpiSection(available=True),
    )


def rules(data: ReportData) -> list[str]:
    return [item.rule for item in needs_attention(data, CFG)]


def test_quiet_week_needs_nothing() -> None:
    assert rules(report()) == []


def test_category_share_rise_needs_a_real_base() -> None:
    rising = ShareRow("delivery_logistics", "货物运输/物流", 15, 5, 0.5, 0.2)
    assert rules(report(categories=[rising])) == ["category_share_rise"]
    item = needs_attention(report(categories=[rising]), CFG)[0]
    assert "货物运输/物流" in item.text and "30.0 个百分点" in item.text
    tiny = headline(negative=3)
    assert rules(report(head=tiny, categories=[rising])) == []
    # The first week of monitoring: nothing to compare with, so no category "rose".
    first_week = headline(prev_mentions=0, prev_negative=0, prev_classified=0)
    new = ShareRow("delivery_logistics", "货物运输/物流", 15, 0, 0.5, 0.0)
    assert rules(report(head=first_week, categories=[new])) == []


def test_volume_and_negative_share_and_reputation() -> None:
    head = headline(mentions=300, negative=150, classified=300, reputation=30.0)
    assert set(rules(report(head=head))) == {
        "volume_spike",
        "negative_share_rise",
        "reputation_low",
    }
    # Never "0 vs 0" or a tiny base.
    assert rules(report(head=headline(mentions=5, prev_mentions=0))) == []
    assert rules(report(head=headline(reputation=41.0, prev_reputation=55.0))) == ["reputation_low"]


def test_a_thin_previous_period_triggers_no_comparison_rule() -> None:
    """Two mentions last week: 300 is not "150 倍", 50 % negative of 2 is no baseline."""
    thin = headline(mentions=300, negative=150, classified=300, prev_mentions=2, prev_negative=1)
    thin = replace(thin, prev_classified=2, prev_reputation=80.0, reputation=45.0)
    rising = ShareRow("delivery_logistics", "货物运输/物流", 100, 1, 0.67, 1.0)
    data = report(head=thin, categories=[rising])
    assert rules(data) == []
    # Counts change in 条 on a thin base (no "+14900.0%"), 0 → 0 is 持平; shares say why not.
    assert [m.change_text for m in data.metrics] == [
        "+298 条",
        "上周仅 2 条，不作比较",
        "上周仅 2 条，不作比较",
        "持平",
    ]
    assert all(m.tone == "flat" for m in data.metrics)
    # From MIN_BASE on, the same numbers are compared.
    base = replace(thin, prev_mentions=MIN_BASE, prev_negative=MIN_BASE, prev_classified=MIN_BASE)
    assert {"volume_spike", "reputation_low"} <= set(rules(report(head=base)))


def test_critical_items_come_first() -> None:
    open_alert = AlertRow(NOW - timedelta(days=2), "critical", "spike", "食品安全", "open")
    solved = AlertRow(NOW - timedelta(days=3), "critical", "spike", "旧预警", "resolved")
    data = report(
        head=headline(reputation=30.0, critical=2),
        alerts=AlertsSection(available=True, rows=[solved, open_alert]),
    )
    items = needs_attention(data, CFG)
    assert [i.rule for i in items] == [
        "critical_mentions",
        "unresolved_critical_alerts",
        "reputation_low",
    ]
    assert items[0].severity == Severity.CRITICAL
    assert "食品安全" in items[1].text and "旧预警" not in items[1].text


def test_case_kpis_against_targets() -> None:
    kpis = KpiSection(
        available=True,
        cases_opened=10,
        sla_attainment=0.75,
        overdue_open=2,
        post_recovery_satisfaction=3.2,
    )
    assert rules(report(kpis=kpis)) == ["sla_below_target", "overdue_cases", "low_satisfaction"]
    good = KpiSection(available=True, cases_opened=10, sla_attainment=0.95, overdue_open=0)
    assert rules(report(kpis=good)) == []


def test_rules_marked_false_alarm_twice_are_named() -> None:
    def row(rule: str, false_alarm: bool) -> AlertRow:
        return AlertRow(
            NOW - timedelta(days=2), "high", rule, rule, "resolved", false_alarm=false_alarm
        )

    noisy = [row("new-term", True), row("new-term", True), row("new-term", False)]
    once = [row("food-safety-spike", True), row("negative-spike", False)]
    data = report(alerts=AlertsSection(available=True, rows=noisy + once))
    items = [i for i in needs_attention(data, AttentionConfig()) if i.rule == "noisy_rules"]
    assert [i.text for i in items] == [
        "规则「new-term」本周被标记误报 2 次（共 3 条预警），建议调整阈值、关键词或过滤条件。"
    ]


def test_a_critical_group_nobody_took_up_before_it_expired_is_named() -> None:
    """The cosmetics week: three 紧急 alert groups of a serum-allergy crisis, none acknowledged,
    no case, each ended by the rules' timers; the report said 已解决 3 个 and nothing else."""
    at = NOW - timedelta(days=3)

    def row(rule: str, incident: int, **fields: object) -> AlertRow:
        return AlertRow(
            at, "critical", rule, rule, "resolved", incident_id=incident,
            resolved_at=at + timedelta(hours=8), event=f"事件{incident}", **fields,  # type: ignore[arg-type]
        )  # fmt: skip

    expired = [row("urgent-mention", 1, resolved_by="auto"), row("spike", 1, resolved_by="auto")]
    handled = [row("urgent-mention", 2, resolved_by="auto", acknowledged_at=at)]
    closed = [row("urgent-mention", 3, resolved_by="李娜")]
    data = report(alerts=AlertsSection(available=True, rows=expired + handled + closed))
    items = [i for i in needs_attention(data, CFG) if i.rule == "unattended_critical_alerts"]
    assert [i.text for i in items] == [
        "紧急预警组「事件1」（2 条预警）无人确认、未立案，已由规则到时自动解除："
        "请核实危机是否已处置，并补立案留档（复盘、服务补救）。"
    ]
    assert items[0].severity == Severity.HIGH
