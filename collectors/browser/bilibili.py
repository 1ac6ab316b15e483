"""bilibili (B站): video search → videos → comments, from the web pages' own API calls.

Shapes (bilibili-API-collect; every call carries the page-computed wts/w_rid WBI signature):
- GET /x/web-interface/wbi/search/type?search_type=video&keyword&page (search.bilibili.com)
  → data {numPages, result[] {bvid, aid, title (with <em class="keyword">), description,
  author, mid, pubdate (s), play, review (comments), like, arcurl}}
- GET /x/v2/reply/wbi/main?oid={aid}&type=1&mode=3&pagination_str (video page) → data
  {cursor {is_end}, replies[] {rpid, parent, ctime (s), like, rcount, member {mid, uname,
  official_verify {type}}, content {message}, reply_control {location: "IP属地：广东"},
  replies[]}}
Blocks: code -101 (账号未登录), -352 (风控校验失败, data.v_voucher), -412 (请求被拦截).
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
    plain,
    text_or_placeholder,
)
from collectors.fields import parse_count
from core.enums import Channel
from core.models import Author, Mention, Metrics

VIDEO_URL = "https://www.bilibili.com/video/{}"
BLOCK_CODES = {
    -101: "账号未登录（-101），请重新登录后更新 profile_dir/cookies_file",
    -352: "风控校验失败（-352），请降低频率或在浏览器中完成验证",
    -412: "请求被拦截（-412），请降低频率",
    -509: "请求过于频繁（-509），请降低频率",
    -799: "请求过于频繁（-799），请稍后再试并降低频率",
}


class BilibiliCollector(BrowserCollector):
    """bilibili: options keywords, profile_dir/cookies_file/cdp_url, max_pages, max_posts, delay."""

    type_name = "bilibili"
    label_zh = "B站"
    channel = Channel.VIDEO
    default_delay = 3.0
    site_url = "https://www.bilibili.com"
    search_site_url = "https://search.bilibili.com"
    search_api = r"/x/web-interface/wbi/search/type$"
    comment_api = r"/x/v2/reply/wbi/main$"
    paged_by_url = True
    comments_hidden = True  # the comment section loads when scrolled into view
    block_urls = ("passport.bilibili.com/login", "/login?")
    block_titles = ("验证码", "安全验证")
    login_cookies = ("SESSDATA",)
    search_items = (("data", "result"), ("data", "numResults"))
    comment_items = (("data", "replies"),)

    def search_url(self, base: str, keyword: str, page: int) -> str:
        """The video tab of search.bilibili.com, one URL per result page."""
        return f"{base}/video?keyword={quote(keyword)}&page={page}"

    def detail_url(self, base: str, ref: PostRef) -> str:
        """The video page."""
        return f"{base}/video/{ref.key}"

    def parse_search(self, body: dict[str, Any], stamp: Stamp) -> tuple[list[PostRef], bool]:
        """Videos of one result page."""
        data = body.get("data") or {}
        refs = []
        for item in as_list(data.get("result")):
            video = _video(item, stamp)
            if video is not None:
                refs.append(
                    PostRef(
                        key=video.native_id,
                        url_part=video.native_id,
                        comments=parse_count(item.get("review")),
                        published_at=video.published_at,
                        mention=video,
                    )
                )
        return refs, count(data.get("page")) < count(data.get("numPages"))

    def parse_comments(
        self, body: dict[str, Any], ref: PostRef, stamp: Stamp
    ) -> tuple[list[Mention], bool]:
        """Root comments and the replies shown under them."""
        found: list[Mention] = []
        for top in as_list(dig(body, "data", "replies")):
            found += [m for m in [_comment(top, ref.key, stamp)] if m]
            found += [
                m for m in (_comment(r, ref.key, stamp) for r in as_list(top.get("replies"))) if m
            ]
        return found, dig(body, "data", "cursor", "is_end") is False

    def api_error(self, body: dict[str, Any]) -> str | None:
        """A non-zero code with its message."""
        if body.get("code") not in (None, 0):
            return f"code {body.get('code')}：{body.get('message') or '无说明'}"
        return None

    def blocked_reason(self, status: int, body: Any) -> str | None:
        """Login, risk control and interception codes (HTTP 412 is the same interception)."""
        if status == 412:
            return BLOCK_CODES[-412]
        code = dig(body, "code")
        return BLOCK_CODES.get(code) if isinstance(code, int) else None


def _video(item: dict[str, Any], stamp: Stamp) -> Mention | None:
    published = epoch(item.get("pubdate"))
    if not item.get("bvid") or published is None:
        stamp.skip("视频", item)
        return None
    title = plain(item.get("title"))
    return stamp.mention(
        native_id=str(item["bvid"]),
        url=VIDEO_URL.format(item["bvid"]),
        author=Author(id=str(item.get("mid") or "") or None, name=item.get("author")),
        title=title or None,
        text=plain(item.get("description")) or title or "[视频]",
        published_at=published,
        metrics=Metrics(
            views=count(item.get("play")),
            comments=count(item.get("review")),
            likes=count(item.get("like")),
        ),
    )


def _comment(raw: dict[str, Any], bvid: str, stamp: Stamp) -> Mention | None:
    published = epoch(raw.get("ctime"))
    if not raw.get("rpid") or published is None:
        stamp.skip("评论", raw)
        return None
    member = raw.get("member") or {}
    official = dig(member, "official_verify", "type")
    parent = count(raw.get("parent"))
    return stamp.mention(
        native_id=str(raw["rpid"]),
        url=f"{VIDEO_URL.format(bvid)}#reply{raw['rpid']}",
        author=Author(
            id=str(member.get("mid") or raw.get("mid") or "") or None,
            name=member.get("uname"),
            verified=isinstance(official, int) and official >= 0,
        ),
        region=dig(raw, "reply_control", "location"),
        text=text_or_placeholder(
            str(dig(raw, "content", "message") or "").strip(),
            len(as_list(dig(raw, "content", "pictures"))),
        ),
        media=picture_urls(dig(raw, "content", "pictures"), ("img_src",)),
        published_at=published,
        metrics=Metrics(likes=count(raw.get("like")), comments=count(raw.get("rcount"))),
        reply_to=str(parent) if parent else bvid,
    )
