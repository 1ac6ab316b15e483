"""Notifier payloads against local receivers; deliveries recorded, retried, rate limited."""

from __future__ import annotations

import json
from datetime import timedelta
from pathlib import Path
from typing import Any

import apprise
import pytest

from alerting import service
from alerting.enums import DeliveryStatus
from alerting.notifications import Notification, notify, retry_due
from core.context import Context
from tests.alerting.conftest import MONDAY, advance, make_ctx
from tests.support.receivers import HttpReceiver, SmtpInbox, http_receiver

MESSAGE = Notification(
    title="【紧急】新预警：食品安全投诉激增",
    body_markdown=(
        "**食品安全投诉激增**\n\n- 数量：41 条，基线 0.8 条\n\n1. [微博] @美食博主老王：食物中毒"
    ),
    severity="critical",
    link="http://dash.example/alerts?alert=7",
    alert_id=7,
)


@pytest.fixture(autouse=True)
def no_throttle(monkeypatch: pytest.MonkeyPatch) -> None:
    """Apprise sleeps between requests to one service; not in tests."""
    from apprise.plugins.base import NotifyBase

    monkeypatch.setattr(NotifyBase, "request_rate_per_sec", 0)


def ctx_with(data_dir: Path, *notifiers: dict[str, Any], **alerting: Any) -> Context:
    """A context whose alerting.notifiers are the given dicts."""
    return make_ctx(data_dir, MONDAY, notifiers=list(notifiers), **alerting)


def point_plugin_at(monkeypatch: pytest.MonkeyPatch, module: str, cls: str, url: str) -> None:
    """Send a vendor plugin's requests to the local receiver instead of the vendor."""
    plugin = getattr(__import__(f"apprise.plugins.{module}", fromlist=[cls]), cls)
    monkeypatch.setattr(plugin, "notify_url", url)


def test_webhook_payload(data_dir: Path, receiver: HttpReceiver) -> None:
    ctx = ctx_with(
        data_dir,
        {"name": "hook", "type": "webhook", "options": {"endpoint": receiver.url("/alerts")}},
    )
    (result,) = notify(ctx, MESSAGE)
    assert result.status == DeliveryStatus.SENT
    (request,) = receiver.requests
    body = request.json
    assert request.path.startswith("/alerts")
    assert body["title"] == MESSAGE.title and "基线 0.8 条" in body["message"]
    assert (
        body["severity"] == "critical" and body["link"] == MESSAGE.link and body["alert_id"] == "7"
    )


def test_dingtalk_markdown_payload(
    data_dir: Path, receiver: HttpReceiver, monkeypatch: pytest.MonkeyPatch
) -> None:
    point_plugin_at(
        monkeypatch, "dingtalk", "NotifyDingTalk", receiver.url("/robot/send?access_token={token}")
    )
    options = {"token": "abc123", "secret": "s3cr3t", "mobiles": ["13800000000"]}
    ctx = ctx_with(data_dir, {"name": "ding", "type": "dingtalk", "options": options})
    (result,) = notify(ctx, MESSAGE)
    assert result.status == DeliveryStatus.SENT, result.error
    (request,) = receiver.requests
    body = request.json
    assert "access_token=abc123" in request.path and "sign=" in request.path
    assert body["msgtype"] == "markdown" and body["at"]["atMobiles"] == ["13800000000"]
    assert "食品安全投诉激增" in body["markdown"]["title"]
    assert MESSAGE.link in body["markdown"]["text"]


def test_wecom_text_payload(
    data_dir: Path, receiver: HttpReceiver, monkeypatch: pytest.MonkeyPatch
) -> None:
    point_plugin_at(
        monkeypatch, "wecombot", "NotifyWeComBot", receiver.url("/cgi-bin/webhook/send?key={key}")
    )
    ctx = ctx_with(data_dir, {"name": "wecom", "type": "wecom", "options": {"key": "k-1"}})
    (result,) = notify(ctx, MESSAGE)
    assert result.status == DeliveryStatus.SENT, result.error
    body = receiver.requests[0].json
    assert body["msgtype"] == "text" and "**" not in body["text"]["content"]
    assert "食物中毒" in body["text"]["content"] and MESSAGE.link in body["text"]["content"]


def test_feishu_text_payload(
    data_dir: Path, receiver: HttpReceiver, monkeypatch: pytest.MonkeyPatch
) -> None:
    point_plugin_at(
        monkeypatch, "feishu", "NotifyFeishu", receiver.url("/open-apis/bot/v2/hook/{token}/")
    )
    ctx = ctx_with(data_dir, {"name": "feishu", "type": "feishu", "options": {"token": "tok"}})
    (result,) = notify(ctx, MESSAGE)
    assert result.status == DeliveryStatus.SENT, result.error
    request = receiver.requests[0]
    assert request.path == "/open-apis/bot/v2/hook/tok/"
    assert (
        request.json["msg_type"] == "text" and "食品安全投诉激增" in request.json["content"]["text"]
    )


