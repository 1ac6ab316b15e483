"""Email over SMTP: mailto:// (STARTTLS or plain) and mailtos:// (SSL)."""

from __future__ import annotations

import re
from typing import ClassVar, Literal

from pydantic import Field

from alerting.notifiers.base import (
    Channel,
    ChannelOptions,
    Notification,
    is_email_address,
    quote,
)

# Our own links (user text reaches a message through chat_text, which has no [ ] ( ) left).
_LINK = re.compile(r"\[([^\[\]\n]+)\]\(([^()\s]+)\)")


def spell_out_links(markdown: str) -> str:
    """'[原文](https://…)' as '原文：[https://…](https://…)': the mail's text part, which apprise
    derives from the HTML, keeps a link's text only, so the URL must be that text."""
    return _LINK.sub(lambda m: m[0] if m[1] == m[2] else f"{m[1]}：[{m[2]}]({m[2]})", markdown)


class EmailOptions(ChannelOptions):
    """SMTP server, credentials, sender and recipients."""

    host: str | None = None
    port: int | None = Field(default=None, ge=1, le=65535)
    username: str | None = None
    password: str | None = None
    sender: str | None = Field(default=None, alias="from")
    to: list[str] = Field(default_factory=list)
    security: Literal["starttls", "ssl", "none"] = "starttls"

    def problems(self) -> list[tuple[str, str]]:
        """SMTP host and at least one recipient are required; addresses must be addresses."""
        found: list[tuple[str, str]] = []
        if not self.host or not self.host.strip():
            found.append(
                (
                    "host",
                    "缺少必填项，此渠道发不出邮件；填写发信的 SMTP 服务器（如 smtp.exmail.qq.com）",
                )
            )
        if not self.to:
            found.append(("to", "缺少收件人；填写至少一个邮箱地址（如 to: [pr@brand.cn]）"))
        bad = [address for address in self.to if not is_email_address(address)]
        if bad:
            listed = "、".join(repr(address) for address in bad)
            found.append(("to", f"{listed} 不是邮箱地址；写作 name@example.com，每项一个地址"))
        if self.sender is not None and not is_email_address(self.sender):
            found.append(("from", f"{self.sender!r} 不是邮箱地址；写作 alert@example.com"))
        return found


# The SMTP client's failure (apprise logs the socket's exception) → Chinese; first match wins.
_FAILURES: list[tuple[re.Pattern[str], str]] = [
    (
        re.compile(r"(?:Hostname|IP address) mismatch", re.I),
        "邮件服务器证书上的主机名与 options.host（{host}）不符：host 改用证书上的主机名",
    ),
    (
        re.compile(r"CERTIFICATE_VERIFY_FAILED|certificate verify failed", re.I),
        "邮件服务器的证书无法验证（不是本机信任的 CA 签发的）：公司内部 CA 签发的证书，"
        "须把该 CA 装入系统信任库（update-ca-certificates）后重启 yuqing",
    ),
    (
        re.compile(r"WRONG_VERSION_NUMBER|wrong version number", re.I),
        "options.security 与端口不匹配：465 端口配 security: ssl，587 端口配 starttls",
    ),
    (
        re.compile(r"\b530\b.*STARTTLS|STARTTLS.*\b530\b", re.I | re.S),
        "邮件服务器要求先加密：把 options.security 改为 starttls（或 ssl 与其 SSL 端口）",
    ),
    (
        re.compile(
            r"\b535\b|Authentication (?:failed|unsuccessful)|authentication credentials", re.I
        ),
        "邮件服务器拒绝登录：检查 options.username 与 password（QQ、163 等邮箱须填“授权码”）",
    ),
    (
        re.compile(r"Connection refused", re.I),
        "连接被拒绝：检查 options.host 与 port，以及邮件服务器是否在运行",
    ),
    (re.compile(r"timed out", re.I), "连接邮件服务器超时：检查 options.host、port 与防火墙"),
]


class EmailChannel(Channel[EmailOptions]):
    """One email per alert to every recipient (10 per minute by default)."""

    type_name = "email"
    options_model: ClassVar[type[ChannelOptions]] = EmailOptions
    default_rate_limit = 10

    def render(self, notification: Notification) -> tuple[str, str]:
        """Markdown with every link's URL written out, for the text part as for the HTML one."""
        title, body = super().render(notification)
        return title, spell_out_links(body)

    def explain(self, said: str) -> str:
        """The SMTP failure in Chinese with the option to change (apprise's words otherwise)."""
        for pattern, zh in _FAILURES:
            if pattern.search(said):
                return zh.format(host=self.options.host)
        return said

    def apprise_url(self, notification: Notification) -> str:
        """mailto(s):// URL from the SMTP options."""
        options = self.options
        schema = "mailtos" if options.security == "ssl" else "mailto"
        auth = ""
        if options.username:
            auth = (
                quote(options.username)
                + (f":{quote(options.password)}" if options.password else "")
                + "@"
            )
        port = f":{options.port}" if options.port else ""
        mode = {"starttls": "starttls", "ssl": "ssl", "none": "insecure"}[options.security]
        params = [
            f"mode={mode}",
            f"smtp={quote(options.host)}",
            f"to={','.join(quote(t) for t in options.to)}",
        ]
        if options.sender:
            params.append(f"from={quote(options.sender)}")
        if notification.idempotency_key:
            params.append(f"+X-Yuqing-Idempotency-Key={quote(notification.idempotency_key)}")
        return f"{schema}://{auth}{quote(options.host)}{port}/?{'&'.join(params)}"
