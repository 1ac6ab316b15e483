"""Outgoing notices (SLA warnings/breaches, overdue tasks) and the senders that deliver them.

A notice is an `alerting` Notification: flows take a `NoticeSender`; the scheduled check
collects the notices and queues them with `alerting.notifications` in the same transaction,
in tests a recording double stands in.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import TYPE_CHECKING

from alerting import notifications
from alerting.enums import DeliveryStatus
from alerting.notifiers import Notification

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

    from core.context import Context

log = logging.getLogger(__name__)

NoticeSender = Callable[[Notification], None]


def case_link(public_url: str, case_id: int) -> str:
    """The dashboard URL of a case."""
    return f"{public_url.rstrip('/')}/case_detail?case_id={case_id}"


def enqueue(session: Session, ctx: Context, notices: list[Notification]) -> list[int]:
    """Queue deliveries in the caller's transaction, so a notice and its record commit together."""
    rows = [row for n in notices for row in notifications.enqueue(session, ctx, n)]
    return [row.id for row in rows]


def deliver(ctx: Context, delivery_ids: list[int]) -> None:
    """Send queued deliveries now (after commit); failures stay queued for alerting's retries."""
    if not delivery_ids:
        return
    for result in notifications.deliver(ctx, delivery_ids):
        if result.status not in {DeliveryStatus.SENT, DeliveryStatus.DEFERRED}:
            log.warning("案件通知经 %s 发送：%s %s", result.notifier, result.status, result.error)


def alerting_sender(ctx: Context) -> NoticeSender:
    """A sender that delivers each notice at once through alerting.notifications.notify."""

    def send(notice: Notification) -> None:
        """Deliver one notice now."""
        notifications.notify(ctx, notice)

    return send


def log_sender(notice: Notification) -> None:
    """A sender that only logs (CLI dry runs)."""
    log.info("案件通知：%s", notice.title)
