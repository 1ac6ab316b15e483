"""The tier an alert has reached, as the configured escalation steps name it (预警中心)."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

from alerting import service
from alerting.config import ALERTING
from alerting.engine import AlertEngine
from alerting.tiers import tier_note_zh
from core.context import Context
from tests.alerting.conftest import advance, make_ctx
from tests.alerting.test_lifecycle import NOON, food, ingest, rules, webhook_config

LEAD_THEN_PR = [
    {"tier": "team_lead", "after": "0m", "notifiers": ["hook"]},
    {"tier": "management", "after": "30m", "notifiers": ["hook"]},
]


def alerted(
    data_dir: Path, escalation: list[dict[str, str]] | None = None
) -> tuple[Context, AlertEngine]:
    """Three food-safety complaints at noon and the alert they raise, notified by webhook."""
    extra = {"escalation": escalation} if escalation else {}
    ctx = make_ctx(data_dir, NOON, notifiers=webhook_config(), **extra)
    engine = AlertEngine(ctx, rules(), send=True)
    ctx.pipeline.add_listener(engine.listen)
    ingest(ctx, food(3, 0, ctx))
    engine.tick()
    return ctx, engine


def test_no_steps_configured_names_no_tier(data_dir: Path) -> None:
    ctx, _ = alerted(data_dir)
    with ctx.sessions() as session:
        (alert,) = service.get_all(session)
        note = tier_note_zh(ALERTING.of(ctx.config).escalation, alert, ctx.clock())
    assert note.startswith("未配置逐级升级")
    assert "一线" not in note


def test_tiers_are_the_configured_steps_and_say_who_hears_next(data_dir: Path) -> None:
    ctx, engine = alerted(data_dir, LEAD_THEN_PR)
    steps = ALERTING.of(ctx.config).escalation
    advance(ctx, timedelta(minutes=9, seconds=33))
    with ctx.sessions() as session:
        (alert,) = service.get_all(session)
        first = tier_note_zh(steps, alert, ctx.clock())
        tiers_sent = [d.tier for d in service.deliveries(session, alert_id=alert.id)]
    # Level 0 is the first configured step (班长 here), not the DOMAIN's first tier (一线).
    assert first == "当前层级 班长，21 分钟内无人确认将升级至 主管/公关"  # 20 分 27 秒 left
    assert tiers_sent == ["team_lead"]

    advance(ctx, timedelta(seconds=27))
    for minute in range(11, 32):  # the complaints go on, unacknowledged
        advance(ctx, timedelta(minutes=1))
        ingest(ctx, food(3, minute, ctx))
        engine.tick()
    with ctx.sessions() as session:
        (alert,) = service.get_all(session)
        assert alert.escalation_level == 1
        assert tier_note_zh(steps, alert, ctx.clock()) == "当前层级 主管/公关（最高层级）"


def test_acknowledged_alert_is_raised_no_further(data_dir: Path) -> None:
    ctx, _ = alerted(data_dir, LEAD_THEN_PR)
    steps = ALERTING.of(ctx.config).escalation
    with ctx.sessions() as session:
        (alert,) = service.get_all(session)
        service.acknowledge(session, alert_id=alert.id, by="张三", at=ctx.clock())
    with ctx.sessions() as session:
        (alert,) = service.get_all(session)
        assert tier_note_zh(steps, alert, ctx.clock() + timedelta(hours=1)) == "当前层级 班长"