def test_email_via_local_smtp(data_dir: Path, smtp_inbox: SmtpInbox) -> None:
    options = {
        "host": "127.0.0.1",
        "port": smtp_inbox.port,
        "security": "none",
        "from": "yuqing@example.com",
        "to": ["pr@example.com", "lead@example.com"],
    }
    ctx = ctx_with(data_dir, {"name": "mail", "type": "email", "options": options})
    results = notify(ctx, MESSAGE)
    assert [r.status for r in results] == [DeliveryStatus.SENT], results
    assert len(smtp_inbox.messages) >= 1
    message = smtp_inbox.messages[0]
    assert "食品安全投诉激增" in str(message["Subject"])
    text = "".join(
        part.get_content() for part in message.walk() if part.get_content_maintype() == "text"
    )
    assert "基线 0.8 条" in text and "alerts?alert=7" in text


def test_email_text_part_writes_every_link_out(data_dir: Path, smtp_inbox: SmtpInbox) -> None:
    message = Notification(
        title="【紧急】新预警：食品安全投诉激增",
        body_markdown=(
            "1. [微博] @美食博主老王：食物中毒 [原文](https://weibo.com/1/Nq_x?from=page_1)"
            "\n\n[在舆情控制台处理（预警 #7）](http://dash.example/alerts?alert=7)"
        ),
        severity="critical",
        link="http://dash.example/alerts?alert=7",
        alert_id=7,
    )
    options = {
        "host": "127.0.0.1",
        "port": smtp_inbox.port,
        "security": "none",
        "from": "yuqing@example.com",
        "to": ["pr@example.com"],
    }
    ctx = ctx_with(data_dir, {"name": "mail", "type": "email", "options": options})
    results = notify(ctx, message)
    assert [r.status for r in results] == [DeliveryStatus.SENT], results
    parts = {
        part.get_content_subtype(): part.get_content()
        for part in smtp_inbox.messages[0].walk()
        if part.get_content_maintype() == "text"
    }
    assert "原文：https://weibo.com/1/Nq_x?from=page_1" in parts["plain"]
    assert "在舆情控制台处理（预警 #7）：http://dash.example/alerts?alert=7" in parts["plain"]
    assert 'href="https://weibo.com/1/Nq_x?from=page_1"' in parts["html"]
    assert "[微博]" in parts["plain"]


def test_failed_delivery_is_retried_and_recorded(data_dir: Path) -> None:
    with http_receiver(statuses=[500, 503]) as server:
        ctx = ctx_with(
            data_dir,
            {"name": "hook", "type": "webhook", "options": {"endpoint": server.url("/x")}},
            retry_backoff="30s",
        )
        (first,) = notify(ctx, MESSAGE)
        assert first.status == DeliveryStatus.FAILED and first.error
        assert retry_due(ctx) == []  # not due yet
        advance(ctx, timedelta(seconds=31))
        assert [r.status for r in retry_due(ctx)] == [DeliveryStatus.FAILED]
        advance(ctx, timedelta(seconds=61))
        assert [r.status for r in retry_due(ctx)] == [DeliveryStatus.SENT]
        assert len(server.requests) == 3
    with ctx.sessions() as session:
        (row,) = service.deliveries(session)
    assert row.status == DeliveryStatus.SENT and row.attempts == 3


def test_gives_up_after_max_attempts_and_keeps_the_record(data_dir: Path) -> None:
    ctx = ctx_with(
        data_dir,
        {"name": "hook", "type": "webhook", "options": {"endpoint": "http://127.0.0.1:9/x"}},
        max_attempts=2,
        retry_backoff="1s",
    )
    notify(ctx, MESSAGE)
    advance(ctx, timedelta(seconds=5))
    assert [r.status for r in retry_due(ctx)] == [DeliveryStatus.GAVE_UP]
    with ctx.sessions() as session:
        (row,) = service.deliveries(session)
    assert row.status == DeliveryStatus.GAVE_UP and row.last_error and row.attempts == 2


def test_rate_limit_defers_instead_of_dropping(data_dir: Path, receiver: HttpReceiver) -> None:
    hook = {
        "name": "hook",
        "type": "webhook",
        "options": {"endpoint": receiver.url()},
        "rate_limit": 2,
    }
    ctx = ctx_with(data_dir, hook)
    statuses = [notify(ctx, MESSAGE)[0].status for _ in range(3)]
    assert statuses == [DeliveryStatus.SENT, DeliveryStatus.SENT, DeliveryStatus.DEFERRED]
    advance(ctx, timedelta(seconds=61))
    assert [r.status for r in retry_due(ctx)] == [DeliveryStatus.SENT]
    assert len(receiver.requests) == 3


