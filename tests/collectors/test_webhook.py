"""Webhook: secret or HMAC required; objects, lists and JSONL; per-record 4xx errors."""

from __future__ import annotations

import hashlib
import hmac
import json
from collections.abc import Iterator
from urllib.error import HTTPError
from urllib.request import Request, urlopen

import pytest

from app.config import AppConfig
from collectors.state import SourceState, SourceStatus
from collectors.webhook import WebhookServer
from core.context import Context
from core.errors import ConfigError
from tests.collectors.conftest import PassThroughClassifier, indexed

SECRET = "t0p-secret"
GOOD = {
    "native_id": "form-1",
    "text": "鲜味坊的订单一直没退款",
    "published_at": "2026-11-23T16:00:00+08:00",
}


@pytest.fixture
def webhook(tmp_path, clock) -> Iterator[tuple[WebhookServer, Context]]:
    """A webhook on a random port over a fresh SQLite context."""
    config = AppConfig.model_validate(
        {"webhook": {"enabled": True, "secret": SECRET, "port": 8765}}
    )
    ctx = Context(config=config, data_dir=tmp_path, clock=clock)
    ctx.__dict__["classifier"] = PassThroughClassifier()
    server = WebhookServer(ctx, port=0).start()
    yield server, ctx
    server.stop()
    ctx.close()


def post(url: str, body: bytes, headers: dict[str, str]) -> tuple[int, dict[str, object]]:
    """POST and return (status, JSON answer), also for 4xx answers."""
    headers = {"Content-Type": "application/json", **headers}
    try:
        with urlopen(Request(url, data=body, headers=headers, method="POST")) as answer:
            return answer.status, json.loads(answer.read())
    except HTTPError as error:
        return error.code, json.loads(error.read())


def test_secret_is_required(webhook):
    server, ctx = webhook
    body = json.dumps(GOOD).encode()

    assert post(server.url, body, {})[0] == 401
    assert post(server.url, body, {"X-Yuqing-Secret": "wrong"})[0] == 401
    assert indexed(ctx, "webhook") == {}


def test_single_object_with_secret(webhook):
    server, ctx = webhook

    status, answer = post(
        server.url, json.dumps(GOOD, ensure_ascii=False).encode(), {"X-Yuqing-Secret": SECRET}
    )

    assert (status, answer["new"], answer["rejected"]) == (200, 1, [])
    assert indexed(ctx, "webhook")["form-1"].text == "鲜味坊的订单一直没退款"


def test_jsonl_with_hmac_signature_and_bad_records(webhook):
    server, ctx = webhook
    lines = [
        json.dumps(
            {**GOOD, "native_id": "im-1", "source": "wecom_export", "channel": "other"},
            ensure_ascii=False,
        ),
        "{not json",
        json.dumps({"native_id": "im-2", "published_at": "2026-11-23T16:00:00+08:00"}),
        json.dumps({**GOOD, "native_id": "im-3", "text": "<p> </p>"}),
    ]
    body = "\n".join(lines).encode()
    signature = "sha256=" + hmac.new(SECRET.encode(), body, hashlib.sha256).hexdigest()

    status, answer = post(server.url, body, {"X-Yuqing-Signature": signature})

    assert status == 422
    assert (answer["accepted"], answer["new"]) == (1, 1)
    errors = {e["ref"]: e["error"] for e in answer["rejected"]}
    assert errors["第 2 行"].startswith("不是合法的 JSON")
    assert errors["第 3 行"] == "text：缺少必填项"
    assert "正文为空" in errors["第 4 行"]
    assert list(indexed(ctx, "wecom_export")) == ["im-1"]
    with ctx.sessions() as session:
        state = session.get(SourceState, "webhook")
        assert state is not None and state.type == "webhook"
        assert state.status == SourceStatus.DEGRADED and state.items_total == 1
        assert state.last_error == "3 条被拒，如 第 2 行：" + errors["第 2 行"]
        assert state.last_success_at is not None and state.consecutive_failures == 0

    clean = json.dumps({**GOOD, "native_id": "im-4"}, ensure_ascii=False).encode()
    assert post(server.url, clean, {"X-Yuqing-Secret": SECRET})[0] == 200
    with ctx.sessions() as session:
        state = session.get(SourceState, "webhook")
        assert state is not None and state.status == SourceStatus.OK and state.last_error is None
        assert (state.items_last_run, state.items_total) == (1, 2)


def test_list_and_bad_signature(webhook):
    server, _ = webhook
    body = json.dumps(
        [GOOD, {**GOOD, "native_id": "form-2", "text": "客服电话打不通"}, 42]
    ).encode()

    assert post(server.url, body, {"X-Yuqing-Signature": "sha256=00"})[0] == 401
    status, answer = post(server.url, body, {"X-Yuqing-Secret": SECRET})

    assert (status, answer["new"]) == (422, 2)
    wrong = {"ref": "第 3 条", "error": "每条记录须为一个 JSON 对象（以 { 开头、} 结尾）"}
    assert answer["rejected"] == [wrong]


def test_no_secret_configured_refuses_to_start(tmp_path):
    ctx = Context(
        config=AppConfig.model_validate({"webhook": {"enabled": True}}), data_dir=tmp_path
    )

    with pytest.raises(ConfigError, match=r"webhook\.secret：必填"):
        WebhookServer(ctx, port=0)


def test_a_taken_port_is_named_in_chinese(webhook, tmp_path):
    server, _ = webhook
    host, port = server.socket.getsockname()[:2]
    config = {"webhook": {"enabled": True, "secret": "s", "host": host, "port": port}}
    ctx = Context(config=AppConfig.model_validate(config), data_dir=tmp_path / "second")
    try:
        with pytest.raises(ConfigError) as caught:
            WebhookServer(ctx)
    finally:
        ctx.close()
    assert str(caught.value) == (
        f"webhook.port：无法监听 {host}:{port}（端口已被占用）；请修改 webhook.port"
    )
