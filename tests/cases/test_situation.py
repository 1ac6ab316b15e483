"""态势's attention list and the one pending-alert count every page shows."""

from __future__ import annotations

from datetime import timedelta

import pytest
from sqlalchemy.orm import Session

from alerting import service as alerts
from alerting.models import Alert
from crisis_playbooks.cases import service
from crisis_playbooks.playbook.definition import Playbook
from crisis_playbooks.sla.clocks import SlaPolicy
from dashboard.situation import (
    attention,
    case_of,
    countdown,
    pending_alert_count,
    sla_text,
    waiting_alerts,
)
from tests.cases.conftest import local, make_case, start_playbook

NOW = local(2026, 11, 23, 10, 0)


def store_alert(session: Session, title: str, severity: str = "critical") -> Alert:
    alert = Alert(
        rule="urgent-mention",
        rule_type="urgent_mention",
        key=title,
        severity=severity,
        status="open",
        title=title,
        summary="",
        opened_at=NOW - timedelta(minutes=30),
        updated_at=NOW,
        last_fired_at=NOW,
    )
    session.add(alert)
    session.commit()
    return alert


def test_acknowledged_alert_in_a_case_is_not_pending(
    session: Session, alert_table: None, policy: SlaPolicy, library: dict[str, Playbook]
) -> None:
    food = store_alert(session, "高危舆情：食品安全")
    minor = store_alert(session, "负面声量激增", severity="warning")
    assert pending_alert_count(session) == 2
    alerts.acknowledge(session, alert_id=food.id, by="李娜", at=NOW)
    case = make_case(session, now=NOW, title="鲜味坊食物中毒")
    service.link_alert(
        session,
        case=case,
        alert_id=food.id,
        title=food.title,
        rule_type=None,
        actor="李娜",
        now=NOW,
    )
    start_playbook(session, case, library["food_safety"], actor="李娜", now=NOW)
    session.commit()
    assert pending_alert_count(session) == 1, "only the unacknowledged alert is 待处理"
    assert [a.id for a, _ in waiting_alerts(session)] == [minor.id], "the case handles food"
    found = case_of(session, food)
    assert found is not None and found.id == case.id
    assert case_of(session, minor) is None

    later = NOW + timedelta(minutes=20)
    items = attention(session, policy=policy, now=later)
    assert [(i.kind, i.case_id, i.alert_id) for i in items] == [
        ("案件", case.id, food.id),
        ("预警", None, minor.id),
    ]
    top = items[0]
    assert top.is_crisis and top.next_step and top.next_due is not None
    assert countdown(top.next_due, later).startswith("还剩")
    assert sla_text(top.sla, later).startswith("首次响应 还剩")
    assert not items[1].is_crisis


def test_countdown_words() -> None:
    assert countdown(NOW + timedelta(hours=1, minutes=20), NOW) == "还剩 1 小时 20 分"
    assert countdown(NOW - timedelta(minutes=35), NOW) == "已逾期 35 分钟"
    assert countdown(NOW + timedelta(days=2, hours=3), NOW) == "还剩 2 天 3 小时"
    assert countdown(None, NOW) == "—"


def test_a_group_is_shown_by_its_most_severe_alert_from_its_first_post(
    session: Session, alert_table: None, policy: SlaPolicy
) -> None:
    """The brand's statement opened the group (严重); the 大V's post that joined it is 紧急 and
    began the crisis two hours earlier: the banner says 紧急, names it, and dates it from then."""
    from alerting.models import Incident

    statement = store_alert(session, "官方账号发文引发大量互动", severity="high")
    statement.window_start = NOW - timedelta(minutes=40)
    kol = store_alert(session, "高危舆情：食品安全/人身安全", severity="critical")
    kol.window_start = NOW - timedelta(hours=3)
    incident = Incident(
        title=statement.title,
        severity="critical",
        status="open",
        lead_alert_id=statement.id,
        alert_count=2,
        opened_at=NOW,
        updated_at=NOW,
        last_fired_at=NOW,
    )
    session.add(incident)
    session.flush()
    statement.incident_id = kol.incident_id = incident.id
    session.commit()

    assert [(a.id, more) for a, more in waiting_alerts(session)] == [(kol.id, 1)]
    [item] = attention(session, policy=policy, now=NOW)
    assert (item.alert_id, item.level, item.is_crisis) == (kol.id, "紧急", True)
    assert item.title == "高危舆情：食品安全/人身安全（同一预警组另有 1 条预警）"
    assert item.start == kol.window_start and item.start_label == "首帖"


