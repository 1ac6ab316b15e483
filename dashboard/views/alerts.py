"""预警中心: open alerts with severity, count against baseline, sample mentions, ack/resolve."""

from __future__ import annotations

import streamlit as st

from alerting import incident_members, service
from alerting.config import ALERTING, ESCALATION_TIER_ZH
from alerting.digest import delivery_state_zh, held_note
from alerting.enums import ALERT_STATUS_ZH, AlertStatus
from alerting.models import Alert
from alerting.plan_scope import alerts_of_plans
from alerting.rule_health import recorded
from alerting.rules import describe
from alerting.tiers import tier_note_zh
from core.enums import SEVERITY_LABELS_ZH, Severity
from core.errors import YuqingError
from core.escaping import streamlit_text
from crisis_playbooks import runtime
from crisis_playbooks.cases import flows
from dashboard import auth
from dashboard.data import get_context, now
from dashboard.event_links import event_link
from dashboard.hidden_alerts import hidden_alerts_note
from dashboard.index_down import live_fragment
from dashboard.navigation import VIEWS
from dashboard.rule_names import rule_zh, type_zh
from dashboard.situation import case_of
from dashboard.widgets import badge, mention_cards, multiselect

SEVERITY_COLOURS = {
    Severity.LOW: "#868e96",
    Severity.MEDIUM: "#f08c00",
    Severity.HIGH: "#e8590c",
    Severity.CRITICAL: "#c92a2a",
}
STATUS_COLOURS = {
    AlertStatus.OPEN: "#c92a2a",
    AlertStatus.ACKNOWLEDGED: "#1971c2",
    AlertStatus.RESOLVED: "#2f9e44",
}
TIER_OF = {t.value: zh for t, zh in ESCALATION_TIER_ZH.items()}
CASE_PAGE = VIEWS / "case_detail.py"
DRAWN = "alerts-drawn"  # what the page's last full run listed, for the watch below
JUST_DRAWN = "alerts-just-drawn"  # set by the full run: its watch has nothing new to compare

ctx = get_context()
st.title("预警中心", anchor=False)
if skipped := recorded(ctx):  # rule files the running service could not load
    st.error(
        skipped.headline()
        + "\n\n"
        + "\n".join(f"- {streamlit_text(p, one_line=True)}" for p in skipped.problems)
    )
actor = auth.actor()
with st.sidebar:
    chosen = multiselect(
        "状态",
        list(AlertStatus),
        default=[AlertStatus.OPEN, AlertStatus.ACKNOWLEDGED],
        format_func=lambda s: ALERT_STATUS_ZH[AlertStatus(s)],
    )
    plan_names = {p.id: p.name for p in ctx.config.plans}
    plans = (
        multiselect(
            "监测方案",
            list(plan_names),
            format_func=lambda p: plan_names[p],
            placeholder="全部",
            help="只看这些方案的预警：规则限定了方案的按规则的方案，未限定的看预警里的帖子属于哪个方案",
        )
        if len(plan_names) > 1
        else []
    )
focus = st.query_params.get("alert")


def notified(alert: Alert) -> str:
    """Who has been told, in words; nothing about tiers when no notifier is configured."""
    if not ALERTING.of(ctx.config).notifiers:
        return "未配置通知渠道（仅在看板显示）"
    if not alert.notified_count:
        return "尚未发出通知"
    with ctx.sessions() as session:
        held = held_note(service.deliveries(session, alert_id=alert.id), ctx.config.tz, now())
    if held:
        return held  # the alert is here now; its message waits for the end of quiet hours
    # notified_count is the alert's count when the last message went out, not a number of
    # messages (it read 「已通知 49 次」 for one message about 49 posts).
    last = (
        alert.notified_at.astimezone(ctx.config.tz).strftime("%m-%d %H:%M")
        if alert.notified_at
        else "—"
    )
    tiers = tier_note_zh(ALERTING.of(ctx.config).escalation, alert, now())
    return f"已通知（最近一次 {last}，当时 {alert.notified_count} 条），{tiers}"


