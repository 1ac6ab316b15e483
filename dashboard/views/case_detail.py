"""案件详情: SLA clocks, status actions, the playbook checklist, the recovery form, the timeline."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime

import streamlit as st
from sqlalchemy.orm import Session

from brand_events.statements import own_posts, said_zh
from core.enums import CHANNEL_LABELS_ZH, Channel, Severity
from core.errors import YuqingError
from core.escaping import safe_link, streamlit_text
from crisis_playbooks import runtime
from crisis_playbooks.audit.enums import EVENT_LABELS_ZH, EventKind
from crisis_playbooks.audit.sentences import sentence
from crisis_playbooks.cases import flows, service, transitions
from crisis_playbooks.cases.enums import CaseStatus
from crisis_playbooks.cases.models import Case, CaseUpdate
from crisis_playbooks.overview import CaseDetail, detail
from crisis_playbooks.playbook import flows as playbook_flows
from crisis_playbooks.playbook.enums import TemplateKind
from crisis_playbooks.recovery import service as recovery
from crisis_playbooks.recovery.models import RecoveryUpdate
from crisis_playbooks.sla.enums import ClockState
from crisis_playbooks.tasks import flows as task_flows
from crisis_playbooks.tasks import service as tasks
from crisis_playbooks.tasks.enums import OwnerRole, TaskStatus
from dashboard import auth
from dashboard.data import get_context, now, own_accounts
from dashboard.event_data import event_of_case
from dashboard.event_links import event_page_link
from dashboard.navigation import VIEWS
from dashboard.situation import countdown
from dashboard.views.case_parts.open_steps import confirm_open_steps
from dashboard.views.case_parts.playbook_picker import playbook_picker
from dashboard.views.case_parts.recovery_form import recovery_form

ctx = get_context()
tz = ctx.config.tz
# The playbooks' first public answer (占位声明): the brand's own posts in the event are shown on it.
FIRST_RESPONSE_STEPS = frozenset({"holding_statement"})
actor = auth.actor()
# Viewers see every control greyed out (changes are also refused server-side in act()).
VIEW_ONLY = not auth.may_act()


def when(moment: datetime | None) -> str:
    """Local short time or '—'."""
    return moment.astimezone(tz).strftime("%m-%d %H:%M") if moment else "—"


def act(action: str, **kwargs: object) -> None:
    """Run one change in its own transaction, show refusals, then re-render the page."""
    if not auth.may_act():
        st.session_state["case_error"] = "只读账号不能修改案件，请联系处置人员。"
        st.rerun()
    if not actor:
        # Shown without a rerun: a ticked step stays ticked and is saved once a name is typed
        # (a rerun would tick it again, refuse again, and loop).
        refusal.error(auth.actor_needed_zh("案件的每项变更"))
        return
    try:
        with ctx.sessions() as session:
            case = service.get_or_raise(session, case_id=case_id)
            ACTIONS[action](session, case, **kwargs)
            session.commit()
    except YuqingError as exc:
        st.session_state["case_error"] = str(exc)
    else:
        if action == "status":  # the note went into the timeline with this change only
            st.session_state["clear-status-note"] = True
    st.rerun()


def _status(session: Session, case: Case, to: CaseStatus, note: str, force: bool) -> None:
    flows.transition(
        session,
        case=case,
        to=to,
        actor=actor,
        now=now(),
        policy=runtime.policy(ctx),
        note=note,
        force=force,
    )


def _fields(session: Session, case: Case, patch: CaseUpdate, note: str) -> None:
    flows.update_case(session, case=case, case_in=patch, actor=actor, now=now())
    if note.strip():
        service.add_note(session, case=case, text=note.strip(), actor=actor, now=now())


def _playbook(session: Session, case: Case, playbook_id: str) -> None:
    playbook = runtime.library(ctx)[playbook_id]
    playbook_flows.start(session, case=case, playbook=playbook, actor=actor, now=now(), tz=tz)


def _task(session: Session, case: Case, task_id: int, status: TaskStatus, note: str) -> None:
    task = tasks.get(session, task_id=task_id)
    task_flows.set_status(session, task=task, status=status, actor=actor, now=now(), note=note)


def _recovery(session: Session, case: Case, patch: RecoveryUpdate) -> None:
    recovery.update(session, case_id=case.id, recovery_in=patch, actor=actor, now=now())


ACTIONS: dict[str, Callable[..., None]] = {
    "status": _status,
    "fields": _fields,
    "playbook": _playbook,
    "task": _task,
    "recovery": _recovery,
}

with ctx.sessions() as session:
    choices = {c.id: c.title for c in service.get_all(session)}
if not choices:
    st.info("还没有案件。请在「案件看板」从预警立案或手工立案。")
    st.stop()
wanted = st.query_params.get("case_id")
ids = list(choices)
start = ids.index(int(wanted)) if wanted and wanted.isdigit() and int(wanted) in choices else 0
case_id = st.sidebar.selectbox(
    "案件", ids, index=start, format_func=lambda i: f"#{i} {choices[i]}", placeholder="请选择"
)
st.query_params["case_id"] = str(case_id)
with ctx.sessions() as session:
    info: CaseDetail = detail(
        session,
        case=service.get_or_raise(session, case_id=case_id),
        policy=runtime.policy(ctx),
        now=now(),
    )
case = info.card.case
story = event_of_case(case)  # linked in 时间线: keeps the page top stable
if story:
    with ctx.sessions() as session:
        said = own_posts(session, ctx.index, story[0], own_accounts())
else:
    said = []
closed = case.status_enum == CaseStatus.CLOSED

st.title(f"案件 #{case.id} · {streamlit_text(case.title)}", anchor=False)
# Always one slot for a refusal: an element that comes and goes would shift everything below
# it, and Streamlit would then redraw (and collapse) the expander the user is working in.
refusal = st.empty()
if "case_error" in st.session_state:
    refusal.error(st.session_state.pop("case_error"))
st.caption(
    f"{case.status_enum.label_zh} · 级别 {case.severity_enum.label_zh} · "
    f"负责人 {streamlit_text(case.owner or '未指派')} · 立案 {when(case.opened_at)} · "
    f"{streamlit_text(case.summary)}"
    + (f" · 所属事件：{streamlit_text(story[1], one_line=True)}（见时间线）" if story else "")
)
counted = runtime.policy(ctx).counted_zh(case.severity_enum)  # critical: around the clock
for column, clock in zip(st.columns(len(info.card.clocks) + 1), info.card.clocks, strict=False):
    late = clock.state in {ClockState.BREACHED, ClockState.WARNING}
    settled = clock.state == ClockState.MET
    running = clock.due_at is not None and clock.stopped_at is None
    remaining = countdown(clock.due_at, info.card.now) if running else clock.state.label_zh
    column.metric(
        f"SLA {clock.kind.label_zh}",
        remaining,
        help=f"{clock.state.label_zh}；时限 {clock.target_zh}（{counted}）",
    )
    if not settled:  # a caption, not a metric delta: the delta draws an arrow as for a change
        used = f"已用 {clock.consumed:.0%} · 截止 {when(clock.due_at)}"
        column.caption(f":red[{used}]" if late else used)

with st.container(border=True):
    if closed:
        st.info(
            "案件已关闭：处置清单只读（回访结果仍可补录到服务补救）；如需继续处理，请先重新打开。"
        )
    options = list(transitions.allowed_next(case.status_enum))
    left, mid, right = st.columns([2, 3, 1])
    target = left.selectbox(
        "变更状态为",
        options,
        format_func=lambda s: s.label_zh,
        disabled=VIEW_ONLY,
        placeholder="请选择",
    )
    if st.session_state.pop("clear-status-note", False):
        st.session_state["status-note"] = ""
    note = mid.text_input("说明（写入时间线）", key="status-note", disabled=VIEW_ONLY)
    # Always this one container (empty when not needed), so nothing below it moves.
    force = confirm_open_steps(st.container(), info.tasks, target, view_only=VIEW_ONLY)
    if right.button(
        "重新打开" if closed else "变更状态",
        type="secondary" if closed else "primary",
        disabled=VIEW_ONLY,
    ):
        act("status", to=target, note=note, force=force)


def start_playbook(playbook_id: str) -> None:
    """Start the picked playbook on this case."""
    act("playbook", playbook_id=playbook_id)


checklist, recovery_tab, timeline, settings = st.tabs(
    ["处置清单", "服务补救", "时间线", "案件设置"]
)

with checklist:
    started = {run.playbook_id for run in info.runs}
    try:
        library = runtime.library(ctx)
    except YuqingError as exc:  # a broken user playbook must not hide the case
        st.error(str(exc))
        library = {}
    for run in info.runs:
        st.markdown(
            f"**正在执行：{streamlit_text(run.playbook_name)}**　由 "
            f"{streamlit_text(run.started_by)} 于 {when(run.started_at)} 启动"
        )
    available = [p for p in library if p not in started]
    if available and not closed and not info.runs:
        playbook_picker(case, available, library, start=start_playbook, view_only=VIEW_ONLY)
    st.caption("所有对外发出的信息请第二人复核；只发布核实过的数据，不夸大承诺。")
    for task in info.tasks:
        overdue = task.is_overdue(info.card.now)
        role = OwnerRole(task.owner_role).label_zh
        label = f"{task.title}（{role}，截止 {when(task.due_at)}，{countdown(task.due_at, now())}）"
        if task.status != TaskStatus.OPEN:
            label = (
                f"{task.title}（{role}）· {task.completed_by or '—'} 于 {when(task.completed_at)}"
            )
            label += f" {TaskStatus(task.status).label_zh}"
        elif overdue:
            label += " · 逾期"
        done = st.checkbox(
            label,
            value=task.status == TaskStatus.DONE,
            key=f"task-{task.id}",
            disabled=VIEW_ONLY or (closed or task.status == TaskStatus.SKIPPED),
        )
        if done != (task.status == TaskStatus.DONE):
            # The note field below belongs to this step: ticking it done keeps what was typed.
            typed = str(st.session_state.get(f"skip-note-{task.id}") or "").strip()
            act(
                "task",
                task_id=task.id,
                status=TaskStatus.DONE if done else TaskStatus.OPEN,
                note=typed if done else "",
            )
        if said and task.step_id in FIRST_RESPONSE_STEPS and task.status == TaskStatus.OPEN:
            st.info(streamlit_text(said_zh(said, tz)), icon=":material/campaign:")
        shown = {TaskStatus.SKIPPED: " · 已跳过：", TaskStatus.DONE: " · 备注："}
        with st.expander(
            "说明与模板"
            + (
                f"{shown[TaskStatus(task.status)]}{task.note}"
                if task.status in shown and task.note
                else ""
            )
        ):
            st.markdown(task.instructions or "—")
            for item in task.checklist:
                st.markdown(f"- {item}")
            for kind, text in task.templates.items():
                st.markdown(f"**{TemplateKind(kind).label_zh}**")
                st.code(text, language=None)
                if "〔待核实" in text or "〔待补充" in text:
                    st.caption("〔待核实：…〕〔待补充：…〕处须核实后替换；未核实的内容不得发布。")
            reason = st.text_input(
                "说明 / 跳过原因", key=f"skip-note-{task.id}", disabled=VIEW_ONLY
            )
            can_skip = task.status == TaskStatus.OPEN and not closed
            if can_skip and st.button("跳过此步", key=f"skip-{task.id}", disabled=VIEW_ONLY):
                act("task", task_id=task.id, status=TaskStatus.SKIPPED, note=reason)
    # Once a playbook runs, a second one only by an explicit choice, below its last step
    # (not a ready button above the first one).
    if available and not closed and info.runs:
        st.divider()
        if st.toggle("另启动一个预案", key="another-playbook"):
            playbook_picker(case, available, library, start=start_playbook, view_only=VIEW_ONLY)

with recovery_tab:
    recovery_patch = recovery_form(info.recovery, now=now, view_only=VIEW_ONLY)
    if recovery_patch is not None:
        act("recovery", patch=recovery_patch)

with timeline:
    if story:
        event_page_link(*story)
    for link in case.mentions:
        url = safe_link(link.url)
        channel = link.channel or "—"
        if channel in Channel.__members__.values():
            channel = CHANNEL_LABELS_ZH[Channel(channel)]
        st.markdown(
            f":material/article: **{streamlit_text(link.author or '匿名')}**（{channel}）"
            f"{streamlit_text(link.excerpt)}" + (f" [原帖]({url})" if url else "")
        )
    for alert in case.alerts:
        st.page_link(
            VIEWS / "alerts.py",
            label=f"预警 #{alert.alert_id} {streamlit_text(alert.title)}",
            icon=":material/notifications_active:",
            query_params={"alert": str(alert.alert_id)},
        )
    for event in reversed(info.timeline):
        kind = EVENT_LABELS_ZH[EventKind(event.kind)]
        st.markdown(f"`{when(event.at)}` {kind} · {streamlit_text(sentence(event, tz))}")

with settings, st.form("fields"):
    people = auth.owner_choices()
    if people:  # accounts exist: pick a colleague, so "my cases" and SLA notices find them
        names = ["", *people, *([case.owner] if case.owner and case.owner not in people else [])]
        owner_name = st.selectbox(
            "负责人",
            names,
            index=names.index(case.owner or ""),
            format_func=lambda name: name or "未指派",
            disabled=VIEW_ONLY,
            placeholder="请选择",
        )
    else:
        owner_name = st.text_input("负责人", value=case.owner or "", disabled=VIEW_ONLY)
    levels = list(Severity)
    severity = st.selectbox(
        "严重程度",
        levels,
        index=levels.index(case.severity_enum),
        format_func=lambda s: s.label_zh,
        disabled=VIEW_ONLY,
        placeholder="请选择",
    )
    waiting = st.checkbox(
        "等待客户回复（暂停 SLA 计时）", value=case.waiting_on_customer, disabled=VIEW_ONLY
    )
    remark = st.text_area("备注", disabled=VIEW_ONLY)
    if st.form_submit_button("保存", disabled=VIEW_ONLY):
        fields = CaseUpdate(
            owner=owner_name or None, severity=severity, waiting_on_customer=waiting
        )
        act("fields", patch=fields, note=remark)
