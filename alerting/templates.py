"""Chinese message templates: what happened, numbers against the baseline, samples, deep link."""

from __future__ import annotations

from datetime import datetime, tzinfo
from typing import TYPE_CHECKING

from alerting.enums import ALERT_STATUS_ZH, AlertEvent, AlertStatus
from alerting.models import Alert
from alerting.notifications import Notification
from alerting.rules import describe
from core.enums import CHANNEL_LABELS_ZH, SEVERITY_LABELS_ZH, Severity
from core.escaping import chat_text, safe_link
from core.models import Mention
from core.numbers_zh import followers_zh
from core.text_cut import shorten
from core.timeutil import as_utc

if TYPE_CHECKING:
    from core.context import Context

EVENT_PREFIX_ZH: dict[AlertEvent, str] = {
    AlertEvent.OPENED: "新预警",
    AlertEvent.UPDATED: "预警更新",
    AlertEvent.REALERTED: "预警持续扩大",
    AlertEvent.REOPENED: "预警再次触发",
    AlertEvent.ESCALATED: "预警升级",
    AlertEvent.RESOLVED: "预警已恢复",
    AlertEvent.GROUP_UPDATE: "事态更新",
}
SNIPPET = 80


def alert_link(public_url: str, alert_id: int) -> str:
    """Deep link into the dashboard's alert page."""
    return f"{public_url.rstrip('/')}/alerts?alert={alert_id}"


def render_alert(
    ctx: Context,
    alert: Alert,
    event: AlertEvent,
    samples: list[Mention],
    tier_label: str | None = None,
    incident: str | None = None,
    unseen: bool = False,
) -> Notification:
    """The notification for one alert event (`unseen`: a resolution that ends a 紧急 group
    nobody acknowledged, alerting.unattended)."""
    severity = Severity(alert.severity)
    prefix = EVENT_PREFIX_ZH[event] + (f"·{tier_label}" if tier_label else "")
    title = f"【{SEVERITY_LABELS_ZH[severity]}】{prefix}：{chat_text(alert.title)}"
    link = alert_link(ctx.config.dashboard.public_url, alert.id)
    lines = [
        f"**{chat_text(alert.title)}**",
        "",
        _brand_line(ctx, alert),
        f"- 级别：{SEVERITY_LABELS_ZH[severity]}　状态：{_status(alert)}",
        f"- 情况：{chat_text(alert.summary)}",
        f"- {describe(alert)}",
        f"- 时间窗：{_window(alert, ctx.config.tz)}",
    ]
    if incident:
        lines.append(f"- {chat_text(incident)}")
    story = _event_line(ctx, alert)
    if story:
        lines.append(f"- {chat_text(story)}")
    if event == AlertEvent.RESOLVED:
        lines.append("- 条件已持续解除，预警自动关闭。")
        if unseen:
            lines.append(
                "- 本预警组无人点过「确认」即由规则到时解除：请核实危机是否已处置，"
                "并在舆情控制台立案留档或点「已知悉」。"
            )
    if samples:
        lines += ["", "**代表性内容**"]
        lines += [f"{i}. {sample_line(m)}" for i, m in enumerate(samples, start=1)]
    lines += ["", f"[在舆情控制台处理（预警 #{alert.id}）]({link})"]
    return Notification(
        title=title,
        body_markdown="\n".join(lines),
        severity=severity,
        link=link,
        alert_id=alert.id,
    )


def _brand_line(ctx: Context, alert: Alert) -> str:
    """The brand, and the alert's monitoring plans by name when they say more than the brand."""
    names = {plan.id: plan.name for plan in ctx.config.plans}
    shown = dict.fromkeys(names.get(plan, plan) for plan in alert.plans or [])
    extra = [chat_text(name) for name in shown if name != ctx.config.brand]
    line = f"- 品牌：{chat_text(ctx.config.brand)}"
    return line + (f"（监测方案：{'、'.join(extra)}）" if extra else "")


def _event_line(ctx: Context, alert: Alert) -> str | None:
    """The event the alert's mentions belong to (title, first post, growth), if any."""
    from brand_events.messages import event_line

    return event_line(ctx, list(alert.sample_mention_ids or []))


def _window(alert: Alert, tz: tzinfo) -> str:
    start, end = as_utc(alert.window_start), as_utc(alert.window_end)
    if start is None or end is None:
        return "—"
    return window_zh(start.astimezone(tz), end.astimezone(tz))


def window_zh(start: datetime, end: datetime) -> str:
    """12-02 23:36 – 23:59; the end's date too when it falls on another day; one time when
    start and end are the same minute."""
    first = f"{start:%m-%d %H:%M}"
    if f"{end:%m-%d %H:%M}" == first:
        return first
    return (
        f"{first} – {end:%H:%M}" if end.date() == start.date() else f"{first} – {end:%m-%d %H:%M}"
    )


def sample_line(mention: Mention) -> str:
    """One sample mention of a notification: channel, author with 认证/粉丝, snippet, link."""
    author = chat_text(mention.author.name or "匿名用户")
    badges = []
    if mention.author.verified:
        badges.append("认证")
    if mention.author.followers:
        badges.append(f"粉丝 {followers_zh(mention.author.followers)}")
    who = f"@{author}" + (f"（{'，'.join(badges)}）" if badges else "")
    text = mention.full_text.replace("\n", " ")
    text = chat_text(shorten(text, SNIPPET))
    url = safe_link(mention.url)
    link = f" [原文]({url})" if url else ""
    return f"[{CHANNEL_LABELS_ZH[mention.channel]}] {who}：{text}{link}"


def _status(alert: Alert) -> str:
    return ALERT_STATUS_ZH[AlertStatus(alert.status)]
