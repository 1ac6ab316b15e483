"""SMS (短信) through Tencent Cloud's SMS service (腾讯云短信, API 3.0 SendSms, 2021-01-11).

Tencent's templates number their variables ({1}, {2} …), so `template_params` is a list: the
first entry fills {1}, the second {2}, each a format of {severity}, {title} and {link} cut to
`param_max_chars` (Tencent caps a variable's length by its type in the template review).

The request is the documented API 3.0 call: a JSON body POSTed to `endpoint` with the X-TC-*
headers and a TC3-HMAC-SHA256 Authorization over the canonical request (content-type and host
signed). The reply holds one status per number (Code "Ok" or a reason) or an Error for the
whole call; each is said in Chinese with what to change. When some numbers got the text and
others did not, the delivery counts as sent (a retry would text the others again) and the
numbers left out are recorded on it.
"""

from __future__ import annotations

import hashlib
import hmac
import json
from datetime import UTC, datetime
from typing import Any, ClassVar
from urllib.parse import urlsplit
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

API_VERSION = "2021-01-11"
SERVICE = "sms"
CONTENT_TYPE = "application/json; charset=utf-8"

# The codes a deployment meets (whole call or per number), and what to do about each.
REASONS_ZH = {
    "AuthFailure.SignatureFailure": "签名校验失败：检查 options.secret_key 是否与 secret_id 配对",
    "AuthFailure.SecretIdNotFound": "SecretId 不存在或已停用：检查 options.secret_id",
    "AuthFailure.SignatureExpire": "请求时间与腾讯云相差超过 5 分钟：校准本机时间（NTP）",
    "AuthFailure.UnauthorizedOperation": "该密钥没有短信发送权限：给子用户授予 QcloudSMSFullAccess",
    "FailedOperation.SignatureIncorrectOrUnapproved": (
        "短信签名不可用（未审核通过或内容不符）：options.sign_name 按短信控制台的签名内容填写"
    ),
    "FailedOperation.TemplateIncorrectOrUnapproved": (
        "短信模板不可用（未审核通过或模板 ID 不对）：检查 options.template_id"
    ),
    "FailedOperation.InsufficientBalanceInSmsPackage": "短信套餐包余量不足：请购买套餐包",
    "FailedOperation.PhoneNumberInBlacklist": "该号码退订过短信或在运营商免打扰名单里",
    "FailedOperation.ContainSensitiveWord": "短信内容含敏感词：调整 options.template_params",
    "InvalidParameterValue.IncorrectPhoneNumber": "手机号格式不对：检查 options.phone_numbers",
    "InvalidParameterValue.SdkAppIdNotExist": "短信应用不存在：检查 options.sdk_app_id",
    "InvalidParameterValue.TemplateParameterFormatError": (
        "模板变量的值不合规（如含链接）：调整 options.template_params"
    ),
    "InvalidParameterValue.TemplateParameterLengthLimit": (
        "模板变量的值超长：把 options.param_max_chars 调小"
    ),
    "MissingParameter.EmptyPhoneNumberSet": "缺少收信手机号：检查 options.phone_numbers",
    "LimitExceeded.PhoneNumberThirtySecondLimit": "同一号码 30 秒内的条数超限：稍后自动重试",
    "LimitExceeded.PhoneNumberOneHourLimit": (
        "同一号码 1 小时内的条数超限：稍后自动重试；或把 min_severity 提高到 紧急"
    ),
    "LimitExceeded.PhoneNumberDailyLimit": (
        "同一号码当天的条数超限：在短信控制台调整频率限制，或把 min_severity 提高到 紧急"
    ),
    "LimitExceeded.DeliveryFrequencyLimit": "触发短信频率限制：在短信控制台调整频率限制策略",
    "UnauthorizedOperation.RequestIpNotInWhitelist": "本机 IP 不在短信应用的 IP 白名单里",
    "RequestLimitExceeded": "接口调用过于频繁：稍后自动重试",
}


class TencentSmsOptions(ChannelOptions):
    """API key, SMS application, signature, template and the numbers to text."""

    secret_id: str | None = None
    secret_key: str | None = None
    sdk_app_id: str | None = None
    sign_name: str | None = None
    template_id: str | None = None
    phone_numbers: list[str] = Field(default_factory=list)
    template_params: list[str] = Field(default_factory=lambda: ["{severity}", "{title}"])
    param_max_chars: int = Field(default=12, ge=1, le=500)
    endpoint: str = "https://sms.tencentcloudapi.com/"
    region: str = "ap-guangzhou"
    timeout: float = Field(default=10.0, gt=0)

    def problems(self) -> list[tuple[str, str]]:
        """Key pair, application, signature, template and at least one mainland number."""
        found = required(
            self.secret_id, "secret_id", "腾讯云控制台 → 访问管理 → API 密钥的 SecretId"
        )
        found += required(
            self.secret_key, "secret_key", "与 SecretId 配对的 SecretKey（建议写在环境变量里）"
        )
        found += required(
            self.sdk_app_id, "sdk_app_id", "短信控制台 → 应用管理里的 SDK AppID（如 1400006666）"
        )
        found += required(self.sign_name, "sign_name", "短信控制台里审核通过的签名内容")
        found += required(self.template_id, "template_id", "短信控制台里审核通过的正文模板 ID")
        found += number_problems(self.phone_numbers)
        found += format_problems(
            (f"template_params[{i}]", value) for i, value in enumerate(self.template_params)
        )
        found += endpoint_problems(self.endpoint)
        return found


