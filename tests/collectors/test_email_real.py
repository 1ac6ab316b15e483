"""email, real-shaped: GB2312 replies quoting broken earlier mail, encoded display names."""

from __future__ import annotations

import base64
from datetime import UTC, datetime

import pytest

from collectors.mail_message import parse_message
from collectors.runner import run_source
from collectors.state import SourceStatus
from tests.collectors.conftest import indexed, source_of, state_of
from tests.collectors.dovecot import PASSWORD, email_source
from tests.collectors.test_email import b64

pytestmark = pytest.mark.imap

# Foxmail-style reply in GB2312: the author's words, then the quoted earlier message, which
# reached the author already broken (UTF-8 decoded as GBK and re-encoded: 锟斤拷).
OWN_WORDS = "你好，发票到现在还没开，已经催了三次了，请尽快处理。\r\n刘波\r\n"
BROKEN_QUOTE = (
    "\r\n------------------ 原始邮件 ------------------\r\n"
    '发件人: "鲜味坊客服"<kefu@xianweifang.cn>;\r\n'
    "发送时间: 2026年11月20日(星期五) 上午10:12\r\n"
    "主题: 锟斤拷锟斤拷锟侥凤拷票\r\n\r\n"
    "锟斤拷锟窖撅拷锟秸碉拷锟斤拷锟侥凤拷票锟斤拷锟斤拷锟斤拷锟斤拷锟斤拷锟斤拷\r\n"
)


def gb2312_mail(sender: str, subject: str, body: str, message_id: str) -> bytes:
    """A base64 text/plain GB2312 message as Foxmail sends it."""
    head = (
        f"From: {sender}\r\n"
        "To: kefu@xianweifang.cn\r\n"
        f"Subject: {b64(subject, 'gb2312')}\r\n"
        "Date: Mon, 23 Nov 2026 15:02:11 +0800\r\n"
        f"Message-ID: <{message_id}>\r\n"
        "X-Mailer: Foxmail 7.2.25.228[cn]\r\n"
        "MIME-Version: 1.0\r\n"
        'Content-Type: text/plain;\r\n\tcharset="gb2312"\r\n'
        "Content-Transfer-Encoding: base64\r\n\r\n"
    )
    return head.encode() + base64.encodebytes(body.encode("gb18030"))


BO_LIU = f"{b64('Bo Liu (刘波)-浪潮信息', 'gb2312')} <liubo@inspur.example.cn>"
REPLY_WITH_BROKEN_QUOTE = gb2312_mail(
    BO_LIU, "回复：发票一直没开", OWN_WORDS + BROKEN_QUOTE, "tencent_5A1F@qq.example.cn"
)
COMMA_NAME = gb2312_mail(
    f"{b64('张三, 客服部', 'gbk')} <zhangsan@example.cn>",
    "外卖送错了",
    "外卖送错了，收到的是别人的单。\r\n",
    "comma@example.cn",
)
ALL_BROKEN = gb2312_mail(
    "broken@example.cn", "锟斤拷", "锟斤拷锟斤拷锟斤拷锟斤拷锟斤拷锟斤拷\r\n", "broken@example.cn"
)


def test_display_names_survive_brackets_and_commas_in_encoded_words() -> None:
    mail = parse_message(REPLY_WITH_BROKEN_QUOTE)
    assert (mail.sender_name, mail.sender_address) == (
        "Bo Liu (刘波)-浪潮信息",
        "liubo@inspur.example.cn",
    )
    comma = parse_message(COMMA_NAME)
    assert (comma.sender_name, comma.sender_address) == ("张三, 客服部", "zhangsan@example.cn")
    quoted = parse_message(f'From: "{b64("李四", "gbk")}" <l@x.cn>\r\n\r\nx'.encode())
    assert quoted.sender_name == "李四"
    # raw 8-bit GBK headers (no encoded-words), as some old clients send them
    raw = parse_message(
        "From: 刘波 (客服) <liubo@x.cn>\r\nSubject: 投诉 外卖\r\n\r\nx".encode("gbk")
    )
    assert (raw.sender_name, raw.sender_address, raw.subject) == (
        "刘波 (客服)",
        "liubo@x.cn",
        "投诉 外卖",
    )
    bare = parse_message(b"From: zhao@example.cn (Zhao)\r\n\r\nx")
    assert (bare.sender_name, bare.sender_address) == ("Zhao", "zhao@example.cn")


def test_broken_quote_keeps_the_authors_text_and_counts_the_losses(
    dovecot, mailbox, make_ctx, monkeypatch, clock
):
    monkeypatch.setenv("YUQING_TEST_IMAP_PASSWORD", PASSWORD)
    for raw in (REPLY_WITH_BROKEN_QUOTE, COMMA_NAME, ALL_BROKEN):
        mailbox.append("INBOX", raw, msg_time=clock())
    ctx = make_ctx([email_source(dovecot)])

    run = run_source(ctx, source_of(ctx, "mailbox"))

    found = indexed(ctx, "mailbox")
    assert sorted(found) == ["comma@example.cn", "tencent_5A1F@qq.example.cn"]
    reply = found["tencent_5A1F@qq.example.cn"]
    assert reply.text == "你好，发票到现在还没开，已经催了三次了，请尽快处理。\n刘波"
    assert reply.author.name == "Bo Liu (刘波)-浪潮信息"
    assert reply.published_at == datetime(2026, 11, 23, 7, 2, 11, tzinfo=UTC)
    assert len(reply.repairs) == 1 and "乱码" in reply.repairs[0]
    assert found["comma@example.cn"].author.name == "张三, 客服部"
    # one mention kept in part, one rejected whole (its own text is garbled): both visible
    assert run.status == SourceStatus.PARTIAL
    state = state_of(ctx, "mailbox")
    assert state.status == SourceStatus.PARTIAL and state.losses_last_run == 2
    assert state.last_loss.startswith("2 处损失") and "tencent_5A1F" in state.last_loss
    assert state.last_error is None and state.last_success_at is not None
