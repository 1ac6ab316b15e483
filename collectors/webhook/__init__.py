"""The intake webhook: POST /mentions with mention JSON (an object, a list, or JSONL lines).

Authentication: the shared `webhook.secret`, either as header `X-Yuqing-Secret: <secret>` or
as `X-Yuqing-Signature: sha256=<hex HMAC-SHA256 of the raw body>`. Good records are indexed
even when others are bad; the answer is 200 when every record was accepted and 422 with one
{"ref", "error"} per rejected record otherwise. Records without "source" get "webhook".
`/mentions/batch` answers the same plus one {"ref", "id", "status"} per record. Served by
uvicorn (Starlette app) with one writer thread that groups concurrent requests.
"""

from __future__ import annotations

from collectors.webhook.batcher import STATE_NAME
from collectors.webhook.records import DEFAULT_SOURCE, decode_body, split_records, validate
from collectors.webhook.server import WebhookServer

__all__ = [
    "DEFAULT_SOURCE",
    "STATE_NAME",
    "WebhookServer",
    "decode_body",
    "split_records",
    "validate",
]
