"""SMS alerts through Alibaba Cloud's SendSms (阿里云短信): the signed call checked against the
documented example and by a local stand-in of the service that verifies the signature on its
own (written from the documented algorithm, not with the code under test), fills the approved
template's variables, and answers OK or the service's error codes; only messages at or above
a notifier's min_severity reach phones."""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import parse_qsl, quote_plus

import pytest

from alerting.enums import DeliveryStatus
from alerting.notifications import Notification, notify
from alerting.notifiers.aliyun_sms import signature
from core.errors import ConfigError
from tests.alerting.conftest import MONDAY, failed_and_queued, make_ctx
from tests.support.receivers import HttpReceiver, Received, http_receiver

SECRET = "testSecret"
MESSAGE = Notification(
    title="【紧急】高危舆情：全家食物中毒，孩子送医住院，已经报警，准备联系记者曝光",
    body_markdown="**高危舆情**\n\n- 数量：3 条",
    severity="critical",
    link="http://dash.example/alerts?alert=7",
    alert_id=7,
)


def test_the_signature_is_the_documented_example() -> None:
    """Alibaba Cloud's SMS signature example (GET, secret testSecret)."""
    params = {
        "AccessKeyId": "testId", "Action": "SendSms", "Format": "XML", "OutId": "123",
        "PhoneNumbers": "15300000001", "RegionId": "cn-hangzhou", "SignName": "阿里云短信测试专用",
        "SignatureMethod": "HMAC-SHA1", "SignatureNonce": "45e25e9b-0a6f-4070-8c85-2956eda1b466",
        "SignatureVersion": "1.0", "TemplateCode": "SMS_71390007",
        "TemplateParam": '{"customer":"test"}', "Timestamp": "2017-07-12T02:42:19Z",
        "Version": "2017-05-25",
    }  # fmt: skip
    assert signature(params, SECRET, "GET") == "zJDF+Lrzhj/ThnlvIToysFRq6t4="


def expected_signature(params: dict[str, str], secret: str) -> str:
    """The stand-in's own reading of the algorithm (urlencode, then + → %20, * → %2A)."""

    def enc(value: str) -> str:
        return quote_plus(value).replace("+", "%20").replace("*", "%2A").replace("%7E", "~")

    query = "&".join(f"{enc(k)}={enc(v)}" for k, v in sorted(params.items()))
    to_sign = "POST&%2F&" + enc(query)
    mac = hmac.new((secret + "&").encode(), to_sign.encode(), hashlib.sha1).digest()
    return base64.b64encode(mac).decode()


@dataclass
class SmsService:
    """What the stand-in received; `code` is what it answers to a well-signed call."""

    port: int = 0
    calls: list[dict[str, str]] = field(default_factory=list)
    code: str = "OK"

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}/"


@pytest.fixture
def sms() -> Iterator[SmsService]:
    """The stand-in of SendSms: checks the signature and the action, answers `code`."""
    service = SmsService()

    def answer(request: Received) -> tuple[int, bytes]:
        params = dict(parse_qsl(request.body.decode(), keep_blank_values=True))
        service.calls.append(params)
        given = params.pop("Signature", "")
        if given != expected_signature(params, SECRET):
            status, code, said = 400, "SignatureDoesNotMatch", "Specified signature is not matched"
        elif params.get("Action") != "SendSms" or params.get("Version") != "2017-05-25":
            status, code, said = 400, "InvalidAction", "bad action"
        else:
            status, code, said = 200, service.code, "OK" if service.code == "OK" else "触发流控"
        return status, json.dumps({"Code": code, "Message": said, "RequestId": "r-1"}).encode()

    with http_receiver(answer=answer, content_type="application/json;charset=utf-8") as server:
        service.port = server.port
        yield service


def phone(sms: SmsService, secret: str = SECRET, **options: Any) -> dict[str, Any]:
    return {
        "name": "leads-sms",
        "type": "aliyun_sms",
        "min_severity": "紧急",
        "options": {
            "access_key_id": "LTAI5tExample",
            "access_key_secret": secret,
            "sign_name": "鲜味坊",
            "template_code": "SMS_123456789",
            "phone_numbers": ["13800138000", "139-0013-9000"],
            "endpoint": sms.url,
            **options,
        },
    }


