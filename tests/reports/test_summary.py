"""核心结论: the first lines say whether reputation got better or worse and why, never against a
period that cannot be compared, and name the open crisis with who handles it."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC

from core.context import Context
from reports.models import ReportData
from reports.render import render_html
from reports.service import build_data, plain_text, subject
from reports.summary import Direction, verdict
from reports.workflow_rows import AlertRow, AlertsSection
from tests.reports.conftest import ContextFactory
from tests.reports.factories import CURRENT, PLAN, TZ, WEEK, spread
from tests.reports.test_attention import WINDOW, headline, report


def test_a_worse_week_says_so_first_with_the_numbers_and_the_reasons(ctx: Context) -> None:
    data = build_data(ctx, WINDOW, PLAN)
    assert data.verdict is not None and data.verdict.direction == Direction.WORSE
    first, why, crisis = data.verdict.lines
    index, share = data.metrics[2], data.metrics[1]
    assert index.delta is not None and index.current is not None and share.current is not None
    assert first == (
        f"口碑变差：口碑指数 {index.current:.1f}（低于警戒线 40），较上周下降 {-index.delta:.1f}，"
        f"负面占比 {share.current * 100:.1f}%（{share.change_text}）。"
    )
    assert why.startswith("负面集中在「货物运输/物流」（10 条，50.0%）")
    assert crisis == "本周无预警。"
    html = render_html(data, {}, TZ)
    assert html.index("<h2>核心结论</h2>") < html.index("<h2>核心指标</h2>")
    assert f"<li>{first}</li>" in html
    text = plain_text(data)
    assert "核心结论：\n- 口碑变差：" in text and "提及总量：40（较上周 +100.0%）" in text
    assert subject(data).endswith("舆情周报 2026-11-16 至 2026-11-22：口碑变差")


def test_a_first_week_gives_no_direction(make_ctx: ContextFactory) -> None:
    """Nothing to compare with: the level, and why no better/worse (no 口碑变差 in the subject)."""
    ctx = make_ctx()
    ctx.index.upsert_many(spread(CURRENT, WEEK, "cur"))
    data = build_data(ctx, WINDOW, PLAN)
    assert data.verdict is not None and data.verdict.direction == Direction.UNKNOWN
    assert data.verdict.lines[0].endswith("；上周尚无监测数据，无法判断好转还是变差。")
    assert "：口碑" not in subject(data)


def with_head(data: ReportData, **changes: object) -> ReportData:
    return replace(data, headline=headline(**changes))


def test_small_moves_are_steady_and_a_recovery_is_better() -> None:
    steady = verdict(with_head(report(), reputation=56.0, prev_reputation=55.0))
    assert steady is not None and steady.direction == Direction.STEADY
    assert (
        steady.lines[0]
        == "口碑基本持平：口碑指数 56.0，较上周 +1.0，负面占比 30.0%（+0.0 个百分点）。"
    )
    better = verdict(with_head(report(), reputation=61.0, prev_reputation=55.0, negative=20))
    assert better is not None and better.direction == Direction.BETTER
    assert better.lines[0].startswith("口碑好转：口碑指数 61.0，较上周上升 6.0，负面占比 20.0%")


def test_an_open_crisis_names_its_event_and_owner() -> None:
    at = WEEK.astimezone(UTC)
    alerts = [
        AlertRow(at, "critical", "r1", "高危舆情", "open", incident_id=1, event="酸菜鱼里有虫子",
                 cases=("案件 #1（已受理，负责人 张经理）",)),
        AlertRow(at, "high", "r2", "投诉激增", "open", incident_id=1, event="酸菜鱼里有虫子"),
        AlertRow(at, "critical", "r3", "差评集中", "open", incident_id=2),
    ]  # fmt: skip
    data = replace(report(), alerts=AlertsSection(available=True, rows=alerts))
    found = verdict(data)
    assert found is not None
    assert found.lines[-1] == (
        "2 个紧急预警组尚未解决：「酸菜鱼里有虫子」，案件 #1（已受理，负责人 张经理）；"
        "差评集中，尚未立案，无人负责。"
    )
    assert verdict(replace(data, headline=headline(mentions=0))) is None


def test_groups_that_expired_unattended_are_not_just_solved() -> None:
    """已解决 3 个 read as handled; the rules' timers ended them and nobody took them up."""
    at = WEEK.astimezone(UTC)
    alerts = [
        AlertRow(at, "critical", "r1", "高危舆情", "resolved", incident_id=1, resolved_by="auto",
                 resolved_at=at),
        AlertRow(at, "critical", "r2", "差评集中", "resolved", incident_id=2, resolved_by="李娜",
                 resolved_at=at),
    ]  # fmt: skip
    found = verdict(replace(report(), alerts=AlertsSection(available=True, rows=alerts)))
    assert found is not None
    assert found.lines[-1] == (
        "2 个预警组，已解决 2 个（其中 1 个紧急预警组无人确认、未立案，由规则到时自动解除），"
        "无未解决的紧急预警。"
    )
