"""E-mail a report: HTML body with inline chart images, plain-text fallback, PDF attachment."""

from __future__ import annotations

import smtplib
import ssl
from collections.abc import Sequence
from email.message import EmailMessage
from email.utils import formatdate, make_msgid

from core.certificates import certificate_problem
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
    context = ssl.create_default_context(cafile=config.ca_file)
    try:
        if config.ssl:
            client: smtplib.SMTP = smtplib.SMTP_SSL(
                config.host, config.port, timeout=config.timeout, context=context
            )
        else:
            client = smtplib.SMTP(config.host, config.port, timeout=config.timeout)
        with client:
            if config.starttls and not config.ssl:
                client.starttls(context=context)
            if config.username:
                client.login(config.username, config.password or "")
            client.send_message(message)
    except (OSError, smtplib.SMTPException) as exc:
        problem = mail_problem(exc, config)
        raise MailError(
            f"reports.smtp {config.host}:{config.port}：报告邮件发送失败：{problem}"
        ) from None


def mail_problem(exc: BaseException, config: SmtpConfig) -> str:
    """What went wrong talking to the mail server and which reports.smtp option to change."""
    if isinstance(exc, ssl.SSLCertVerificationError):
        return certificate_problem(exc, config.host or "", "reports.smtp")
    if isinstance(exc, ssl.SSLError):
        return (
            f"TLS 握手失败（{exc.reason or exc}）：检查 ssl/starttls 与 port 是否匹配"
            "（465 端口配 ssl: true，587 端口配 starttls: true）"
        )
    if isinstance(exc, smtplib.SMTPNotSupportedError) and config.starttls:
        return "服务器不支持 STARTTLS：把 starttls 改为 false，或改用 ssl: true 与服务器的 SSL 端口"
    if isinstance(exc, smtplib.SMTPResponseException):
        said = exc.smtp_error
        said = said.decode(errors="replace") if isinstance(said, bytes) else str(said)
        if "STARTTLS" in said.upper():
            return (
                f"服务器要求先加密（{exc.smtp_code} {said}）："
                "把 starttls 改为 true（或改用 ssl: true 与服务器的 SSL 端口）"
            )
    if isinstance(exc, smtplib.SMTPAuthenticationError):
        return (
            f"服务器拒绝登录（用户 {config.username}）：检查 username 与 password；"
            "QQ、163 等邮箱须填“授权码”"
        )
    if isinstance(exc, ConnectionRefusedError):
        return "连接被拒绝：检查 host 与 port，以及邮件服务器是否在运行"
    if isinstance(exc, TimeoutError | smtplib.SMTPServerDisconnected) and config.ssl is False:
        return f"服务器没有应答（{exc}）：若该端口要求 SSL（常见为 465），把 ssl 改为 true"
    return str(exc)
