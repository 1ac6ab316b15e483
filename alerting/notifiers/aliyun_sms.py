"""SMS (短信) through Alibaba Cloud's SMS service (阿里云短信服务, Dysmsapi SendSms).

A service lead's phone rings for a crisis at night; chat groups are muted. SMS in China goes
out only through an approved signature (签名, e.g. 鲜味坊) and an approved template (模板,
e.g. "【鲜味坊】${level}舆情预警：${title}，请尽快登录舆情系统处理。"), so the channel fills the
template's variables (`template_params`: variable → a format of {severity}, {title}, {link})
instead of sending the message body; each value is cut to `param_max_chars` (35 for
notification templates).

The request is the documented RPC call: form parameters signed with HMAC-SHA1 over the
percent-encoded, sorted query (SignatureVersion 1.0), POSTed to `endpoint`. The reply's Code
is OK or a reason (isv.BUSINESS_LIMIT_CONTROL …), said in Chinese with what to change.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
import uuid
from datetime import UTC, datetime
from typing import ClassVar
from urllib.parse import quote
from urllib.request import Request

from pydantic import Field

from alerting.notifiers.base import (
    Channel,
    ChannelOptions,
    DeliveryError,
    Notification,
    required,
)
from alerting.notifiers.sms import (
    bare_number,
    endpoint_problems,
    exchange,
    fill,
    format_problems,
    number_problems,
)

API_VERSION = "2017-05-25"

# The reply codes a deployment meets, and what to do about each.
REASONS_ZH = {
    "isv.BUSINESS_LIMIT_CONTROL": (
        "触发阿里云短信流控（同一号码每分钟、每小时、每天的条数有上限）：稍后自动重试；"
        "可在阿里云控制台调整流控，或把 min_severity 提高到 critical 只发紧急预警"
    ),
    "isv.MOBILE_NUMBER_ILLEGAL": "手机号格式不对：检查 options.phone_numbers",
    "isv.SMS_SIGNATURE_ILLEGAL": (
        "短信签名不可用（未审核通过或名称不符）：options.sign_name 按阿里云控制台的签名名称填写"
    ),
    "isv.SMS_TEMPLATE_ILLEGAL": (
        "短信模板不可用（未审核通过或模板 CODE 不对）：检查 options.template_code"
    ),
    "isv.TEMPLATE_MISSING_PARAMETERS": (
        "模板里的变量没有全部给出：options.template_params 要包含模板的每个 ${变量}"
    ),
    "isv.TEMPLATE_PARAMS_ILLEGAL": (
        "模板变量的值不合规（如含链接或超长）：调整 options.template_params 或 param_max_chars"
    ),
    "isv.PARAM_LENGTH_LIMIT": "变量值超长：把 options.param_max_chars 调小",
    "isv.AMOUNT_NOT_ENOUGH": "阿里云账户余额不足：请充值",
    "isv.DENY_IP_RANGE": "本机 IP 不在阿里云 AccessKey 的白名单里",
    "isv.ACCOUNT_ABNORMAL": "阿里云账户异常：登录控制台查看",
    "SignatureDoesNotMatch": (
        "签名校验失败：检查 options.access_key_secret 是否与 access_key_id 配对"
    ),
    "InvalidAccessKeyId.NotFound": "AccessKey ID 不存在：检查 options.access_key_id",
    "InvalidAccessKeyId.Inactive": "AccessKey 已停用：在阿里云控制台启用或换一个",
    "Forbidden.RAM": "该 AccessKey 没有短信发送权限：给 RAM 用户授予 AliyunDysmsFullAccess",
}


class AliyunSmsOptions(ChannelOptions):
    """AccessKey, signature, template and the numbers to text."""

    access_key_id: str | None = None
    access_key_secret: str | None = None
    sign_name: str | None = None
    template_code: str | None = None
    phone_numbers: list[str] = Field(default_factory=list)
    template_params: dict[str, str] = Field(
        default_factory=lambda: {"level": "{severity}", "title": "{title}"}
    )
    param_max_chars: int = Field(default=35, ge=1, le=500)
    endpoint: str = "https://dysmsapi.aliyuncs.com/"
    region: str = "cn-hangzhou"
    timeout: float = Field(default=10.0, gt=0)

    def problems(self) -> list[tuple[str, str]]:
        """Credentials, signature, template and at least one mainland mobile number."""
        found = required(
            self.access_key_id, "access_key_id", "阿里云控制台 → AccessKey 管理 里的 AccessKey ID"
        )
        found += required(
            self.access_key_secret,
            "access_key_secret",
            "与 AccessKey ID 配对的 Secret（建议写在环境变量里）",
        )
        found += required(self.sign_name, "sign_name", "短信服务控制台里审核通过的签名名称")
        found += required(
            self.template_code, "template_code", "短信服务控制台里审核通过的模板 CODE（SMS_ 开头）"
        )
        found += number_problems(self.phone_numbers)
        found += format_problems(
            (f"template_params.{variable}", value)
            for variable, value in self.template_params.items()
        )
        found += endpoint_problems(self.endpoint)
        return found


def percent(value: str) -> str:
    """Alibaba Cloud's percent-encoding: RFC 3986 unreserved characters kept, UTF-8 otherwise
    (space → %20, * → %2A, ~ kept)."""
    return quote(value, safe="~")


def signature(params: dict[str, str], secret: str, method: str = "POST") -> str:
    """The RPC signature (HMAC-SHA1, SignatureVersion 1.0) of these parameters."""
    canonical = "&".join(f"{percent(k)}={percent(v)}" for k, v in sorted(params.items()))
    to_sign = f"{method}&{percent('/')}&{percent(canonical)}"
    digest = hmac.new(f"{secret}&".encode(), to_sign.encode(), hashlib.sha1).digest()
    return base64.b64encode(digest).decode()


class AliyunSmsChannel(Channel[AliyunSmsOptions]):
    """One SendSms call per message to every number (the service's own limits apply)."""

    type_name = "aliyun_sms"
    options_model: ClassVar[type[ChannelOptions]] = AliyunSmsOptions
    default_rate_limit = 5

    def template_values(self, notification: Notification) -> dict[str, str]:
        """The template's variables for this message, each cut to param_max_chars."""
        limit = self.options.param_max_chars
        return {
            variable: fill(value, notification, limit)
            for variable, value in self.options.template_params.items()
        }

    def request_params(self, notification: Notification, now: datetime) -> dict[str, str]:
        """The signed SendSms form parameters."""
        options = self.options
        params = {
            "AccessKeyId": options.access_key_id or "",
            "Action": "SendSms",
            "Format": "JSON",
            "PhoneNumbers": ",".join(bare_number(n) for n in options.phone_numbers),
            "RegionId": options.region,
            "SignName": options.sign_name or "",
            "SignatureMethod": "HMAC-SHA1",
            "SignatureNonce": uuid.uuid4().hex,
            "SignatureVersion": "1.0",
            "TemplateCode": options.template_code or "",
            "TemplateParam": json.dumps(self.template_values(notification), ensure_ascii=False),
            "Timestamp": now.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ"),
            "Version": API_VERSION,
        }
        if notification.idempotency_key:
            params["OutId"] = notification.idempotency_key  # in the SMS receipts
        params["Signature"] = signature(params, options.access_key_secret or "")
        return params

    def send(self, notification: Notification) -> None:
        """POST the signed call; raise DeliveryError with the reason in Chinese."""
        from urllib.parse import urlencode

        body = urlencode(self.request_params(notification, datetime.now(UTC))).encode()
        request = Request(
            self.options.endpoint,
            data=body,
            headers={"Content-Type": "application/x-www-form-urlencoded"},
        )
        answer = exchange(request, self.options.timeout, self.config.name, "阿里云短信服务")
        code = str(answer.get("Code", ""))
        if code != "OK":
            said = str(answer.get("Message", ""))
            reason = REASONS_ZH.get(code, "见阿里云短信服务的错误码说明")
            raise DeliveryError(f"{self.config.name}: 短信未发出（{code}：{said}）：{reason}")
