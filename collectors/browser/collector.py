"""BrowserCollector: keyword search → posts → comments, read from the JSON the site's pages fetch.

A platform subclass says where its pages are (search_url, detail_url), which API paths carry the
data (search_api, detail_api, comment_api), how its JSON maps onto mentions (parse_*) and how the
site says "log in again" or "prove you are human" (blocked_reason, markers). This class does the
walking: one batch per post (the post and its new comments) with the cursor after it, a failed
page as a visible warning (the post is read again next run), a block as SourceBlocked after the
batches already read.
"""

from __future__ import annotations

from abc import abstractmethod
from collections.abc import Iterator
from dataclasses import dataclass, field, replace
from datetime import datetime
from typing import Any, ClassVar
from urllib.parse import urlsplit

from collectors.base import Batch, Collector, CollectRequest, SourceBlocked
from collectors.browser.ledger import Ledger
from collectors.browser.options import BrowserOptions, Site, read_options
from collectors.browser.session import BrowserSession, Captured, Markers
from collectors.browser.values import has_path
from collectors.config import SourceConfig
from collectors.options import OptionReader
from core.context import Context
from core.enums import Channel
from core.models import Mention
from core.pipeline.normalize import RejectedMention, normalize

REVEAL_WAIT = 2.0  # seconds a post page may take to fetch its comments by itself
RATE_LIMITED = {429: "请求过于频繁（HTTP 429 限流）", 418: "请求被拒绝（HTTP 418 反爬）"}


@dataclass
class PostRef:
    """A post found by search: where to read it, and what the result list already showed."""

    key: str
    url_part: str
    comments: int | None = None
    published_at: datetime | None = None
    mention: Mention | None = None
    extra: dict[str, Any] = field(default_factory=dict)


@dataclass(frozen=True)
class Stamp:
    """The fields every mention of one run shares."""

    source: str
    channel: Channel
    now: datetime
    plans: tuple[str, ...]
    skipped: list[str] = field(default_factory=list)

    def skip(self, what: str, raw: dict[str, Any]) -> None:
        """Note an item that cannot be stored (no id or no time): it shows as a warning."""
        ident = next(
            (str(raw[k]) for k in ("id", "cid", "rpid", "aweme_id", "bvid") if raw.get(k)), "?"
        )
        self.skipped.append(f"{what} {ident}")

    def mention(self, **fields: Any) -> Mention:
        """A Mention of this source with the given fields."""
        return Mention(
            source=self.source,
            channel=self.channel,
            collected_at=self.now,
            plans=list(self.plans),
            **fields,
        )


def cookie_domain(url: str) -> str:
    """The domain a pasted Cookie header is for: .xiaohongshu.com for www.xiaohongshu.com (the
    API hosts are siblings), the host itself for an IP address or a single-label name."""
    host = urlsplit(url).hostname or ""
    labels = host.split(".")
    if len(labels) < 3 or all(label.isdigit() for label in labels):
        return host
    return "." + ".".join(labels[-2:])


