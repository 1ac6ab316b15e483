"""Outgoing notices (SLA warnings/breaches, overdue tasks) and the sender that delivers them.

Flows take a `NoticeSender`; in production it hands the notice to
`alerting.notifications.notify`, in tests a recording double stands in.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass
from enum import StrEnum
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from core.context import AppContext

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


def alerting_sender(ctx: AppContext) -> NoticeSender:
    """A sender delivering through the configured notifiers (alerting.notifications.notify)."""

    def send(notice: Notice) -> None:
        try:
            from alerting.notifications import Notification, notify
        except ImportError:  # alerting not installed: say so instead of losing the notice
            log.warning("notice not delivered (alerting unavailable): %s", notice.title)
            return
        notification = Notification(
            title=notice.title,
            body_markdown=notice.body_markdown,
            severity=notice.severity.value,
            link=notice.link,
            targets=notice.targets,
        )
        for result in notify(ctx, notification) or []:
            if not getattr(result, "ok", True):
                log.warning("notice delivery failed: %s", result)

    return send


def log_sender(notice: Notice) -> None:
    """A sender that only logs (CLI dry runs)."""
    log.info("notice: %s", notice.title)
