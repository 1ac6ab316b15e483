"""Outgoing notices (SLA warnings/breaches, overdue tasks) and the sender that delivers them.

Flows take a `NoticeSender`; the scheduled check collects the notices and queues them with
`alerting.notifications` in the same transaction, in tests a recording double stands in.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass
from enum import StrEnum
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

    from core.context import Context

log = logging.getLogger(__name__)


class NoticeSeverity(StrEnum):
    """Severity names shared with alerting (info < warning < high < critical)."""

    INFO = "info"
    WARNING = "warning"
    HIGH = "high"
    CRITICAL = "critical"


@dataclass(frozen=True)
class Notice:
    """One message to people: title, Markdown body, severity, link, notifier names."""

    title: str
    body_markdown: str
    severity: NoticeSeverity
    link: str | None = None
    targets: list[str] | None = None


NoticeSender = Callable[[Notice], None]


def case_link(public_url: str, case_id: int) -> str:
    """The dashboard URL of a case."""
    return f"{public_url.rstrip('/')}/case_detail?case_id={case_id}"


def _notification(notice: Notice) -> Any:
    from alerting.notifications import Notification

    return Notification(
        title=notice.title,
        body_markdown=notice.body_markdown,
        severity=notice.severity.value,
        link=notice.link,
        targets=notice.targets,
    )


def enqueue(session: Session, ctx: Context, notices: list[Notice]) -> list[int]:
    """Queue deliveries in the caller's transaction, so a notice and its record commit together."""
    if not notices:
        return []
    try:
        from alerting.notifications import enqueue as alerting_enqueue
    except ImportError:  # alerting not installed: say so instead of losing the notices silently
        log.warning("%d notices not delivered: alerting unavailable", len(notices))
        return []
    rows = [row for n in notices for row in alerting_enqueue(session, ctx, _notification(n))]
    return [row.id for row in rows]


def deliver(ctx: Context, delivery_ids: list[int]) -> None:
    """Send queued deliveries now (after commit); failures stay queued for alerting's retries."""
    if not delivery_ids:
        return
    from alerting.notifications import deliver as alerting_deliver

    for result in alerting_deliver(ctx, delivery_ids):
        if str(result.status) not in {"sent", "deferred"}:
            log.warning("notice delivery %s: %s %s", result.notifier, result.status, result.error)


def alerting_sender(ctx: Context) -> NoticeSender:
    """A sender that delivers each notice at once through alerting.notifications.notify."""

    def send(notice: Notice) -> None:
        """Deliver one notice now."""
        from alerting.notifications import notify

        notify(ctx, _notification(notice))

    return send


def log_sender(notice: Notice) -> None:
    """A sender that only logs (CLI dry runs)."""
    log.info("notice: %s", notice.title)