class BrowserCollector(Collector):
    """Base of the 小红书 / 抖音 / B站 / 知乎 collectors."""

    label_zh: ClassVar[str]
    channel: ClassVar[Channel]
    default_delay: ClassVar[float]
    site_url: ClassVar[str]
    search_site_url: ClassVar[str | None] = None
    search_api: ClassVar[str]
    comment_api: ClassVar[str]
    detail_api: ClassVar[str | None] = None
    paged_by_url: ClassVar[bool] = False
    comments_button: ClassVar[str | None] = None  # regex of the text that opens the comments
    comments_hidden: ClassVar[bool] = False  # the page fetches comments only once shown
    block_urls: ClassVar[tuple[str, ...]] = ()
    block_titles: ClassVar[tuple[str, ...]] = ()
    login_cookies: ClassVar[tuple[str, ...]] = ()  # the session cookie of a logged-in browser
    # Where the results / comments sit in an answer (any of these key paths, even if empty or
    # null): an answer without them means the site changed its format, not "nothing found".
    search_items: ClassVar[tuple[tuple[str, ...], ...]]
    comment_items: ClassVar[tuple[tuple[str, ...], ...]]

    def __init__(self, source: SourceConfig, ctx: Context, options: BrowserOptions) -> None:
        super().__init__(source, ctx)
        self.options = options
        self.where = f"sources[{source.name}].options"

    @classmethod
    def from_config(cls, source: SourceConfig, ctx: Context) -> BrowserCollector:
        """Read the browser options; unknown options are errors."""
        reader = OptionReader(source)
        root = str(reader.raw.get("base_url") or cls.site_url)
        site = Site(cls.label_zh, cls.default_delay, cookie_domain(root), cls.login_cookies)
        options = read_options(reader, ctx, site)
        reader.reject_unknown()
        return cls(source, ctx, options)

    # --- what a platform defines -------------------------------------------------------------

    @abstractmethod
    def search_url(self, base: str, keyword: str, page: int) -> str:
        """The search page for keyword (page counts from 1; used when paged_by_url)."""

    @abstractmethod
    def detail_url(self, base: str, ref: PostRef) -> str:
        """The page of one post, whose scripts fetch its comments."""

    @abstractmethod
    def parse_search(self, body: dict[str, Any], stamp: Stamp) -> tuple[list[PostRef], bool]:
        """Posts of one search response and whether there are more pages."""

    def parse_detail(self, body: dict[str, Any], ref: PostRef, stamp: Stamp) -> Mention | None:
        """The post itself from the detail API (platforms whose search lacks the full post)."""
        return ref.mention

    @abstractmethod
    def parse_comments(
        self, body: dict[str, Any], ref: PostRef, stamp: Stamp
    ) -> tuple[list[Mention], bool]:
        """Comments (and their inline replies) of one response, and whether more follow."""

    @abstractmethod
    def blocked_reason(self, status: int, body: Any) -> str | None:
        """Why an API answer means login expired / captcha / risk control, or None."""

    def api_error(self, body: dict[str, Any]) -> str | None:
        """The site's own error code and message of an answer that carries no data, or None."""
        return None

    # --- the walk ----------------------------------------------------------------------------

    def base(self, search: bool = False) -> str:
        """The site root (options.base_url overrides it, for mirrors and tests)."""
        if self.options.base_url:
            return self.options.base_url
        return (self.search_site_url or self.site_url) if search else self.site_url

    def collect(self, request: CollectRequest) -> Iterator[Batch]:
        """Per keyword: search, then one batch per post with new content."""
        ledger = Ledger.load(request.cursor, self.options.remember_posts)
        stamp = Stamp(self.source.name, self.channel, request.now, tuple(self.options.plans))
        markers = Markers(self.label_zh, self.block_urls, self.block_titles)
        with BrowserSession(self.options, markers, self.where) as session:
            apis = (self.search_api, self.comment_api, self.detail_api)
            session.listen(*(api for api in apis if api))
            for keyword in self.options.keywords:
                loads, skipped = session.page_loads, len(stamp.skipped)
                warnings: list[str] = []
                refs = self._search(session, keyword, stamp, warnings)
                unread = stamp.skipped[skipped:]  # losses (部分成功), not a failure
                losses = [
                    f"{self.label_zh} 搜索结果 {item} 缺少编号或时间，未入库" for item in unread
                ]
                pages = session.page_loads - loads
                yield Batch([], cursor=None, pages=pages, warnings=warnings, losses=losses)
                for ref in refs[: self.options.max_posts]:
                    batch = self._read_post(session, ref, ledger, request, stamp)
                    if batch is not None:
                        yield batch

    def _search(
        self, session: BrowserSession, keyword: str, stamp: Stamp, warnings: list[str]
    ) -> list[PostRef]:
        found: dict[str, PostRef] = {}
        for page in range(1, self.options.max_pages + 1):
            mark = len(session.captured)
            if page == 1 or self.paged_by_url:
                session.open(self.search_url(self.base(search=True), keyword, page))
            else:
                session.scroll()
            what = f"搜索“{keyword}”第 {page} 页"
            got = session.wait_for(self.search_api, mark)
            body = self._answer(session, got, what, warnings, self.search_items)
            if body is None:
                break
            refs, more = self.parse_search(body, stamp)
            for ref in refs:
                found.setdefault(ref.key, ref)
            if not more:
                break
        return list(found.values())

    def _answer(
        self,
        session: BrowserSession,
        got: Captured | None,
        what: str,
        warnings: list[str],
        items: tuple[tuple[str, ...], ...] = (),
    ) -> dict[str, Any] | None:
        """The JSON body of an API answer; SourceBlocked for a block, a warning for a failure.

        With `items` (search and comment answers) the site's own error code and an answer
        without its result list are failures too, never an empty result."""
        if got is None:
            session.check_login_wall()  # a login dialog instead of the data is a block
            warnings.append(f"{self.label_zh} {what}: 页面未发出数据请求或超时")
            return None
        body = got.json()
        reason = self.blocked_reason(got.status, body) or RATE_LIMITED.get(got.status)
        if reason:
            raise SourceBlocked(f"{self.label_zh}: {reason}（{what}）", self.options.block_cooldown)
        if got.status >= 400 or not isinstance(body, dict):
            warnings.append(f"{self.label_zh} {what}: HTTP {got.status}，响应不可用")
            return None
        if not items:
            return body
        error = self.api_error(body)
        if error:
            warnings.append(f"{self.label_zh} {what}: 接口返回错误（{error}）")
            return None
        if not any(has_path(body, path) for path in items):
            expected = " 或 ".join(".".join(path) for path in items)
            warnings.append(
                f"{self.label_zh} {what}: 响应中没有 {expected}，页面格式可能已变化"
                "（不是没有结果），请更新采集器"
            )
            return None
        return body

    def _read_post(
        self,
        session: BrowserSession,
        ref: PostRef,
        ledger: Ledger,
        request: CollectRequest,
        stamp: Stamp,
    ) -> Batch | None:
        seen = ledger.get(ref.key)
        if seen is not None and seen.newest > request.now:
            # Left by a version that let a future-dated comment move the mark: read from now.
            seen = replace(seen, newest=request.now, edge=frozenset())
        if seen is not None and ref.comments is not None and ref.comments <= seen.comments:
            return None  # nothing new under this post since our last visit
        if (
            seen is None
            and ref.published_at is not None
            and ref.published_at < request.backfill_since
        ):
            # An old post: remember its comment count, open it only once new comments appear.
            ledger.record(ref.key, ref.comments or 0, request.now)
            return Batch([], cursor=ledger.dump())
        loads, skipped = session.page_loads, len(stamp.skipped)
        warnings: list[str] = []
        post, comments, complete = self._visit(session, ref, stamp, warnings)
        # Losses (a skipped item never comes back): the run is 部分成功, each item named.
        dropped = stamp.skipped[skipped:]
        losses = [f"{self.label_zh} {ref.key}: {item} 缺少编号或时间，未入库" for item in dropped]
        if post is None and complete and self.detail_api:
            losses.append(f"{self.label_zh} {ref.key}: 正文无法读取（已删除或格式变化），未入库")
        window = request.backfill_since
        comments = self._thread_plans(post or ref.mention, comments)
        mentions = [
            c
            for c in comments
            if c.published_at >= window
            and (seen is None or seen.is_new(c.native_id, c.published_at))
        ]
        if post is not None and post.published_at >= window:
            mentions.insert(0, post)  # again on a revisit: its counts moved (re-indexed, not new)
        pages = session.page_loads - loads
        if not complete:  # read it again next run; what we got is indexed now (dedup by id)
            return Batch(mentions, cursor=None, pages=pages, warnings=warnings, losses=losses)
        shown = ref.comments if ref.comments is not None else (post.metrics.comments if post else 0)
        # A comment dated in the future (a wrong clock on the site; stored at its collection
        # time) must not move the mark past now: every later comment would look already read.
        times = {c.native_id: min(c.published_at, request.now) for c in comments}
        newest = max([seen.newest if seen else window, *times.values()])
        edge = frozenset(native_id for native_id, at in times.items() if at == newest)
        if seen is not None and newest == seen.newest:
            edge |= seen.edge
        ledger.record(ref.key, shown, newest, edge)
        return Batch(mentions, cursor=ledger.dump(), pages=pages, warnings=warnings, losses=losses)

    def _thread_plans(self, post: Mention | None, comments: list[Mention]) -> list[Mention]:
        """Comments carry the plans their post matches: a complaint under a brand's note need not
        repeat the brand ("门店卫生堪忧，建议避雷"). Each comment is matched with the post's title
        and text in front of its own, so a plan's channel, region and exclusion filters still
        apply to the comment itself."""
        if post is None or not comments:
            return comments
        threaded = []
        for comment in comments:
            try:
                probe = normalize(comment.model_copy(update={"title": post.full_text}))
            except RejectedMention:
                threaded.append(comment)
                continue
            plans = self.ctx.matcher.match(probe)
            threaded.append(comment.model_copy(update={"plans": plans}))
        return threaded

    def _visit(
        self, session: BrowserSession, ref: PostRef, stamp: Stamp, warnings: list[str]
    ) -> tuple[Mention | None, list[Mention], bool]:
        """Open the post's page; the post and the comments of up to comment_pages pages."""
        mark = len(session.captured)
        session.open(self.detail_url(self.base(), ref))
        post = ref.mention
        if self.detail_api:
            body = self._answer(
                session, session.wait_for(self.detail_api, mark), f"{ref.key} 正文", warnings
            )
            if body is None:
                return None, [], False  # the page failed: read it again next run
            post = self.parse_detail(body, ref, stamp)
            if post is None:  # deleted or unreadable note: say so once, do not retry every run
                warnings.append(f"{self.label_zh} {ref.key}: 正文无法读取（已删除或格式变化）")
                return None, [], True
        comments: list[Mention] = []
        if self.comments_hidden:
            session.reveal(self.comments_button)
        for page in range(1, self.options.comment_pages + 1):
            if page > 1:
                mark = len(session.captured)
                session.scroll()
            what = f"{ref.key} 评论第 {page} 页"
            got = session.wait_for(self.comment_api, mark, REVEAL_WAIT if page == 1 else None)
            if got is None and page == 1:  # comments load once shown: click or scroll to them
                session.reveal(self.comments_button)
                got = session.wait_for(self.comment_api, mark)
            body = self._answer(session, got, what, warnings, self.comment_items)
            if body is None:
                return post, comments, False
            found, more = self.parse_comments(body, ref, stamp)
            comments.extend(found)
            if not more:
                break
        return post, comments, True
