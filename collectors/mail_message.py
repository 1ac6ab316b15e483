"""Decoding of complaint e-mails: Chinese charsets, RFC 2047 headers, HTML-only bodies, attachments.

GB2312 and GBK labels are decoded as GB18030 (their superset: mail clients often label GBK
text as GB2312); raw 8-bit headers are tried as UTF-8, then GB18030.

Addresses are split *before* encoded-words are decoded: a display name such as
"Bo Liu (刘波)-浪潮信息" or "张三, 客服部" arrives as one encoded-word, and decoding first
would turn its brackets into an address comment and its comma into a second address.
"""

from __future__ import annotations

import email
import re
from dataclasses import dataclass, field
from datetime import datetime
from email.header import Header, decode_header
from email.message import Message
from email.utils import getaddresses, parsedate_to_datetime, unquote

from core.pipeline.normalize import clean_text

CHARSET_ALIASES = {"gb2312": "gb18030", "gbk": "gb18030", "x-gbk": "gb18030", "cp936": "gb18030"}
FALLBACK_CHARSETS = ("utf-8", "gb18030")
_NAME_ADDRESS = re.compile(r"^\s*(.*?)\s*<([^<>\s]+@[^<>\s]+)>\s*$")
_FOLDING = re.compile(r"\r?\n[ \t]+")


@dataclass
class MailMessage:
    """What a complaint e-mail says, decoded."""

    message_id: str | None
    subject: str
    sender_name: str | None
    sender_address: str | None
    sent_at: datetime | None
    text: str
    in_reply_to: str | None
    attachments: list[str] = field(default_factory=list)


def charset_of(label: str | None) -> str:
    """The codec to decode a declared charset with."""
    name = (label or "utf-8").strip().strip('"').lower()
    return CHARSET_ALIASES.get(name, name)


def decode_bytes(data: bytes, label: str | None) -> str:
    """Bytes in their declared charset, falling back to UTF-8 then GB18030."""
    for codec in (charset_of(label), *FALLBACK_CHARSETS):
        try:
            return data.decode(codec)
        except (LookupError, UnicodeDecodeError):
            continue
    return data.decode("gb18030", errors="replace")


def header_text(raw: object) -> str:
    """A header value with encoded-words (=?GBK?B?...?=) and raw 8-bit bytes decoded."""
    if raw is None:
        return ""
    # A header with raw 8-bit bytes comes as a Header of "unknown-8bit" chunks: str() of it
    # would replace every such byte, decode_header() hands the bytes over.
    value = raw if isinstance(raw, Header) else str(raw)
    parts = []
    for chunk, label in decode_header(value):
        if isinstance(chunk, str):
            try:  # raw 8-bit header bytes arrive as surrogate escapes
                chunk = chunk.encode("ascii", "surrogateescape")
            except UnicodeEncodeError:  # already decoded (e.g. an RFC 2231 filename)
                parts.append(chunk)
                continue
        parts.append(decode_bytes(chunk, label))
    return "".join(parts).strip()


def message_id(raw: object) -> str | None:
    """A Message-ID without angle brackets."""
    text = header_text(raw).split()
    return text[-1].strip("<>") if text else None


def parse_message(data: bytes) -> MailMessage:
    """Decode one RFC 822 message."""
    message = email.message_from_bytes(data)
    name, address = sender(message.get("From"))
    references = str(message.get("References") or "").split()
    replied = message.get("In-Reply-To") or (references[-1] if references else None)
    text, attachments = body_text(message)
    return MailMessage(
        message_id=message_id(message.get("Message-ID")),
        subject=header_text(message.get("Subject")),
        sender_name=name or None,
        sender_address=address.lower() or None,
        sent_at=sent_time(message.get("Date")),
        text=text,
        in_reply_to=message_id(replied),
        attachments=attachments,
    )


def sender(raw: object) -> tuple[str, str]:
    """(display name, address) of a From header, the name decoded after the split.

    `name <address>` is split at the angle brackets, so whatever the name holds (brackets,
    commas, raw GBK bytes) stays as written; other forms go through getaddresses.
    """
    if raw is None:
        return "", ""
    text = _FOLDING.sub(" ", header_text(raw) if isinstance(raw, Header) else str(raw))
    found = _NAME_ADDRESS.match(text)
    if found:
        return header_text(unquote(found.group(1).strip())), found.group(2)
    pairs = [(n, a) for n, a in getaddresses([header_text(text)]) if a]
    return pairs[0] if pairs else ("", "")


def sent_time(raw: object) -> datetime | None:
    """The Date header as an aware datetime, or None when missing or unreadable."""
    try:
        moment = parsedate_to_datetime(str(raw)) if raw else None
    except (TypeError, ValueError):
        return None
    return moment if moment is None or moment.tzinfo else None


def body_text(message: Message) -> tuple[str, list[str]]:
    """The plain text (from text/plain, else from HTML) and the attachment names."""
    plain, html, attachments = [], [], []
    for part in message.walk():
        if part.is_multipart():
            continue
        filename = part.get_filename()
        if filename or part.get_content_disposition() == "attachment":
            attachments.append(header_text(filename) or "未命名附件")
            continue
        payload = part.get_payload(decode=True)
        if not isinstance(payload, bytes):
            continue
        text = decode_bytes(payload, part.get_content_charset())
        if part.get_content_type() == "text/plain":
            plain.append(text)
        elif part.get_content_type() == "text/html":
            html.append(clean_text(text))
    return "\n\n".join(t.strip() for t in (plain or html) if t.strip()), attachments
