"""WeCom (企业微信) group robot: wecombot://key."""

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


class WeComOptions(ChannelOptions):
    """The robot webhook key."""

    key: str | None = None

    def problems(self) -> list[tuple[str, str]]:
        """The robot key is required."""
        return required(self.key, "key", "填写企业微信群机器人 Webhook 地址里 key= 后面的那串字符")


class WeComChannel(Channel[WeComOptions]):
    """WeCom robot text message (robots accept 20 messages per minute)."""

    type_name = "wecom"
    options_model: ClassVar[type[ChannelOptions]] = WeComOptions
    default_rate_limit = 20
    body_format = "text"

    def apprise_url(self, notification: Notification) -> str:
        """wecombot:// URL from the key."""
        options = self.options
        return f"wecombot://{quote(options.key)}"

    def render(self, notification: Notification) -> tuple[str, str]:
        """Plain text: markdown markers stripped, each link's label and URL on its own line."""
        title, body = super().render(notification)
        return title, plain_text(body)
