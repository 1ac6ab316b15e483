"""xiaohongshu (小红书): keyword search → notes → comments, from the web pages' own API calls.

Shapes (public captures of www.xiaohongshu.com, API host edith.xiaohongshu.com):
- POST /api/sns/web/v1/search/notes → data.items[] {id, model_type: "note", xsec_token,
  note_card {display_title, user, interact_info {comment_count, liked_count}}}, data.has_more
- POST /api/sns/web/v1/feed (note page) → data.items[0].note_card {note_id, title, desc,
  time (ms), ip_location, user {user_id, nickname}, interact_info, image_list}
- GET /api/sns/web/v2/comment/page?note_id&cursor → data.comments[] {id, content, create_time
  (ms), ip_location, like_count, user_info, sub_comments[] {.., target_comment {id}}},
  data.has_more, data.cursor
Blocks: {"code": -100, "msg": "登录已过期"}; HTTP 461/471 (captcha, "Verifytype" header);
codes 300012 (IP 异常), 300013 (访问频次异常), 300015 (浏览器异常); redirect to
/website-login/captcha.
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

NOTE_URL = "https://www.xiaohongshu.com/explore/{}"
RISK_CODES = {
    -100: "登录已过期，请重新登录后更新 profile_dir/cookies_file",
    -101: "未登录（-101 无登录信息），请登录后更新 profile_dir/cookies_file",
    300012: "IP 存在风险（300012），请降低频率或更换网络",
    300013: "访问频次异常（300013），请降低频率",
    300015: "浏览器环境异常（300015）",
}


class XiaohongshuCollector(BrowserCollector):
    """xiaohongshu: keywords, profile_dir/cookies_file/cdp_url, max_pages, max_posts, delay."""

    type_name = "xiaohongshu"
    label_zh = "小红书"
    channel = Channel.SOCIAL
    default_delay = 5.0
    site_url = "https://www.xiaohongshu.com"
    search_api = r"/api/sns/web/v1/search/notes$"
    detail_api = r"/api/sns/web/v1/feed$"
    comment_api = r"/api/sns/web/v2/comment/page$"
    block_urls = ("/website-login/captcha", "/website-login/error", "/login?")
    block_titles = ("安全验证", "验证码")
    login_cookies = ("web_session",)
    search_items = (("data", "items"),)
    comment_items = (("data", "comments"),)

    def search_url(self, base: str, keyword: str, page: int) -> str:
        """The search result page of the web app."""
        return f"{base}/search_result?keyword={quote(keyword)}&source=web_search_result_notes"

    def detail_url(self, base: str, ref: PostRef) -> str:
        """A note page needs the xsec_token the search result carried."""
        token = quote(str(ref.extra.get("xsec_token", "")))
        return f"{base}/explore/{ref.key}?xsec_token={token}&xsec_source=pc_search"

    def parse_search(self, body: dict[str, Any], stamp: Stamp) -> tuple[list[PostRef], bool]:
        """Note cards (other result kinds such as related queries are skipped)."""
        refs = [
            PostRef(
                key=str(item["id"]),
                url_part=str(item["id"]),
                # None (not 0) when the card shows no count: the note is then opened every
                # run, else a note whose card lacks the count would never be read again.
                comments=parse_count(dig(item, "note_card", "interact_info", "comment_count")),
                extra={"xsec_token": item.get("xsec_token", "")},
            )
            for item in as_list(dig(body, "data", "items"))
            if item.get("model_type", "note") == "note" and item.get("id")
        ]
        return refs, bool(dig(body, "data", "has_more"))

    def parse_detail(self, body: dict[str, Any], ref: PostRef, stamp: Stamp) -> Mention | None:
        """The note from the feed answer of its page."""
        card = dig(body, "data", "items", 0, "note_card")
        published = epoch(dig(card, "time"))
        if not isinstance(card, dict) or published is None:
            return None
        interact = card.get("interact_info") or {}
        desc = str(card.get("desc") or "").strip()
        return stamp.mention(
            native_id=str(card.get("note_id") or ref.key),
            url=NOTE_URL.format(ref.key),
            author=_author(card.get("user")),
            region=card.get("ip_location"),
            title=str(card.get("title") or "").strip() or None,
            text=text_or_placeholder(desc, len(as_list(card.get("image_list")))),
            media=picture_urls(
                card.get("image_list"),
                ("url_default",),
                ("url_pre",),
                ("url",),
                ("info_list", 0, "url"),
            ),
            published_at=published,
            metrics=Metrics(
                likes=count(interact.get("liked_count")),
                comments=count(interact.get("comment_count")),
                reposts=count(interact.get("share_count")),
            ),
        )

    def parse_comments(
        self, body: dict[str, Any], ref: PostRef, stamp: Stamp
    ) -> tuple[list[Mention], bool]:
        """Top comments and the replies shown under them."""
        found: list[Mention] = []
        for top in as_list(dig(body, "data", "comments")):
            found += [m for m in [_comment(top, ref.key, ref.key, stamp)] if m]
            for sub in as_list(top.get("sub_comments")):
                parent = dig(sub, "target_comment", "id") or top.get("id")
                found += [m for m in [_comment(sub, ref.key, str(parent), stamp)] if m]
        return found, bool(dig(body, "data", "has_more"))

    def api_error(self, body: dict[str, Any]) -> str | None:
        """{"success": false, "code": ..., "msg": ...}."""
        if body.get("success") is False or body.get("code") not in (None, 0, 1000):
            return f"code {body.get('code')}：{body.get('msg') or '无说明'}"
        return None

    def blocked_reason(self, status: int, body: Any) -> str | None:
        """Captcha by HTTP status, expired login and risk control by code."""
        if status in (461, 471):
            return f"触发验证码（HTTP {status}），请在浏览器中打开小红书完成验证"
        code = dig(body, "code")
        return RISK_CODES.get(code) if isinstance(code, int) else None


def _author(user: Any) -> Author:
    user = user if isinstance(user, dict) else {}
    return Author(
        id=str(user.get("user_id") or "") or None,
        name=user.get("nickname") or user.get("nick_name"),
    )


def _comment(raw: dict[str, Any], note_id: str, parent: str, stamp: Stamp) -> Mention | None:
    published = epoch(raw.get("create_time"))
    if not raw.get("id") or published is None:
        stamp.skip("评论", raw)
        return None
    pictures = as_list(raw.get("pictures"))
    return stamp.mention(
        native_id=str(raw["id"]),
        url=NOTE_URL.format(note_id),
        author=_author(raw.get("user_info")),
        region=raw.get("ip_location"),
        text=text_or_placeholder(str(raw.get("content") or "").strip(), len(pictures)),
        media=picture_urls(
            pictures, ("url_default",), ("url_pre",), ("url",), ("info_list", 0, "url")
        ),
        published_at=published,
        metrics=Metrics(
            likes=count(raw.get("like_count")), comments=count(raw.get("sub_comment_count"))
        ),
        reply_to=parent,
    )
