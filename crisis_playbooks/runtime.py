"""Build the case domain's collaborators (SLA policy, playbook library, sender) from Context."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING

from crisis_playbooks.config import CASES
from crisis_playbooks.playbook.definition import Playbook
from crisis_playbooks.playbook.loader import load_library
from crisis_playbooks.sla.clocks import SlaPolicy

if TYPE_CHECKING:
    from alerting.notifiers import Notification
    from core.context import Context
    from crisis_playbooks.notices import NoticeSender


def policy(ctx: Context) -> SlaPolicy:
    """SLA targets and business calendar from `cases:`."""
    return SlaPolicy.from_config(CASES.of(ctx.config), ctx.config.timezone)


def playbooks_dir(ctx: Context) -> Path | None:
    """The user playbook folder; relative paths are taken from the config file's folder."""
    configured = CASES.of(ctx.config).playbooks_dir
    if not configured:
        return None
    path = Path(configured)
    if not path.is_absolute() and ctx.config_path is not None:
        beside = ctx.config_path.parent / path
        if beside.exists():
            return beside
    return path


def library(ctx: Context) -> dict[str, Playbook]:
    """Shipped and user playbooks, validated."""
    return load_library(playbooks_dir(ctx), builtin=CASES.of(ctx.config).builtin_playbooks)


@dataclass(frozen=True)
class CheckSummary:
    """What one SLA/overdue check sent."""

    sla_notices: int
    overdue_tasks: int
    notices: tuple[Notification, ...] = ()


def run_checks(
    ctx: Context, *, now: datetime, send: NoticeSender | None = None, dry_run: bool = False
) -> CheckSummary:
    """Link late incident alerts to their case, check SLA clocks and overdue tasks, notify once.

    Without `send`, notices are queued with alerting in the same transaction that records
    them, then delivered after the commit (alerting retries failed deliveries). `dry_run`
    (a rehearsal at a future `now`): the notices are only returned; nothing is stored or
    sent, so each timer still notifies once when its time really comes.
    """
    # The flows (and SQLAlchemy) load here, not with `policy`: `yuqing case list` needs only that.
    from crisis_playbooks import notices
    from crisis_playbooks.cases import flows as case_flows
    from crisis_playbooks.sla import flows as sla_flows
    from crisis_playbooks.tasks import flows as task_flows

    outbox: list[Notification] = []
    public_url = ctx.config.dashboard.public_url
    with ctx.sessions() as session:
        case_flows.link_incident_alerts(session, now=now)
        case_flows.follow_alert_titles(session, now=now)
        sent = sla_flows.check_all(
            session, policy=policy(ctx), now=now, send=outbox.append, public_url=public_url
        )
        overdue = task_flows.notify_overdue(
            session,
            now=now,
            send=outbox.append,
            public_url=public_url,
            tz=ctx.config.tz,
            config=CASES.of(ctx.config),
        )
        summary = CheckSummary(sum(len(v) for v in sent.values()), len(overdue), tuple(outbox))
        if dry_run:
            session.rollback()
            return summary
        queued = notices.enqueue(session, ctx, outbox) if send is None else []
        session.commit()
    if send is None:
        notices.deliver(ctx, queued)
    else:
        for notice in outbox:
            send(notice)
    return summary
