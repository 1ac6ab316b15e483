"""The most severe alert leads its group: the escalation people hear of is the crisis', on time."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

import pytest

from alerting import incidents, service
from alerting.config import GroupingConfig
from alerting.engine import AlertEngine
from alerting.enums import AlertEvent
from alerting.models import Incident
from core.enums import Severity
from tests.alerting.conftest import advance, make_ctx
from tests.alerting.test_incidents import NOON, attached_alert, crisis_rules, kol_post, wired
from tests.alerting.test_lifecycle import food, ingest
from tests.support.receivers import HttpReceiver


def test_a_severer_joiner_leads_and_escalates_on_the_groups_clock(
    data_dir: Path, receiver: HttpReceiver
) -> None:
    notifiers = [
        {"name": "hook", "type": "webhook", "options": {"endpoint": receiver.url("/hook")}},
        {
            "name": "sms",  # a channel for 紧急 only
            "type": "webhook",
            "options": {"endpoint": receiver.url("/sms")},
            "min_severity": "critical",
        },
    ]
    tiers = [
        {"tier": "front_line", "after": "0m", "notifiers": ["hook"]},
        {"tier": "team_lead", "after": "10m", "notifiers": ["hook", "sms"]},
    ]
    ctx = make_ctx(data_dir, NOON, notifiers=notifiers, escalation=tiers)
    engine = AlertEngine(ctx, crisis_rules())
    ctx.pipeline.add_listener(engine.listen)
    ingest(ctx, food(4, 0, ctx))
    engine.tick()  # the frequency rule opens the group at 一般 (warning); nobody acknowledges
    opened = ctx.clock()
    advance(ctx, timedelta(minutes=3))
    ingest(ctx, kol_post(ctx))  # a 紧急 post joins the group and raises it
    escalated = []
    for _ in range(12):
        advance(ctx, timedelta(minutes=1))
        ingest(ctx, food(2, (ctx.clock() - opened).total_seconds() / 60, ctx))
        escalated += [
            (o.alert.rule, ctx.clock() - opened)
            for o in engine.tick()
            if o.event == AlertEvent.ESCALATED
        ]

    # Once, for the 紧急 post, ten minutes after the group opened (not after the post joined).
    assert escalated == [("urgent", timedelta(minutes=10))]
    sms = [r.json["title"] for r in receiver.requests if r.path == "/sms"]
    assert len(sms) == 1 and sms[0].startswith("【紧急】预警升级")
    with ctx.sessions() as session:
        (incident,) = session.query(Incident).all()
        urgent = next(a for a in service.get_all(session) if a.rule == "urgent")
        assert incident.lead_alert_id == urgent.id and urgent.escalation_level == 1


def test_when_the_lead_resolves_the_most_severe_alert_left_leads(data_dir: Path) -> None:
    ctx = make_ctx(data_dir, NOON)
    config = GroupingConfig()
    first, _ = attached_alert(ctx, config, "a", severity=Severity.MEDIUM)
    loudest, _ = attached_alert(ctx, config, "b", severity=Severity.CRITICAL)
    second, _ = attached_alert(ctx, config, "c", severity=Severity.HIGH)
    with ctx.sessions() as session:
        (incident,) = session.query(Incident).all()
        assert incident.lead_alert_id == loudest.id
        service.resolve(session, alert_id=loudest.id, by="张三", at=ctx.clock())
        (incident,) = session.query(Incident).all()
        assert incident.lead_alert_id == second.id != first.id


@pytest.mark.parametrize("acknowledged", [False, True])
def test_a_critical_group_ending_unseen_says_so(
    data_dir: Path, receiver: HttpReceiver, acknowledged: bool
) -> None:
    ctx, engine = wired(data_dir, receiver)
    ingest(ctx, kol_post(ctx))  # a 紧急 post: urgent-mention opens the group
    if acknowledged:
        with ctx.sessions() as session:
            (alert,) = service.get_all(session)
            service.acknowledge(session, alert_id=alert.id, by="王班长", at=ctx.clock())
    for _ in range(15):  # urgent-mention resolves 2 h after its last post
        advance(ctx, timedelta(minutes=10))
        engine.tick()
    (ended,) = [r.json["message"] for r in receiver.requests if "预警已恢复" in r.json["title"]]
    assert ("无人点过「确认」" in ended) is not acknowledged


def test_a_member_that_rises_above_the_group_leads_it(data_dir: Path) -> None:
    ctx = make_ctx(data_dir, NOON)
    config = GroupingConfig()
    lead, _ = attached_alert(ctx, config, "a", severity=Severity.HIGH)
    member, _ = attached_alert(ctx, config, "b", severity=Severity.MEDIUM)
    with ctx.sessions() as session:
        rising = session.get(type(member), member.id)
        assert rising is not None
        rising.severity = Severity.CRITICAL  # its next finding was 紧急
        assert incidents.raise_severity(session, rising)
        (incident,) = session.query(Incident).all()
        assert incident.lead_alert_id == member.id != lead.id
