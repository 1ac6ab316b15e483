"""email against a real dovecot: Chinese charsets, HTML-only, attachments, replies, read-only."""

from __future__ import annotations

import base64
from datetime import UTC, datetime, timedelta

import pytest
from imapclient import IMAPClient

from collectors.runner import run_source
from collectors.state import SourceStatus
from core.enums import Channel
from tests.collectors.conftest import indexed, source_of, state_of
from tests.collectors.dovecot import PASSWORD, email_source

pytestmark = pytest.mark.imap


def b64(text: str, charset: str) -> str:
    """RFC 2047 B-encoded word."""
    return f"=?{charset}?B?{base64.b64encode(text.encode(charset)).decode()}?="


GBK_PLAIN = (
    f"From: {b64('张三', 'GBK')} <ZhangSan@example.cn>\r\n"
    "To: kefu@xianweifang.cn\r\n"
    f"Subject: {b64('投诉：外卖里有虫子', 'GBK')}\r\n"
    "Date: Mon, 23 Nov 2026 16:05:00 +0800\r\n"
    "Message-ID: <msg1@example.cn>\r\n"
    "MIME-Version: 1.0\r\n"
    "Content-Type: text/plain; charset=GBK\r\n"
    "Content-Transfer-Encoding: 8bit\r\n\r\n"
).encode() + "你们的外卖里有虫子，我要求退款并道歉！\r\n".encode("gbk")

GB18030_QP = (
    b"From: =?GB18030?Q?=C0=EE=CB=C4?= <lisi@example.cn>\r\n"
    b"Subject: =?GB18030?Q?=B2=CD=BA=D0=C6=C6=C1=CB?=\r\n"
    b"Date: Mon, 23 Nov 2026 16:10:00 +0800\r\n"
    b"Message-ID: <msg2@example.cn>\r\n"
    b"Content-Type: text/plain; charset=GB18030\r\n\r\n"
) + "我叫𠮷野，餐盒破了，汤洒了一地。\r\n".encode("gb18030")

HTML_ONLY = (
    f"From: {b64('王五', 'UTF-8')} <wangwu@example.cn>\r\n"
    f"Subject: {b64('配送员态度恶劣', 'UTF-8')}\r\n"
    "Date: Mon, 23 Nov 2026 16:20:00 +0800\r\n"
    "Message-ID: <msg3@example.cn>\r\n"
    "Content-Type: text/html; charset=utf-8\r\n"
    "Content-Transfer-Encoding: base64\r\n\r\n"
    + base64.encodebytes(
        "<html><body><p>配送员<b>态度恶劣</b>，还骂人。</p><p>请处理！</p></body></html>".encode()
    ).decode()
).encode()

WITH_ATTACHMENT = (
    (
        "From: zhao@example.cn\r\n"
        "Subject: =?gb2312?B?" + base64.b64encode("发票问题".encode("gb2312")).decode() + "?=\r\n"
        "Date: Mon, 23 Nov 2026 16:30:00 +0800\r\n"
        "Message-ID: <msg4@example.cn>\r\n"
        "MIME-Version: 1.0\r\n"
        'Content-Type: multipart/mixed; boundary="XYZ"\r\n\r\n'
        "--XYZ\r\n"
        "Content-Type: text/plain; charset=gb2312\r\n\r\n"
    ).encode()
    + "我是赵喆，发票开错了，见附件。\r\n".encode("gbk")
    + (
        b"--XYZ\r\n"
        b"Content-Type: application/pdf\r\n"
        b"Content-Disposition: attachment; filename*=UTF-8''%E5%8F%91%E7%A5%A8.pdf\r\n"
        b"Content-Transfer-Encoding: base64\r\n\r\n"
        b"JVBERi0xLjQK\r\n"
        b"--XYZ--\r\n"
    )
)

REPLY = (
    "From: kefu@xianweifang.cn\r\n"
    f"Subject: {b64('回复：投诉：外卖里有虫子', 'UTF-8')}\r\n"
    "Date: Mon, 23 Nov 2026 17:00:00 +0800\r\n"
    "Message-ID: <reply1@xianweifang.cn>\r\n"
    "In-Reply-To: <msg1@example.cn>\r\n"
    "References: <msg1@example.cn>\r\n"
    "Content-Type: text/plain; charset=utf-8\r\n\r\n"
    "您好，已为您安排退款。\r\n"
).encode()