def test_targets_and_unknown_notifier(data_dir: Path, receiver: HttpReceiver) -> None:
    ctx = ctx_with(
        data_dir,
        {"name": "a", "type": "webhook", "options": {"endpoint": receiver.url("/a")}},
        {"name": "b", "type": "webhook", "options": {"endpoint": receiver.url("/b")}},
        {
            "name": "off",
            "type": "webhook",
            "enabled": False,
            "options": {"endpoint": receiver.url("/off")},
        },
    )
    assert {r.notifier for r in notify(ctx, MESSAGE)} == {"a", "b"}
    targeted = Notification("t", "b", "info", targets=["b", "nope"])
    results = {r.notifier: r.status for r in notify(ctx, targeted)}
    assert results == {"b": DeliveryStatus.SENT, "nope": DeliveryStatus.GAVE_UP}


def test_apprise_urls_look_like_the_vendors(data_dir: Path) -> None:
    from alerting.config import NotifierConfig
    from alerting.notifiers import NOTIFIERS

    def url(kind: str, **options: Any) -> str:
        return NOTIFIERS.get(kind)(
            NotifierConfig(name="n", type=kind, options=options)
        ).apprise_url(MESSAGE)

    assert url("dingtalk", token="abc", secret="s") == "dingtalk://s@abc/"
    assert url("wecom", key="k") == "wecombot://k"
    assert url("feishu", token="t", lark=True) == "lark://t"
    assert url("email", host="smtp.qq.com", port=465, security="ssl", to=["a@b.cn"]).startswith(
        "mailtos://smtp.qq.com:465/?mode=ssl"
    )
    assert url("webhook", endpoint="https://x.cn/hook").startswith(
        "jsons://x.cn/hook?:severity=critical"
    )
    for built in (url("dingtalk", token="abc"), url("wecom", key="k"), url("feishu", token="t")):
        assert apprise.Apprise().add(built)


def test_messages_mask_personal_data_unless_switched_off(
    data_dir: Path, receiver: HttpReceiver
) -> None:
    from alerting.notifications import Notification, notify

    hook = {"name": "hook", "type": "webhook", "options": {"endpoint": receiver.url("/a")}}
    text = "顾客 13812345678（身份证110101199003071234，QQ：123456789）投诉"
    ctx = ctx_with(data_dir, hook)
    notify(ctx, Notification("电话13812345678", text, "warning"))
    ctx.close()
    sent = receiver.requests[-1].json
    assert "13812345678" not in json.dumps(sent, ensure_ascii=False)
    assert "138****5678" in sent["message"] and "110**************4" in sent["message"]
    assert "12****89" in sent["message"] and sent["title"] == "电话138****5678"

    raw = ctx_with(data_dir, hook, mask_personal_data=False)
    notify(raw, Notification("电话13812345678", text, "warning"))
    raw.close()
    assert "13812345678" in receiver.requests[-1].json["message"]


LINKED = Notification(
    title="【严重】新预警：食品安全投诉激增",
    body_markdown=(
        "**食品安全投诉激增**\n\n**代表性内容**\n"
        "1. [微博] @老王：吃出虫子 [原文](https://weibo.com/1/abc)\n\n"
        "[在舆情控制台处理（预警 #7）](http://dash.example/alerts?alert=7)"
    ),
    severity="high",
    link="http://dash.example/alerts?alert=7",
    alert_id=7,
)
PLAIN_LINKED = (
    "食品安全投诉激增\n\n代表性内容\n"
    "1. [微博] @老王：吃出虫子\n"
    "   原文：https://weibo.com/1/abc\n\n"
    "在舆情控制台处理（预警 #7）：http://dash.example/alerts?alert=7"
)


def test_wecom_and_feishu_show_links_as_label_and_url_lines(
    data_dir: Path, receiver: HttpReceiver, monkeypatch: pytest.MonkeyPatch
) -> None:
    point_plugin_at(
        monkeypatch, "wecombot", "NotifyWeComBot", receiver.url("/cgi-bin/webhook/send?key={key}")
    )
    point_plugin_at(
        monkeypatch, "feishu", "NotifyFeishu", receiver.url("/open-apis/bot/v2/hook/{token}/")
    )
    ctx = ctx_with(
        data_dir,
        {"name": "wecom", "type": "wecom", "options": {"key": "k-1"}},
        {"name": "feishu", "type": "feishu", "options": {"token": "tok"}},
    )
    results = notify(ctx, LINKED)
    assert [r.status for r in results] == [DeliveryStatus.SENT] * 2, results
    wecom, feishu = (r.json for r in receiver.requests)
    for text in (wecom["text"]["content"], feishu["content"]["text"]):
        assert "](" not in text and "**" not in text
        assert PLAIN_LINKED in text, text
