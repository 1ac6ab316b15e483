"""Incident grouping: one crisis tripping several rules is one thread for the people on duty."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest

from alerting import incidents, service
from alerting.config import GroupingConfig
from alerting.engine import AlertEngine
from alerting.enums import AlertEvent, AlertStatus
from alerting.loader import parse_rule
from alerting.models import Alert, Incident
from alerting.rules import Rule
from bench.synthetic import burst
from core.context import Context
from core.enums import Severity
from tests.alerting.conftest import MONDAY, advance, make_ctx
from tests.alerting.test_lifecycle import food, ingest
from tests.support.receivers import HttpReceiver

NOON = MONDAY + timedelta(hours=12)


def crisis_rules(food_severity: str = "warning", announce: bool = False) -> list[Rule]:
    """Two reputation rules a food-poisoning crisis trips: urgent mention and a frequency rule
    (`announce`: a new front, announced as 事态更新 when it joins)."""
    return [
        parse_rule(
            {
                "name": "food",
                "type": "frequency",
                "threshold": 3,
                "window": "10m",
                "severity": food_severity,
                "announce_in_group": announce,
                "resolve_after": "20m",
                "filter": {"categories": ["food_safety_health"]},
            },
            "test",
        ),
        parse_rule(
            {"name": "urgent", "type": "urgent_mention", "min_urgency": "critical"},
            "test",
        ),
    ]


@pytest.fixture(autouse=True)
def no_throttle(monkeypatch: pytest.MonkeyPatch) -> None:
    """Apprise sleeps between requests to one service; not in tests."""
    from apprise.plugins.base import NotifyBase

    monkeypatch.setattr(NotifyBase, "request_rate_per_sec", 0)


def wired(data_dir: Path, receiver: HttpReceiver, **alerting: Any) -> tuple[Context, AlertEngine]:
    """A context sending to the local webhook receiver, and its engine listening to ingest."""
    hook = {"name": "hook", "type": "webhook", "options": {"endpoint": receiver.url("/a")}}
    food_severity = alerting.pop("food_severity", "warning")
    announce = alerting.pop("announce", False)
    ctx = make_ctx(data_dir, NOON, notifiers=[hook], **alerting)
    engine = AlertEngine(ctx, crisis_rules(food_severity, announce))
    ctx.pipeline.add_listener(engine.listen)
    return ctx, engine


def kol_post(ctx: Context) -> list[Any]:
    """The critical KOL food-poisoning post, published just now."""
    (kol,) = burst(ctx.clock() - timedelta(seconds=5), size=0)
    return [kol]


def attached_alert(
    ctx: Context,
    config: GroupingConfig,
    rule: str,
    *,
    rule_type: str = "frequency",
    severity: Severity = Severity.MEDIUM,
    plans: list[str] | None = None,
    samples: list[str] | None = None,
    scope: str = "reputation",
    key: str = "*",
    recur: bool = False,
) -> tuple[Alert, bool]:
    """A new open alert of this rule, stored and attached to its incident; and whether that
    reopened an ended incident (事态再起)."""
    now = ctx.clock()
    alert = Alert(
        rule=rule,
        rule_type=rule_type,
        key=key,
        severity=severity,
        status=AlertStatus.OPEN,
        title=rule,
        opened_at=now,
        updated_at=now,
        last_fired_at=now,
        plans=plans or [],
        sample_mention_ids=samples or [],
    )
    with ctx.sessions() as session:
        session.add(alert)
        session.flush()
        joined = incidents.attach(session, alert, scope, config, now, recur=recur)
        session.commit()
        return alert, joined.reopened


def titles(receiver: HttpReceiver) -> list[str]:
    return [r.json["title"] for r in receiver.requests]


def test_second_rule_joins_the_incident_without_a_second_message(
    data_dir: Path, receiver: HttpReceiver
) -> None:
    ctx, engine = wired(data_dir, receiver)
    ingest(ctx, kol_post(ctx))  # urgent-mention fires at ingest: critical
    advance(ctx, timedelta(minutes=2))
    ingest(ctx, food(4, 2, ctx))
    outcomes = engine.tick()  # the frequency rule fires (warning) inside the same incident
    assert [(o.alert.rule, o.event, o.notify) for o in outcomes] == [
        ("food", AlertEvent.OPENED, False)
    ]
    with ctx.sessions() as session:
        alerts = service.get_all(session)
        (incident,) = session.query(Incident).all()
    assert {a.rule for a in alerts} == {"urgent", "food"}
    assert {a.incident_id for a in alerts} == {incident.id}
    assert incident.alert_count == 2 and incident.severity == Severity.CRITICAL
    assert incident.lead_alert_id == next(a.id for a in alerts if a.rule == "urgent")
    assert len(receiver.requests) == 1 and "新预警" in titles(receiver)[0]


def test_a_louder_signal_is_announced_with_the_incident_context(
    data_dir: Path, receiver: HttpReceiver
) -> None:
    ctx, engine = wired(data_dir, receiver)
    ingest(ctx, food(4, 0, ctx))
    engine.tick()  # frequency rule opens the incident at warning
    advance(ctx, timedelta(minutes=1))
    ingest(ctx, kol_post(ctx))  # critical urgent mention joins and raises it
    assert len(receiver.requests) == 2
    body = receiver.requests[1].json
    assert body["title"].startswith("【紧急】新预警")
    assert "共 2 条相关预警" in body["message"] and "另有：" in body["message"]
    with ctx.sessions() as session:
        (incident,) = session.query(Incident).all()
    assert incident.severity == Severity.CRITICAL and incident.alert_count == 2


def test_acknowledging_one_alert_acknowledges_the_incident_and_new_members(
    data_dir: Path, receiver: HttpReceiver
) -> None:
    ctx, engine = wired(data_dir, receiver)
    ingest(ctx, kol_post(ctx))
    with ctx.sessions() as session:
        (urgent,) = service.get_all(session)
        service.acknowledge(session, alert_id=urgent.id, by="王班长", at=ctx.clock())
    advance(ctx, timedelta(minutes=2))
    ingest(ctx, food(4, 2, ctx))
    engine.tick()
    with ctx.sessions() as session:
        alerts = service.get_all(session)
        (incident,) = session.query(Incident).all()
    assert incident.status == AlertStatus.ACKNOWLEDGED and incident.acknowledged_by == "王班长"
    assert [a.status for a in alerts] == [AlertStatus.ACKNOWLEDGED] * 2
    # the joiner says it was acknowledged with the group: 王班长 never saw it
    by_rule = {a.rule: a.acknowledged_by for a in alerts}
    assert by_rule == {"urgent": "王班长", "food": "王班长（随预警组确认）"}


def test_a_new_front_is_announced_as_a_group_update(data_dir: Path, receiver: HttpReceiver) -> None:
    ctx, engine = wired(data_dir, receiver, food_severity="high", announce=True)
    ingest(ctx, kol_post(ctx))  # urgent-mention: critical, announced
    with ctx.sessions() as session:
        (urgent,) = service.get_all(session)
        service.acknowledge(session, alert_id=urgent.id, by="王班长", at=ctx.clock())
    advance(ctx, timedelta(minutes=2))
    ingest(ctx, food(4, 2, ctx))
    outcomes = engine.tick()  # a rule marked as a new front joins the group

    assert [(o.alert.rule, o.event, o.notify) for o in outcomes] == [
        ("food", AlertEvent.GROUP_UPDATE, True)
    ]
    assert len(receiver.requests) == 2
    update = receiver.requests[1].json
    assert update["title"].startswith("【严重】事态更新：")
    assert "共 2 条相关预警" in update["message"]
    with ctx.sessions() as session:
        (incident,) = session.query(Incident).all()
        food_alert = next(a for a in service.get_all(session) if a.rule == "food")
    # The group stays with the person handling it; nothing is reopened.
    assert incident.status == AlertStatus.ACKNOWLEDGED and incident.severity == Severity.CRITICAL
    assert food_alert.acknowledged_by == "王班长（随预警组确认）"

    advance(ctx, timedelta(minutes=2))
    ingest(ctx, food(4, 4, ctx))
    assert not [o for o in engine.tick() if o.notify]  # the same rule again: quiet


def test_a_joiner_that_is_no_new_front_stays_quiet(data_dir: Path, receiver: HttpReceiver) -> None:
    ctx, engine = wired(data_dir, receiver, food_severity="high")  # not marked announce_in_group
    ingest(ctx, kol_post(ctx))
    advance(ctx, timedelta(minutes=2))
    ingest(ctx, food(4, 2, ctx))
    assert [(o.event, o.notify) for o in engine.tick()] == [(AlertEvent.OPENED, False)]
    assert len(receiver.requests) == 1


def test_an_alert_that_raises_an_acknowledged_incident_opens_it_again(
    data_dir: Path, receiver: HttpReceiver
) -> None:
    ctx, engine = wired(data_dir, receiver)
    ingest(ctx, food(4, 0, ctx))
    engine.tick()  # the frequency rule opens the incident at warning
    with ctx.sessions() as session:
        (food_alert,) = service.get_all(session)
        service.acknowledge(session, alert_id=food_alert.id, by="王班长", at=ctx.clock())
    advance(ctx, timedelta(minutes=1))
    ingest(ctx, kol_post(ctx))  # a critical urgent mention joins: an escalation nobody saw
    with ctx.sessions() as session:
        alerts = {a.rule: a for a in service.get_all(session)}
        food_alert, urgent = alerts["food"], alerts["urgent"]
        (incident,) = session.query(Incident).all()
        assert (food_alert.status, food_alert.acknowledged_by) == (
            AlertStatus.ACKNOWLEDGED,
            "王班长",
        )
        assert (urgent.status, urgent.acknowledged_by) == (AlertStatus.OPEN, None)
        assert incident.status == AlertStatus.OPEN and incident.acknowledged_by is None
        assert incident.severity == Severity.CRITICAL and incident.lead_alert_id == urgent.id
        service.acknowledge(session, alert_id=urgent.id, by="李主管", at=ctx.clock())
        (incident,) = session.query(Incident).all()
        assert incident.status == AlertStatus.ACKNOWLEDGED and incident.acknowledged_by == "李主管"


def test_the_incident_escalates_once_through_its_lead(
    data_dir: Path, receiver: HttpReceiver
) -> None:
    tiers = [
        {"tier": "front_line", "after": "0m", "notifiers": ["hook"]},
        {"tier": "team_lead", "after": "10m", "notifiers": ["hook"]},
    ]
    ctx, engine = wired(data_dir, receiver, escalation=tiers)
    ingest(ctx, kol_post(ctx))
    events = []
    for minute in range(1, 16):
        advance(ctx, timedelta(minutes=1))
        ingest(ctx, food(2, minute, ctx))
        events += [(o.alert.rule, o.event) for o in engine.tick()]
    assert events.count(("urgent", AlertEvent.ESCALATED)) == 1
    assert ("food", AlertEvent.ESCALATED) not in events
    escalations = [t for t in titles(receiver) if "预警升级" in t]
    assert len(escalations) == 1 and "班长" in escalations[0]


def test_the_incident_ends_when_its_last_alert_resolves_and_says_so_once(
    data_dir: Path, receiver: HttpReceiver
) -> None:
    ctx, engine = wired(data_dir, receiver)
    ingest(ctx, food(4, 0, ctx))
    engine.tick()
    advance(ctx, timedelta(minutes=1))
    ingest(ctx, kol_post(ctx))
    with ctx.sessions() as session:
        urgent = next(a for a in service.get_all(session) if a.rule == "urgent")
        service.resolve(session, alert_id=urgent.id, by="张三", at=ctx.clock())
        (incident,) = session.query(Incident).all()
        assert incident.status == AlertStatus.OPEN  # the frequency alert is still active
    resolved = []
    for _ in range(30):
        advance(ctx, timedelta(minutes=1))
        resolved += [o for o in engine.tick() if o.event == AlertEvent.RESOLVED]
    assert [(o.alert.rule, o.notify) for o in resolved] == [("food", True)]
    with ctx.sessions() as session:
        (incident,) = session.query(Incident).all()
    assert incident.status == AlertStatus.RESOLVED and incident.resolved_at is not None
    assert sum("预警已恢复" in t for t in titles(receiver)) == 1


def test_grouping_respects_scope_plans_and_window(data_dir: Path) -> None:
    ctx = make_ctx(data_dir, NOON)
    config = GroupingConfig(window=timedelta(hours=2))

    def opened(rule: str, plans: list[str], scope: str = "reputation") -> Alert:
        return attached_alert(ctx, config, rule, plans=plans, scope=scope)[0]

    first = opened("a", ["外卖"])
    same_plan = opened("b", ["外卖", "门店"])
    no_plan = opened("c", [])
    other_plan = opened("d", ["招聘"])
    health = opened("flat", [], scope="health")
    advance(ctx, timedelta(hours=2, minutes=1))
    late = opened("e", ["外卖"])
    assert first.incident_id == same_plan.incident_id == no_plan.incident_id
    assert len({first.incident_id, other_plan.incident_id, health.incident_id}) == 3
    assert late.incident_id not in {first.incident_id, other_plan.incident_id}


def test_grouping_can_be_switched_off(data_dir: Path, receiver: HttpReceiver) -> None:
    ctx, engine = wired(data_dir, receiver, grouping={"enabled": False})
    ingest(ctx, kol_post(ctx))
    advance(ctx, timedelta(minutes=2))
    ingest(ctx, food(4, 2, ctx))
    engine.tick()
    with ctx.sessions() as session:
        assert len({a.incident_id for a in service.get_all(session)}) == 2
    assert len(receiver.requests) == 2


def test_a_false_alarm_settles_the_incident_and_keeps_it_quiet(
    data_dir: Path, receiver: HttpReceiver
) -> None:
    ctx, engine = wired(data_dir, receiver)
    ingest(ctx, kol_post(ctx))
    advance(ctx, timedelta(minutes=2))
    ingest(ctx, food(4, 2, ctx))
    engine.tick()
    with ctx.sessions() as session:
        urgent = next(a for a in service.get_all(session) if a.rule == "urgent")
        service.resolve(session, alert_id=urgent.id, by="李娜", at=ctx.clock(), false_alarm=True)
        alerts = service.get_all(session)
        (incident,) = session.query(Incident).all()
    assert all(a.false_alarm and a.status == AlertStatus.RESOLVED for a in alerts)
    assert {a.resolved_by for a in alerts} == {"李娜"} and incident.status == AlertStatus.RESOLVED
    sent = len(receiver.requests)

    for minute in range(3, 20):  # the same condition keeps firing within realert
        advance(ctx, timedelta(minutes=1))
        ingest(ctx, food(3, minute, ctx))
        assert {o.event for o in engine.tick()} <= {AlertEvent.UPDATED}
    assert len(receiver.requests) == sent, "a 误报 is not announced again"
    with ctx.sessions() as session:
        again = service.get_all(session)
    assert len(again) == 2 and all(a.status == AlertStatus.RESOLVED for a in again)

    advance(ctx, timedelta(minutes=45))  # after realert a new finding is a new alert
    ingest(ctx, food(4, 70, ctx))
    assert [o.event for o in engine.tick()] == [AlertEvent.OPENED]


def test_urgent_alert_message_carries_the_urgency_score_and_chinese_reasons(
    data_dir: Path, receiver: HttpReceiver
) -> None:
    ctx, _engine = wired(data_dir, receiver)
    post = kol_post(ctx)
    ingest(ctx, post)
    (request,) = receiver.requests
    message = request.json["message"]
    score = post[0].urgency.score
    assert f"紧急度：{score:.0f} 分（紧急），高危内容 1 条" in message
    assert "人身安全：食物中毒" in message  # the reason, named by its signal
    assert request.json["severity"] == "critical"


def test_a_second_statement_of_the_brand_provoking_its_own_storm_is_a_new_front(
    data_dir: Path,
) -> None:
    """The airline's statement blew up (own-post-reaction, one key per post), then its apology
    did: the apology's alert is a new front of the group (事态更新), a repeat of the statement's
    key after it resolved is not."""
    ctx = make_ctx(data_dir, NOON)
    config = GroupingConfig(window=timedelta(hours=2))

    def joined(key: str) -> incidents.Joined:
        now = ctx.clock()
        alert = Alert(
            rule="own-post-reaction", rule_type="own_post_reaction", key=key,
            severity=Severity.HIGH, status=AlertStatus.OPEN, title=key, opened_at=now,
            updated_at=now, last_fired_at=now, plans=[], sample_mention_ids=[],
        )  # fmt: skip
        with ctx.sessions() as session:
            session.add(alert)
            session.flush()
            found = incidents.attach(session, alert, "reputation", config, now)
            session.commit()
            return found

    statement = joined("own:statement")
    apology = joined("own:apology")
    again = joined("own:statement")

    assert not statement.existing
    assert apology.existing and apology.new_rule
    assert again.existing and not again.new_rule
