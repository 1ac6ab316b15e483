"""zhihu (知乎): content search → answers → comments, from the web pages' own API calls.

Shapes (public captures of www.zhihu.com; calls carry the page-computed x-zse-96 header):
- GET /api/v4/search_v3?t=general&q&offset&limit → data[] {type: "search_result", object
  {type: "answer", id, content (HTML), excerpt, created_time (s), voteup_count,
  comment_count, question {id, name}, author {id, name, follower_count, badge[]},
  ip_info}}, paging {is_end}
- GET /api/v4/comment_v5/answers/{id}/root_comment?order_by=score&limit&offset (answer page)
  → data[] {id, content (HTML), created_time (s), like_count, child_comment_count, author
  {id, name}, comment_tag[] {type: "ip_info", text: "IP 属地广东"}, child_comments[]
  {.., reply_comment_id}}, paging {is_end}
Blocks: HTTP 401 / error.code 100 (请先登录), HTTP 403 error.code 40362 (请求存在异常),
redirects to /signin or /account/unhuman (安全验证).
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
    html_pictures,
    plain,
    text_or_placeholder,
)
from collectors.fields import parse_count
from core.enums import Channel
from core.models import Author, Mention, Metrics

ANSWER_URL = "https://www.zhihu.com/question/{}/answer/{}"


class ZhihuCollector(BrowserCollector):
    """zhihu: options keywords, profile_dir/cookies_file/cdp_url, max_pages, max_posts, delay."""

    type_name = "zhihu"
    label_zh = "知乎"
    channel = Channel.FORUM
    default_delay = 3.0
    site_url = "https://www.zhihu.com"
    search_api = r"/api/v4/search_v3$"
    comment_api = r"/api/v4/comment_v5/answers/\d+/root_comment$"
    block_urls = ("/signin", "/account/unhuman")
    block_titles = ("安全验证",)
    comments_button = r"^\s*\d+\s*条评论\s*$"
    comments_hidden = True
    login_cookies = ("z_c0",)
    search_items = (("data",),)
    comment_items = (("data",),)

    def search_url(self, base: str, keyword: str, page: int) -> str:
        """The content search page."""
        return f"{base}/search?type=content&q={quote(keyword)}"

    def detail_url(self, base: str, ref: PostRef) -> str:
        """The answer page (question id + answer id)."""
        return f"{base}/question/{ref.extra['question']}/answer/{ref.key}"

    def parse_search(self, body: dict[str, Any], stamp: Stamp) -> tuple[list[PostRef], bool]:
        """Answers of one result page (articles, videos and topic boxes are skipped)."""
        refs = []
        for item in as_list(body.get("data")):
            answer = item.get("object") or {}
            if item.get("type") != "search_result" or answer.get("type") != "answer":
                continue
            mention = _answer(answer, stamp)
            if mention is not None:
                refs.append(
                    PostRef(
                        key=mention.native_id,
                        url_part=mention.native_id,
                        comments=parse_count(answer.get("comment_count")),
                        published_at=mention.published_at,
                        mention=mention,
                        extra={"question": str(dig(answer, "question", "id"))},
                    )
                )
        return refs, dig(body, "paging", "is_end") is False

    def parse_comments(
        self, body: dict[str, Any], ref: PostRef, stamp: Stamp
    ) -> tuple[list[Mention], bool]:
        """Root comments and the child comments shown under them."""
        url = ANSWER_URL.format(ref.extra["question"], ref.key)
        found: list[Mention] = []
        for top in as_list(body.get("data")):
            found += [m for m in [_comment(top, ref.key, url, stamp)] if m]
            for child in as_list(top.get("child_comments")):
                parent = str(child.get("reply_comment_id") or "0")
                reply_to = parent if parent != "0" else str(top.get("id"))
                found += [m for m in [_comment(child, reply_to, url, stamp)] if m]
        return found, dig(body, "paging", "is_end") is False

    def api_error(self, body: dict[str, Any]) -> str | None:
        """{"error": {"code", "message"}}."""
        error = body.get("error")
        if isinstance(error, dict):
            return f"{error.get('code')}：{error.get('message') or '无说明'}"
        return None

    def blocked_reason(self, status: int, body: Any) -> str | None:
        """Login required (401 / code 100) and risk control (403 / 40362, unhuman redirect)."""
        code = dig(body, "error", "code")
        if status == 401 or code == 100:
            return "登录已失效（请先登录），请重新登录后更新 profile_dir/cookies_file"
        if code == 40362 or "unhuman" in str(dig(body, "error", "redirect") or ""):
            return "请求存在异常（40362 风控），请在浏览器中完成安全验证"
        return None


def _author(raw: Any) -> Author:
    author = raw.get("member", raw) if isinstance(raw, dict) else {}
    followers = author.get("follower_count")
    return Author(
        id=str(author.get("url_token") or author.get("id") or "") or None,
        name=author.get("name"),
        followers=count(followers) if followers is not None else None,
        verified=bool(author.get("badge") or dig(author, "badge_v2", "title")),
    )


def _answer(answer: dict[str, Any], stamp: Stamp) -> Mention | None:
    published = epoch(answer.get("created_time"))
    question = answer.get("question") or {}
    if not answer.get("id") or not question.get("id") or published is None:
        stamp.skip("回答", answer)
        return None
    text = plain(answer.get("content") or answer.get("excerpt"))
    return stamp.mention(
        native_id=str(answer["id"]),
        url=ANSWER_URL.format(question["id"], answer["id"]),
        author=_author(answer.get("author")),
        region=answer.get("ip_info") or None,
        title=plain(question.get("name")) or None,
        text=text_or_placeholder(text, str(answer.get("content") or "").count("<img")),
        media=html_pictures(answer.get("content")),
        published_at=published,
        metrics=Metrics(
            likes=count(answer.get("voteup_count")), comments=count(answer.get("comment_count"))
        ),
    )


def _comment(raw: dict[str, Any], reply_to: str, url: str, stamp: Stamp) -> Mention | None:
    published = epoch(raw.get("created_time"))
    if not raw.get("id") or published is None:
        stamp.skip("评论", raw)
        return None
    region = next(
        (t.get("text") for t in as_list(raw.get("comment_tag")) if t.get("type") == "ip_info"),
        None,
    )
    content = str(raw.get("content") or "")
    return stamp.mention(
        native_id=str(raw["id"]),
        url=url,
        author=_author(raw.get("author")),
        region=region,
        text=text_or_placeholder(plain(content), content.count("<img")),
        media=html_pictures(content),
        published_at=published,
        metrics=Metrics(
            likes=count(raw.get("like_count")), comments=count(raw.get("child_comment_count"))
        ),
        reply_to=reply_to,
    )
