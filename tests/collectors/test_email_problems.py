"""email: every problem of every mailbox in one pass, each in Chinese with what to fix."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from imapclient import IMAPClient

from app.check import problems
from collectors.runner import run_source
from collectors.state import SourceStatus
from tests.collectors.conftest import source_of
from tests.collectors.dovecot import PASSWORD, email_source

pytestmark = pytest.mark.imap


@pytest.fixture
def complaints_folder(mailbox: IMAPClient) -> Iterator[str]:
    """A second folder, 客户投诉, next to INBOX."""
    if not mailbox.folder_exists("客户投诉"):
        mailbox.create_folder("客户投诉")
    yield "客户投诉"
    mailbox.delete_folder("客户投诉")


def test_check_lists_every_problem_of_both_mailboxes(dovecot, make_ctx, monkeypatch):
    monkeypatch.delenv("YUQING_TEST_IMAP_PASSWORD", raising=False)
    first = email_source(dovecot, plans=["xwff"], batch_size=0)
    second = email_source(dovecot, password_env=None, max_messages=-3, passwrd="x")
    second["name"] = "mailbox-2"
    ctx = make_ctx([first, second])

    found = problems(ctx)

    assert found == [
        "sources[mailbox].options.password_env：环境变量 YUQING_TEST_IMAP_PASSWORD 未设置或为空："
        "先设置它再启动",
        "sources[mailbox].options.plans[0]：未知的监测方案 'xwff'；是不是 xwf？"
        "已配置：xwf（鲜味坊）",
        "sources[mailbox].options.batch_size：不能小于 1",
        "sources[mailbox-2].options.password：缺少密码：请填写 password，"
        "或用 password_env 指定存放密码的环境变量",
        "sources[mailbox-2].options.max_messages：应为整数，实际为 -3",
        "sources[mailbox-2].options.passwrd：未知选项（拼写错误？是不是 password？）",
    ]


def test_password_and_password_env_together_is_one_clear_problem(dovecot, make_ctx, monkeypatch):
    monkeypatch.setenv("YUQING_TEST_IMAP_PASSWORD", PASSWORD)
    ctx = make_ctx([email_source(dovecot, password="also-here")])

    assert problems(ctx) == [
        "sources[mailbox].options.password：与 password_env 只能填一个："
        "删掉其中一个（建议保留 password_env）"
    ]


def test_a_refused_login_says_what_to_check_and_that_the_folder_waits(
    dovecot, mailbox, make_ctx, monkeypatch
):
    monkeypatch.setenv("YUQING_TEST_IMAP_PASSWORD", "wrong")
    ctx = make_ctx([email_source(dovecot, folder="Complaints")])

    run = run_source(ctx, source_of(ctx, "mailbox"))

    assert run.status == SourceStatus.MISCONFIGURED
    assert run.error == (
        "配置错误：sources[mailbox].options.username/password：邮箱 127.0.0.1 拒绝登录"
        "（用户名 complaints，服务器答复：[AUTHENTICATIONFAILED] Authentication failed.）："
        "检查 username 与 password/password_env；QQ、163 等邮箱的 IMAP 须填“授权码”"
        "而不是网页登录密码。登录成功后才能检查 folder 'Complaints' 是否存在"
    )


def test_a_missing_folder_names_the_folders_there_are(
    dovecot, mailbox, complaints_folder, make_ctx, monkeypatch
):
    monkeypatch.setenv("YUQING_TEST_IMAP_PASSWORD", PASSWORD)
    ctx = make_ctx([email_source(dovecot, folder="客服投诉")])

    run = run_source(ctx, source_of(ctx, "mailbox"))

    assert run.status == SourceStatus.MISCONFIGURED
    assert run.error == (
        "配置错误：sources[mailbox].options.folder：邮箱中没有文件夹 '客服投诉'；是不是 客户投诉？"
        "已有的文件夹：客户投诉、INBOX（名称须与此完全一致，含大小写与分隔符）"
    )


def test_a_chinese_folder_is_read(
    dovecot, mailbox, complaints_folder, make_ctx, monkeypatch, clock
):
    monkeypatch.setenv("YUQING_TEST_IMAP_PASSWORD", PASSWORD)
    mail = "From: a@example.cn\r\nSubject: 投诉\r\nMessage-ID: <f1@example.cn>\r\n"
    mail += "Content-Type: text/plain; charset=utf-8\r\n\r\n外卖里有头发，要求退款。\r\n"
    mailbox.append(complaints_folder, mail.encode(), msg_time=clock())
    ctx = make_ctx([email_source(dovecot, folder=complaints_folder)])

    run = run_source(ctx, source_of(ctx, "mailbox"))

    assert (run.status, run.losses) == (SourceStatus.OK, [])
    assert [m.native_id for m in run.report.new] == ["f1@example.cn"]
