"""Notification channels, one module per vendor, looked up by `type` in the notifier config."""

from __future__ import annotations

from typing import Any

from alerting.notifiers.aliyun_sms import AliyunSmsChannel
from alerting.notifiers.base import Channel, DeliveryError, Notification
from alerting.notifiers.dingtalk import DingTalkChannel
from alerting.notifiers.email import EmailChannel
from alerting.notifiers.feishu import FeishuChannel
from alerting.notifiers.tencent_sms import TencentSmsChannel
from alerting.notifiers.webhook import WebhookChannel
from alerting.notifiers.wecom import WeComChannel
from core.registry import Registry

NOTIFIERS: Registry[type[Channel[Any]]] = Registry("通知渠道类型")
for _channel in (
    DingTalkChannel,
    WeComChannel,
    FeishuChannel,
    EmailChannel,
    WebhookChannel,
    AliyunSmsChannel,
    TencentSmsChannel,
):
    NOTIFIERS.add(_channel.type_name, _channel)

__all__ = ["NOTIFIERS", "Channel", "DeliveryError", "Notification"]