def case_link(alert: Alert) -> None:
    """已立案：案件 #N (a link), or a 立案 button that opens the case and goes there."""
    with ctx.sessions() as session:
        case = case_of(session, alert)
        case_id, title, is_open = (
            (case.id, case.title, case.status_enum.is_open) if case else (None, "", False)
        )
    if case_id is not None:
        shown = streamlit_text(title, one_line=True)
        label = f"已立案：案件 #{case_id} {shown}" + ("" if is_open else "（已关闭）")
        st.page_link(
            CASE_PAGE, label=label, icon=":material/fact_check:",
            query_params={"case_id": str(case_id)},
        )  # fmt: skip
        return
    if st.button(
        "立案",
        key=f"case-{alert.id}",
        type="primary",
        icon=":material/assignment_add:",
        disabled=not auth.may_act(),
        help="为本条预警（及同一预警组的其他预警）立案并进入案件详情",
    ):
        if not actor:
            st.error(auth.actor_needed_zh("立案"))
            return
        try:
            with ctx.sessions() as session:
                opened = flows.open_from_alert_id(
                    session,
                    alert_id=alert.id,
                    brand=ctx.config.brand,
                    library=runtime.library(ctx),
                    index=ctx.index,
                    actor=actor,
                    now=now(),
                )
                session.commit()
                opened_id = opened.id
        except YuqingError as exc:
            st.error(str(exc))
        else:
            st.switch_page(CASE_PAGE, query_params={"case_id": str(opened_id)})


def act(alert_id: int, action: str) -> None:
    """Acknowledge, resolve or dismiss as 误报, then redraw; a refusal is shown instead."""
    if not auth.may_act():
        return
    if not actor:
        st.error(auth.actor_needed_zh("预警的确认、解决和误报"))
        return
    with ctx.sessions() as session:
        if action == "ack":
            service.acknowledge(session, alert_id=alert_id, by=actor, at=now())
        else:
            service.resolve(
                session, alert_id=alert_id, by=actor, at=now(), false_alarm=action == "false"
            )
    st.rerun()


def show(alert: Alert) -> None:
    """One alert: header badges, numbers, timeline, samples, deliveries, buttons."""
    severity, status = Severity(alert.severity), AlertStatus(alert.status)
    header = badge(SEVERITY_LABELS_ZH[severity], SEVERITY_COLOURS[severity]) + (
        badge("误报", "#868e96")
        if alert.false_alarm
        else badge(ALERT_STATUS_ZH[status], STATUS_COLOURS[status])
    )
    st.markdown(f"{header} **#{alert.id} {streamlit_text(alert.title)}**", unsafe_allow_html=True)
    st.markdown(streamlit_text(alert.summary))
    st.markdown(f"**{describe(alert)}**")
    tz = ctx.config.tz
    started = f"{alert.started_at.astimezone(tz):%m-%d %H:%M}"
    st.caption(
        f"规则「{rule_zh(alert.rule, alert.rule_type)}」（{type_zh(alert.rule_type)}）"
        f" · 开始 {started} · 同一条件已触发 {alert.fire_count} 次 · {notified(alert)}",
        help=f"规则文件中的名称：{alert.rule}（调整阈值或关闭规则时用）",
    )
    if alert.acknowledged_by:
        st.caption(f"确认人：{alert.acknowledged_by}")
    with ctx.sessions() as session:
        incident = incident_members.of(session, alert)
        others = [a for a in incident_members.siblings(session, alert) if a.id != alert.id]
    if incident is not None and others:
        escaped = incident_members.group_note_zh(
            incident, alert, others, title=lambda a: streamlit_text(a.title)
        )
        st.info(escaped)
    case_link(alert)
    event_link(alert.sample_mention_ids or [])
    samples = [m for i in alert.sample_mention_ids if (m := ctx.index.get(i)) is not None]
    if samples:
        st.markdown("**代表性内容**")
        mention_cards(samples[:5])
    buttons = st.columns(4)
    read_only = not auth.may_act()
    if status == AlertStatus.OPEN and buttons[0].button(
        "确认", key=f"ack-{alert.id}", disabled=read_only
    ):
        act(alert.id, "ack")
    ended_unseen = status == AlertStatus.RESOLVED and not alert.acknowledged_at
    if (
        ended_unseen
        and not alert.false_alarm
        and buttons[0].button(
            "已知悉",
            key=f"seen-{alert.id}",
            disabled=read_only,
            help="预警已由规则到时自动解除、无人确认；核实危机已处置后点此留下确认人和时间（不重新打开）",
        )
    ):
        act(alert.id, "ack")
    if status != AlertStatus.RESOLVED and buttons[1].button(
        "解决", key=f"resolve-{alert.id}", disabled=read_only
    ):
        act(alert.id, "resolve")
    if not alert.false_alarm and buttons[2].button(
        "误报",
        key=f"false-{alert.id}",
        disabled=read_only,
        help="整个预警组标记为误报并关闭；重复期内同一条件不再通知。误报次数进入周报，便于调整规则。",
    ):
        act(alert.id, "false")
    with ctx.sessions() as session:
        sent = service.deliveries(session, alert_id=alert.id)
    if sent:
        st.dataframe(
            [
                {
                    "渠道": d.notifier,
                    "层级": TIER_OF.get(d.tier or "", d.tier or ""),
                    "状态": delivery_state_zh(d, ctx.config.tz, now()),
                    "尝试次数": d.attempts,
                    "说明": d.last_error or "",  # why it failed, or who a sent SMS missed
                }
                for d in sent
            ],
            hide_index=True,
        )


