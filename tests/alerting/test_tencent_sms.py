"""SMS alerts through Tencent Cloud's SendSms (腾讯云短信, API 3.0): the TC3-HMAC-SHA256
signature checked against the documented example, and a local stand-in of the service that
verifies each call's Authorization on its own (written from the documented steps, not with
the code under test) and answers per number like the real one: all sent, some numbers
refused (the delivery is sent, the others named on it, no retry), or the whole call refused."""

from __future__ import annotations

import hashlib
import hmac
import json
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest

from alerting.enums import DeliveryStatus
from alerting.models import Delivery
from alerting.notifications import Notification, notify
from alerting.notifiers.tencent_sms import authorization
from core.enums import Severity
from core.errors import ConfigError
from tests.alerting.conftest import MONDAY, failed_and_queued, make_ctx
from tests.support.receivers import Received, http_receiver

SECRET_ID, SECRET_KEY = "AKIDexample", "tencentSecret"
MESSAGE = Notification(
    title="【紧急】高危舆情：全家食物中毒，孩子送医住院，已经报警",
    body_markdown="**高危舆情**",
    severity=Severity.CRITICAL,
    link="http://dash.example/alerts?alert=7",
    alert_id=7,
)


def test_the_signature_is_the_documented_example() -> None:
    """Tencent Cloud's signature v3 example (CVM DescribeInstances, 2019-02-25)."""
    said = authorization(
        secret_id="AKIDz8krbsJ5yKBZQpn74WFkmLPx3*******",
        secret_key="Gu5t9xGARNpq86cd98joQYCN3*******",
        host="cvm.tencentcloudapi.com",
        payload='{"Limit": 1, "Filters": [{"Values": ["\\u672a\\u547d\\u540d"], '
        '"Name": "instance-name"}]}',
        timestamp=1551113065,
        service="cvm",
    )
    assert said == (
        "TC3-HMAC-SHA256 Credential=AKIDz8krbsJ5yKBZQpn74WFkmLPx3*******/2019-02-25/cvm/"
        "tc3_request, SignedHeaders=content-type;host, "
        "Signature=2230eefd229f582d8b1b891af7107b91597240707d778ab3738f756258d7652c"
    )


def verified(headers: dict[str, str], body: bytes) -> bool:
    """The stand-in's own reading of signature v3 over the headers it received."""
    parts = dict(
        item.strip().split("=", 1)
        for item in headers.get("authorization", "").removeprefix("TC3-HMAC-SHA256 ").split(",")
        if "=" in item
    )
    signed = parts.get("SignedHeaders", "").split(";")
    timestamp = int(headers.get("x-tc-timestamp", "0"))
    day = datetime.fromtimestamp(timestamp, UTC).date().isoformat()
    if parts.get("Credential") != f"{SECRET_ID}/{day}/sms/tc3_request":
        return False
    lines = "".join(f"{name}:{headers.get(name, '').strip().lower()}\n" for name in signed)
    request = f"POST\n/\n\n{lines}\n{';'.join(signed)}\n{hashlib.sha256(body).hexdigest()}"
    to_sign = (
        f"TC3-HMAC-SHA256\n{timestamp}\n{day}/sms/tc3_request\n"
        + hashlib.sha256(request.encode()).hexdigest()
    )
    key = ("TC3" + SECRET_KEY).encode()
    for step in (day, "sms", "tc3_request"):
        key = hmac.new(key, step.encode(), hashlib.sha256).digest()
    expected = hmac.new(key, to_sign.encode(), hashlib.sha256).hexdigest()
    return hmac.compare_digest(expected, parts.get("Signature", ""))


@dataclass
class SmsService:
    """What the stand-in received; `codes` answers numbers by their last digit (else Ok)."""

    port: int = 0
    calls: list[dict[str, Any]] = field(default_factory=list)
    codes: dict[str, str] = field(default_factory=dict)

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}/"

    def answer(self, headers: dict[str, str], body: bytes) -> dict[str, Any]:
        if not verified(headers, body):
            error = {"Code": "AuthFailure.SignatureFailure", "Message": "signature mismatch"}
            return {"Error": error, "RequestId": "r-1"}
        if (headers.get("x-tc-action"), headers.get("x-tc-version")) != ("SendSms", "2021-01-11"):
            return {"Error": {"Code": "InvalidAction", "Message": "bad"}, "RequestId": "r-1"}
        call = json.loads(body)
        self.calls.append(call)
        statuses = [
            {"PhoneNumber": n, "Code": self.codes.get(n[-1], "Ok"), "Message": "x", "Fee": 1}
            for n in call["PhoneNumberSet"]
        ]
        return {"SendStatusSet": statuses, "RequestId": "r-1"}


