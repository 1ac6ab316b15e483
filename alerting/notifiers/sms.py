"""What every SMS (短信) channel shares: mainland mobile numbers and template variables.

SMS in China goes out only through an approved signature (签名) and template (模板), so an SMS
channel never sends the message body: it fills the template's variables from a few fields of
the message ({severity}, {title}, {link}), each cut to the vendor's length limit.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable
from typing import Any
from urllib.error import HTTPError, URLError
from urllib.parse import urlsplit
from urllib.request import Request, urlopen

from alerting.notifiers.base import DeliveryError, Notification
from core.enums import SEVERITY_LABELS_ZH

MOBILE = re.compile(r"(?:\+?86|0086)?1[3-9]\d{9}")
VARIABLE = re.compile(r"\{(\w+)\}")
FIELDS = ("severity", "title", "link")
AVAILABLE = "{severity} 级别、{title} 标题、{link} 链接"


def bare_number(number: str) -> str:
    """The number as written, without spaces or dashes."""
    return number.replace(" ", "").replace("-", "")


def number_problems(numbers: list[str]) -> list[tuple[str, str]]:
    """Missing numbers, or numbers that are not mainland mobiles."""
    if not numbers:
        return [("phone_numbers", "缺少收信手机号；写作 phone_numbers: ['13800138000']")]
    return [
        ("phone_numbers", f"{number!r} 不是中国大陆手机号（11 位，1 开头）")
        for number in numbers
        if not MOBILE.fullmatch(bare_number(number))
    ]


def format_problems(formats: Iterable[tuple[str, str]]) -> list[tuple[str, str]]:
    """(option, problem) for each template format naming a field that does not exist."""
    found = []
    for option, value in formats:
        unknown = [f for f in VARIABLE.findall(value) if f not in FIELDS]
        if unknown:
            found.append((option, f"未知字段 {{{unknown[0]}}}；可用：{AVAILABLE}"))
    return found


def fill(value: str, notification: Notification, limit: int) -> str:
    """One template variable's value for this message, cut to `limit` characters."""
    fields = {
        "severity": SEVERITY_LABELS_ZH[notification.severity],
        "title": notification.title,
        "link": notification.link or "",
    }
    return VARIABLE.sub(lambda m: fields.get(m[1], m[0]), value)[:limit]


def endpoint_problems(endpoint: str) -> list[tuple[str, str]]:
    """The endpoint option's problem when it is no http(s) address."""
    parts = urlsplit(endpoint)
    if parts.scheme in {"http", "https"} and parts.netloc:
        return []
    return [("endpoint", f"{endpoint!r} 不是 http:// 或 https:// 开头的网址")]


def exchange(request: Request, timeout: float, name: str, service_zh: str) -> Any:
    """The JSON the SMS service answers to this call (its refusals come as 4xx with a JSON
    body too); DeliveryError in Chinese when it cannot be reached or does not answer JSON."""
    try:
        with urlopen(request, timeout=timeout) as response:
            reply = response.read()
    except HTTPError as exc:
        reply = exc.read()
    except (URLError, TimeoutError, OSError) as exc:
        reason = getattr(exc, "reason", exc)
        raise DeliveryError(
            f"{name}: 无法连接{service_zh} {request.full_url}（{reason}）"
        ) from None
    try:
        return json.loads(reply)
    except ValueError:
        raise DeliveryError(f"{name}: {service_zh}的回复不是 JSON：{reply[:200]!r}") from None
