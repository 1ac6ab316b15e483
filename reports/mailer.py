"""E-mail a report: HTML body with inline chart images, plain-text fallback, PDF attachment."""

from __future__ import annotations

import smtplib
import ssl
from collections.abc import Sequence
from email.message import EmailMessage
from email.utils import formatdate, make_msgid

from core.errors import NotConfigured, YuqingError
from reports.config import SmtpConfig
from reports.render import content_id


class MailError(YuqingError):
    """The SMTP server refused or could not be reached; the message names host and reason."""


def build_message(
    *,
    sender: str,
    recipients: Sequence[str],
    subject: str,
    text: str,
    html: str,
    charts: dict[str, bytes],
    pdf: bytes,
    pdf_name: str,
) -> EmailMessage:
    """A multipart/mixed message: alternative(text, related(html, PNGs)) + the PDF."""
    message = EmailMessage()
    message["Subject"] = subject
    message["From"] = sender
    message["To"] = ", ".join(recipients)
    message["Date"] = formatdate(localtime=True)
    message["Message-ID"] = make_msgid(domain="yuqing")
    message.set_content(text)
    message.add_alternative(html, subtype="html")
    html_part = message.get_body(("html",))
    assert html_part is not None  # just added above
    for name, png in charts.items():
        html_part.add_related(
            png, "image", "png", cid=f"<{content_id(name)}>", filename=f"{name}.png"
        )
    message.add_attachment(pdf, maintype="application", subtype="pdf", filename=pdf_name)
    return message


def send(config: SmtpConfig, message: EmailMessage) -> None:
    """Deliver through the configured SMTP server (STARTTLS / SSL / login when configured)."""
    if not config.host:
        raise NotConfigured("reports.smtp.host 未设置：要发送报告邮件，请配置 SMTP 服务器")
    try:
        if config.ssl:
            context = ssl.create_default_context()
            client: smtplib.SMTP = smtplib.SMTP_SSL(
                config.host, config.port, timeout=config.timeout, context=context
            )
        else:
            client = smtplib.SMTP(config.host, config.port, timeout=config.timeout)
        with client:
            if config.starttls and not config.ssl:
                client.starttls(context=ssl.create_default_context())
            if config.username:
                client.login(config.username, config.password or "")
            client.send_message(message)
    except (OSError, smtplib.SMTPException) as exc:
        raise MailError(
            f"reports.smtp {config.host}:{config.port}：报告邮件发送失败：{exc}"
        ) from None
