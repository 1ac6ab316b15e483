"""Parsing shared by the Weibo spiders: the m.weibo.cn JSON envelope, cards and mblogs.

The author's IP属地 is an mblog's `region_name` ("发布于 广东") and a comment's `source`
("来自广东"); an mblog's own `source` is the client ("iPhone客户端"), never a region.

Times: `created_at` is often coarse ("刚刚", "5分钟前", "昨天 20:15", "11-22"), but every
16-digit Weibo id (post mid or comment id) carries its second: unix time = (id >> 22) +
515483463 (Weibo's id epoch, as public tools decode it). A coarse `created_at` therefore
gives way to the id's time; the full "Mon Nov 23 16:45:00 +0800 2026" form is kept as is.
Pictures: an mblog's `pics[]` ({url, large: {url}}) and a comment's `pic`; a post of
pictures only keeps them (text "[图片]"), emoticons are `<img alt="[怒]">` inside the text.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any

from scrapy import Request
from scrapy.http import Response
from twisted.python.failure import Failure

from collectors.fields import WEIBO_TIME_FORMAT
from collectors.items import RawPost
from collectors.page_problems import MalformedPage, PageBlocked
from collectors.spiders.base import json_of
from core.enums import Channel

DETAIL_URL = "https://m.weibo.cn/detail/{mid}"
LONG_TEXT_PATH = "/statuses/extend?id={mid}"
NO_CONTENT_MARKERS = ("还没有内容", "暂无")
# A comment's `source` is its region since 2022 ("来自广东", "来自 陕西"); older answers
# may name a client there ("来自微博网页版"), which is no region.
_COMMENT_REGION = re.compile(r"^来自\s*([\u4e00-\u9fff]{2,8})$")
_CLIENT_WORDS = ("微博", "客户端", "网页", "手机", "版")
ID_EPOCH = 515483463  # seconds added to (id >> 22): Weibo's id time base
ID_TIME_BITS = 22
_OLDEST_ID_TIME = datetime(2010, 1, 1, tzinfo=UTC)

TimeParser = Callable[[object], datetime | None]


def api_data(response: Response) -> dict[str, Any] | None:
    """`data` of an API answer; None for a genuine "nothing here"; PageBlocked for walls."""
    if not response.body.strip():
        raise PageBlocked("接口返回 200 但内容为空")
    body = json_of(response)
    if not isinstance(body, dict):
        raise MalformedPage("接口返回的不是 JSON 对象")
    ok = body.get("ok")
    if ok == -100:
        raise PageBlocked("微博要求登录 (ok=-100)，请更新 cookie")
    if ok != 1:
        message = str(body.get("msg") or "")
        if any(marker in message for marker in NO_CONTENT_MARKERS):
            return None
        raise PageBlocked(f"接口拒绝请求 (ok={ok}, msg={message or '无'})")
    data = body.get("data")
    if not isinstance(data, dict):
        raise MalformedPage("接口答复缺少 data")
    return data


def mblogs(data: dict[str, Any]) -> Iterator[dict[str, Any]]:
    """Every mblog in `data.cards`, including those nested in card_group lists."""
    cards = data.get("cards")
    if not isinstance(cards, list):
        raise MalformedPage("data.cards 缺失")
    for card in cards:
        nested = card.get("card_group") if isinstance(card, dict) else None
        for entry in nested if isinstance(nested, list) else [card]:
            if (
                isinstance(entry, dict)
                and entry.get("card_type") == 9
                and isinstance(entry.get("mblog"), dict)
            ):
                yield entry["mblog"]


def id_time(native_id: str, now: datetime) -> datetime | None:
    """The second a 16-digit Weibo id was made ((id >> 22) + 515483463), None for other ids."""
    if not native_id.isdigit() or len(native_id) != 16:
        return None
    moment = datetime.fromtimestamp((int(native_id) >> ID_TIME_BITS) + ID_EPOCH, UTC)
    return moment if _OLDEST_ID_TIME <= moment <= now + timedelta(days=1) else None


def weibo_time(raw: object, native_id: str, when: TimeParser, now: datetime) -> datetime | None:
    """`created_at` when it has seconds, else the time encoded in the id, else what it says."""
    shown = when(raw)
    try:
        datetime.strptime(str(raw), WEIBO_TIME_FORMAT)
        return shown  # the full form: exact to the second already
    except ValueError:
        pass
    return id_time(native_id, now) or shown


def pictures(mblog: dict[str, Any]) -> list[str]:
    """Picture URLs of an mblog's `pics` (largest size offered), or of a comment's `pic`."""
    found = mblog.get("pics")
    entries = found if isinstance(found, list) else [mblog.get("pic")]
    urls = []
    for pic in entries:
        if not isinstance(pic, dict):
            continue
        large = pic.get("large")
        url = (large.get("url") if isinstance(large, dict) else None) or pic.get("url")
        if isinstance(url, str) and url.startswith(("http://", "https://")):
            urls.append(url)
    return urls


def mblog_post(mblog: dict[str, Any], when: TimeParser, now: datetime) -> RawPost:
    """A RawPost for one mblog; a repost points at the original's mid."""
    mid = str(mblog.get("mid") or mblog["id"])
    original = mblog.get("retweeted_status")
    return RawPost(
        native_id=mid,
        channel=Channel.WEIBO,
        url=DETAIL_URL.format(mid=mid),
        text=str(mblog.get("text") or ""),
        media=pictures(mblog),
        published_at=weibo_time(mblog.get("created_at"), mid, when, now),
        repost_of=str(original.get("mid") or original.get("id"))
        if isinstance(original, dict)
        else None,
        reposts=mblog.get("reposts_count"),
        comments=mblog.get("comments_count"),
        likes=mblog.get("attitudes_count"),
        region=mblog.get("region_name"),
        **user_fields(mblog.get("user")),
    )


