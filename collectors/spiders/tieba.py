"""tieba: Baidu Tieba threads by forum name (list → thread pages) and posts by keyword search.

List pages hide the thread list inside an HTML comment in `<code id="pagelet_html_...">`;
threads are `li.j_thread_list` (data-field JSON), thread posts `div.l_post` (data-field
JSON with author and post ids, `div.d_post_content`). Thread pages run oldest first, so the
newest TIEBA_THREAD_PAGES pages are read, counting back from the last one.

楼中楼 (replies inside a floor), as public tools read them: for a thread page with floors
whose data-field `comment_num` > 0, `/p/totalComment?tid=&fid=&pn=&see_lz=0` (JSON) gives
`data.comment_list` keyed by floor post id (`[]` when empty), each with `comment_num` and
`comment_info[]` {comment_id, user_id, username, show_nickname, now_time (unix seconds),
content (HTML)}, and `data.user_list` keyed by user id. When a floor has more replies than
listed, the newest TIEBA_LZL_PAGES pages of `/p/comment?tid=&pid=&pn=` (HTML, 10 a page,
oldest first: `li.lzl_single_post` with data-field {spid, user_name, showname},
`span.lzl_content_main`, `span.lzl_time`) are read too. A reply's `reply_to` is its floor.

A floor's IP属地 is a span of its tail (`div.post-tail-wrap`: `<span>IP属地:广东</span>`, as
public Tieba extractors read it); no region is known for search hits or 楼中楼 replies.

Authors are stored by the name the page shows: a floor's `a.p_author_name` text, else its
data-field `author.user_nickname`, and only then the internal `user_name` (empty for
nickname-only accounts); 楼中楼 replies likewise prefer `show_nickname` / `showname`.
Pictures are `img.BDE_Image` (kept as media, so a screenshot-only floor is "[图片]"),
emoticons `img.BDE_Smiley` (text "[表情]").
"""

from __future__ import annotations

import math
import re
from collections.abc import AsyncIterator, Iterator
from typing import Any
from urllib.parse import quote, urljoin

from parsel import Selector, SelectorList
from scrapy import Request
from scrapy.http import Response

from collectors.items import RawPost
from collectors.page_problems import MalformedPage, PageBlocked
from collectors.spiders.base import YuqingSpider, field_json, json_of
from core.enums import Channel

LIST_PATH = "/f?kw={forum}&ie=utf-8&pn={offset}"
SEARCH_PATH = "/f/search/res?ie=utf-8&sm=1&rn=20&qw={keyword}&pn={page}"
LZL_LIST_PATH = "/p/totalComment?tid={tid}&fid={fid}&pn={page}&see_lz=0"
LZL_PAGE_PATH = "/p/comment?tid={tid}&pid={pid}&pn={page}"
THREADS_PER_PAGE = 50
LZL_PER_PAGE = 10
_DATE = re.compile(r"\d{4}-\d{1,2}-\d{1,2} \d{1,2}:\d{2}")
_PN = re.compile(r"[?&]pn=(\d+)")
_PID = re.compile(r"pid=(\d+)")


