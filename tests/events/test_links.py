"""Alerts name their event; an event lists its alerts and the cases they are linked to."""

from __future__ import annotations

from datetime import timedelta

from alerting.enums import AlertEvent, AlertStatus
from alerting.models import Alert
from alerting.templates import render_alert
from brand_events import detail
from brand_events.listing import read_events
from core.context import Context
from core.enums import Severity
from core.models import Author, Metrics
from core.timeutil import SimulatedClock
from crisis_playbooks.cases.models import Case, CaseAlert
from tests.events.test_clustering import T0, post


def _incident(ctx: Context) -> list[str]:
    seed = post("s", "鲜味坊外卖的酸菜鱼里吃出一只蟑螂，门店还不承认", 0, "吃货小王")
    kol = post("k", "转发微博", 3, "美食大V", repost_of="s")
    kol = kol.model_copy(update={"author": Author(name="美食大V", followers=900_000)})
    tail = [post(f"r{i}", "太恶心了//@美食大V:", 5 + i, f"r{i}", repost_of="s") for i in range(6)]
    own = post("o", "非常抱歉，我们已联系顾客并停业整改", 20, "鲜味坊官方", reply_to="s")
    own = own.model_copy(update={"metrics": Metrics(comments=50)})
    report = ctx.pipeline.process([seed, kol, *tail, own])
    return [m.id for m in report.new]


def _alert(ids: list[str]) -> Alert:
    return Alert(
        id=7,
        rule="food-safety",
        rule_type="urgent",
        key="k",
        severity=Severity.CRITICAL,
        status=AlertStatus.OPEN,
        title="食品安全投诉",
        summary="出现食品安全投诉",
        opened_at=T0,
        updated_at=T0,
        last_fired_at=T0,
        count=3,
        sample_mention_ids=ids[:2],
        plans=[],
    )


def test_alert_message_names_the_event_with_first_post_and_growth(ctx: Context) -> None:
    ids = _incident(ctx)
    ctx.clock = SimulatedClock(T0 + timedelta(minutes=30))
    body = render_alert(ctx, _alert(ids), AlertEvent.OPENED, []).body_markdown
    line = next(line for line in body.splitlines() if "事件：" in line)
    assert "蟑螂" in line and "吃货小王" in line and "共 9 条" in line
    assert "最近一小时 9 条" in line


def test_event_detail_links_alerts_cases_tree_and_amplifiers(ctx: Context) -> None:
    ids = _incident(ctx)
    with ctx.sessions.begin() as session:
        session.add(_alert(ids))
        case = Case(title="蟑螂投诉处置", severity="high", opened_at=T0, updated_at=T0)
        session.add(case)
        session.flush()
        session.add(CaseAlert(case_id=case.id, alert_id=7, title="食品安全投诉", linked_at=T0))
    with ctx.sessions() as session:
        (event,) = read_events(session)
        full = detail.build(session, ctx.index, event, ["鲜味坊官方"])
    assert [a["id"] for a in full.alerts] == [7]
    assert [c["title"] for c in full.cases] == ["蟑螂投诉处置"]
    tree = full.propagation
    assert tree.linked == 8 and tree.depth == 2 and tree.roots == 1
    assert tree.key_nodes[0].author == "吃货小王" and tree.key_nodes[1].author == "美食大V"
    assert tree.key_nodes[1].descendants == 6
    assert [m.author.name for m in full.mentions if m.id in tree.own_posts] == ["鲜味坊官方"]
    kinds = {a.author: a.kind for a in full.amplifiers}
    assert kinds["美食大V"] == "kol" and kinds["鲜味坊官方"] == "own"
    assert full.amplifiers[0].author == "美食大V"
    assert sum(p.count for p in full.timeline) == 9
