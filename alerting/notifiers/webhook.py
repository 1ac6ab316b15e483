"""Generic JSON webhook: apprise's json:// payload plus alert fields (severity, link, alert_id)."""

from __future__ import annotations

from typing import ClassVar
from urllib.parse import urlsplit

from alerting.notifiers.base import Channel, ChannelOptions, Notification, quote


class WebhookOptions(ChannelOptions):
    """The endpoint (http:// or https://) that receives the JSON."""

    endpoint: str | None = None

    def problems(self) -> list[tuple[str, str]]:
        """An http(s):// endpoint with a host is required."""
        parts = urlsplit(self.endpoint or "")
        if not self.endpoint:
            return [
                (
                    "endpoint",
                    "缺少必填项；填写接收 JSON 的网址（如 https://ops.brand.cn/hooks/yuqing）",
                )
            ]
        if parts.scheme not in {"http", "https"} or not parts.netloc:
            return [("endpoint", f"{self.endpoint!r} 不是 http:// 或 https:// 开头的网址")]
        return []


class WebhookChannel(Channel[WebhookOptions]):
    """POST {"title", "message", "type", "severity", "link", "alert_id", "idempotency_key"}.

    The key is also sent as the `Idempotency-Key` header.
    """

    type_name = "webhook"
    options_model: ClassVar[type[ChannelOptions]] = WebhookOptions
    default_rate_limit = 60

    def apprise_url(self, notification: Notification) -> str:
        """json(s):// URL with the alert fields as payload extras."""
        options = self.options
        parts = urlsplit(options.endpoint or "")
        schema = "jsons" if parts.scheme == "https" else "json"
        extras = {
            "severity": notification.severity,
            "link": notification.link or "",
            "alert_id": notification.alert_id or "",
            "idempotency_key": notification.idempotency_key or "",
        }
        query = "&".join(f":{k}={quote(v)}" for k, v in extras.items())
        if notification.idempotency_key:
            query += f"&+Idempotency-Key={quote(notification.idempotency_key)}"
        original = f"&{parts.query}" if parts.query else ""
        return f"{schema}://{parts.netloc}{parts.path or '/'}?{query}{original}"
