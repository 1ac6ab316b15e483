"""DingTalk (钉钉) custom robot: markdown message, optional signing secret and @mobiles."""

from __future__ import annotations

from typing import ClassVar

from pydantic import Field

from alerting.notifiers.base import Channel, ChannelOptions, Notification, quote, required


class DingTalkOptions(ChannelOptions):
    """Robot access token, signing secret and phone numbers to @."""

    token: str | None = None
    secret: str | None = None
    mobiles: list[str] = Field(default_factory=list)

    def problems(self) -> list[tuple[str, str]]:
        """The robot token is required."""
        return required(
            self.token,
            "token",
            "填写钉钉群自定义机器人 Webhook 地址里 access_token= 后面的那串字符",
        )


class DingTalkChannel(Channel[DingTalkOptions]):
    """dingtalk://secret@token/mobile1/mobile2 (robots accept 20 messages per minute)."""

    type_name = "dingtalk"
    options_model: ClassVar[type[ChannelOptions]] = DingTalkOptions
    default_rate_limit = 20

    def apprise_url(self, notification: Notification) -> str:
        """dingtalk:// URL from token/secret/mobiles."""
        options = self.options
        secret = f"{quote(options.secret)}@" if options.secret else ""
        targets = "/".join(quote(m) for m in options.mobiles)
        return f"dingtalk://{secret}{quote(options.token)}/{targets}"
