"""Normalize stage: strip HTML, tidy whitespace, make times aware, reject garbled or empty text.

A reply whose own words read fine but whose quoted earlier message arrived garbled keeps
the own words: the quote is dropped and the mention's `repairs` say so (never the whole
mention lost for a broken quote).
"""

from __future__ import annotations

import html
import re
import unicodedata

from core.escaping import strip_invisible
from core.models import Author, Mention
from core.pipeline.quotes import split_quote
from core.timeutil import as_utc

_TAG = re.compile(r"<(script|style)\b.*?</\1\s*>|<[^>]+>", re.IGNORECASE | re.DOTALL)
_BREAK = re.compile(r"<\s*(br|/p|/div|/li)\b[^>]*>", re.IGNORECASE)
_SPACE = re.compile(r"[ \t\u3000\xa0]+")
_LINES = re.compile(r"\n\s*\n+")
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\u200b-\u200f\u2028\u2029\ufeff]")
MOJIBAKE_MARKERS = ("锟斤拷", "烫烫烫", "屯屯屯")
MAX_TEXT = 20_000


class RejectedMention(ValueError):
    """A mention that cannot be indexed; the message says why."""


def clean_text(raw: str) -> str:
    """Plain text from possibly-HTML input, whitespace tidied, control characters removed."""
    text = _BREAK.sub("\n", raw) if "<" in raw else raw
    text = html.unescape(_TAG.sub("", text)) if "<" in text or "&" in text else text
    text = unicodedata.normalize("NFC", strip_invisible(_CONTROL.sub("", text)))
    text = _SPACE.sub(" ", text.replace("\r\n", "\n").replace("\r", "\n"))
    return _LINES.sub("\n\n", "\n".join(line.strip() for line in text.split("\n"))).strip()


def garbled_reason(text: str) -> str | None:
    """Why the text looks like a charset accident, or None when it reads fine."""
    if any(marker in text for marker in MOJIBAKE_MARKERS):
        return "乱码：含“锟斤拷”类字符（GBK 文本被当作 UTF-8 解码？请检查来源编码）"
    replacement = text.count("\ufffd")
    if replacement and replacement / max(len(text), 1) > 0.05:
        return f"乱码：{replacement} 个字符无法解码（来源编码设置有误？）"
    return None


def sound_own_text(text: str, reason: str) -> tuple[str, int]:
    """The author's own part of a garbled text (and the quote's length) if only the quote is."""
    own, quoted = split_quote(text)
    if not quoted or not own or garbled_reason(own):
        raise RejectedMention(reason)
    return own, len(quoted)


def normalize(mention: Mention) -> Mention:
    """A cleaned copy of mention; raises RejectedMention when nothing usable is left."""
    return normalize_noting(mention)[0]


def normalize_noting(mention: Mention) -> tuple[Mention, int | None]:
    """normalize(), and the cleaned text's length when it was cut to MAX_TEXT (else None)."""
    text = clean_text(mention.text)
    title = clean_text(mention.title) if mention.title else None
    if not text and title:
        text, title = title, None
    if not text:
        raise RejectedMention("去掉 HTML 标签和空白后正文为空")
    repairs = list(mention.repairs)
    reason = garbled_reason(text)
    if reason:
        text, dropped = sound_own_text(text, reason)
        repairs.append(f"引用的早前内容为乱码(编码错误)，已删除 {dropped} 字，保留作者本人的文字")
    cut = len(text) if len(text) > MAX_TEXT else None
    if cut is not None:
        repairs.append(f"正文 {cut} 字，超过 {MAX_TEXT} 字的部分未保存")
    clean = mention.model_copy(
        update={
            "text": text[:MAX_TEXT],
            "repairs": repairs,
            "title": title or None,
            "author": _clean_author(mention.author),
            "url": strip_invisible(mention.url).strip() or None if mention.url else None,
            "published_at": as_utc(mention.published_at),
            "collected_at": as_utc(mention.collected_at),
        }
    )
    return clean, cut


def _clean_author(author: Author) -> Author:
    """The author with bidi controls and zero-width characters removed from id and name."""
    if not author.name and not author.id:
        return author
    name = " ".join(strip_invisible(author.name).split()) if author.name else None
    uid = strip_invisible(author.id) if author.id else None
    if (name or None, uid or None) == (author.name, author.id):
        return author  # already clean: shared, as an author without name and id is
    return author.model_copy(update={"name": name or None, "id": uid or None})
