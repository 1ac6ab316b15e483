"""舆情简报: a short version of a report pushed to chat groups (DingTalk, WeCom, Feishu …).

Executives and service leads read their groups, not their mailboxes: with `reports.notifiers`
(names of `alerting.notifiers`) every scheduled report — and `yuqing report … --notify` — also
goes to those groups as one message: the 核心结论, the three headline numbers, the first items
of 需要关注 and of the crises' 待决定事项, and a link to the whole report on the dashboard. It
travels as an alert message does (queued in `deliveries`, rate limited, retried, personal data
masked when configured), at the lowest severity: a report never pings a whole group.
"""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING
from urllib.parse import quote

from core.enums import Severity
from reports.models import MetricKind, ReportData
from reports.render import pct

if TYPE_CHECKING:
    from alerting.notifiers.base import Notification
    from core.context import Context
    from reports.service import GeneratedReport

log = logging.getLogger(__name__)

MAX_ATTENTION = 3  # items of 需要关注 in the message (the rest counted)
HEADLINE = ("提及总量", "负面占比", "口碑指数")


def report_link(public_url: str, directory: str) -> str:
    """The dashboard's 舆情报告 page opened on this report."""
    return f"{public_url.rstrip('/')}/reports?report={quote(directory)}"


def brief_markdown(data: ReportData) -> str:
    """The message body: verdict, headline numbers, what needs attention."""
    lines: list[str] = []
    if data.verdict is not None:
        lines += ["**核心结论**", *(f"- {line}" for line in data.verdict.lines), ""]
    numbers = []
    for metric in data.metrics:
        if metric.label not in HEADLINE:
            continue
        if metric.current is None:
            value = "—"
        elif metric.kind == MetricKind.SHARE:
            value = pct(metric.current)
        elif metric.kind == MetricKind.COUNT:
            value = f"{metric.current:,.0f} 条"
        else:
            value = f"{metric.current:.1f}"
        change = metric.change_text
        against = "" if metric.withheld or change == "—" else f"较{data.window.previous_zh} "
        numbers.append(f"- {metric.label}：{value}（{against}{change}）")
    if numbers:
        lines += ["**主要数字**", *numbers, ""]
    if data.attention:
        lines.append("**需要关注**")
        lines += [f"{n}. {item.text}" for n, item in enumerate(data.attention[:MAX_ATTENTION], 1)]
        more = len(data.attention) - MAX_ATTENTION
        if more > 0:
            lines.append(f"（另有 {more} 项，见完整报告）")
    elif not data.empty:
        lines.append("需要关注：无")
    pending = [f"- {c.name}：{line}" for c in data.progress for line in c.pending]
    if pending:
        lines += ["", "**待决定事项（危机处置）**", *pending[:MAX_ATTENTION]]
        if len(pending) > MAX_ATTENTION:
            lines.append(f"（另有 {len(pending) - MAX_ATTENTION} 项，见完整报告）")
    if data.empty:
        lines.append(f"{data.window.current_zh}没有提及。")
    return "\n".join(lines).strip()


def brief(ctx: Context, report: GeneratedReport, targets: list[str]) -> Notification:
    """The chat message of a report for the given notifiers."""
    from alerting.notifiers.base import Notification
    from reports.service import subject

    link = report_link(ctx.config.dashboard.public_url, report.directory.name)
    return Notification(
        title=subject(report.data),
        body_markdown=f"{brief_markdown(report.data)}\n\n[查看完整报告]({link})",
        severity=Severity.LOW,
        link=link,
        targets=list(targets),
    )


def send_brief(ctx: Context, report: GeneratedReport, targets: list[str]) -> list[str]:
    """Queue and send the brief; returns the notifiers it reached (failures are retried by
    the delivery queue and logged here)."""
    from alerting.enums import DELIVERY_STATUS_ZH, DeliveryStatus
    from alerting.notifications import notify

    reached = []
    for result in notify(ctx, brief(ctx, report, targets)):
        if result.status == DeliveryStatus.SENT:
            reached.append(result.notifier)
        else:
            log.warning(
                "报告简报未能发到 %s（%s）：%s",
                result.notifier,
                DELIVERY_STATUS_ZH[result.status],
                result.error or "稍后重试",
            )
    return reached
