"""Alert e-mail over TLS on a real SMTP server (aiosmtpd) with a company CA's certificate.

The e-mail channel sends through apprise, which verifies the server against the system's trusted
CAs: a company CA is installed there (update-ca-certificates; here SSL_CERT_FILE, which Python's
default context reads the same way). Port-465 style (`security: ssl`) and port-587 style
(`security: starttls`, the server refusing mail before STARTTLS) both deliver; an untrusted
certificate fails the delivery with a Chinese reason and nothing is sent in clear."""

from __future__ import annotations

from pathlib import Path

import pytest

from alerting.enums import DeliveryStatus
from alerting.notifications import notify
from tests.alerting.test_notifications import MESSAGE, ctx_with, no_throttle  # noqa: F401
from tests.support.receivers import SmtpInbox
from tests.support.tls import CertificateAuthority


def mail(port: int, security: str) -> dict[str, object]:
    options = {"host": "127.0.0.1", "port": port, "security": security}
    options |= {"from": "yuqing@example.com", "to": ["pr@example.com"]}
    return {"name": "mail", "type": "email", "options": options}


@pytest.mark.parametrize("security", ["ssl", "starttls"])
def test_the_alert_goes_out_over_tls_when_the_company_ca_is_trusted(
    security: str,
    data_dir: Path,
    smtps: SmtpInbox,
    smtp_submission: SmtpInbox,
    company_ca: CertificateAuthority,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("SSL_CERT_FILE", str(company_ca.path))
    inbox = smtps if security == "ssl" else smtp_submission
    ctx = ctx_with(data_dir, mail(inbox.port, security))

    results = notify(ctx, MESSAGE)

    assert [r.status for r in results] == [DeliveryStatus.SENT], results
    assert "食品安全投诉激增" in str(inbox.messages[0]["Subject"])


def test_an_untrusted_certificate_fails_the_delivery_and_sends_nothing(
    data_dir: Path, smtps: SmtpInbox, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    other = CertificateAuthority(tmp_path / "other", "other CA")
    monkeypatch.setenv("SSL_CERT_FILE", str(other.path))
    ctx = ctx_with(data_dir, mail(smtps.port, "ssl"))

    results = notify(ctx, MESSAGE)

    assert [r.status for r in results] == [DeliveryStatus.FAILED], results
    assert results[0].error is not None
    assert results[0].error.startswith("mail: 邮件服务器的证书无法验证（不是本机信任的 CA 签发的）")
    assert "update-ca-certificates" in results[0].error
    assert smtps.messages == []


def test_plain_mail_to_a_server_that_requires_starttls_says_to_switch_it_on(
    data_dir: Path, smtp_submission: SmtpInbox
) -> None:
    ctx = ctx_with(data_dir, mail(smtp_submission.port, "none"))

    results = notify(ctx, MESSAGE)

    assert [r.status for r in results] == [DeliveryStatus.FAILED], results
    assert results[0].error == (
        "mail: 邮件服务器要求先加密：把 options.security 改为 starttls（或 ssl 与其 SSL 端口）"
    )
    assert smtp_submission.messages == []
