"""One browser session: Debian's Chromium over CDP (Playwright), pages opened at a polite pace,
and every JSON response the site's own scripts fetch recorded for the collector to read.

Three ways to be logged in, all the operator's own: `cdp_url` attaches to a Chromium they started
with --remote-debugging-port (its default context holds the login); `profile_dir` launches Chromium
on a copy-free persistent user-data dir; `cookies_file` adds exported cookies to either. Playwright
never downloads a browser here: it is always pointed at `executable_path` (/usr/bin/chromium).
"""

from __future__ import annotations

import contextlib
import re
import time
from dataclasses import dataclass, field
from types import TracebackType
from typing import Any
from urllib.parse import urlsplit

from playwright.sync_api import Browser, BrowserContext, Page, Playwright, Response, sync_playwright
from playwright.sync_api import Error as PlaywrightError

from collectors.base import SourceBlocked, SourceFailed
from collectors.browser.cookies import load_cookies
from collectors.browser.options import BrowserOptions
from core.errors import ConfigError

CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--no-first-run"]
POLL_MS = 50
# A page itself refused: rate limiting or an anti-crawler answer, not a missing post.
PAGE_REFUSALS = {
    429: "返回 HTTP 429（请求过于频繁）",
    418: "返回 HTTP 418（反爬拦截）",
    403: "返回 HTTP 403（访问被拒绝）",
}
# Texts of a login dialog shown over the page instead of the content (no redirect, no title).
LOGIN_TEXTS = ("扫码登录", "登录后查看", "登录后即可", "请先登录", "手机号登录", "短信登录")
# Page titles of the rate-limit pages the sites show instead of content.
RATE_TITLES = ("访问频繁", "操作频繁", "请求过于频繁", "请稍后再试")


@dataclass
class Captured:
    """One response a page received from an API path we listen to."""

    url: str
    status: int
    response: Response
    _body: Any = field(default=None, repr=False)
    _read: bool = False

    def json(self) -> Any:
        """The decoded JSON body; None when the body is empty or not JSON (itself a block sign)."""
        if not self._read:
            self._read = True
            try:
                self._body = self.response.json()
            except (PlaywrightError, ValueError):
                self._body = None
        return self._body


@dataclass
class Markers:
    """How a site shows a login wall or captcha page: URL fragments and page titles.

    Titles, not body text: a complaint note may well say "验证码", a page title will not.
    """

    label: str
    urls: tuple[str, ...]
    titles: tuple[str, ...]


