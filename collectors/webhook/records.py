"""Webhook request parsing: authentication, body decoding and per-record validation."""

from __future__ import annotations

import hashlib
import hmac
import json
from collections.abc import Mapping
from dataclasses import dataclass, field

from pydantic import ValidationError

from core.json_errors import NOT_AN_OBJECT, json_problem
from core.models import Mention
from core.validation import one_line

DEFAULT_SOURCE = "webhook"
# Media types a client may declare; no Content-Type at all is read as JSON too.
ACCEPTED_TYPES = frozenset(
    {
        "application/json",
        "application/x-ndjson",
        "application/ndjson",
        "application/jsonl",
        "application/x-jsonlines",
        "application/json-lines",
        "text/plain",
    }
)


@dataclass
class Intake:
    """Records of one request: valid mentions (with refs) and per-record errors."""

    mentions: list[Mention] = field(default_factory=list)
    refs: list[str] = field(default_factory=list)
    errors: list[dict[str, str]] = field(default_factory=list)


def secret_matches(secret: str, headers: Mapping[str, str]) -> bool | None:
    """True/False when X-Yuqing-Secret is sent; None when only a signature can decide."""
    given = headers.get("x-yuqing-secret")
    if given is None:
        return None
    return hmac.compare_digest(given.encode(), secret.encode())


def signature_of(headers: Mapping[str, str]) -> str | None:
    """The hex HMAC from X-Yuqing-Signature when it is well formed (64 hex digits)."""
    value = str(headers.get("x-yuqing-signature") or "").removeprefix("sha256=").lower()
    if len(value) == 64 and all(c in "0123456789abcdef" for c in value):
        return value
    return None


def signature_matches(secret: str, signature: str, body: bytes) -> bool:
    """True when signature is the HMAC-SHA256 of body under the secret."""
    expected = hmac.new(secret.encode(), body, hashlib.sha256).hexdigest()
    return hmac.compare_digest(signature, expected)


def media_type_ok(content_type: str | None) -> bool:
    """True when the declared Content-Type is JSON-ish (or absent)."""
    if not content_type:
        return True
    return content_type.split(";", 1)[0].strip().lower() in ACCEPTED_TYPES


def decode_body(body: bytes) -> str:
    """The body as text: UTF-8 (with or without BOM), else GB18030."""
    for encoding in ("utf-8-sig", "gb18030"):
        try:
            return body.decode(encoding)
        except UnicodeDecodeError:
            continue
    raise ValueError("请求体既不是 UTF-8 也不是 GB18030 编码的文本")


def split_records(text: str) -> list[tuple[str, object]]:
    """(ref, parsed JSON or the parse error) per record: one object, a list, or JSONL."""
    try:
        data = json.loads(text)
    except json.JSONDecodeError:
        return [
            (f"第 {n} 行", _json_line(line))
            for n, line in enumerate(text.splitlines(), 1)
            if line.strip()
        ]
    items = data if isinstance(data, list) else [data]
    return [(f"第 {n} 条", item) for n, item in enumerate(items, 1)]


def _json_line(line: str) -> object:
    try:
        return json.loads(line)
    except json.JSONDecodeError as exc:
        return ValueError(json_problem(exc))


def validate(records: list[tuple[str, object]]) -> Intake:
    """Mentions for the valid records and a readable error for each invalid one."""
    intake = Intake()
    for ref, data in records:
        if isinstance(data, Exception) or not isinstance(data, dict):
            why = str(data) if isinstance(data, Exception) else f"每条记录{NOT_AN_OBJECT}"
            intake.errors.append({"ref": ref, "error": why})
            continue
        try:
            intake.mentions.append(Mention.model_validate({"source": DEFAULT_SOURCE, **data}))
            intake.refs.append(ref)
        except ValidationError as exc:
            intake.errors.append({"ref": ref, "error": one_line(exc)})
    return intake
