"""Normalize stage: strip HTML, tidy whitespace, make times aware, reject garbled or empty text.

A publication time later than the mention was collected (beyond FUTURE_SLACK of clock skew)
cannot be true: a source with the wrong time zone (Beijing time read as UTC is 8 hours ahead)
or a bad record. The mention is kept at its collection time and its `repairs` say so — one
post "from 2099" would otherwise be the newest thing the event tracker has seen and close
every running event as quiet. A collection time later than now (an input record's own
`collected_at`) is taken back to now the same way.

A reply whose own words read fine but whose quoted earlier message arrived garbled keeps
the own words: the quote is dropped and the mention's `repairs` say so (never the whole
mention lost for a broken quote).
"""

from __future__ import annotations

import html
import re
import unicodedata
from datetime import datetime, timedelta
from typing import NamedTuple

from core.escaping import strip_invisible
from core.models import Author, Mention, utcnow
from core.pipeline.quotes import split_quote
from core.timeutil import as_utc, duration_zh

_TAG = re.compile(r"<(script|style)\b.*?</\1\s*>|<[^>]+>", re.IGNORECASE | re.DOTALL)
_BREAK = re.compile(r"<\s*(br|/p|/div|/li)\b[^>]*>", re.IGNORECASE)
_SPACE = re.compile(r"[ \t\u3000\xa0]+")
_LINES = re.compile(r"\n\s*\n+")
# Lone UTF-16 surrogates (a "\\ud800" escape in JSON, half an emoji cut by a platform) are
# not text: they cannot be encoded, and one crashed the whole batch at dedup.
_CONTROL = re.compile(
    r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\u200b-\u200f\u2028\u2029\ufeff\ud800-\udfff]"
)
MOJIBAKE_MARKERS = ("锟斤拷", "烫烫烫", "屯屯屯")
MAX_TEXT = 20_000
# A title or author name past these is not one (a 1.2-million-character title filled every
# page showing the mention, and an author name is quoted whole in alert messages).
MAX_TITLE, MAX_NAME = 500, 100
FUTURE_SLACK = timedelta(minutes=10)  # clock skew between a source and us that is left alone


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
        return (
            f"乱码：{replacement} 个字符无法解码（来源编码设置有误？"
            "rss/forum 数据源可用 options.encoding 指定，如 gbk）"
        )
    return None


def sound_own_text(text: str, reason: str) -> tuple[str, int]:
    """The author's own part of a garbled text (and the quote's length) if only the quote is."""
    own, quoted = split_quote(text)
    if not quoted or not own or garbled_reason(own):
        raise RejectedMention(reason)
    return own, len(quoted)


def normalize(mention: Mention) -> Mention:
    """A cleaned copy of mention; raises RejectedMention when nothing usable is left."""
    return normalize_noting(mention).mention


class Normalized(NamedTuple):
    """A cleaned mention, how long its text was when it was cut to MAX_TEXT (else None), and
    the repairs made to it other than that cut (both are also in mention.repairs)."""

    mention: Mention
    cut: int | None
    fixes: list[str]


