"""`yuqing case list|open|show|update|start-playbook|task|recovery|check`.

`case list` reads plain rows (crisis_playbooks.board); every other command imports the ORM
flows it uses when it runs, so the board starts without SQLAlchemy.
"""

from __future__ import annotations

from datetime import timedelta
from typing import TYPE_CHECKING, Annotated

import typer

from core.cli_options import DEFAULT_DATA_DIR, ConfigOption, DataDirOption
from core.enums import SEVERITY_CHOICE, Severity
from core.errors import YuqingError
from crisis_playbooks import runtime
from crisis_playbooks.board import read_board
from crisis_playbooks.cases.enums import STATUS_CHOICE, CaseStatus
from crisis_playbooks.commands.board_render import print_board
from crisis_playbooks.commands.common import (
    ActorOption,
    NowOption,
    actor_name,
    console,
    local,
)
from crisis_playbooks.commands.context import command_context
from crisis_playbooks.commands.recovery import recovery_record
from crisis_playbooks.errors import CaseError, CaseNotFound, OpenSteps
from crisis_playbooks.tasks.enums import TASK_STATUS_CHOICE, TaskStatus

if TYPE_CHECKING:
    from crisis_playbooks.cases.models import Case


SeverityOption = Annotated[
    Severity | None,
    typer.Option(parser=SEVERITY_CHOICE, help="严重程度（代码或中文名：一般 较重 严重 紧急）"),
]
OwnerOption = Annotated[str | None, typer.Option(help="负责人（姓名）")]


def owner_name(value: str | None) -> str | None:
    """--owner without stray spaces; a blank one is refused (it would match no one's notices)."""
    if value is None:
        return None
    if not value.strip():
        raise CaseError("负责人不能为空：写负责人的姓名，如 --owner 李娜")
    return value.strip()


def _changes_zh(before: tuple[object, ...], case: Case, *, noted: bool) -> str:
    """'负责人改为 李娜；' and the like: what `case update` changed, before the status."""
    owner, severity, title, waiting = before
    parts = []
    if case.owner != owner:
        parts.append(f"负责人改为 {case.owner or '未指派'}")
    if case.severity != severity:
        parts.append(f"严重程度改为 {case.severity_enum.label_zh}")
    if case.title != title:
        parts.append(f"标题改为「{case.title}」")
    if case.waiting_on_customer != waiting:
        parts.append(
            "等待客户（SLA 暂停）" if case.waiting_on_customer else "不再等待客户（SLA 继续）"
        )
    if noted:
        parts.append("备注已记入时间线")
    return "".join(f"{part}；" for part in parts)


def open_steps_hint(exc: OpenSteps) -> str:
    """The refusal with what to type: skip a step with a reason, or force with --note."""
    first = exc.steps[0][0]
    return (
        f"{exc.summary}：逐一完成或跳过（yuqing case task {exc.case_id} {first} "
        f"--status skipped --note 原因），或加 --force 并写明 --note 原因"
    )


# A --now typed as "now" may run a few seconds ahead of the clock; beyond that it is a rehearsal.
REHEARSAL_SLACK = timedelta(minutes=1)

case_app = typer.Typer(help="客诉/危机案件：立案、状态、预案、补救", no_args_is_help=True)


@case_app.command("list", help="案件看板：按状态分组，标出超时案件")
def list_cases(
    status: Annotated[
        list[CaseStatus] | None,
        typer.Option(parser=STATUS_CHOICE, help="只看这些状态（代码或中文名，如 响应中），可重复"),
    ] = None,
    now: NowOption = None,
    config: ConfigOption = None,
    data_dir: DataDirOption = DEFAULT_DATA_DIR,
) -> None:
    """The case board: cases by status, overdue ones flagged."""
    with command_context(config, data_dir, now, existing=True) as (ctx, moment):
        try:  # stdlib sqlite3 on the embedded store (SQLAlchemy on a configured database)
            grouped = read_board(ctx, policy=runtime.policy(ctx), now=moment, statuses=status or ())
        finally:
            ctx.close()
        print_board(grouped, ctx.config.tz)


