"""email over IMAPS (993-style: TLS from the first byte) on a real dovecot whose certificate a
company CA signed — how a self-hosted complaint mailbox is set up. With `ca_file` the mailbox is
read; without it, with another CA, or under a name the certificate was not issued for, the source
says in Chinese which option to change instead of "SSL 握手失败：检查 ssl 与 port"."""

from __future__ import annotations

import ssl
from collections.abc import Iterator
from pathlib import Path

import pytest
from imapclient import IMAPClient

from app.check import problems
from collectors.runner import run_source
from collectors.state import SourceStatus
from tests.collectors.conftest import indexed, source_of
from tests.collectors.dovecot import DOVECOT, PASSWORD, USER, Dovecot, email_source
from tests.conftest import require
from tests.support.tls import CertificateAuthority

pytestmark = pytest.mark.imap

MAIL = (
    "From: =?utf-8?b?5byg5Y2O?= <zhanghua@example.cn>\r\n"
    "To: kefu@xianweifang.cn\r\n"
    "Subject: =?utf-8?b?6YCA5qy+5Yiw546w5Zyo6L+Y5rKh5Yiw6LSm?=\r\n"
    "Date: Mon, 16 Nov 2026 09:12:00 +0800\r\n"
    "Message-ID: <tls-1@example.cn>\r\n"
    "MIME-Version: 1.0\r\n"
    "Content-Type: text/plain; charset=utf-8\r\n\r\n"
    "鲜味坊的退款申请了十天还没到账，客服电话一直打不通。\r\n"
).encode()


@pytest.fixture(scope="module")
def company_ca(tmp_path_factory: pytest.TempPathFactory) -> CertificateAuthority:
    return CertificateAuthority(tmp_path_factory.mktemp("mail-ca"), "mail CA")


@pytest.fixture(scope="module")
def imaps(company_ca: CertificateAuthority) -> Iterator[Dovecot]:
    """dovecot with IMAPS only, its certificate for 127.0.0.1, and one complaint in INBOX."""
    require(Path(DOVECOT).exists(), "dovecot-imapd is not installed (make system-deps)")
    server = Dovecot(tls=company_ca.issue("imap", ["127.0.0.1"])).start()
    context = ssl.create_default_context(cafile=str(company_ca.path))
    with IMAPClient("127.0.0.1", port=server.port, ssl=True, ssl_context=context) as client:
        client.login(USER, PASSWORD)
        client.append("INBOX", MAIL)
    yield server
    server.stop()


@pytest.fixture(autouse=True)
def password(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("YUQING_TEST_IMAP_PASSWORD", PASSWORD)


def test_the_company_ca_in_ca_file_reads_the_mailbox_over_tls(imaps, company_ca, make_ctx):
    ctx = make_ctx([email_source(imaps, ssl=True, ca_file=str(company_ca.path))])

    run = run_source(ctx, source_of(ctx, "mailbox"))

    assert run.status == SourceStatus.OK, run.error
    texts = [m.text for m in indexed(ctx, "mailbox").values()]
    assert any("退款申请了十天还没到账" in text for text in texts)


def test_without_ca_file_the_source_says_to_name_the_company_ca(imaps, make_ctx):
    ctx = make_ctx([email_source(imaps, ssl=True)])

    run = run_source(ctx, source_of(ctx, "mailbox"))

    assert run.status == SourceStatus.DEGRADED
    assert "服务器证书无法验证" in run.error and "sources[mailbox].options.ca_file" in run.error, (
        run.error
    )
    assert "SSL 握手失败" not in run.error


def test_another_ca_is_refused_the_same_way(imaps, make_ctx, tmp_path):
    other = CertificateAuthority(tmp_path / "other", "other CA")
    ctx = make_ctx([email_source(imaps, ssl=True, ca_file=str(other.path))])

    run = run_source(ctx, source_of(ctx, "mailbox"))

    assert run.status == SourceStatus.DEGRADED
    assert "服务器证书无法验证" in run.error, run.error


def test_a_name_the_certificate_was_not_issued_for(imaps, company_ca, make_ctx):
    ctx = make_ctx([email_source(imaps, host="localhost", ssl=True, ca_file=str(company_ca.path))])

    run = run_source(ctx, source_of(ctx, "mailbox"))

    assert run.status == SourceStatus.DEGRADED
    assert "服务器证书上的主机名与 sources[mailbox].options.host（localhost）不符" in run.error, (
        run.error
    )


def test_check_names_a_missing_or_misplaced_ca_file(imaps, make_ctx, tmp_path):
    missing = tmp_path / "mail-ca.pem"
    not_pem = tmp_path / "notes.txt"
    not_pem.write_text("这不是证书", encoding="utf-8")
    first = email_source(imaps, ssl=True, ca_file=str(missing))
    second = email_source(imaps, ssl=True, ca_file=str(not_pem))
    second["name"] = "mailbox-2"
    third = email_source(imaps, ssl=False, ca_file=str(not_pem))
    third["name"] = "mailbox-3"
    ctx = make_ctx([first, second, third])

    found = problems(ctx)

    assert found[0] == (
        f"sources[mailbox].options.ca_file：找不到文件 {missing}：写上签发服务器证书的 CA 证书路径"
    )
    assert found[1].startswith(
        f"sources[mailbox-2].options.ca_file：{not_pem} 不是可读的 PEM 格式 CA 证书"
    )
    assert found[2] == (
        "sources[mailbox-3].options.ca_file：只在 ssl: true 时使用："
        "删掉 ca_file，或把 ssl 改为 true"
    )
    assert len(found) == 3
