"""A case opened from an alert group: named and graded by its most severe alert, and following
its alert's new name (round 30, an express brand's leak read live)."""

from __future__ import annotations

from datetime import timedelta

from sqlalchemy.orm import Session

from core.enums import Severity
from core.index.sqlite import SQLiteMentionIndex
from core.models import Mention
from crisis_playbooks.audit import service as audit
from crisis_playbooks.cases import flows, service
from crisis_playbooks.cases.models import CaseUpdate
from crisis_playbooks.playbook.definition import Playbook
from tests.cases.food_alerts import NOW, open_from, store_alert


def test_a_case_follows_its_alert_s_new_name_unless_someone_renamed_it(
    session: Session,
    alert_table: None,
    index: SQLiteMentionIndex,
    incident: list[Mention],
    library: dict[str, Playbook],
) -> None:
    """An express brand's leak (round 30): the case opened from 高危舆情：隐私/欺诈 kept that
    title after its alert took the event's name. It follows the alert's name; once a person
    has given the case a title of their own, it keeps theirs."""
    from alerting.models import Alert

    alert_id = store_alert(session, incident)
    case = open_from(session, alert_id, index, library)
    session.commit()
    alert = session.get(Alert, alert_id)
    assert alert is not None and case.title == alert.title
    alert.title = "高危舆情：鲜味坊酸菜鱼致多人腹泻"
    later = NOW + timedelta(minutes=5)
    assert flows.follow_alert_titles(session, now=later) == 1
    assert flows.follow_alert_titles(session, now=later) == 0
    session.commit()
    assert case.title == "高危舆情：鲜味坊酸菜鱼致多人腹泻"
    renamed = [e for e in audit.get_all(session, case_id=case.id) if e.kind == "field_changed"]
    assert [(e.actor, e.field) for e in renamed] == [(flows.TITLE_FOLLOWER, "title")]

    service.update(
        session, case=case, case_in=CaseUpdate(title="酸菜鱼腹泻事件"), actor="李娜", now=later
    )
    alert.title = "高危舆情：鲜味坊酸菜鱼腹泻 12 人就医"
    assert flows.follow_alert_titles(session, now=later + timedelta(minutes=5)) == 0
    assert case.title == "酸菜鱼腹泻事件"


def test_a_case_opened_from_any_alert_of_a_group_takes_its_most_severe(
    session: Session,
    alert_table: None,
    index: SQLiteMentionIndex,
    incident: list[Mention],
    library: dict[str, Playbook],
) -> None:
    """Opened from the group's 严重 event-growth alert, the case was 严重 (a business-hours
    clock) while the group's 高危舆情 alert was 紧急: it takes the most severe alert's title and
    level, whichever alert was clicked."""
    from alerting import incidents
    from alerting.config import GroupingConfig
    from alerting.models import Alert

    urgent = store_alert(session, incident)
    growth = store_alert(session, incident, "event-growth")
    for alert_id in (urgent, growth):
        alert = session.get(Alert, alert_id)
        assert alert is not None
        if alert_id == growth:
            alert.severity, alert.title = "high", "事件快速扩散：鲜味坊酸菜鱼"
        incidents.attach(session, alert, "reputation", GroupingConfig(), NOW)
    session.commit()
    case = open_from(session, growth, index, library)
    session.commit()
    assert case.severity == Severity.CRITICAL
    assert case.title == "紧急舆情：鲜味坊疑似食物中毒"
    assert sorted(a.alert_id for a in case.alerts) == [urgent, growth]