def test_a_critical_alert_is_texted_with_the_template_filled(
    data_dir: Path, sms: SmsService
) -> None:
    ctx = make_ctx(data_dir, MONDAY, notifiers=[phone(sms)])

    (result,) = notify(ctx, MESSAGE)

    assert result.status == DeliveryStatus.SENT, result.error
    (call,) = sms.calls
    assert call["PhoneNumbers"] == "13800138000,13900139000"
    assert (call["SignName"], call["TemplateCode"]) == ("鲜味坊", "SMS_123456789")
    values = json.loads(call["TemplateParam"])
    assert values["level"] == "紧急"
    assert values["title"] == MESSAGE.title[:35] and len(MESSAGE.title) > 35
    assert call["OutId"].startswith("yq-7-")  # the delivery's key, in the SMS receipts


def test_a_lower_level_skips_the_phones_but_not_the_group(
    data_dir: Path, sms: SmsService, receiver: HttpReceiver
) -> None:
    hook = {"name": "pr-group", "type": "webhook", "options": {"endpoint": receiver.url("/h")}}
    ctx = make_ctx(data_dir, MONDAY, notifiers=[phone(sms), hook])
    high = Notification(title="负面激增", body_markdown="…", severity="high", alert_id=8)

    results = notify(ctx, high)

    assert [r.notifier for r in results] == ["pr-group"]
    assert sms.calls == [] and len(receiver.requests) == 1
    explicit = Notification(
        title="负面激增", body_markdown="…", severity="high", targets=["leads-sms"]
    )
    assert notify(ctx, explicit) == [] and sms.calls == []  # the floor holds for named targets


@pytest.mark.parametrize(
    ("secret", "code", "said"),
    [
        ("wrong-secret", "OK", "签名校验失败：检查 options.access_key_secret"),
        (SECRET, "isv.BUSINESS_LIMIT_CONTROL", "触发阿里云短信流控"),
        (SECRET, "isv.AMOUNT_NOT_ENOUGH", "阿里云账户余额不足"),
    ],
)
def test_a_refusal_is_recorded_in_chinese_and_retried(
    data_dir: Path, sms: SmsService, secret: str, code: str, said: str
) -> None:
    sms.code = code
    ctx = make_ctx(data_dir, MONDAY, notifiers=[phone(sms, secret=secret)])

    (result,) = notify(ctx, MESSAGE)

    assert result.status == DeliveryStatus.FAILED
    failed_and_queued(ctx, result.error, said, "短信未发出")


def test_an_unreachable_service_is_said_in_chinese(data_dir: Path) -> None:
    dead = SmsService(port=1)
    ctx = make_ctx(data_dir, MONDAY, notifiers=[phone(dead)])
    (result,) = notify(ctx, MESSAGE)
    assert result.status == DeliveryStatus.FAILED
    assert result.error is not None and "无法连接阿里云短信服务" in result.error


def test_incomplete_options_are_refused_with_what_to_fill(data_dir: Path) -> None:
    from alerting.config import NotifierConfig
    from alerting.notifiers import NOTIFIERS

    config = NotifierConfig.model_validate(
        {
            "name": "sms",
            "type": "aliyun_sms",
            "options": {
                "access_key_id": "LTAI5tExample",
                "phone_numbers": ["1380013800"],
                "template_params": {"who": "{author}"},
            },
        }
    )
    with pytest.raises(ConfigError) as caught:
        NOTIFIERS.get("aliyun_sms")(config)
    said = str(caught.value)
    assert "options.access_key_secret：缺少必填项" in said
    assert "options.sign_name：缺少必填项" in said and "options.template_code：缺少必填项" in said
    assert "options.phone_numbers：'1380013800' 不是中国大陆手机号" in said
    assert "options.template_params.who：未知字段 {author}" in said


def test_a_report_brief_to_an_sms_notifier_is_refused_by_check(
    data_dir: Path, sms: SmsService
) -> None:
    """The brief goes out at 一般: an SMS notifier for 紧急 would never get it."""
    from app.config import AppConfig
    from core.context import Context
    from reports.checks import problems

    config = AppConfig.model_validate(
        {
            "brand": "鲜味坊",
            "alerting": {"notifiers": [phone(sms)]},
            "reports": {"notifiers": ["leads-sms"]},
        }
    )
    ctx = Context(config=config, data_dir=data_dir)
    try:
        assert problems(ctx) == [
            "reports.notifiers[0]：通知渠道 leads-sms 只收「紧急」及以上的消息（min_severity），"
            "报告简报的级别是「一般」，不会发到它"
        ]
    finally:
        ctx.close()
