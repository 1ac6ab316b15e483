"""Feishu (飞书) / Lark custom bot: feishu://token or lark://token."""

from __future__ import annotations

from typing import ClassVar

from alerting.notifiers.base import (
    Channel,
    ChannelOptions,
    Notification,
    plain_text,
    quote,
    required,
)


class FeishuOptions(ChannelOptions):
    """Bot webhook token; lark=true for the international Lark service."""

    token: str | None = None
    lark: bool = False

    def problems(self) -> list[tuple[str, str]]:
        """The bot token is required."""
        return required(
            self.token, "token", "填写飞书群自定义机器人 Webhook 地址里 /hook/ 后面的那串字符"
        )


class FeishuChannel(Channel[FeishuOptions]):
    """Feishu/Lark bot text message (bots accept 100 messages per minute)."""

    type_name = "feishu"
    options_model: ClassVar[type[ChannelOptions]] = FeishuOptions
    default_rate_limit = 100
    body_format = "text"

    def apprise_url(self, notification: Notification) -> str:
        """feishu:// or lark:// URL from the token."""
        options = self.options
        return f"{'lark' if options.lark else 'feishu'}://{quote(options.token)}"

    def render(self, notification: Notification) -> tuple[str, str]:
        """Plain text: markdown markers stripped, each link's label and URL on its own line."""
        title, body = super().render(notification)
        return title, plain_text(body)
