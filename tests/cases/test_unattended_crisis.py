"""A 紧急 alert group that ended overnight with nobody taking it up is asked about in 待处理事项
(never shown as a running crisis) until someone checks it, opens a case or calls it 误报."""

from __future__ import annotations

from datetime import timedelta

from sqlalchemy.orm import Session

from alerting import service as alerts
from alerting.enums import AUTO_RESOLVER, AlertStatus
from alerting.models import Alert, Incident
from crisis_playbooks.cases import service
from crisis_playbooks.sla.clocks import SlaPolicy
from dashboard.situation import attention, next_step_words
from tests.cases.conftest import make_case
from tests.cases.test_situation import NOW
from tests.support.alerts import alert_row


def ended_group(session: Session, title: str, severities: list[str], ago: timedelta) -> list[Alert]:
    """An alert group whose alerts all ended by their rules' timers `ago`, nobody acknowledging."""
    ended = NOW - ago
    incident = Incident(
        title=title, scope="reputation", severity=severities[0], status=AlertStatus.RESOLVED,
        alert_count=len(severities), plans=[], opened_at=ended - timedelta(hours=5),
        updated_at=ended, last_fired_at=ended - timedelta(hours=2), resolved_at=ended,
    )  # fmt: skip
    session.add(incident)
    session.flush()
    group = []
    for number, severity in enumerate(severities):
        alert = alert_row(
            ended - timedelta(hours=5), rule=f"rule-{number}", key=title, severity=severity,
            status=AlertStatus.RESOLVED, title=f"{title}{number}", updated_at=ended,
            last_fired_at=ended - timedelta(hours=2), resolved_at=ended,
            resolved_by=AUTO_RESOLVER, incident_id=incident.id,
        )  # fmt: skip
        session.add(alert)
        group.append(alert)
    session.flush()
    incident.lead_alert_id = group[0].id
    session.commit()
    return group


def test_an_unattended_crisis_is_asked_about_until_someone_checks_it(
    session: Session,
    alert_table: None,
    policy: SlaPolicy,
) -> None:
    night = ended_group(session, "校区突然关门", ["critical", "high"], timedelta(hours=3))
    cased = ended_group(session, "外卖异物", ["critical"], timedelta(hours=3))
    ended_group(session, "上周的事", ["critical"], timedelta(days=3))  # asked about long enough
    ended_group(session, "负面声量激增", ["high"], timedelta(hours=1))  # no 紧急 alert
    case = make_case(session, now=NOW, title="外卖异物")
    service.link_alert(
        session, case=case, alert_id=cased[0].id, title="外卖异物", rule_type=None,
        actor="李娜", now=NOW,
    )  # fmt: skip
    session.commit()

    items = attention(session, policy=policy, now=NOW)
    asked = [i for i in items if i.ended_at is not None]
    assert [i.alert_id for i in asked] == [night[0].id]
    (item,) = asked
    assert not item.is_crisis  # no 危机进行中 banner for a crisis that ended
    assert "无人确认、未立案，已由规则到时自动解除" in item.title
    assert next_step_words(item, NOW)[0] == "待核实"

    alerts.acknowledge(session, alert_id=night[1].id, by="王班长", at=NOW)
    checked = session.get(Alert, night[0].id)
    assert checked is not None and checked.status == AlertStatus.RESOLVED  # not reopened
    assert checked.acknowledged_by == "王班长"
    assert not [i for i in attention(session, policy=policy, now=NOW) if i.ended_at]
