"""Opening cases from alerts, mentions or by hand; the audit log and the timeline."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from sqlalchemy.orm import Session

from core.enums import Category, Channel, Severity
from core.index.sqlite import SQLiteMentionIndex
from core.models import Author, Mention, Urgency
from crisis_playbooks.audit import service as audit
from crisis_playbooks.audit.enums import EventKind
from crisis_playbooks.audit.sentences import sentence
from crisis_playbooks.cases import flows, service
from crisis_playbooks.cases.enums import CaseOrigin
from crisis_playbooks.cases.models import CaseUpdate
from crisis_playbooks.errors import CaseNotFound
from crisis_playbooks.playbook.definition import Playbook
from crisis_playbooks.recovery import service as recovery
from crisis_playbooks.recovery.enums import WinBackTier
from crisis_playbooks.recovery.models import RecoveryUpdate
from tests.cases.conftest import make_case
from tests.cases.food_alerts import NOW, open_from, store_alert


def test_open_from_stored_alert_links_everything_and_proposes(
    session: Session,
    alert_table: None,
    index: SQLiteMentionIndex,
    incident: list[Mention],
    library: dict[str, Playbook],
) -> None:
    alert_id = store_alert(session, incident)
    case = open_from(session, alert_id, index, library)
    session.commit()
    assert case.origin == CaseOrigin.ALERT and case.severity == Severity.CRITICAL
    assert case.category == "food_safety_health" and case.channel == "weibo"
    assert case.proposed_playbook == "food_safety"
    assert [a.alert_id for a in case.alerts] == [alert_id]
    assert {m.mention_id for m in case.mentions} == {m.id for m in incident}
    assert service.get_by_alert(session, alert_id=alert_id) == [case]
    again = open_from(session, alert_id, index, library)
    assert again.id == case.id
    kinds = [e.kind for e in audit.get_all(session, case_id=case.id)]
    assert kinds == ["opened", "mention_linked", "mention_linked", "alert_linked"]
    with pytest.raises(CaseNotFound):
        flows.open_from_alert_id(
            session, alert_id=999, brand="x", library=library, index=index, actor="a", now=NOW
        )


def test_a_case_takes_in_its_whole_incident(
    session: Session,
    alert_table: None,
    index: SQLiteMentionIndex,
    incident: list[Mention],
    library: dict[str, Playbook],
) -> None:
    from alerting import incidents
    from alerting.config import GroupingConfig
    from alerting.models import Alert

    def grouped(rule: str) -> int:
        alert_id = store_alert(session, incident, rule)
        alert = session.get(Alert, alert_id)
        assert alert is not None
        incidents.attach(session, alert, "reputation", GroupingConfig(), NOW)
        session.commit()
        return alert_id

    urgent, spike = grouped("urgent-food"), grouped("food-safety-spike")
    case = open_from(session, spike, index, library)
    session.commit()
    assert sorted(a.alert_id for a in case.alerts) == [urgent, spike]
    # Opening the case took the group up: acknowledged by who opened it, no longer escalating.
    for alert_id in (urgent, spike):
        member = session.get(Alert, alert_id)
        assert member is not None and member.status == "acknowledged"
        assert member.acknowledged_by == "李娜" and member.acknowledged_at is not None
    same = open_from(session, urgent, index, library)
    assert same.id == case.id

    late = grouped("rights-protection")  # a third rule fires after the case was opened
    assert flows.link_incident_alerts(session, now=NOW + timedelta(minutes=5)) == 1
    assert flows.link_incident_alerts(session, now=NOW + timedelta(minutes=6)) == 0
    session.commit()
    assert sorted(a.alert_id for a in case.alerts) == [urgent, spike, late]
    linked_by = [a.linked_by for a in case.alerts if a.alert_id == late]
    assert linked_by == [flows.INCIDENT_LINKER]


def test_open_from_mentions_takes_the_highest_urgency(
    session: Session, incident: list[Mention], library: dict[str, Playbook]
) -> None:
    case = flows.open_from_mentions(
        session, mentions=incident[1:], brand="鲜味坊", library=library, actor="a", now=NOW
    )
    assert case.severity == Severity.HIGH and case.origin == CaseOrigin.MENTIONS
    assert case.title.startswith("不止我一个") and case.proposed_playbook == "food_safety"
    assert case.mentions[0].author == "吃货小王大王"


def test_field_changes_are_audited_with_before_and_after(session: Session) -> None:
    case = make_case(session)
    later = NOW + timedelta(minutes=5)
    patch = CaseUpdate(owner="李娜", severity=Severity.CRITICAL, title="外卖吃出异物")
    flows.update_case(session, case=case, case_in=patch, actor="王主管", now=later)
    flows.update_case(session, case=case, case_in=CaseUpdate(owner="李娜"), actor="x", now=later)
    service.add_note(session, case=case, text="已电话联系当事人", actor="李娜", now=later)
    session.commit()
    entries = audit.get_all(session, case_id=case.id)
    changes = [(e.field, e.before, e.after, e.actor) for e in entries if e.kind == "field_changed"]
    assert changes == [
        ("severity", "high", "critical", "王主管"),
        ("owner", None, "李娜", "王主管"),
    ]
    assert all(e.at == later for e in entries[1:])
    assert entries[-1].kind == EventKind.NOTE and entries[-1].text == "已电话联系当事人"
    said = [sentence(e, ZoneInfo("Asia/Shanghai")) for e in entries[1:]]
    assert said == [
        "王主管 将严重程度从 严重 改为 紧急",
        "王主管 将负责人设为 李娜",
        "李娜 添加备注：已电话联系当事人",
    ]


def test_none_means_the_same_in_every_patch(session: Session) -> None:
    case = make_case(session, owner="李娜")
    patch = CaseUpdate(owner=None, summary=None, title=None, severity=None)
    flows.update_case(session, case=case, case_in=patch, actor="王主管", now=NOW)
    for recovery_in in [
        RecoveryUpdate(remedy_accepted=True, apology_made=True),
        RecoveryUpdate(remedy_accepted=None, apology_made=None, break_cause=None),
    ]:
        record = recovery.update(
            session, case_id=case.id, recovery_in=recovery_in, actor="李娜", now=NOW
        )
    session.commit()
    # None clears what may be empty and never blanks a field that may not (title, flags, text).
    assert case.owner is None and case.title == "外卖吃出异物" and case.summary is not None
    assert record.remedy_accepted is None and record.apology_made and record.break_cause == ""
    entries = audit.get_all(session, case_id=case.id)
    assert [(e.field, e.before, e.after) for e in entries if e.field] == [
        ("owner", "李娜", None),
        ("apology_made", "False", "True"),
        ("remedy_accepted", None, "True"),
        ("remedy_accepted", "True", None),
    ]


def test_recovery_record_updates_are_audited(session: Session) -> None:
    case = make_case(session)
    patch = RecoveryUpdate(
        break_cause="后厨卫生",
        apology_made=True,
        remedy_offered="退款并承担医药费",
        remedy_accepted=True,
        satisfaction=4,
        win_back_tier=WinBackTier.KEY,
    )
    record = recovery.update(session, case_id=case.id, recovery_in=patch, actor="李娜", now=NOW)
    recovery.update(
        session, case_id=case.id, recovery_in=RecoveryUpdate(satisfaction=5), actor="李娜", now=NOW
    )
    session.commit()
    assert record.win_back_tier == "key" and record.satisfaction == 5 and not record.is_closed_out
    fields = [
        e.field for e in audit.get_all(session, case_id=case.id, kinds=[EventKind.RECOVERY_CHANGED])
    ]
    assert fields == [
        "break_cause",
        "apology_made",
        "remedy_offered",
        "remedy_accepted",
        "satisfaction",
        "win_back_tier",
        "satisfaction",
    ]
    with pytest.raises(ValueError):
        RecoveryUpdate(satisfaction=6)
    contact = datetime(2026, 11, 30, 10, 57, 40, 184250, tzinfo=UTC)
    recovery.update(
        session,
        case_id=case.id,
        recovery_in=RecoveryUpdate(proactive_contact_at=contact),
        actor="张主管",
        now=NOW,
    )
    tz = ZoneInfo("Asia/Shanghai")
    said = [
        sentence(e, tz)
        for e in audit.get_all(session, case_id=case.id, kinds=[EventKind.RECOVERY_CHANGED])
    ]
    assert said[1] == "李娜 将已致歉从 否 改为 是"
    assert said[5] == "李娜 将挽回等级设为 重点客户"
    assert said[6] == "李娜 将补救后满意度从 4 分 改为 5 分"
    assert said[7] == "张主管 将主动联系时间设为 2026-11-30 18:57"


@dataclass
class StubAlert:
    """An alert as the alerting engine writes it, without the alerts table."""

    id: int = 7
    rule_type: str = "urgent_mention"
    severity: str = "warning"
    title: str = "高危舆情：隐私/欺诈"
    summary: str = "用户称个人信息被泄露，接到骚扰电话"
    key: str = "xianweifang:privacy_fraud"
    sample_mention_ids: list[str] = field(default_factory=list)


def test_alert_key_names_the_category_when_the_index_has_nothing(
    session: Session, library: dict[str, Playbook]
) -> None:
    alert = StubAlert(severity="critical")
    case = flows.open_from_alert(
        session, alert=alert, brand="鲜味坊", library=library, index=None, actor="a", now=NOW
    )
    assert case.proposed_playbook == "data_leak_privacy" and case.mentions == []
    low = StubAlert(id=8)  # 'warning' maps to medium: below the privacy playbook's minimum
    assert (
        flows.open_from_alert(
            session, alert=low, brand="x", library=library, index=None, actor="a", now=NOW
        ).proposed_playbook
        is None
    )


def test_a_case_from_a_later_alert_addresses_the_post_its_crisis_began_with(
    session: Session, alert_table: None, tmp_path: Path, library: dict[str, Playbook]
) -> None:
    """The phone week's case was opened from the morning's alert: its samples were one media
    report and the same two sentences by eight people; the linked evidence repeated them and the
    playbook's private message to the 当事人 addressed the media account. The crisis began with a
    student's video the night before: the case now links it first and addresses its author."""
    from brand_events.models import Event, EventMember
    from crisis_playbooks.playbook.render import case_values

    for model in (Event, EventMember):
        model.__table__.create(session.get_bind(), checkfirst=True)  # type: ignore[attr-defined]

    def post(native: str, text: str, name: str, hours: float, followers: int = 60) -> Mention:
        return Mention(
            source="weibo-search", channel=Channel.WEIBO, native_id=native,
            url=f"https://weibo.com/{native}", author=Author(name=name, followers=followers),
            text=text, published_at=NOW - timedelta(hours=hours),
            category=Category.FOOD_SAFETY_HEALTH,
            urgency=Urgency(level=Severity.CRITICAL, score=90.0),
        )  # fmt: skip

    video = post("v", "室友的曜石X5晚上充电突然冒烟着火，被子烧黑了", "江城大学小周", 11)
    media = post(
        "m", "【曜石X5多名用户反映电池鼓包】记者联系到起火手机的用户", "楚天消费观察", 1, 1_700_000
    )
    copies = [
        post(f"c{n}", "已经向12315投诉了，曜石X5充电起火，要求全额退款", f"用户{n}", 2)
        for n in range(4)
    ]
    index = SQLiteMentionIndex(tmp_path / "mentions.db")
    index.upsert_many([video, media, *copies])
    event = Event(
        id="e1", title="X5充电起火电池鼓包", visible=True, started_at=video.published_at,
        last_at=NOW, mention_count=6, updated_at=NOW,
    )  # fmt: skip
    session.add(event)
    for m in (video, media, *copies):
        member = EventMember(
            mention_id=m.id, event_id="e1", source=m.source, native_id=m.native_id,
            published_at=m.published_at, reason="text",
        )  # fmt: skip
        session.add(member)
    session.commit()
    alert_id = store_alert(session, [media, *copies])
    case = flows.open_from_alert_id(
        session, alert_id=alert_id, brand="曜石手机", library=library, index=index,
        actor="王强", now=NOW,
    )  # fmt: skip
    session.commit()
    index.close()
    linked = [m.mention_id for m in case.mentions]
    assert linked[:2] == [video.id, media.id] and len(linked) == 3, linked
    assert linked[2] in {m.id for m in copies}
    values = case_values(case, ZoneInfo("Asia/Shanghai"))
    assert values["complainant"] == "江城大学小周" and values["link"] == video.url
