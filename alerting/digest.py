"""Messages held by a rule's quiet hours go out when the span ends: one digest per channel.

Held rows (`deliveries.status = held`, `next_attempt_at` = the end of the span) are claimed
with a row lock and a conditional UPDATE (held → digested), so two workers never send the same
digest; the digest itself is an ordinary delivery, sent and retried by `notifications.deliver`.
A channel with a single held message gets that message itself, unchanged.
"""

from __future__ import annotations

from collections import defaultdict
from datetime import UTC, datetime, tzinfo
from typing import TYPE_CHECKING, Any, cast

from sqlalchemy import CursorResult, select, update
from sqlalchemy.orm import Session

from alerting.enums import DELIVERY_STATUS_ZH, DeliveryStatus
from alerting.models import Delivery
from alerting.notifications import CLAIM_GRACE, deliver
from alerting.quiet_hours import held_zh
from core.enums import SEVERITY_LABELS_ZH, Severity
from core.timeutil import as_utc

if TYPE_CHECKING:
    from core.context import Context

DIGEST_LINES = 30  # a night of alerts stays one readable message; the rest are counted


def release_held(ctx: Context) -> list[int]:
    """Send the held messages whose quiet hours have ended; the ids of the deliveries sent."""
    now = ctx.clock().astimezone(UTC)
    with ctx.sessions() as session:
        due = session.scalars(
            select(Delivery)
            .where(Delivery.status == DeliveryStatus.HELD, Delivery.next_attempt_at <= now)
            .order_by(Delivery.id)
            .with_for_update(skip_locked=True)
        ).all()
        by_channel: dict[str, list[Delivery]] = defaultdict(list)
        for row in due:
            by_channel[row.notifier].append(row)
        ids = [
            sent
            for rows in by_channel.values()
            if (sent := _release(session, ctx, rows, now)) is not None
        ]
        session.commit()
    deliver(ctx, ids)
    return ids


def _release(session: Session, ctx: Context, rows: list[Delivery], now: datetime) -> int | None:
    """One channel's held rows → one pending delivery (the message itself when alone)."""
    claimed = session.execute(
        update(Delivery)
        .where(Delivery.id.in_([r.id for r in rows]), Delivery.status == DeliveryStatus.HELD)
        .values(status=DeliveryStatus.DIGESTED, next_attempt_at=None)
        .execution_options(synchronize_session=False)
    )
    if cast("CursorResult[Any]", claimed).rowcount != len(rows):
        session.rollback()  # another worker released them meanwhile: it sends them
        return None
    if len(rows) == 1:
        row = rows[0]
        row.status, row.next_attempt_at = DeliveryStatus.PENDING, now + CLAIM_GRACE
        return row.id
    digest = digest_row(ctx, rows, now)
    session.add(digest)
    session.flush()
    return digest.id


def digest_row(ctx: Context, rows: list[Delivery], now: datetime) -> Delivery:
    """The digest delivery of these held messages (already masked when they were queued):
    one line per alert — its latest message, when it began, how many messages it had."""
    tz = ctx.config.tz
    top = max((Severity(r.severity) for r in rows), key=lambda s: s.rank)
    per_alert: dict[int | str, list[Delivery]] = defaultdict(list)
    for row in rows:
        per_alert[row.alert_id if row.alert_id is not None else f"row-{row.id}"].append(row)
    lines = [
        f"**免打扰时段内的 {len(per_alert)} 条预警**",
        "",
        "以下预警在规则的免打扰时段内产生，现汇总发送；预警在舆情控制台一直可见。",
        "",
    ]
    for number, group in enumerate(list(per_alert.values())[:DIGEST_LINES], start=1):
        latest, began = group[-1], (as_utc(group[0].created_at) or now).astimezone(tz)
        more = f"（共 {len(group)} 条消息）" if len(group) > 1 else ""
        link = f" [查看]({latest.link})" if latest.link else ""
        lines.append(f"{number}. {began:%m-%d %H:%M} {latest.title}{more}{link}")
    if len(per_alert) > DIGEST_LINES:
        lines.append(f"……另有 {len(per_alert) - DIGEST_LINES} 条，请在舆情控制台的预警中心查看。")
    return Delivery(
        alert_id=None,
        notifier=rows[0].notifier,
        tier=None,
        severity=str(top),
        title=f"【{SEVERITY_LABELS_ZH[top]}】免打扰期间的 {len(per_alert)} 条预警（汇总）",
        body="\n".join(lines),
        link=None,
        status=DeliveryStatus.PENDING,
        created_at=now,
        next_attempt_at=now + CLAIM_GRACE,
    )


def delivery_state_zh(row: Delivery, tz: tzinfo, now: datetime) -> str:
    """A delivery's state in words; a held one says when it goes out (免打扰中，将于 08:00 发送)."""
    status = DeliveryStatus(row.status)
    until = as_utc(row.next_attempt_at)
    if status == DeliveryStatus.HELD and until is not None:
        return held_zh(until, tz, now)
    return DELIVERY_STATUS_ZH.get(status, str(status))


def held_note(rows: list[Delivery], tz: tzinfo, now: datetime) -> str | None:
    """免打扰中，将于 08:00 发送 when any of an alert's messages is held, else None."""
    times = [
        t for r in rows if r.status == DeliveryStatus.HELD and (t := as_utc(r.next_attempt_at))
    ]
    return held_zh(min(times), tz, now) if times else None
