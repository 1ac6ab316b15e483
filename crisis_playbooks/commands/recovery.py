"""`yuqing case recovery CASE_ID …`: fill in the service recovery record from the shell."""

from __future__ import annotations

from datetime import date
from typing import Annotated

import typer

from core.cli_options import DEFAULT_DATA_DIR, ConfigOption, DataDirOption
from crisis_playbooks.commands.common import (
    ActorOption,
    NowOption,
    actor_name,
    console,
)
from crisis_playbooks.commands.context import command_context
from crisis_playbooks.recovery.enums import TIER_CHOICE, WinBackTier


def recovery_record(
    case_id: Annotated[int, typer.Argument(help="案件 id")],
    break_cause: Annotated[str | None, typer.Option(help="服务失误原因")] = None,
    responsible: Annotated[str | None, typer.Option(help="专人负责")] = None,
    contacted: Annotated[
        bool, typer.Option("--contacted", help="已主动联系（记为 --now）")
    ] = False,
    apology: Annotated[
        bool | None, typer.Option("--apology/--no-apology", help="是否已致歉")
    ] = None,
    remedy: Annotated[str | None, typer.Option(help="补救方案")] = None,
    accepted: Annotated[
        bool | None, typer.Option("--accepted/--declined", help="用户接受 / 拒绝补救方案")
    ] = None,
    third_parties: Annotated[str | None, typer.Option(help="已告知的第三方")] = None,
    follow_up_on: Annotated[str | None, typer.Option(help="回访日期 YYYY-MM-DD")] = None,
    followed_up: Annotated[
        bool, typer.Option("--followed-up", help="已回访（记为 --now）")
    ] = False,
    satisfaction: Annotated[
        int | None, typer.Option(min=1, max=5, help="用户满意度（1–5）")
    ] = None,
    recurrence: Annotated[str | None, typer.Option(help="复发检查结论")] = None,
    tier: Annotated[
        WinBackTier | None,
        typer.Option(
            parser=TIER_CHOICE,
            help="挽回等级：key 重点客户 / ordinary 普通客户 / small 小客户（代码或中文均可）",
        ),
    ] = None,
    actor: ActorOption = None,
    now: NowOption = None,
    config: ConfigOption = None,
    data_dir: DataDirOption = DEFAULT_DATA_DIR,
) -> None:
    """Fill in the service recovery record (服务补救)."""
    from crisis_playbooks.cases import service  # the ORM loads when this command runs
    from crisis_playbooks.recovery import service as recovery
    from crisis_playbooks.recovery.models import RecoveryUpdate

    with command_context(config, data_dir, now) as (ctx, moment):
        fields: dict[str, object] = {
            "break_cause": break_cause,
            "responsible": responsible,
            "apology_made": apology,
            "remedy_offered": remedy,
            "remedy_accepted": accepted,
            "third_parties_informed": third_parties,
            "satisfaction": satisfaction,
            "win_back_tier": tier,
            "follow_up_on": _day(follow_up_on) if follow_up_on else None,
            "proactive_contact_at": moment if contacted else None,
            "followed_up_at": moment if followed_up else None,
            "recurrence_checked": True if recurrence is not None else None,
            "recurrence_note": recurrence,
        }
        patch = RecoveryUpdate.model_validate({k: v for k, v in fields.items() if v is not None})
        with ctx.sessions() as session:
            service.get_or_raise(session, case_id=case_id)
            recovery.update(
                session, case_id=case_id, recovery_in=patch, actor=actor_name(actor), now=moment
            )
            session.commit()
            console.print(f"案件 #{case_id}：服务补救记录已更新")


def _day(value: str) -> date:
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise typer.BadParameter(
            f"不是有效日期：{value!r}（写成 YYYY-MM-DD，如 2026-11-30）",
            param_hint="'--follow-up-on'",
        ) from None