class TiebaSpider(YuqingSpider):
    """TIEBA_FORUMS list pages and TIEBA_KEYWORDS search pages, TIEBA_PAGES deep."""

    name = "tieba"
    settings_prefix = "TIEBA"

    async def start(self) -> AsyncIterator[Any]:
        """Page 1 of every forum and of every keyword search."""
        for forum in self.setting_list("FORUMS"):
            yield self.list_request(forum, 1)
        for keyword in self.setting_list("KEYWORDS"):
            yield self.search_request(keyword, 1)

    def list_request(self, forum: str, page: int) -> Request:
        """One forum list page (50 threads)."""
        url = self.base_url + LIST_PATH.format(
            forum=quote(forum), offset=(page - 1) * THREADS_PER_PAGE
        )
        return Request(url, callback=self.parse, cb_kwargs={"forum": forum, "page": page})

    def search_request(self, keyword: str, page: int) -> Request:
        """One keyword search page (newest first)."""
        url = self.base_url + SEARCH_PATH.format(keyword=quote(keyword), page=page)
        return Request(
            url, callback=self.parse_search, cb_kwargs={"keyword": keyword, "page": page}
        )

    def parse(self, response: Response, forum: str = "", page: int = 1) -> Iterator[Any]:
        """Thread requests for recently active threads, then the next list page."""
        threads = thread_items(response)
        times = []
        for thread in threads:
            info = field_json(thread.attrib.get("data-field"))
            last = self.when(thread.css(".threadlist_reply_date::text").get(default="").strip())
            times.append(last)
            if info.get("id") and (last is None or last >= self.since):
                yield self.thread_request(str(info["id"]), 1)
        if self.wants_more(page, times):
            yield self.list_request(forum, page + 1)

    def thread_request(self, tid: str, page: int, opener: str | None = None) -> Request:
        """One page of a thread; `opener` is the first floor's post id once known."""
        url = f"{self.base_url}/p/{tid}" + (f"?pn={page}" if page > 1 else "")
        return Request(
            url, callback=self.parse_thread, cb_kwargs={"tid": tid, "page": page, "opener": opener}
        )

    def parse_thread(
        self, response: Response, tid: str = "", page: int = 1, opener: str | None = None
    ) -> Iterator[Any]:
        """Posts of a thread page; from page 1 also the newest pages of a long thread."""
        title = (
            response.css(".core_title_txt::attr(title), .core_title_txt::text")
            .get(default="")
            .strip()
        )
        posts = [
            p
            for p in (
                self.post(post, tid, title, response.url) for post in response.css("div.l_post")
            )
            if p
        ]
        opener = opener or next((p.native_id for p in posts if p.title), None)
        for post in posts:
            post.reply_to = None if post.title else opener
        yield from posts
        if self.setting("LZL", True):
            yield from self.lzl_list_request(response, tid, page)
        if page == 1:
            hrefs = " ".join(response.css(".l_pager a::attr(href)").getall())
            last = max((int(n) for n in _PN.findall(hrefs)), default=1)
            oldest = max(2, last - int(self.setting("THREAD_PAGES", 3)) + 1)
            yield from (self.thread_request(tid, n, opener) for n in range(last, oldest - 1, -1))

    def lzl_list_request(self, response: Response, tid: str, page: int) -> Iterator[Request]:
        """The 楼中楼 of this thread page, when a floor on it has any."""
        floors = [
            field_json(p.attrib.get("data-field")).get("content") or {}
            for p in response.css("div.l_post")
        ]
        counts = {
            str(f["post_id"]): _int(f.get("comment_num"))
            for f in floors
            if f.get("post_id") and _int(f.get("comment_num")) > 0
        }
        fid = next((str(f["forum_id"]) for f in floors if f.get("forum_id")), "")
        if counts:
            url = self.base_url + LZL_LIST_PATH.format(tid=tid, fid=fid, page=page)
            yield Request(
                url, callback=self.parse_lzl_list, cb_kwargs={"tid": tid, "counts": counts}
            )

    def parse_lzl_list(
        self, response: Response, tid: str = "", counts: dict[str, int] | None = None
    ) -> Iterator[Any]:
        """Replies listed per floor, then /p/comment pages for floors with more replies."""
        floors, users = lzl_lists(response)
        for pid, floor in floors.items():
            if not isinstance(floor, dict):
                raise MalformedPage(f"楼中楼接口 comment_list[{pid}] 不是对象")
            listed = [c for c in floor.get("comment_info") or [] if isinstance(c, dict)]
            yield from (r for r in (self.lzl_reply(c, str(pid), tid, users) for c in listed) if r)
            total = _int(floor.get("comment_num")) or (counts or {}).get(str(pid), 0)
            yield from self.lzl_page_requests(tid, str(pid), total, len(listed))

    def lzl_reply(
        self, comment: dict[str, Any], pid: str, tid: str, users: dict[str, Any]
    ) -> RawPost | None:
        """A RawPost for one reply of /p/totalComment; its reply_to is the floor."""
        cid = comment.get("comment_id")
        if not cid:
            return None
        uid = str(comment.get("user_id") or "")
        user = users.get(uid)
        content = str(comment.get("content") or "")
        return RawPost(
            native_id=str(cid),
            channel=Channel.FORUM,
            url=self.lzl_url(tid, pid, str(cid)),
            text=content,
            media=pictures(Selector(text=content or "<p></p>"), self.base_url),
            published_at=self.when(comment.get("now_time")),
            author_id=uid or None,
            author_name=shown_name(
                comment.get("show_nickname"),
                *(user.get(k) for k in USER_NAME_KEYS if isinstance(user, dict)),
                comment.get("username"),
            ),
            reply_to=pid,
            extra={"thread_id": tid},
        )

    def lzl_page_requests(self, tid: str, pid: str, total: int, listed: int) -> Iterator[Request]:
        """The newest TIEBA_LZL_PAGES /p/comment pages not already listed, newest first."""
        if total <= listed:
            return
        last = math.ceil(total / LZL_PER_PAGE)
        first = max(listed // LZL_PER_PAGE + 1, last - int(self.setting("LZL_PAGES", 2)) + 1)
        for page in range(last, first - 1, -1):
            url = self.base_url + LZL_PAGE_PATH.format(tid=tid, pid=pid, page=page)
            yield Request(url, callback=self.parse_lzl_page, cb_kwargs={"tid": tid, "pid": pid})

    def parse_lzl_page(self, response: Response, tid: str = "", pid: str = "") -> Iterator[Any]:
        """Replies of one /p/comment page (HTML fragment)."""
        for item in response.css("li.lzl_single_post"):
            info = field_json(item.attrib.get("data-field"))
            if not info.get("spid"):
                continue
            yield RawPost(
                native_id=str(info["spid"]),
                channel=Channel.FORUM,
                url=self.lzl_url(tid, pid, str(info["spid"])),
                text=item.css("span.lzl_content_main").get(default=""),
                media=pictures(item.css("span.lzl_content_main"), response.url),
                published_at=self.when(item.css("span.lzl_time::text").get(default="").strip()),
                author_name=shown_name(
                    info.get("showname"),
                    "".join(item.css("a.j_user_card ::text").getall()),
                    info.get("user_name"),
                ),
                reply_to=pid,
                extra={"thread_id": tid},
            )

    def lzl_url(self, tid: str, pid: str, cid: str) -> str:
        """Link to one reply inside a floor."""
        return f"{self.base_url}/p/{tid}?pid={pid}&cid={cid}#{cid}"

    def post(self, post: Selector, tid: str, title: str, url: str) -> RawPost | None:
        """A RawPost for one `div.l_post`; the first floor carries the thread title."""
        info = field_json(post.attrib.get("data-field"))
        content, author = info.get("content") or {}, info.get("author") or {}
        post_id = content.get("post_id")
        if not post_id:
            return None
        tails = " ".join(post.css(".tail-info::text, .post-tail-wrap span::text").getall())
        raw_time = content.get("date") or next(iter(_DATE.findall(tails)[-1:]), None)
        is_first = content.get("post_no") == 1
        return RawPost(
            native_id=str(post_id),
            channel=Channel.FORUM,
            url=f"{url.split('?')[0]}?pid={post_id}#{post_id}",
            title=title if is_first else None,
            text=post.css("div.d_post_content").get(default=""),
            media=pictures(post.css("div.d_post_content"), url),
            published_at=self.when(raw_time),
            author_id=str(author.get("user_id") or "") or None,
            author_name=shown_name(
                "".join(post.css("a.p_author_name ::text").getall()),
                author.get("user_nickname"),
                author.get("user_name"),
                author.get("un"),
            ),
            region=floor_region(post),
            extra={"thread_id": tid},
        )

    def parse_search(self, response: Response, keyword: str = "", page: int = 1) -> Iterator[Any]:
        """Posts of a search page (often GBK), then the next page while recent."""
        posts = [self.search_post(result, response) for result in response.css("div.s_post")]
        found = [p for p in posts if p is not None]
        yield from found
        if response.css("a.next") and self.wants_more(page, (p.published_at for p in found)):
            yield self.search_request(keyword, page + 1)

    def search_post(self, result: Selector, response: Response) -> RawPost | None:
        """A RawPost for one search hit (the hit links to /p/<tid>?pid=<pid>)."""
        href = result.css(".p_title a::attr(href)").get(default="")
        pid = _PID.search(href)
        if not pid:
            return None
        names = result.css("font.p_violet::text").getall()
        return RawPost(
            native_id=pid.group(1),
            channel=Channel.FORUM,
            url=urljoin(response.url, href),
            title="".join(result.css(".p_title a ::text").getall()).strip() or None,
            text=result.css(".p_content").get(default=""),
            published_at=self.when(result.css(".p_date::text").get(default="").strip()),
            author_name=names[1] if len(names) > 1 else None,
            extra={"forum": names[0] if names else ""},
        )


def thread_items(response: Response) -> SelectorList[Selector]:
    """`li.j_thread_list` entries, unwrapping the commented-out pagelet when needed."""
    threads = response.css("li.j_thread_list")
    if threads:
        return threads
    hidden = response.xpath("//code[contains(@id, 'thread_list')]/comment()").getall()
    if hidden:
        return Selector(text="".join(h[4:-3] for h in hidden)).css("li.j_thread_list")
    if response.css("#thread_list"):
        return threads
    raise PageBlocked("贴吧列表页没有帖子列表 (200 但内容为空或被拦截)")


USER_NAME_KEYS = ("show_nickname", "user_nickname", "nickname", "user_name")


def shown_name(*candidates: object) -> str | None:
    """The first non-empty name, best first (the name the page shows, then the internal one)."""
    for candidate in candidates:
        name = str(candidate or "").strip()
        if name:
            return name
    return None


def pictures(content: Selector | SelectorList[Selector], base: str) -> list[str]:
    """Absolute URLs of the pictures (`img.BDE_Image`) in a post's content."""
    sources = content.css("img.BDE_Image::attr(src)").getall()
    return [urljoin(base, src.strip()) for src in sources if src.strip()]


def floor_region(post: Selector) -> str | None:
    """The "IP属地:广东" span of a floor's tail, or None when the floor shows none."""
    spans = post.css(".post-tail-wrap span::text").getall()
    return next((text.strip() for text in spans if "IP属地" in text), None)


def lzl_lists(response: Response) -> tuple[dict[str, Any], dict[str, Any]]:
    """`data.comment_list` (floor post id → replies) and `data.user_list` of /p/totalComment."""
    body = json_of(response)
    data = body.get("data") if isinstance(body, dict) else None
    if isinstance(body, dict) and body.get("errno") not in (None, 0, "0"):
        raise MalformedPage(f"楼中楼接口出错 errno={body.get('errno')} {body.get('errmsg') or ''}")
    if not isinstance(data, dict):
        raise MalformedPage("楼中楼接口缺少 data")
    floors, users = data.get("comment_list"), data.get("user_list")
    if floors in (None, [], ""):  # no replies on this page
        floors = {}
    if not isinstance(floors, dict):
        raise MalformedPage("楼中楼接口 comment_list 不是对象")
    return floors, users if isinstance(users, dict) else {}


def _int(raw: object) -> int:
    """A count from JSON (number, digits or null)."""
    try:
        return int(str(raw))
    except ValueError:
        return 0
