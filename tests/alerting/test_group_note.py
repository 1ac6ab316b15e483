"""The alert page's line on an alert's group: every other alert counted, the first four named,
等 when more follow, a closed one marked, and who leads."""

from __future__ import annotations

from alerting.enums import AlertStatus
from alerting.incident_members import group_note_zh
from alerting.models import Alert, Incident


def _alert(number: int, title: str, status: AlertStatus = AlertStatus.OPEN) -> Alert:
    return Alert(id=number, title=title, status=status)


def test_more_than_four_others_end_in_deng_and_a_closed_one_says_so() -> None:
    group = Incident(id=1, lead_alert_id=1)
    lead = _alert(1, "高危舆情：酸菜鱼里吃出了一只虫子")
    others = [
        _alert(2, "食品安全/人身安全投诉激增"),
        _alert(3, "负面声量激增", AlertStatus.RESOLVED),
        _alert(4, "官方账号发文引发大量互动：@鲜味坊官方"),
        _alert(5, "事件快速扩散：酸菜鱼里吃出了一只虫子"),
        _alert(6, "集体维权/监管投诉集中出现"),
    ]
    note = group_note_zh(group, lead, others)
    assert note.startswith(
        "同一预警组 #1（本条为主预警）还有 5 条预警：#2 食品安全/人身安全投诉激增、"
    )
    assert "#3 负面声量激增（已解决）" in note
    assert "#5 事件快速扩散：酸菜鱼里吃出了一只虫子 等。" in note and "#6" not in note


def test_a_member_names_its_lead_and_a_short_group_has_no_deng() -> None:
    group = Incident(id=7, lead_alert_id=1)
    note = group_note_zh(group, _alert(2, "负面声量激增"), [_alert(1, "高危舆情：隐私/欺诈")])
    assert note.startswith("同一预警组 #7（主预警 #1）还有 1 条预警：#1 高危舆情：隐私/欺诈。")
    assert "等" not in note.split("。")[0]