def normalize_noting(mention: Mention) -> Normalized:
    """normalize(), telling the cut apart from the other repairs."""
    text = clean_text(mention.text)
    title = clean_text(mention.title) if mention.title else None
    if not text and title:
        text, title = title, None
    if not text:
        raise RejectedMention("去掉 HTML 标签和空白后正文为空")
    author, short = _clean_author(mention.author), []
    if title and len(title) > MAX_TITLE:
        short.append(f"标题 {len(title)} 字，超过 {MAX_TITLE} 字的部分未保存")
        title = title[:MAX_TITLE]
    if author.name and len(author.name) > MAX_NAME:
        short.append(f"作者名 {len(author.name)} 字，超过 {MAX_NAME} 字的部分未保存")
        author = author.model_copy(update={"name": author.name[:MAX_NAME]})
    garble = []
    reason = garbled_reason(text)
    if reason:
        text, dropped = sound_own_text(text, reason)
        garble.append(f"引用的早前内容为乱码(编码错误)，已删除 {dropped} 字，保留作者本人的文字")
    cut = len(text) if len(text) > MAX_TEXT else None
    cut_note = [f"正文 {cut} 字，超过 {MAX_TEXT} 字的部分未保存"] if cut is not None else []
    times = []
    published, collected = as_utc(mention.published_at), as_utc(mention.collected_at)
    now = utcnow()
    if collected - now > FUTURE_SLACK:  # an input record's own collected_at can lie too
        times.append(future_repair(collected, now, "采集时间", "当前时间"))
        collected = now
    if published - collected > FUTURE_SLACK:
        times.append(future_repair(published, collected, PUBLISHED, "采集时间"))
        published = collected
    links, link_notes = _clean_links(mention)
    repairs = [*_clean_list(mention.repairs), *garble, *short, *cut_note, *times, *link_notes]
    clean = mention.model_copy(
        update={
            **links,
            "text": text[:MAX_TEXT],
            "repairs": repairs,
            "title": title or None,
            "author": author,
            "url": _clean_field(mention.url).strip() or None if mention.url else None,
            "region": _clean_field(mention.region).strip() or None if mention.region else None,
            "media": [u for u in (_clean_field(m).strip() for m in mention.media) if u],
            "published_at": published,
            # Only when moved: a record without its own collection time stays without one
            # (`collected_at` not in its fields set), for the collection lag to tell it apart.
            **({"collected_at": collected} if collected != mention.collected_at else {}),
        }
    )
    return Normalized(clean, cut, [*garble, *short, *times, *link_notes])


PUBLISHED = "发布时间"


def published_after_collection(mention: Mention) -> bool:
    """Whether normalizing moved the mention's publication time back to its collection time
    (it claimed to be published later than it was collected: `future_repair`)."""
    return any(note.startswith(f"{PUBLISHED}（") for note in mention.repairs)


def future_repair(claimed: datetime, bound: datetime, what: str, by: str) -> str:
    """The repair note of a time (`what`) later than it can be (`by`, at `bound`)."""
    return (
        f"{what}（{claimed.isoformat()}）比{by}晚 {duration_zh(claimed - bound)}，"
        f"不可能为真，已按{by}记录（请检查来源的时区或时钟）"
    )


def _clean_field(value: str) -> str:
    """A one-line field (author, URL, region) without control, bidi or zero-width characters:
    an ESC in an author name drove the terminal of `yuqing search`, a NUL broke the export."""
    return strip_invisible(_CONTROL.sub("", value))


# The id and list fields a record may carry besides its text, by their Chinese names.
_LINK_FIELDS = {"reply_to": "回复对象", "repost_of": "转发来源", "group_id": "相同内容组"}
_LIST_FIELDS = {"plans": "监测方案", "keywords": "关键词"}


def _clean_list(values: list[str]) -> list[str]:
    """Each value as _clean_field leaves it, empty ones dropped."""
    return [v for v in (_clean_field(value).strip() for value in values) if v]


def _clean_links(mention: Mention) -> tuple[dict[str, object], list[str]]:
    """reply_to, repost_of, group_id, plans and keywords without lone surrogates or control
    characters (one in a plan id stopped the mention at the index with an English reason), and
    a Chinese repair note per field that lost any."""
    update: dict[str, object] = {}
    notes: list[str] = []
    for name, label in _LINK_FIELDS.items():
        value = getattr(mention, name)
        if value is not None and (clean := _clean_field(value).strip()) != value:
            update[name] = clean or None
            notes.append(_dropped_note(name, label))
    for name, label in _LIST_FIELDS.items():
        values = getattr(mention, name)
        if (clean_values := _clean_list(values)) != values:
            update[name] = clean_values
            notes.append(_dropped_note(name, label))
    return update, notes


def _dropped_note(name: str, label: str) -> str:
    return (
        f"{label}（{name}）含无法保存的字符（孤立的 UTF-16 代理项，如半个表情，或控制字符），"
        "已删除这些字符"
    )


def _clean_author(author: Author) -> Author:
    """The author with control, bidi and zero-width characters removed from id and name."""
    if not author.name and not author.id:
        return author
    name = " ".join(_clean_field(author.name).split()) if author.name else None
    uid = _clean_field(author.id) if author.id else None
    if (name or None, uid or None) == (author.name, author.id):
        return author  # already clean: shared, as an author without name and id is
    return author.model_copy(update={"name": name or None, "id": uid or None})
