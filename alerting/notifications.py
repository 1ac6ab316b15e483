"""Send notifications through the configured channels, record every delivery, retry failures.

`notify(ctx, notification)` is the entry point other domains use (SLA breaches, reports).
The Notification type itself lives in `alerting.notifiers.base` (re-exported here).
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import TYPE_CHECKING

from sqlalchemy import func, or_, select
from sqlalchemy.orm import Session

from alerting.config import ALERTING
from alerting.enums import DeliveryStatus
from alerting.models import Delivery
from alerting.notifiers import NOTIFIERS, DeliveryError, Notification
from core.enums import Severity
from core.errors import ConfigError
from core.masking import mask_personal_data
from core.timeutil import to_utc

if TYPE_CHECKING:
    from alerting.config import NotifierConfig
    from core.context import Context

log = logging.getLogger(__name__)

# A freshly queued delivery is sent by its creator; the retry job leaves it alone this long.
CLAIM_GRACE = timedelta(minutes=2)


def idempotency_key(alert_id: int | None, delivery_id: int) -> str:
    """yq-<alert id>-<delivery id>: one message of one alert on one channel, across retries."""
    return f"yq-{alert_id or 0}-{delivery_id}"


@dataclass
class DeliveryResult:
    """Outcome of one delivery attempt on one notifier."""

    delivery_id: int
    notifier: str
    status: DeliveryStatus
    error: str | None = None


def notify(
    ctx: Context, notification: Notification, tier: str | None = None
) -> list[DeliveryResult]:
    """Queue the notification for every target (all enabled notifiers when None) and send now."""
    with ctx.sessions() as session:
        queued = enqueue(session, ctx, notification, tier)
        session.commit()
        ids = [d.id for d in queued]
    return deliver(ctx, ids)


def enqueue(
    session: Session,
    ctx: Context,
    notification: Notification,
    tier: str | None = None,
    held_until: datetime | None = None,
) -> list[Delivery]:
    """Delivery rows (pending, or held until the end of quiet hours) for each target, added
    to session; the caller commits."""
    now = ctx.clock().astimezone(UTC)
    config = ALERTING.of(ctx.config)
    names = notification.targets
    if names is None:
        names = [n.name for n in config.notifiers if n.enabled]
    names = [n for n in names if reaches(config.notifier(n), notification.severity)]
    title, body = notification.title, notification.body_markdown
    if config.mask_personal_data:
        title, body = mask_personal_data(title), mask_personal_data(body)
    rows = []
    for name in names:
        row = Delivery(
            alert_id=notification.alert_id,
            notifier=name,
            tier=tier,
            severity=str(notification.severity),
            title=title[:300],
            body=body,
            link=notification.link,
            status=DeliveryStatus.PENDING if held_until is None else DeliveryStatus.HELD,
            created_at=now,
            next_attempt_at=now + CLAIM_GRACE if held_until is None else to_utc(held_until),
        )
        session.add(row)
        rows.append(row)
    session.flush()
    return rows


def reaches(notifier: NotifierConfig | None, severity: Severity) -> bool:
    """Whether a message of this level goes to the notifier (its min_severity; an unknown
    name is queued and given up on with its reason, as before)."""
    floor = notifier.min_severity if notifier is not None else None
    return floor is None or Severity(severity).rank >= floor.rank


def deliver(ctx: Context, delivery_ids: list[int]) -> list[DeliveryResult]:
    """Attempt these deliveries now (respecting rate limits); record each outcome."""
    results = []
    for delivery_id in delivery_ids:
        with ctx.sessions() as session:
            # Claimed with a row lock (PostgreSQL: FOR UPDATE SKIP LOCKED): a delivery another
            # worker is sending right now is skipped, and one it sent is seen as SENT.
            row = session.get(Delivery, delivery_id, with_for_update={"skip_locked": True})
            if row is None or row.status in (DeliveryStatus.SENT, DeliveryStatus.GAVE_UP):
                continue
            results.append(_attempt(session, ctx, row))
            session.commit()
    return results


def retry_due(ctx: Context) -> list[DeliveryResult]:
    """Retry failed, deferred and stranded pending or sending deliveries whose time has come.

    A delivery still `sending` after its claim expired belonged to a process that died
    during the call: it is sent again with the same idempotency key, so a receiver that did
    accept it can drop the repeat; sent deliveries are never sent again.
    """
    now = ctx.clock().astimezone(UTC)
    waiting = (
        DeliveryStatus.PENDING,
        DeliveryStatus.SENDING,
        DeliveryStatus.FAILED,
        DeliveryStatus.DEFERRED,
    )
    with ctx.sessions() as session:
        ids = list(
            session.scalars(
                select(Delivery.id)
                .where(Delivery.status.in_(waiting))
                .where(or_(Delivery.next_attempt_at.is_(None), Delivery.next_attempt_at <= now))
                .order_by(Delivery.id)
            )
        )
    return deliver(ctx, ids)


def _attempt(session: Session, ctx: Context, row: Delivery) -> DeliveryResult:
    now = ctx.clock().astimezone(UTC)
    config = ALERTING.of(ctx.config).notifier(row.notifier)
    if config is None or config.type not in NOTIFIERS:
        reason = "未配置的通知渠道" if config is None else f"未知渠道类型 {config.type!r}"
        return _give_up(row, f"{row.notifier}: {reason}")
    try:
        channel = NOTIFIERS.get(config.type)(config)
    except ConfigError as exc:
        return _give_up(row, str(exc))
    free_at = _rate_limited_until(
        session, row.notifier, channel.rate_limit, config.rate_period, now
    )
    if free_at is not None:
        row.status, row.next_attempt_at = DeliveryStatus.DEFERRED, free_at
        return DeliveryResult(row.id, row.notifier, row.status, "超出频率限制，稍后发送")
    row.attempts += 1
    # Recorded before the call: a crash during it leaves `sending`, resent with the same key.
    row.status, row.next_attempt_at = DeliveryStatus.SENDING, now + CLAIM_GRACE
    session.commit()
    try:
        note = channel.send(_as_notification(row))
    except (DeliveryError, OSError) as exc:
        return _failed(row, ctx, str(exc), now)
    row.status, row.sent_at, row.next_attempt_at, row.last_error = (
        DeliveryStatus.SENT,
        now,
        None,
        note,  # sent, but not to everyone: said on the delivery, not retried
    )
    if note:
        log.warning("通知 %s 经 %s 已发出，但%s", row.id, row.notifier, note)
    return DeliveryResult(row.id, row.notifier, row.status, note)


def _failed(row: Delivery, ctx: Context, error: str, now: datetime) -> DeliveryResult:
    config = ALERTING.of(ctx.config)
    if row.attempts >= config.max_attempts:
        return _give_up(row, error)
    row.status, row.last_error = DeliveryStatus.FAILED, error
    row.next_attempt_at = now + config.retry_backoff * (2 ** (row.attempts - 1))
    log.warning(
        "通知 %s 经 %s 发送失败（第 %d 次），稍后重试：%s",
        row.id,
        row.notifier,
        row.attempts,
        error,
    )
    return DeliveryResult(row.id, row.notifier, row.status, error)


def _give_up(row: Delivery, error: str) -> DeliveryResult:
    row.status, row.last_error, row.next_attempt_at = DeliveryStatus.GAVE_UP, error, None
    log.error("通知 %s 经 %s 多次发送失败，已放弃：%s", row.id, row.notifier, error)
    return DeliveryResult(row.id, row.notifier, row.status, error)


def _rate_limited_until(
    session: Session, notifier: str, limit: int, period: timedelta, now: datetime
) -> datetime | None:
    """When the channel may send again, or None when it may send now."""
    since = now - period
    sent = select(Delivery.sent_at).where(
        Delivery.notifier == notifier,
        Delivery.status == DeliveryStatus.SENT,
        Delivery.sent_at > since,
    )
    count = session.scalar(select(func.count()).select_from(sent.subquery())) or 0
    if count < limit:
        return None
    oldest = session.scalar(sent.order_by(Delivery.sent_at).limit(1))
    return (oldest or now) + period


def _as_notification(row: Delivery) -> Notification:
    return Notification(
        title=row.title,
        body_markdown=row.body,
        severity=Severity(row.severity),
        link=row.link,
        alert_id=row.alert_id,
        idempotency_key=idempotency_key(row.alert_id, row.id),
    )