OLD = b"From: old@example.cn\r\nSubject: old\r\nMessage-ID: <old@example.cn>\r\n\r\nlast month\r\n"


def append_all(mailbox: IMAPClient, now: datetime) -> None:
    """The five complaint messages (received now) and one from last month."""
    mailbox.append("INBOX", OLD, msg_time=now - timedelta(days=30))
    for raw in (GBK_PLAIN, GB18030_QP, HTML_ONLY, WITH_ATTACHMENT, REPLY):
        mailbox.append("INBOX", raw, msg_time=now)


def test_reads_every_charset_and_leaves_the_mailbox_untouched(
    dovecot, mailbox, make_ctx, monkeypatch, clock
):
    monkeypatch.setenv("YUQING_TEST_IMAP_PASSWORD", PASSWORD)
    append_all(mailbox, clock())
    ctx = make_ctx([email_source(dovecot)])

    run = run_source(ctx, source_of(ctx, "mailbox"))

    assert run.status == SourceStatus.OK, run.error
    found = indexed(ctx, "mailbox")
    assert sorted(found) == [
        "msg1@example.cn",
        "msg2@example.cn",
        "msg3@example.cn",
        "msg4@example.cn",
        "reply1@xianweifang.cn",
    ]
    first = found["msg1@example.cn"]
    assert (first.title, first.text) == (
        "投诉：外卖里有虫子",
        "你们的外卖里有虫子，我要求退款并道歉！",
    )
    assert (first.author.name, first.author.id, first.channel) == (
        "张三",
        "zhangsan@example.cn",
        Channel.EMAIL,
    )
    assert first.published_at == datetime(2026, 11, 23, 8, 5, tzinfo=UTC)
    assert first.plans == ["xwf"]
    assert (found["msg2@example.cn"].title, found["msg2@example.cn"].author.name) == (
        "餐盒破了",
        "李四",
    )
    assert found["msg2@example.cn"].text == "我叫𠮷野，餐盒破了，汤洒了一地。"
    assert found["msg3@example.cn"].text == "配送员态度恶劣，还骂人。\n请处理！"
    invoice = found["msg4@example.cn"]
    assert invoice.title == "发票问题"
    assert invoice.text == "我是赵喆，发票开错了，见附件。\n\n[附件(未保存): 发票.pdf]"
    assert found["reply1@xianweifang.cn"].reply_to == "msg1@example.cn"
    state = state_of(ctx, "mailbox")
    validity = mailbox.folder_status("INBOX", ["UIDVALIDITY"])[b"UIDVALIDITY"]
    assert state.cursor == f"{validity}:6"
    flags = mailbox.get_flags(mailbox.search("ALL"))
    assert len(flags) == 6 and all(b"\\Seen" not in f for f in flags.values())

    again = run_source(ctx, source_of(ctx, "mailbox"))
    assert (again.status, len(again.report.new), state_of(ctx, "mailbox").items_last_run) == (
        "ok",
        0,
        0,
    )

    mailbox.append("INBOX", OLD.replace(b"<old@", b"<new@"), msg_time=clock())
    third = run_source(ctx, source_of(ctx, "mailbox"))
    assert [m.native_id for m in third.report.new] == ["new@example.cn"]
    assert state_of(ctx, "mailbox").cursor == f"{validity}:7"


def test_changed_uidvalidity_backfills_without_duplicates(
    dovecot, mailbox, make_ctx, monkeypatch, clock
):
    monkeypatch.setenv("YUQING_TEST_IMAP_PASSWORD", PASSWORD)
    append_all(mailbox, clock())
    ctx = make_ctx([email_source(dovecot)])
    run_source(ctx, source_of(ctx, "mailbox"))
    from collectors.state import SourceState

    with ctx.sessions.begin() as session:
        session.get(SourceState, "mailbox").cursor = "1:999"  # as if the mailbox was rebuilt

    run = run_source(ctx, source_of(ctx, "mailbox"))

    assert (run.status, len(run.report.new), run.report.duplicates) == ("ok", 0, 5)
    assert not state_of(ctx, "mailbox").cursor.startswith("1:")