def test_among_equals_the_banner_names_the_spreading_event(
    session: Session, alert_table: None, policy: SlaPolicy
) -> None:
    """An outage group at one severity, led by the brand's statement (it was judged first): the
    banner names the spreading event, not the statement nor the bare category."""
    from alerting.models import Incident

    statement = store_alert(session, "官方账号发文引发大量互动：@星联移动", severity="high")
    statement.rule_type = "own_post_reaction"
    risky = store_alert(session, "高危舆情：商品质量", severity="high")
    spreading = store_alert(session, "事件快速扩散：广州大面积断网", severity="high")
    spreading.rule_type = "event_growth"
    incident = Incident(
        title=statement.title, severity="high", status="open", lead_alert_id=statement.id,
        alert_count=3, opened_at=NOW, updated_at=NOW, last_fired_at=NOW,
    )  # fmt: skip
    session.add(incident)
    session.flush()
    statement.incident_id = risky.incident_id = spreading.incident_id = incident.id
    session.commit()

    [item] = attention(session, policy=policy, now=NOW)
    assert item.alert_id == spreading.id
    assert item.title == "事件快速扩散：广州大面积断网（同一预警组另有 2 条预警）"


@pytest.mark.parametrize(("began_hours", "expected_hours"), [(3, 3), (30, 1), (0.5, 0.5)])
def test_the_crisis_is_dated_from_its_events_first_post(
    session: Session,
    alert_table: None,
    policy: SlaPolicy,
    began_hours: float,
    expected_hours: float,
) -> None:
    """The outage's event began at 03:31; the first alerted post came at 05:21: the banner dates
    the crisis from the event's first post — unless the event is a topic running for more than
    a day before it, when the alerted post is the crisis's start; a window that began before the
    event's first post (a count's) is no post either."""
    from brand_events.models import Event, EventMember

    for model in (Event, EventMember):
        model.__table__.create(session.get_bind(), checkfirst=True)  # type: ignore[attr-defined]
    risky = store_alert(session, "高危舆情：商品质量", severity="high")
    risky.window_start, risky.sample_mention_ids = NOW - timedelta(hours=1), ["m1"]
    began = NOW - timedelta(hours=began_hours)
    session.add(
        Event(
            id="e1", title="广州大面积断网", visible=True, started_at=began, last_at=NOW,
            mention_count=40, updated_at=NOW,
        )
    )  # fmt: skip
    session.add(
        EventMember(
            mention_id="m1", event_id="e1", source="weibo", native_id="1",
            published_at=NOW - timedelta(hours=1), reason="text",
        )
    )  # fmt: skip
    session.commit()

    [item] = attention(session, policy=policy, now=NOW)
    assert item.start == NOW - timedelta(hours=expected_hours)
    assert item.start_label == "首帖"


def test_a_case_is_dated_from_its_whole_groups_first_post(
    session: Session, alert_table: None, policy: SlaPolicy
) -> None:
    """The phone week's battery fire began at 22:40; its night's alerts ended and the morning's
    07:52 post re-alerted in the same group. Before 立案 the banner said 22:40 (20 h); the case
    opened from the morning alert said 07:52 (11 h): opening a case restarted the crisis."""
    night = store_alert(session, "高危舆情：食品安全/人身安全")
    night.window_start, night.status = NOW - timedelta(hours=20), "resolved"
    morning = store_alert(session, "高危舆情：食品安全/人身安全")
    morning.window_start = NOW - timedelta(hours=11)
    session.commit()
    case = make_case(session, now=NOW, title="X5充电起火", severity="critical")
    for alert in (morning, night):  # opened from the morning's: it is linked first
        service.link_alert(
            session, case=case, alert_id=alert.id, title=alert.title, rule_type=None,
            actor="王强", now=NOW,
        )  # fmt: skip
    session.commit()
    [item] = attention(session, policy=policy, now=NOW)
    assert (item.kind, item.alert_id) == ("案件", morning.id)
    assert item.start == NOW - timedelta(hours=20) and item.start_label == "首帖"


def test_a_case_without_a_playbook_asks_for_the_proposed_one_before_first_response(
    session: Session, alert_table: None, policy: SlaPolicy, library: dict[str, Playbook]
) -> None:
    """A leak-and-fraud crisis opened as a case at 00:32 ran no playbook: the banner said
    下一步 没有限时步骤. Its next step is starting the proposed playbook, by first response."""
    from dashboard.situation import next_step_words

    leak = store_alert(session, "高危舆情：快递信息泄露遭冒充客服理赔诈骗")
    case = make_case(session, now=NOW, title=leak.title)
    case.proposed_playbook = "food_safety"
    service.link_alert(
        session,
        case=case,
        alert_id=leak.id,
        title=leak.title,
        rule_type=None,
        actor="李娜",
        now=NOW,
    )
    session.commit()
    names = {key: playbook.name for key, playbook in library.items()}
    later = NOW + timedelta(minutes=20)

    [item] = attention(session, policy=policy, now=later, playbook_names=names)
    due, what = next_step_words(item, later)
    assert due.startswith("还剩") and "没有限时步骤" not in due
    assert what == (
        f"启动预案「{library['food_safety'].name}」：点「案件 #{case.id}」，"
        "在处置清单里点「启动建议预案」（首次响应时限）"
    )
    assert item.next_due is not None and item.sla is not None
    assert item.next_due == item.sla.due_at

    start_playbook(session, case, library["food_safety"], actor="李娜", now=later)
    session.commit()
    [item] = attention(session, policy=policy, now=later, playbook_names=names)
    due, what = next_step_words(item, later)
    assert item.playbook_started and "启动预案" not in what and due.startswith("还剩")
