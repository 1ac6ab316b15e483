"""案件看板: open alerts waiting for a case, a manual open form, and the board by status."""

from __future__ import annotations

import streamlit as st

from alerting.models import Alert
from core.enums import Severity
from core.errors import YuqingError
from core.escaping import streamlit_text
from crisis_playbooks import runtime
from crisis_playbooks.board import CaseRow, read_board
from crisis_playbooks.cards import CaseCard
from crisis_playbooks.cases import flows
from crisis_playbooks.cases.enums import CaseStatus
from crisis_playbooks.cases.models import CaseCreate
from dashboard import auth
from dashboard.data import get_context, now
from dashboard.navigation import VIEWS
from dashboard.rule_names import rule_zh
from dashboard.situation import waiting_alerts

DETAIL_PAGE = VIEWS / "case_detail.py"
ctx = get_context()
st.title("案件看板", anchor=False)
actor = auth.actor()


def open_detail(case_id: int) -> None:
    """Go to the case page (the page list lives in dashboard/navigation.py)."""
    st.switch_page(DETAIL_PAGE, query_params={"case_id": str(case_id)})


def open_from_alert(alert_id: int) -> int:
    """Open (or find) the case of an alert; returns its id."""
    with ctx.sessions() as session:
        case = flows.open_from_alert_id(
            session,
            alert_id=alert_id,
            brand=ctx.config.brand,
            library=runtime.library(ctx),
            index=ctx.index,
            actor=actor,
            now=now(),
        )
        session.commit()
        return case.id


def alert_caption(alert: Alert) -> str:
    """Severity and rule in Chinese, first firing in local time."""
    from core.enums import SEVERITY_LABELS_ZH, Severity

    first = alert.started_at.astimezone(ctx.config.tz).strftime("%m-%d %H:%M")
    level = SEVERITY_LABELS_ZH[Severity(alert.severity)]
    return f"级别 {level} · 规则「{rule_zh(alert.rule, alert.rule_type)}」 · 首次触发 {first}"


st.subheader("待立案预警", anchor=False)
with ctx.sessions() as session:
    pending = waiting_alerts(session)
if not pending:
    st.caption("没有待立案的预警。")
for alert, more in pending:
    with st.container(border=True):
        left, right = st.columns([5, 1])
        title, summary = streamlit_text(alert.title), streamlit_text(alert.summary)
        left.markdown(f"**预警 #{alert.id} · {title}**  \n{summary}")
        left.caption(alert_caption(alert))
        if more:
            left.caption(f"同一预警组 #{alert.incident_id} 另有 {more} 条预警，立案时一并关联")
        if right.button(
            "立案", key=f"open-alert-{alert.id}", type="primary", disabled=not auth.may_act()
        ):
            if not actor:
                st.error(auth.actor_needed_zh("立案"))
                continue
            try:
                case_id = open_from_alert(alert.id)
            except YuqingError as exc:
                st.error(str(exc))
            else:
                open_detail(case_id)

with st.expander("手工立案"), st.form("manual-case"):
    title = st.text_input("标题")
    summary = st.text_area("摘要")
    severity = st.selectbox(
        "严重程度", list(Severity), index=1, format_func=lambda s: s.label_zh, placeholder="请选择"
    )
    submitted = st.form_submit_button("立案", disabled=not auth.may_act())
    if submitted and not actor:
        st.error(auth.actor_needed_zh("立案"))
    elif submitted and title.strip():
        with ctx.sessions() as session:
            case_in = CaseCreate(
                title=title.strip(),
                summary=summary,
                brand=ctx.config.brand,
                severity=severity or Severity.MEDIUM,
            )
            case = flows.open_case(session, case_in=case_in, actor=actor, now=now())
            session.commit()
        open_detail(case.id)


def tasks_line(item: CaseCard[CaseRow]) -> str:
    """「任务 完成 1 · 跳过 1 / 9」: a skipped step is closed but not done."""
    return f"任务 {item.tasks_zh}" if item.tasks_total else item.tasks_zh


def card(item: CaseCard[CaseRow]) -> None:
    """One case on the board; overdue cases are red, warnings amber."""
    case = item.case
    colour = "red" if item.overdue else ("orange" if item.warning else "gray")
    flag = "逾期 · " if item.overdue else ("即将超时 · " if item.warning else "")
    with st.container(border=True):
        st.markdown(f":{colour}[**#{case.id} {streamlit_text(case.title)}**]")
        st.caption(
            f"{flag}级别 {case.severity_enum.label_zh} · "
            f"{streamlit_text(case.owner or '未指派')} · " + tasks_line(item)
        )
        if st.button("查看", key=f"case-{case.id}"):
            open_detail(case.id)


st.subheader("案件", anchor=False)
me = auth.current()
toggles = st.columns(2)
show_closed = toggles[0].toggle("显示已关闭", value=False)
mine_only = me is not None and toggles[1].toggle(f"只看我负责的（{me.name}）", value=False)
grouped = read_board(ctx, policy=runtime.policy(ctx), now=now())
if mine_only and me is not None:
    grouped = {s: [c for c in cards if c.case.owner == me.name] for s, cards in grouped.items()}
statuses = [s for s in CaseStatus if show_closed or s != CaseStatus.CLOSED]
overdue = sum(c.overdue for s in statuses for c in grouped[s])
st.metric("逾期案件", overdue)
for column, status in zip(st.columns(len(statuses)), statuses, strict=True):
    with column:
        st.markdown(f"**{status.label_zh}**（{len(grouped[status])}）")
        for item in grouped[status]:
            card(item)
