"""Alert lifecycle: one growing alert per incident, realert, ack, escalation, resolve, restart."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

from alerting import service
from alerting.engine import AlertEngine
from alerting.enums import AlertEvent, AlertStatus, DeliveryStatus
from alerting.loader import parse_rule
from alerting.rules import Rule
from bench.synthetic import burst, make_mention
from core.context import Context
from core.enums import Category, Severity
from tests.alerting.conftest import MONDAY, advance, make_ctx

NOON = MONDAY + timedelta(hours=12)


def rules() -> list[Rule]:
    """A frequency rule and an urgent-mention rule with short timers."""
    return [
        parse_rule(
            {
                "name": "food",
                "type": "frequency",
                "threshold": 3,
                "window": "10m",
                "realert": "30m",
                "resolve_after": "20m",
                "filter": {"categories": ["food_safety_health"]},
            },
            "test",
        ),
        parse_rule(
            {
                "name": "urgent",
                "type": "urgent_mention",
                "min_urgency": "critical",
                "realert": "30m",
            },
            "test",
        ),
    ]


def ingest(ctx: Context, mentions: list) -> None:
    """Stamp, index and announce mentions at the current simulated time."""
    now = ctx.clock()
    ctx.pipeline.process([m.model_copy(update={"collected_at": now}) for m in mentions])


def food(n: int, start_minute: float, ctx: Context) -> list:
    """n food-safety complaints published just before now."""
    now = ctx.clock()
    return [
        make_mention(
            f"f{start_minute}-{i}",
            now - timedelta(seconds=30 - i),
            f"吃坏肚子 {start_minute}-{i}",
            category=Category.FOOD_SAFETY_HEALTH,
        )
        for i in range(n)
    ]


def webhook_config(port: int = 9) -> list[dict]:
    """A webhook notifier pointing at a closed port (deliveries fail and are kept)."""
    return [
        {"name": "hook", "type": "webhook", "options": {"endpoint": f"http://127.0.0.1:{port}/x"}}
    ]


def test_one_incident_is_one_alert_that_grows(data_dir: Path) -> None:
    ctx = make_ctx(data_dir, NOON)
    engine = AlertEngine(ctx, rules(), send=False)
    ctx.pipeline.add_listener(engine.listen)
    ingest(ctx, food(3, 0, ctx))
    first = engine.tick()
    assert [o.event for o in first] == [AlertEvent.OPENED]
    for step in range(1, 5):
        advance(ctx, timedelta(minutes=1))
        ingest(ctx, food(2, step, ctx))
        engine.tick()
    with ctx.sessions() as session:
        alerts = service.get_all(session)
    assert len(alerts) == 1
    alert = alerts[0]
    assert alert.status == AlertStatus.OPEN and alert.count == 11 and alert.peak == 11
    assert alert.fire_count == 5 and len(alert.sample_mention_ids) <= 10
    assert alert.title and alert.rule_type == "frequency"


def test_realert_is_per_key_and_needs_growth(data_dir: Path) -> None:
    ctx = make_ctx(data_dir, NOON)
    engine = AlertEngine(ctx, rules(), send=False)
    ctx.pipeline.add_listener(engine.listen)
    ingest(ctx, food(3, 0, ctx))
    events = [o.event for o in engine.tick()]
    for minute in range(1, 41):
        advance(ctx, timedelta(minutes=1))
        if minute % 4 == 0:
            ingest(ctx, food(3 + minute // 10, minute, ctx))
        events += [o.event for o in engine.tick()]
    assert events.count(AlertEvent.OPENED) == 1
    assert events.count(AlertEvent.REALERTED) == 1  # after 30 minutes, because it grew


def test_auto_resolve_then_new_alert_after_realert_window(data_dir: Path) -> None:
    ctx = make_ctx(data_dir, NOON)
    engine = AlertEngine(ctx, rules(), send=False)
    ctx.pipeline.add_listener(engine.listen)
    ingest(ctx, food(3, 0, ctx))
    engine.tick()
    advance(ctx, timedelta(minutes=25))
    assert [o.event for o in engine.tick()] == [AlertEvent.RESOLVED]
    advance(ctx, timedelta(minutes=1))
    ingest(ctx, food(3, 26, ctx))
    within = engine.tick()  # within realert: the same alert, nobody told again
    assert [(o.event, o.notify) for o in within] == [(AlertEvent.REOPENED, False)]
    advance(ctx, timedelta(minutes=25))
    engine.tick()
    advance(ctx, timedelta(minutes=40))
    ingest(ctx, food(3, 91, ctx))
    # A count keyed by nothing but the brand: after realert, a new alert (the same alert comes
    # back after its group ended only for a rule keyed by subject, test_incident_resurgence).
    assert [o.event for o in engine.tick()] == [AlertEvent.OPENED]
    with ctx.sessions() as session:
        assert [a.status for a in service.get_all(session)] == [
            AlertStatus.OPEN,
            AlertStatus.RESOLVED,
        ]


def test_urgent_mention_fires_at_ingest_and_accumulates(data_dir: Path) -> None:
    ctx = make_ctx(data_dir, NOON)
    engine = AlertEngine(ctx, rules(), send=False)
    ctx.pipeline.add_listener(engine.listen)
    incident = burst(NOON - timedelta(seconds=5), size=3)
    for i, mention in enumerate(incident):
        incident[i] = mention.model_copy(update={"published_at": NOON - timedelta(seconds=5)})
    ingest(ctx, incident[:1])
    with ctx.sessions() as session:
        (alert,) = service.get_all(session)
    assert alert.rule == "urgent" and alert.severity == Severity.CRITICAL and alert.count == 1
    assert alert.notified_at is not None and alert.sample_mention_ids == [incident[0].id]
    second = incident[1].model_copy(
        update={"urgency": incident[0].urgency, "native_id": "kol2", "id": ""}
    )
    ingest(ctx, [second])
    with ctx.sessions() as session:
        (alert,) = service.get_all(session)
    assert alert.count == 2


def test_escalation_tiers_until_acknowledged(data_dir: Path) -> None:
    tiers = [
        {"tier": "front_line", "after": "0m", "notifiers": ["hook"]},
        {"tier": "team_lead", "after": "10m", "notifiers": ["hook"]},
        {"tier": "specialist", "after": "20m", "notifiers": ["hook"]},
        {"tier": "management", "after": "30m", "notifiers": ["hook"]},
    ]
    ctx = make_ctx(data_dir, NOON, escalation=tiers, notifiers=webhook_config())
    engine = AlertEngine(ctx, rules(), send=True)
    ctx.pipeline.add_listener(engine.listen)
    ingest(ctx, food(3, 0, ctx))
    engine.tick()
    events = []
    for minute in range(1, 16):
        advance(ctx, timedelta(minutes=1))
        ingest(ctx, food(3, minute, ctx))
        events += [o.event for o in engine.tick()]
    assert events.count(AlertEvent.ESCALATED) == 1
    with ctx.sessions() as session:
        (alert,) = service.get_all(session)
        assert alert.escalation_level == 1
        service.acknowledge(session, alert_id=alert.id, by="张三", at=ctx.clock())
    for minute in range(16, 40):
        advance(ctx, timedelta(minutes=1))
        ingest(ctx, food(3, minute, ctx))
        events += [o.event for o in engine.tick()]
    assert events.count(AlertEvent.ESCALATED) == 1  # acknowledged: no more tiers
    with ctx.sessions() as session:
        tiers_sent = [d.tier for d in service.deliveries(session, alert_id=alert.id)]
    assert tiers_sent == ["front_line", "team_lead"]


def test_restart_mid_incident_keeps_alert_and_sends_nothing_twice(data_dir: Path) -> None:
    ctx = make_ctx(data_dir, NOON, notifiers=webhook_config())
    engine = AlertEngine(ctx, rules(), send=True)
    ctx.pipeline.add_listener(engine.listen)
    ingest(ctx, food(3, 0, ctx))
    engine.tick()
    now = advance(ctx, timedelta(minutes=2))
    ctx.close()

    again = make_ctx(data_dir, now)
    again.config.alerting.notifiers = ctx.config.alerting.notifiers
    engine = AlertEngine(again, rules(), send=True)
    again.pipeline.add_listener(engine.listen)
    for minute in range(3, 8):
        advance(again, timedelta(minutes=1))
        ingest(again, food(2, minute, again))
        assert all(o.event == AlertEvent.UPDATED for o in engine.tick())
    with again.sessions() as session:
        (alert,) = service.get_all(session)
        deliveries = service.deliveries(session)
    assert alert.status == AlertStatus.OPEN and alert.count >= 5
    assert len(deliveries) == 1 and deliveries[0].alert_id == alert.id
    assert deliveries[0].status in (DeliveryStatus.FAILED, DeliveryStatus.GAVE_UP)
    assert deliveries[0].attempts >= 1 and deliveries[0].last_error
    again.close()


def test_rule_state_survives_restart(data_dir: Path) -> None:
    ctx = make_ctx(data_dir, NOON)
    spike = parse_rule({"name": "s", "type": "spike", "min_count": 1}, "test")
    ingest(ctx, [make_mention("old", NOON - timedelta(days=2), "前天")])
    ingest(ctx, [make_mention("new", NOON - timedelta(minutes=1), "今天")])
    AlertEngine(ctx, [spike], send=False).tick()
    ctx.close()
    again = make_ctx(data_dir, NOON)
    reloaded = AlertEngine(again, [spike], send=False)
    last, state = reloaded._states["s"]
    assert last == NOON and "baseline" in state and state["baseline"]["*"]["rate"] is not None


def test_backfilled_urgent_history_does_not_page(data_dir: Path) -> None:
    ctx = make_ctx(data_dir, NOON)
    engine = AlertEngine(ctx, rules(), send=False)
    ctx.pipeline.add_listener(engine.listen)
    ingest(ctx, burst(NOON - timedelta(days=3), size=0))
    with ctx.sessions() as session:
        assert service.get_all(session) == []