def _hmac(key: bytes, message: str) -> bytes:
    return hmac.new(key, message.encode(), hashlib.sha256).digest()


def authorization(
    *,
    secret_id: str,
    secret_key: str,
    host: str,
    payload: str,
    timestamp: int,
    service: str = SERVICE,
    content_type: str = CONTENT_TYPE,
) -> str:
    """The TC3-HMAC-SHA256 Authorization header of a POST to `/` with this JSON payload."""
    canonical = "\n".join(
        [
            "POST",
            "/",
            "",
            f"content-type:{content_type.lower()}\nhost:{host.lower()}\n",
            "content-type;host",
            hashlib.sha256(payload.encode()).hexdigest(),
        ]
    )
    day = datetime.fromtimestamp(timestamp, UTC).strftime("%Y-%m-%d")
    scope = f"{day}/{service}/tc3_request"
    to_sign = "\n".join(
        ["TC3-HMAC-SHA256", str(timestamp), scope, hashlib.sha256(canonical.encode()).hexdigest()]
    )
    key = _hmac(_hmac(_hmac(f"TC3{secret_key}".encode(), day), service), "tc3_request")
    signature = hmac.new(key, to_sign.encode(), hashlib.sha256).hexdigest()
    return (
        f"TC3-HMAC-SHA256 Credential={secret_id}/{scope}, "
        f"SignedHeaders=content-type;host, Signature={signature}"
    )


class TencentSmsChannel(Channel[TencentSmsOptions]):
    """One SendSms call per message to every number (the service's own limits apply)."""

    type_name = "tencent_sms"
    options_model: ClassVar[type[ChannelOptions]] = TencentSmsOptions
    default_rate_limit = 5

    def payload(self, notification: Notification) -> dict[str, Any]:
        """The SendSms body: numbers in E.164, the template's variables in order."""
        options = self.options
        limit = options.param_max_chars
        body: dict[str, Any] = {
            "PhoneNumberSet": [_e164(n) for n in options.phone_numbers],
            "SmsSdkAppId": options.sdk_app_id or "",
            "SignName": options.sign_name or "",
            "TemplateId": options.template_id or "",
            "TemplateParamSet": [fill(v, notification, limit) for v in options.template_params],
        }
        if notification.idempotency_key:
            body["SessionContext"] = notification.idempotency_key  # echoed in the receipts
        return body

    def request(self, notification: Notification, now: datetime) -> Request:
        """The signed POST."""
        options = self.options
        payload = json.dumps(self.payload(notification), ensure_ascii=False)
        host = urlsplit(options.endpoint).netloc
        timestamp = int(now.timestamp())
        headers = {
            "Content-Type": CONTENT_TYPE,
            "Host": host,
            "X-TC-Action": "SendSms",
            "X-TC-Version": API_VERSION,
            "X-TC-Region": options.region,
            "X-TC-Timestamp": str(timestamp),
            "Authorization": authorization(
                secret_id=options.secret_id or "",
                secret_key=options.secret_key or "",
                host=host,
                payload=payload,
                timestamp=timestamp,
            ),
        }
        return Request(options.endpoint, data=payload.encode(), headers=headers, method="POST")

    def send(self, notification: Notification) -> str | None:
        """POST the signed call; raise DeliveryError when no number got the text, return a
        note naming the numbers left out when some did."""
        request = self.request(notification, datetime.now(UTC))
        reply = exchange(request, self.options.timeout, self.config.name, "腾讯云短信服务")
        return self._read(reply)

    def _read(self, reply: Any) -> str | None:
        if not isinstance(reply, dict):
            raise DeliveryError(
                f"{self.config.name}: 腾讯云短信服务的回复不是 JSON 对象：{str(reply)[:200]!r}"
            )
        answer = reply.get("Response") or {}
        error = answer.get("Error")
        if isinstance(error, dict):
            raise DeliveryError(f"{self.config.name}: 短信未发出（{_said(error)}）")
        statuses = [s for s in answer.get("SendStatusSet") or [] if isinstance(s, dict)]
        failed = [s for s in statuses if str(s.get("Code")) != "Ok"]
        if not statuses or len(failed) == len(statuses):
            reasons = "；".join(f"{s.get('PhoneNumber', '')}：{_said(s)}" for s in failed)
            said = reasons or "回复里没有发送状态"
            raise DeliveryError(f"{self.config.name}: 短信未发出（{said}）")
        if failed:
            return "部分号码未收到：" + "；".join(
                f"{s.get('PhoneNumber', '')}（{_said(s)}）" for s in failed
            )
        return None


def _e164(number: str) -> str:
    """+86 and the eleven digits, however the number was written."""
    digits = bare_number(number).lstrip("+")
    return "+86" + digits[-11:]


def _said(status: dict[str, Any]) -> str:
    """`code：message：what to do` for one status or error."""
    code = str(status.get("Code", ""))
    reason = REASONS_ZH.get(code) or REASONS_ZH.get(code.split(".")[0], "见腾讯云短信的错误码说明")
    return f"{code}：{status.get('Message', '')}：{reason}"