@case_app.command("open", help="立案：从预警、从提及，或手工（--title）")
def open_case(
    alert: Annotated[int | None, typer.Option(help="从预警立案（预警 id）")] = None,
    mention: Annotated[list[str] | None, typer.Option(help="从舆情立案（舆情 id，可重复）")] = None,
    title: Annotated[str | None, typer.Option(help="标题（手工立案必填）")] = None,
    summary: Annotated[str, typer.Option(help="案件摘要")] = "",
    severity: SeverityOption = None,
    owner: OwnerOption = None,
    actor: ActorOption = None,
    now: NowOption = None,
    config: ConfigOption = None,
    data_dir: DataDirOption = DEFAULT_DATA_DIR,
) -> None:
    """Open a case from an alert, from mentions, or by hand (--title)."""
    from sqlalchemy import func, select

    from crisis_playbooks.cases import flows
    from crisis_playbooks.cases.models import Case, CaseCreate, CaseUpdate

    with command_context(config, data_dir, now) as (ctx, moment):
        who = actor_name(actor)
        owner = owner_name(owner)
        brand = ctx.config.brand
        library = runtime.library(ctx)  # read once: it proposes the playbook and names it
        with ctx.sessions() as session:
            newest = session.scalar(select(func.max(Case.id))) or 0  # a case above it is new
            if alert is not None:
                case = flows.open_from_alert_id(
                    session,
                    alert_id=alert,
                    brand=brand,
                    library=library,
                    index=ctx.index,
                    actor=who,
                    now=moment,
                )
            elif mention:
                found = [ctx.index.get(mention_id) for mention_id in mention]
                missing = [m for m, f in zip(mention, found, strict=True) if f is None]
                if missing:
                    raise CaseNotFound(f"舆情不存在：{', '.join(missing)}")
                case = flows.open_from_mentions(
                    session,
                    mentions=[f for f in found if f],
                    brand=brand,
                    library=library,
                    actor=who,
                    now=moment,
                    title=title,
                )
            elif title:
                case_in = CaseCreate(title=title, summary=summary, brand=brand)
                case = flows.open_case(session, case_in=case_in, actor=who, now=moment)
            else:
                raise CaseError("需要 --alert、--mention 或 --title 之一")
            patch = CaseUpdate.model_validate(
                {k: v for k, v in {"severity": severity, "owner": owner}.items() if v is not None}
            )
            flows.update_case(session, case=case, case_in=patch, actor=who, now=moment)
            session.commit()
            proposed = case.proposed_playbook
            named = library.get(proposed) if proposed else None
            proposal = f"；建议预案「{named.name if named else proposed}」" if proposed else ""
            done = "已立案" if case.id > newest else "该预警已有未结案件，未重复立案"
            console.print(f"{done}：案件 #{case.id} {case.title}{proposal}", markup=False)


@case_app.command("show", help="案件详情：SLA 计时、检查清单、补救记录与时间线")
def show(
    case_id: Annotated[int, typer.Argument(help="案件 id")],
    now: NowOption = None,
    config: ConfigOption = None,
    data_dir: DataDirOption = DEFAULT_DATA_DIR,
) -> None:
    """A case with SLA clocks, checklist, recovery record and timeline."""
    from crisis_playbooks.cases import service
    from crisis_playbooks.commands.render import print_detail
    from crisis_playbooks.overview import detail

    with (
        command_context(config, data_dir, now, existing=True) as (ctx, moment),
        ctx.sessions() as session,
    ):
        case = service.get_or_raise(session, case_id=case_id)
        try:
            names = {p.id: p.name for p in runtime.library(ctx).values()}
        except YuqingError:  # a broken user playbook must not hide the case; ids then
            names = {}
        shown = detail(session, case=case, policy=runtime.policy(ctx), now=moment)
        print_detail(shown, ctx.config.tz, names)


@case_app.command("update", help="修改状态（按状态机校验）、负责人、严重程度、等待标记；添加备注")
def update(
    case_id: Annotated[int, typer.Argument(help="案件 id")],
    status: Annotated[
        CaseStatus | None,
        typer.Option(parser=STATUS_CHOICE, help="新状态（代码或中文名，如 responding 或 响应中）"),
    ] = None,
    owner: OwnerOption = None,
    severity: SeverityOption = None,
    title: Annotated[str | None, typer.Option(help="标题")] = None,
    note: Annotated[str | None, typer.Option(help="备注（写入时间线）")] = None,
    waiting: Annotated[
        bool | None, typer.Option("--waiting/--not-waiting", help="等待客户（暂停 SLA）")
    ] = None,
    force: Annotated[
        bool,
        typer.Option(
            "--force",
            help="检查清单还有未完成步骤时仍设为已解决/已关闭（须用 --note 写明原因，"
            "未完成的步骤按此原因标为跳过）",
        ),
    ] = False,
    actor: ActorOption = None,
    now: NowOption = None,
    config: ConfigOption = None,
    data_dir: DataDirOption = DEFAULT_DATA_DIR,
) -> None:
    """Change status (checked by the status machine), owner, severity, waiting flag; add a note."""
    from crisis_playbooks.cases import flows, service
    from crisis_playbooks.cases.models import CaseUpdate

    with command_context(config, data_dir, now) as (ctx, moment):
        who = actor_name(actor)
        owner = owner_name(owner)
        with ctx.sessions() as session:
            case = service.get_or_raise(session, case_id=case_id)
            before = (case.owner, case.severity, case.title, case.waiting_on_customer)
            fields = {
                "owner": owner,
                "severity": severity,
                "title": title,
                "waiting_on_customer": waiting,
            }
            patch = CaseUpdate.model_validate({k: v for k, v in fields.items() if v is not None})
            flows.update_case(session, case=case, case_in=patch, actor=who, now=moment)
            if note and not (status is not None and force):  # a forcing reason goes with it
                service.add_note(session, case=case, text=note, actor=who, now=moment)
            if status is not None:
                try:
                    flows.transition(
                        session,
                        case=case,
                        to=status,
                        actor=who,
                        now=moment,
                        policy=runtime.policy(ctx),
                        note=(note or "") if force else "",
                        force=force,
                    )
                except OpenSteps as exc:
                    raise CaseError(open_steps_hint(exc)) from None
            session.commit()
            changed = _changes_zh(before, case, noted=bool(note))
            console.print(
                f"案件 #{case.id}：{changed}状态 {case.status_enum.label_zh}", markup=False
            )


