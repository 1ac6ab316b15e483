"""Parsing shared by the Weibo spiders: the m.weibo.cn JSON envelope, cards and mblogs.

The author's IP属地 is an mblog's `region_name` ("发布于 广东") and a comment's `source`
("来自广东"); an mblog's own `source` is the client ("iPhone客户端"), never a region.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from datetime import datetime
from typing import Any

from scrapy import Request
from scrapy.http import Response
from twisted.python.failure import Failure

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


def mblog_post(mblog: dict[str, Any], when: TimeParser) -> RawPost:
    """A RawPost for one mblog; a repost points at the original's mid."""
    mid = str(mblog.get("mid") or mblog["id"])
    original = mblog.get("retweeted_status")
    return RawPost(
        native_id=mid,
        channel=Channel.WEIBO,
        url=DETAIL_URL.format(mid=mid),
        text=str(mblog.get("text") or ""),
        published_at=when(mblog.get("created_at")),
        repost_of=str(original.get("mid") or original.get("id"))
        if isinstance(original, dict)
        else None,
        reposts=mblog.get("reposts_count"),
        comments=mblog.get("comments_count"),
        likes=mblog.get("attitudes_count"),
        region=mblog.get("region_name"),
        **user_fields(mblog.get("user")),
    )


def comment_post(comment: dict[str, Any], parent: str, when: TimeParser) -> RawPost:
    """A RawPost for one comment under the mblog `parent`."""
    return RawPost(
        native_id=str(comment["id"]),
        channel=Channel.WEIBO,
        url=DETAIL_URL.format(mid=parent),
        text=str(comment.get("text") or ""),
        published_at=when(comment.get("created_at")),
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