class BrowserSession:
    """A page in the operator's logged-in Chromium; use as a context manager."""

    def __init__(self, options: BrowserOptions, markers: Markers, where: str) -> None:
        self.options = options
        self.markers = markers
        self.where = where
        self.captured: list[Captured] = []
        self.page_loads = 0
        self._listen: tuple[re.Pattern[str], ...] = ()
        self._last_action = 0.0
        self._playwright: Playwright | None = None
        self._browser: Browser | None = None
        self._context: BrowserContext | None = None
        self._owns_context = True
        self._page: Page | None = None

    def __enter__(self) -> BrowserSession:
        self._playwright = sync_playwright().start()
        try:
            self._context = self._open_context(self._playwright)
            if self.options.cookies_file:
                cookies = load_cookies(
                    self.options.cookies_file,
                    f"{self.where}.cookies_file",
                    self.options.cookie_domain or None,
                )
                self._context.add_cookies(cookies)  # type: ignore[arg-type]
            self._page = self._context.new_page()
            self._page.set_default_timeout(self.options.page_timeout * 1000)
            self._page.on("response", self._record)
        except BaseException:
            self.close()
            raise
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        trace: TracebackType | None,
    ) -> None:
        self.close()

    def _open_context(self, playwright: Playwright) -> BrowserContext:
        options = self.options
        try:
            if options.cdp_url:
                self._browser = playwright.chromium.connect_over_cdp(options.cdp_url)
                if self._browser.contexts:
                    self._owns_context = False
                    return self._browser.contexts[0]
                return self._browser.new_context()
            if options.profile_dir:
                if not options.profile_dir.is_dir():
                    raise ConfigError(
                        f"{self.where}.profile_dir: 目录 {options.profile_dir} 不存在"
                        "（应为已登录该网站的 Chromium 用户目录，如 ~/.config/chromium）"
                    )
                return playwright.chromium.launch_persistent_context(
                    str(options.profile_dir),
                    executable_path=options.executable_path,
                    headless=options.headless,
                    args=CHROMIUM_ARGS,
                    locale="zh-CN",
                )
            self._browser = playwright.chromium.launch(
                executable_path=options.executable_path,
                headless=options.headless,
                args=CHROMIUM_ARGS,
            )
            return self._browser.new_context(locale="zh-CN")
        except PlaywrightError as exc:
            raise SourceFailed(
                f"{self.markers.label}: {_start_hint(options)}（{_first_line(exc)}）"
            ) from None

    def close(self) -> None:
        """Close our page (and the browser we launched); an attached browser keeps running."""
        for step in (self._close_page, self._close_context, self._stop):
            with contextlib.suppress(PlaywrightError):
                step()

    def _close_page(self) -> None:
        if self._page is not None:
            self._page.close()
            self._page = None

    def _close_context(self) -> None:
        if self._context is not None and self._owns_context and not self.options.cdp_url:
            self._context.close()
        if self._browser is not None and not self.options.cdp_url:
            self._browser.close()
        self._context = self._browser = None

    def _stop(self) -> None:
        if self._playwright is not None:
            self._playwright.stop()
            self._playwright = None

    @property
    def page(self) -> Page:
        """The page we drive."""
        assert self._page is not None, "BrowserSession used outside 'with'"
        return self._page

    def listen(self, *paths: str) -> None:
        """Record responses whose URL path matches one of these regular expressions."""
        self._listen = tuple(re.compile(path) for path in paths)

    def _record(self, response: Response) -> None:
        path = urlsplit(response.url).path
        if any(pattern.search(path) for pattern in self._listen):
            self.captured.append(Captured(response.url, response.status, response))

    def _pace(self) -> None:
        """Wait until `delay` seconds have passed since the last page load or scroll."""
        wait = self._last_action + self.options.delay - time.monotonic()
        if wait > 0:
            time.sleep(wait)
        self._last_action = time.monotonic()

    def open(self, url: str) -> None:
        """Load a page; SourceBlocked when it lands on a login or captcha page."""
        self._pace()
        self.page_loads += 1
        try:
            response = self.page.goto(url, wait_until="domcontentloaded")
        except PlaywrightError as exc:
            raise SourceFailed(
                f"{self.markers.label}: 页面打开失败 {url}: {_first_line(exc)}"
            ) from None
        if response is not None and response.status in PAGE_REFUSALS:
            raise SourceBlocked(
                f"{self.markers.label}: 页面 {url} {PAGE_REFUSALS[response.status]}，请降低频率"
                "（增大 delay）或在浏览器中确认账号状态",
                self.options.block_cooldown,
            )
        self.check_page()

    def scroll(self) -> None:
        """Scroll to the bottom, as a reader does to load the next page of results or comments."""
        self._pace()
        self.page_loads += 1
        try:
            self.page.evaluate("window.scrollTo(0, document.body.scrollHeight)")
        except PlaywrightError as exc:
            raise SourceFailed(f"{self.markers.label}: 页面滚动失败: {_first_line(exc)}") from None

    def reveal(self, button: str | None) -> None:
        """Show the comments: click the button whose text matches, else scroll down to them."""
        if button:
            target = self.page.get_by_text(re.compile(button)).first
            try:
                self._pace()
                self.page_loads += 1
                target.click(timeout=2000)
                return
            except PlaywrightError:
                pass  # no such button on this page: scrolling is the other way comments appear
        self.scroll()

    def check_page(self) -> None:
        """SourceBlocked when the current page is a login wall, captcha or risk-control page."""
        url = self.page.url
        hit = next((m for m in self.markers.urls if m in url), None)
        if hit:
            raise SourceBlocked(
                f"{self.markers.label}: 跳转到登录/验证页面 {url}，请更新登录态",
                self.options.block_cooldown,
            )
        try:
            title = self.page.title()
        except PlaywrightError:
            return
        hit = next((m for m in (*self.markers.titles, *RATE_TITLES) if m in title), None)
        if hit:
            raise SourceBlocked(
                f"{self.markers.label}: 页面出现“{hit}”（验证码/风控/限流），请在浏览器中处理",
                self.options.block_cooldown,
            )

    def check_login_wall(self) -> None:
        """SourceBlocked when the page shows a login dialog (asked when the data did not come:
        the page's own texts are not loaded then, so a complaint quoting them cannot trip it)."""
        self.check_page()
        try:
            text = self.page.inner_text("body", timeout=2000)
        except PlaywrightError:
            return
        hit = next((m for m in LOGIN_TEXTS if m in text), None)
        if hit:
            raise SourceBlocked(
                f"{self.markers.label}: 页面要求登录（出现“{hit}”），登录态已失效，"
                "请重新登录后更新 profile_dir/cookies_file",
                self.options.block_cooldown,
            )

    def wait_for(self, path: str, after: int, timeout: float | None = None) -> Captured | None:
        """The first response whose path matches `path`, recorded at index ≥ after."""
        deadline = time.monotonic() + (self.options.page_timeout if timeout is None else timeout)
        pattern = re.compile(path)
        while True:
            found = next(
                (c for c in self.captured[after:] if pattern.search(urlsplit(c.url).path)), None
            )
            if found is not None or time.monotonic() >= deadline:
                return found
            try:
                self.page.wait_for_timeout(POLL_MS)
            except PlaywrightError as exc:
                raise SourceFailed(
                    f"{self.markers.label}: 浏览器已断开: {_first_line(exc)}"
                ) from None


def _start_hint(options: BrowserOptions) -> str:
    """What to check when the browser cannot be reached or started."""
    if options.cdp_url:
        return (
            f"无法连接 cdp_url {options.cdp_url}："
            "请先用 --remote-debugging-port 启动已登录的 Chromium"
        )
    hint = f"无法启动 Chromium（{options.executable_path}）"
    if options.profile_dir:
        hint += (
            f"；profile_dir {options.profile_dir} 若正被另一个浏览器使用，请关闭它或改用 cdp_url"
        )
    return hint


def _first_line(exc: BaseException) -> str:
    return str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