UNRESOLVED = [AlertStatus.OPEN, AlertStatus.ACKNOWLEDGED]


def listed(statuses: list[AlertStatus] | None) -> list[Alert]:
    """The alerts of these statuses (None or empty: all), of the chosen plans (all when none
    chosen). The plan scoping searches the index: one call per page run."""
    with ctx.sessions() as session:
        found = service.get_all(session, status=statuses or None)
    if not plans:
        return found
    ours = alerts_of_plans(ctx.index, plans, found)
    return [a for a in found if a.id in ours]


def state(alerts: list[Alert]) -> list[tuple[object, ...]]:
    """What the list shows that can change by itself: which alerts, their status, how often
    they fired (another person's 确认 or the rules' next tick change it)."""
    return [(a.id, a.status, a.fire_count, a.false_alarm, a.incident_id) for a in alerts]


@live_fragment(ctx.config.dashboard.refresh)
def watch() -> None:
    """Redraw the page when an alert opens, fires again or changes status: a new crisis shows
    without a reload (the list itself is not redrawn every few seconds: its buttons stay put)."""
    # In the page's full run the list was drawn a moment ago: only its later runs look again.
    fresh = st.session_state.pop(JUST_DRAWN, False)
    if not fresh and state(listed(UNRESOLVED)) != st.session_state.get(DRAWN):
        st.rerun()
    every = ctx.config.dashboard.refresh.total_seconds()
    st.caption(f"每 {every:.0f} 秒检查一次：有新预警或状态变化时本页自动刷新")


# The tiles count every unresolved alert, whatever the 状态 filter shows: 待处理 is the number
# 舆情态势 and 实时舆情 call 未处理预警 (filtered to 已解决, it read 0 while they read 1).
# One query and one plan scoping for both (each searched the index for the chosen plans).
every_shown = listed(sorted({*UNRESOLVED, *chosen}) if chosen else None)
unresolved = [a for a in every_shown if a.status in UNRESOLVED]
alerts = [a for a in every_shown if not chosen or a.status in chosen]
st.session_state[DRAWN] = state(unresolved)
st.session_state[JUST_DRAWN] = True
watch()
top = st.columns(4)
top[0].metric(
    "待处理",
    sum(1 for a in unresolved if a.status == AlertStatus.OPEN),
    help="尚未确认的预警（不随左侧状态筛选变化），与舆情态势的「未处理预警」一致"
    + ("；只数所选监测方案的" if plans else ""),
)
top[1].metric("已确认", sum(1 for a in unresolved if a.status == AlertStatus.ACKNOWLEDGED))
top[3].metric(
    "预警组",
    len({a.incident_id for a in unresolved if a.incident_id}),
    help="几条规则为同一场危机触发的预警归为一个预警组（未解决的）",
)
top[2].metric("紧急", sum(1 for a in unresolved if a.severity == Severity.CRITICAL))
if not alerts:
    # What the filter hides: the unresolved ones were read for the tiles; the 已解决 ones, which
    # the default filter leaves out (a closed crisis's, all of them), take one more query only
    # when the list is empty.
    hidden = [a.status for a in every_shown if chosen and a.status not in chosen]
    if chosen and AlertStatus.RESOLVED not in chosen:
        hidden += [a.status for a in listed([AlertStatus.RESOLVED])]
    st.info(hidden_alerts_note(hidden))
alerts.sort(
    key=lambda a: (
        str(a.id) != focus,
        -Severity(a.severity).rank,
        -(a.incident_id or 0),
        a.id,
    )
)
for alert in alerts:
    event = f"预警组 #{alert.incident_id} · " if alert.incident_id is not None else ""
    event += "误报 · " if alert.false_alarm else ""
    with st.expander(
        f"{event}预警 #{alert.id} {SEVERITY_LABELS_ZH[Severity(alert.severity)]} · "
        f"{streamlit_text(alert.title)}",
        expanded=str(alert.id) == focus or alert is alerts[0],
    ):
        show(alert)
