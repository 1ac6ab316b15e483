"""douyin (抖音): keyword video search → videos → comments, from the web pages' own API calls.

Shapes (public captures of www.douyin.com; every call carries the page-computed a_bogus):
- GET /aweme/v1/web/search/item/?keyword&offset&count → data[] {aweme_info {aweme_id, desc,
  create_time (s), author {uid, nickname, follower_count, custom_verify,
  enterprise_verify_reason}, statistics {comment_count, digg_count, share_count,
  play_count}}}, has_more (0/1), cursor
- GET /aweme/v1/web/comment/list/?aweme_id&cursor&count (video page) → comments[] {cid, text,
  create_time (s), digg_count, reply_comment_total, user {uid, nickname}, ip_label,
  reply_id}, has_more, cursor
Blocks: status_code 8 / 2154 (登录失效), search_nil_info.search_nil_type "verify_check"
(captcha), and HTTP 200 with an empty body (risk control answers nothing); the captcha page
is titled 验证码中间页.
"""

from __future__ import annotations

from typing import Any
from urllib.parse import quote

from collectors.browser.collector import BrowserCollector, PostRef, Stamp
from collectors.browser.values import (
    as_list,
    count,
    dig,
    epoch,
    picture_urls,
    text_or_placeholder,
)
from collectors.fields import parse_count
from core.enums import Channel
from core.models import Author, Mention, Metrics

VIDEO_URL = "https://www.douyin.com/video/{}"
LOGIN_CODES = {8, 2154}


class DouyinCollector(BrowserCollector):
    """douyin: options keywords, profile_dir/cookies_file/cdp_url, max_pages, max_posts, delay."""

    type_name = "douyin"
    label_zh = "抖音"
    channel = Channel.VIDEO
    default_delay = 5.0
    site_url = "https://www.douyin.com"
    search_api = r"/aweme/v1/web/search/item/?$"
    comment_api = r"/aweme/v1/web/comment/list/?$"
    block_urls = ("verifycenter", "/passport/web/login", "sso.douyin.com")
    block_titles = ("验证码中间页", "验证码")
    login_cookies = ("sessionid", "sessionid_ss")
    search_items = (("data",), ("search_nil_info",))  # no results: search_nil_info, no data
    comment_items = (("comments",),)

    def search_url(self, base: str, keyword: str, page: int) -> str:
        """The video tab of the search page."""
        return f"{base}/search/{quote(keyword)}?type=video"

    def detail_url(self, base: str, ref: PostRef) -> str:
        """The video page."""
        return f"{base}/video/{ref.key}"

    def parse_search(self, body: dict[str, Any], stamp: Stamp) -> tuple[list[PostRef], bool]:
        """Videos of one result page (full posts: the search result carries everything)."""
        refs = []
        for item in as_list(body.get("data")):
            video = _video(item.get("aweme_info"), stamp)
            if video is not None:
                refs.append(
                    PostRef(
                        key=video.native_id,
                        url_part=video.native_id,
                        comments=parse_count(
                            dig(item, "aweme_info", "statistics", "comment_count")
                        ),
                        published_at=video.published_at,
                        mention=video,
                    )
                )
        return refs, bool(body.get("has_more"))

    def parse_comments(
        self, body: dict[str, Any], ref: PostRef, stamp: Stamp
    ) -> tuple[list[Mention], bool]:
        """First-level comments (and any replies the page already shows)."""
        found: list[Mention] = []
        for raw in as_list(body.get("comments")):
            found += [m for m in [_comment(raw, ref.key, stamp)] if m]
            found += [
                m
                for m in (_comment(r, ref.key, stamp) for r in as_list(raw.get("reply_comment")))
                if m
            ]
        return found, bool(body.get("has_more"))

    def api_error(self, body: dict[str, Any]) -> str | None:
        """A non-zero status_code with its status_msg."""
        if body.get("status_code") not in (None, 0):
            return f"status_code {body.get('status_code')}：{body.get('status_msg') or '无说明'}"
        return None

    def blocked_reason(self, status: int, body: Any) -> str | None:
        """Expired login, captcha, or the empty answer of risk control."""
        if status == 200 and not body:
            return "接口返回空响应（风控限流），请降低频率或在浏览器中重新登录"
        if dig(body, "status_code") in LOGIN_CODES:
            return "登录已失效，请重新登录后更新 profile_dir/cookies_file"
        if dig(body, "search_nil_info", "search_nil_type") == "verify_check":
            return "触发验证码（verify_check），请在浏览器中打开抖音完成验证"
        return None


def _video(info: Any, stamp: Stamp) -> Mention | None:
    if not isinstance(info, dict) or not info.get("aweme_id"):
        return None
    published = epoch(info.get("create_time"))
    if published is None:
        stamp.skip("视频", info)
        return None
    author = info.get("author") or {}
    stats = info.get("statistics") or {}
    images = as_list(info.get("images"))
    return stamp.mention(
        native_id=str(info["aweme_id"]),
        url=VIDEO_URL.format(info["aweme_id"]),
        author=Author(
            id=str(author.get("uid") or author.get("sec_uid") or "") or None,
            name=author.get("nickname"),
            followers=count(author.get("follower_count")) if "follower_count" in author else None,
            verified=bool(author.get("custom_verify") or author.get("enterprise_verify_reason")),
        ),
        region=info.get("ip_attribution") or None,
        text=text_or_placeholder(str(info.get("desc") or "").strip(), len(images)),
        media=picture_urls(images, ("url_list", 0), ("download_url_list", 0)),
        published_at=published,
        metrics=Metrics(
            likes=count(stats.get("digg_count")),
            comments=count(stats.get("comment_count")),
            reposts=count(stats.get("share_count")),
            views=count(stats.get("play_count")),
        ),
    )


def _comment(raw: dict[str, Any], aweme_id: str, stamp: Stamp) -> Mention | None:
    published = epoch(raw.get("create_time"))
    if not raw.get("cid") or published is None:
        stamp.skip("评论", raw)
        return None
    user = raw.get("user") or {}
    parent = str(raw.get("reply_id") or "0")
    return stamp.mention(
        native_id=str(raw["cid"]),
        url=VIDEO_URL.format(aweme_id),
        author=Author(id=str(user.get("uid") or "") or None, name=user.get("nickname")),
        region=raw.get("ip_label") or None,
        text=text_or_placeholder(
            str(raw.get("text") or "").strip(), len(as_list(raw.get("image_list")))
        ),
        media=picture_urls(
            raw.get("image_list"), ("origin_url", "url_list", 0), ("medium_url", "url_list", 0)
        ),
        published_at=published,
        metrics=Metrics(
            likes=count(raw.get("digg_count")), comments=count(raw.get("reply_comment_total"))
        ),
        reply_to=aweme_id if parent == "0" else parent,
    )