@pytest.fixture
def sms() -> Iterator[SmsService]:
    service = SmsService()

    def answer(request: Received) -> tuple[int, bytes]:
        headers = {k.lower(): v for k, v in request.headers.items()}
        # 200 for errors too: the Error object says what went wrong, as the service does.
        return 200, json.dumps({"Response": service.answer(headers, request.body)}).encode()

    with http_receiver(answer=answer) as server:
        service.port = server.port
        yield service


def phone(sms: SmsService, secret: str = SECRET_KEY, **options: Any) -> dict[str, Any]:
    return {
        "name": "leads-sms",
        "type": "tencent_sms",
        "min_severity": "紧急",
        "options": {
            "secret_id": SECRET_ID,
            "secret_key": secret,
            "sdk_app_id": "1400006666",
            "sign_name": "鲜味坊",
            "template_id": "1110",
            "phone_numbers": ["13800138000", "+86 139-0013-9001"],
            "endpoint": sms.url,
            **options,
        },
    }


def test_a_critical_alert_is_texted_with_the_template_filled(
    data_dir: Path, sms: SmsService
) -> None:
    ctx = make_ctx(data_dir, MONDAY, notifiers=[phone(sms)])

    (result,) = notify(ctx, MESSAGE)

    assert result.status == DeliveryStatus.SENT and result.error is None
    (call,) = sms.calls
    assert call["PhoneNumberSet"] == ["+8613800138000", "+8613900139001"]
    assert (call["SmsSdkAppId"], call["SignName"], call["TemplateId"]) == (
        "1400006666",
        "鲜味坊",
        "1110",
    )
    assert call["TemplateParamSet"] == ["紧急", MESSAGE.title[:12]]
    assert call["SessionContext"].startswith("yq-7-")  # the delivery's key, in the receipts


def test_numbers_left_out_are_named_on_a_sent_delivery(data_dir: Path, sms: SmsService) -> None:
    """One wrong number must not text the others again and again."""
    sms.codes = {"1": "InvalidParameterValue.IncorrectPhoneNumber"}
    ctx = make_ctx(data_dir, MONDAY, notifiers=[phone(sms)])

    (result,) = notify(ctx, MESSAGE)

    assert result.status == DeliveryStatus.SENT
    assert result.error is not None and "部分号码未收到：+8613900139001" in result.error
    assert "手机号格式不对" in result.error
    with ctx.sessions() as session:
        (row,) = session.query(Delivery).all()
        assert row.status == DeliveryStatus.SENT and row.next_attempt_at is None
        assert row.last_error == result.error


@pytest.mark.parametrize(
    ("secret", "codes", "said"),
    [
        ("wrong-secret", {}, "签名校验失败：检查 options.secret_key"),
        (
            SECRET_KEY,
            {
                "0": "LimitExceeded.PhoneNumberDailyLimit",
                "1": "LimitExceeded.PhoneNumberDailyLimit",
            },
            "同一号码当天的条数超限",
        ),
        (
            SECRET_KEY,
            {
                "0": "FailedOperation.TemplateIncorrectOrUnapproved",
                "1": "FailedOperation.TemplateIncorrectOrUnapproved",
            },
            "检查 options.template_id",
        ),
    ],
)
def test_a_refusal_is_recorded_in_chinese_and_retried(
    data_dir: Path, sms: SmsService, secret: str, codes: dict[str, str], said: str
) -> None:
    sms.codes = codes
    ctx = make_ctx(data_dir, MONDAY, notifiers=[phone(sms, secret=secret)])

    (result,) = notify(ctx, MESSAGE)

    assert result.status == DeliveryStatus.FAILED
    failed_and_queued(ctx, result.error, said, "短信未发出")


def test_an_unreachable_service_is_said_in_chinese(data_dir: Path) -> None:
    ctx = make_ctx(data_dir, MONDAY, notifiers=[phone(SmsService(port=1))])
    (result,) = notify(ctx, MESSAGE)
    assert result.status == DeliveryStatus.FAILED
    assert result.error is not None and "无法连接腾讯云短信服务" in result.error


def test_incomplete_options_are_refused_with_what_to_fill() -> None:
    from alerting.config import NotifierConfig
    from alerting.notifiers import NOTIFIERS

    config = NotifierConfig.model_validate(
        {
            "name": "sms",
            "type": "tencent_sms",
            "options": {
                "secret_id": SECRET_ID,
                "phone_numbers": ["1380013800"],
                "template_params": ["{severity}", "{author}"],
            },
        }
    )
    with pytest.raises(ConfigError) as caught:
        NOTIFIERS.get("tencent_sms")(config)
    said = str(caught.value)
    assert "options.secret_key：缺少必填项" in said and "options.sdk_app_id：缺少必填项" in said
    assert "options.sign_name：缺少必填项" in said and "options.template_id：缺少必填项" in said
    assert "options.phone_numbers：'1380013800' 不是中国大陆手机号" in said
    assert "options.template_params[1]：未知字段 {author}" in said
