"""The report mailer over TLS, on a real SMTP server (aiosmtpd) whose certificate a company CA
signed: port-465 style (TLS from the first byte) and port-587 style (STARTTLS required). With
`reports.smtp.ca_file` the report arrives; each way it is set up wrong is said in Chinese with
the option to change (the mailer used to pass the library's English text through)."""

from __future__ import annotations

from email.message import EmailMessage
from pathlib import Path

import pytest
from pydantic import ValidationError

from reports.config import Period, SmtpConfig
from reports.mailer import MailError, send
from reports.period import last_full
from reports.service import email_report, generate
from tests.reports.conftest import ContextFactory
from tests.reports.factories import NOW, PLAN, TZ, two_weeks
from tests.support.receivers import SmtpInbox
from tests.support.tls import CertificateAuthority


def note() -> EmailMessage:
    message = EmailMessage()
    message["Subject"], message["From"], message["To"] = "舆情周报", "yuqing@example.com", "a@b.cn"
    message.set_content("本周提及 120 条。")
    return message


def test_the_weekly_report_goes_out_over_tls_with_the_company_ca(
    make_ctx: ContextFactory, smtps: SmtpInbox, company_ca: CertificateAuthority
) -> None:
    smtp = {"host": "127.0.0.1", "port": smtps.port, "ssl": True, "ca_file": str(company_ca.path)}
    ctx = make_ctx(reports={"recipients": ["boss@example.com"], "smtp": smtp})
    ctx.index.upsert_many(two_weeks())
    report = generate(ctx, last_full(Period.WEEKLY, NOW, TZ), plan=PLAN)

    assert email_report(ctx, report) == ["boss@example.com"]
    [message] = smtps.messages
    assert "舆情周报" in message["Subject"]


def test_starttls_with_the_company_ca(
    smtp_submission: SmtpInbox, company_ca: CertificateAuthority
) -> None:
    config = SmtpConfig(
        host="127.0.0.1", port=smtp_submission.port, starttls=True, ca_file=str(company_ca.path)
    )
    send(config, note())
    assert [m["Subject"] for m in smtp_submission.messages] == ["舆情周报"]


def test_without_ca_file_the_error_names_the_option(smtps: SmtpInbox) -> None:
    config = SmtpConfig(host="127.0.0.1", port=smtps.port, ssl=True)
    with pytest.raises(MailError) as caught:
        send(config, note())
    said = str(caught.value)
    assert said.startswith(
        f"reports.smtp 127.0.0.1:{smtps.port}：报告邮件发送失败：服务器证书无法验证"
    )
    assert "用 reports.smtp.ca_file 写上该 CA 证书" in said
    assert smtps.messages == []


def test_tls_on_a_plain_port_and_plain_on_a_tls_port_say_to_match_them(
    smtps: SmtpInbox, smtp_submission: SmtpInbox, company_ca: CertificateAuthority
) -> None:
    ca = str(company_ca.path)
    with pytest.raises(MailError) as caught:
        send(SmtpConfig(host="127.0.0.1", port=smtp_submission.port, ssl=True, ca_file=ca), note())
    assert "TLS 握手失败" in str(caught.value) and "465 端口配 ssl: true" in str(caught.value)

    plain = SmtpConfig(host="127.0.0.1", port=smtps.port, timeout=2, ca_file=ca)
    with pytest.raises(MailError) as caught:
        send(plain, note())
    assert "服务器没有应答" in str(caught.value) and "把 ssl 改为 true" in str(caught.value)


def test_a_server_that_requires_starttls_refuses_a_plain_message(
    smtp_submission: SmtpInbox,
) -> None:
    with pytest.raises(MailError) as caught:
        send(SmtpConfig(host="127.0.0.1", port=smtp_submission.port), note())
    assert "服务器要求先加密（530" in str(caught.value)
    assert "把 starttls 改为 true" in str(caught.value)
    assert smtp_submission.messages == []


def test_a_missing_ca_file_is_a_config_error(tmp_path: Path) -> None:
    with pytest.raises(ValidationError, match=r"找不到文件 .*smtp-ca\.pem："):
        SmtpConfig(host="mail.example.cn", ssl=True, ca_file=str(tmp_path / "smtp-ca.pem"))