@case_app.command("start-playbook", help="为案件启动预案：其步骤成为带截止时间的任务")
def start_playbook(
    case_id: Annotated[int, typer.Argument(help="案件 id")],
    playbook_id: Annotated[str | None, typer.Argument(help="预案 id；默认用建议预案")] = None,
    actor: ActorOption = None,
    now: NowOption = None,
    config: ConfigOption = None,
    data_dir: DataDirOption = DEFAULT_DATA_DIR,
) -> None:
    """Start a playbook on a case: its steps become tasks with due times."""
    from crisis_playbooks.cases import service
    from crisis_playbooks.playbook import flows as playbook_flows
    from crisis_playbooks.playbook import service as playbooks

    with command_context(config, data_dir, now) as (ctx, moment), ctx.sessions() as session:
        case = service.get_or_raise(session, case_id=case_id)
        chosen = playbook_id or case.proposed_playbook
        if not chosen:
            raise CaseError("没有建议预案，请指定预案 id（yuqing playbook list 可查看）")
        playbook = playbooks.get(runtime.library(ctx), playbook_id=chosen)
        run = playbook_flows.start(
            session,
            case=case,
            playbook=playbook,
            actor=actor_name(actor),
            now=moment,
            tz=ctx.config.tz,
        )
        session.commit()
        console.print(
            f"案件 #{case.id}：已启动预案 {run.playbook_name}（{len(playbook.steps)} 步）",
            markup=False,
        )


@case_app.command("task", help="检查清单步骤：完成、跳过（附备注）或重新打开")
def task(
    case_id: Annotated[int, typer.Argument(help="案件 id")],
    task_id: Annotated[int, typer.Argument(help="步骤（任务）id")],
    status: Annotated[
        TaskStatus,
        typer.Option(
            parser=TASK_STATUS_CHOICE,
            help="done 完成 / skipped 跳过（需备注）/ open 重新打开（代码或中文均可）",
        ),
    ] = TaskStatus.DONE,
    note: Annotated[str, typer.Option(help="说明（跳过时必填）")] = "",
    actor: ActorOption = None,
    now: NowOption = None,
    config: ConfigOption = None,
    data_dir: DataDirOption = DEFAULT_DATA_DIR,
) -> None:
    """Tick a checklist step done, skip it with a note, or reopen it."""
    from crisis_playbooks.tasks import flows as task_flows
    from crisis_playbooks.tasks import service as tasks

    with command_context(config, data_dir, now) as (ctx, moment), ctx.sessions() as session:
        item = tasks.get(session, task_id=task_id)
        if item.case_id != case_id:
            raise CaseNotFound(f"任务 #{task_id} 不属于案件 #{case_id}")
        if status != TaskStatus.OPEN and item.status == status:
            unsaved = (
                f"；备注未记录，补充说明请用 yuqing case update {case_id} --note …" if note else ""
            )
            settled = task_flows.settled_zh(item, ctx.config.tz)
            console.print(f"步骤 #{item.id} {item.title}：{settled}，未改动{unsaved}", markup=False)
            return
        task_flows.set_status(
            session, task=item, status=status, actor=actor_name(actor), now=moment, note=note
        )
        session.commit()
        console.print(f"步骤 #{item.id} {item.title}：{item.status_enum.label_zh}", markup=False)


@case_app.command(
    "check",
    help="立即执行一次 SLA / 超时任务检查（服务每分钟自动执行）。--now 晚于当前时间时为试运行："
    "只列出届时会发出的通知，不发送、不记录（到时真正超时仍会通知）",
)
def check(
    now: NowOption = None, config: ConfigOption = None, data_dir: DataDirOption = DEFAULT_DATA_DIR
) -> None:
    """Run one SLA / overdue-task check now (the service runs it every minute).

    A --now later than the real clock is a rehearsal: notices are listed, not sent or stored
    (each timer notifies once; a rehearsal must not use that up before the breach happens).
    """
    with command_context(config, data_dir, now) as (ctx, moment):
        real = ctx.clock()
        rehearsal = moment > real + REHEARSAL_SLACK
        summary = runtime.run_checks(ctx, now=moment, dry_run=rehearsal)
        counts = f"SLA 提醒 {summary.sla_notices} 条，逾期任务 {summary.overdue_tasks} 个"
        if not rehearsal:
            console.print(counts)
            return
        tz = ctx.config.tz
        console.print(
            f"试运行：--now {local(moment, tz)} 晚于当前时间 {local(real, tz)}，"
            "以下通知只列出，未发送，也未记录：",
            markup=False,
        )
        for notice in summary.notices:
            console.print(f"· {notice.title}", markup=False)
        console.print(f"届时将有 {counts}（试运行，未发送）")


case_app.command("recovery", help="记录补救：致歉、补偿、用户是否接受及满意度")(recovery_record)
