"""WeCom (企业微信) group robot: wecombot://key."""

from __future__ import annotations

from typing import ClassVar

from alerting.notifiers.base import Channel, ChannelOptions, Notification, quote


class WeComOptions(ChannelOptions):
    """The robot webhook key."""

    key: str | None = None


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
        """Plain text: markdown markers stripped, link on its own line."""
        title, body = super().render(notification)
        return title, body.replace("**", "")
