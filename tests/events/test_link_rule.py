"""One rule links alerts and events: an alert whose samples span two events belongs to one."""

from __future__ import annotations

from datetime import timedelta
from typing import cast

import pytest
from sqlalchemy import Table, delete, select, text

from alerting.enums import AlertEvent, AlertStatus
from alerting.models import Alert, AlertSample
from alerting.templates import render_alert
from brand_events import detail, links
from brand_events.listing import EventRow, read_events
from core.context import Context
from core.db import init_db
from core.enums import Severity
from core.models import Mention
from core.own_accounts import OwnAccounts
from core.schema_stamp import STAMP_TABLE
from core.timeutil import SimulatedClock
from crisis_playbooks.cases import service as cases
from crisis_playbooks.cases.event_links import case_event
from dashboard import event_data
from dashboard.event_data import alerts_by_event
from reports.decisions import BrandVoice, _statements
from tests.events.test_clustering import T0, post


def _two_events(ctx: Context) -> tuple[EventRow, EventRow, dict[str, str]]:
    """A cockroach incident, then (an hour later) a rude-rider incident: two visible events."""
    bug = [post("s", "鲜味坊外卖的酸菜鱼里吃出一只蟑螂，门店还不承认", 0, "吃货小王")]
    bug += [post(f"b{i}", "太恶心了//@吃货小王:", 2 + i, f"b{i}", repost_of="s") for i in range(5)]
    rude = [post("t", "鲜味坊骑手把汤洒了一地还骂人，投诉三次没人管", 60, "路人甲")]
    rude += [post(f"d{i}", "转发微博", 62 + i, f"d{i}", repost_of="t") for i in range(5)]
    report = ctx.pipeline.process([*bug, *rude])
    ids = {m.native_id: m.id for m in report.new}
    events = sorted(read_events(ctx), key=lambda e: e.started_at)
    assert len(events) == 2
    return events[0], events[1], ids


def _alert(alert_id: int, samples: list[str], minutes: int = 70) -> Alert:
    at = T0 + timedelta(minutes=minutes)
    return Alert(
        id=alert_id,
        rule=f"rule-{alert_id}",
        rule_type="urgent",
        key=f"k{alert_id}",
        severity=Severity.HIGH,
        status=AlertStatus.OPEN,
        title=f"预警 {alert_id}",
        opened_at=at,
        updated_at=at,
        last_fired_at=at,
        count=len(samples),
        sample_mention_ids=samples,
        plans=[],
    )


def test_an_alert_spanning_two_events_is_linked_the_same_way_in_both_directions(
    ctx: Context,
) -> None:
    first, second, ids = _two_events(ctx)
    later = ["t", "d0", "d1"]  # most samples in the later event
    tied = ["b0", "b1", "d2", "d3"]  # two and two: the earlier event
    with ctx.sessions.begin() as session:
        session.add(_alert(1, [ids[n] for n in ["s", *later]]))
        session.add(_alert(2, [ids[n] for n in tied]))
        session.add(_alert(3, [ids["b2"]]))
    with ctx.sessions() as session:
        homes = links.owners(session, {1: [ids[n] for n in ["s", *later]]})
        assert homes[1].id == second.id
        assert links.owner(session, [ids[n] for n in tied]).id == first.id  # type: ignore[union-attr]
        by_event = alerts_by_event(session, T0)
        for event, expected in ((first, [2, 3]), (second, [1])):
            full = detail.build(session, ctx.index, event)
            assert [a["id"] for a in full.alerts] == expected
            assert all(links.SAMPLES not in a for a in full.alerts)
            assert sorted(a.id for a in by_event[event.id]) == expected
    ctx.clock = SimulatedClock(T0 + timedelta(minutes=70))
    body = render_alert(ctx, _alert(2, [ids[n] for n in tied]), AlertEvent.OPENED, []).body_markdown
    assert "蟑螂" in next(line for line in body.splitlines() if "事件：" in line)


def test_the_sample_table_follows_the_alert_and_is_backfilled_for_old_stores(
    ctx: Context,
) -> None:
    with ctx.sessions.begin() as session:
        session.add(_alert(1, ["m1", "m2"]))
    with ctx.sessions.begin() as session:
        alert = session.get(Alert, 1)
        assert alert is not None
        alert.sample_mention_ids = ["m2", "m3"]
    with ctx.sessions() as session:
        rows = session.execute(select(AlertSample.alert_id, AlertSample.mention_id))
        assert sorted(rows) == [(1, "m2"), (1, "m3")]
    with ctx.sessions.begin() as session:
        session.execute(delete(AlertSample))
    engine = ctx.sessions.kw["bind"]
    cast(Table, AlertSample.__table__).drop(engine)  # a store from before the table,
    with engine.begin() as conn:  # stamped by no version that knew it
        conn.execute(text(f"DROP TABLE {STAMP_TABLE}"))
    init_db(engine)
    with ctx.sessions() as session:
        rows = session.execute(select(AlertSample.alert_id, AlertSample.mention_id))
        assert sorted(rows) == [(1, "m2"), (1, "m3")]
    with ctx.sessions.begin() as session:
        session.delete(session.get(Alert, 1))
    with ctx.sessions() as session:
        assert session.scalar(select(AlertSample.mention_id)) is None


def _case(ctx: Context, linked: list[Mention], alert_id: int) -> int:
    """A case with these mentions linked and this alert linked; its id."""
    from crisis_playbooks.cases.models import CaseCreate

    at = T0 + timedelta(minutes=80)
    with ctx.sessions.begin() as session:
        case = cases.create(session, case_in=CaseCreate(title="外卖投诉"), actor="李娜", now=at)
        for mention in linked:
            cases.link_mention(session, case=case, mention=mention, actor="李娜", now=at)
        cases.link_alert(
            session, case=case, alert_id=alert_id, title="预警", rule_type="urgent", actor="李娜",
            now=at,
        )  # fmt: skip
        return case.id


def test_the_case_page_and_the_report_read_the_same_event_of_a_case(
    ctx: Context, monkeypatch: pytest.MonkeyPatch
) -> None:
    # The case page counted the linked mentions and the alerts' samples, the report only the
    # linked mentions: a case linking the cockroach post, opened from an alert on the rude rider
    # (three samples there), was the cockroach event in the report and the rider's on the page.
    _, second, ids = _two_events(ctx)
    with ctx.sessions.begin() as session:
        session.add(_alert(1, [ids[n] for n in ["t", "d0", "d1"]]))
    cockroach = ctx.index.get(ids["s"])
    assert cockroach is not None
    case_id = _case(ctx, [cockroach], alert_id=1)
    monkeypatch.setattr(event_data, "get_context", lambda: ctx)
    rider = BrandVoice(ctx.index, OwnAccounts(anywhere=frozenset({"路人甲"})))  # wrote "t"
    with ctx.sessions() as session:
        case = cases.get_or_raise(session, case_id=case_id)
        event = case_event(session, case)
        assert event is not None and event.id == second.id  # three mentions there, one in first
        assert event_data.event_of_case(case) == (second.id, second.title)
        said = _statements(session, case, rider, T0 + timedelta(hours=3))
    assert [a.text.split("：")[0] for a in said] == ["官方账号 @路人甲 发文"]
