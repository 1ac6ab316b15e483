"""Notification channels, one module per vendor, looked up by `type` in the notifier config."""

from __future__ import annotations

from alerting.notifiers.base import Channel, DeliveryError
from alerting.notifiers.dingtalk import DingTalkChannel
from alerting.notifiers.email import EmailChannel
from alerting.notifiers.feishu import FeishuChannel
from alerting.notifiers.webhook import WebhookChannel
from alerting.notifiers.wecom import WeComChannel

CHANNELS: dict[str, type[Channel]] = {
    c.type_name: c
    for c in (DingTalkChannel, WeComChannel, FeishuChannel, EmailChannel, WebhookChannel)
}

__all__ = ["CHANNELS", "Channel", "DeliveryError"]