def comment_post(comment: dict[str, Any], parent: str, when: TimeParser, now: datetime) -> RawPost:
    """A RawPost for one comment under the mblog `parent`."""
    cid = str(comment["id"])
    return RawPost(
        native_id=cid,
        channel=Channel.WEIBO,
        url=DETAIL_URL.format(mid=parent),
        text=str(comment.get("text") or ""),
        media=pictures(comment),
        published_at=weibo_time(comment.get("created_at"), cid, when, now),
        reply_to=parent,
        likes=comment.get("like_count"),
        comments=comment.get("total_number"),
        region=comment_region(comment.get("source")),
        **user_fields(comment.get("user")),
    )


def comment_region(source: object) -> str | None:
    """The region in a comment's `source` ("来自广东"), None when it names a client instead."""
    found = _COMMENT_REGION.match(str(source or "").strip())
    if not found or any(word in found.group(1) for word in _CLIENT_WORDS):
        return None
    return found.group(1)


def user_fields(user: object) -> dict[str, Any]:
    """Author fields of a Weibo user object (followers may read "12.3万")."""
    if not isinstance(user, dict):
        return {}
    return {
        "author_id": str(user["id"]) if user.get("id") is not None else None,
        "author_name": user.get("screen_name"),
        "followers": user.get("followers_count"),
        "verified": bool(user.get("verified")),
    }


@dataclass(frozen=True)
class MblogPage:
    """One API page of mblogs: its `data`, the mblogs and their posts (in the same order)."""

    data: dict[str, Any]
    mblogs: list[dict[str, Any]]
    posts: list[RawPost]

    def items(self, base_url: str) -> Iterator[Any]:
        """The posts, long ones by way of a full-text request (see full_text_requests)."""
        return full_text_requests(base_url, self.posts, self.mblogs)


def mblog_page(response: Response, when: TimeParser, now: datetime) -> MblogPage | None:
    """The mblogs of a search or timeline page; None for a genuine "nothing here"."""
    data = api_data(response)
    if data is None:
        return None
    found = list(mblogs(data))
    return MblogPage(data, found, [mblog_post(m, when, now) for m in found])


def full_text_requests(
    base_url: str, posts: list[RawPost], found: list[dict[str, Any]]
) -> Iterator[Any]:
    """Posts as they are, or — for truncated long posts (isLongText) — a request for the full
    text that yields the post either way (with the short text if the request fails)."""
    for post, mblog in zip(posts, found, strict=True):
        if not mblog.get("isLongText"):
            yield post
            continue
        url = base_url + LONG_TEXT_PATH.format(mid=post.native_id)
        yield Request(
            url, callback=with_long_text, errback=short_text(post), cb_kwargs={"post": post}
        )


def with_long_text(response: Response, post: RawPost) -> Iterator[RawPost]:
    """The post with `data.longTextContent` as its text."""
    data = api_data(response)
    long_text = (data or {}).get("longTextContent")
    if isinstance(long_text, str) and long_text.strip():
        post.text = long_text
    yield post


def short_text(post: RawPost) -> Callable[[Failure], Iterator[RawPost]]:
    """Errback keeping the truncated post when the full text cannot be fetched."""

    def keep(_failure: Failure) -> Iterator[RawPost]:
        yield post

    return keep
