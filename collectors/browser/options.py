"""Typed options of a browser source (`sources[i].options`); bad values get Chinese messages."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta
from pathlib import Path

from collectors.browser.cookies import load_cookies, login_note
from collectors.keywords import search_terms
from collectors.options import OptionReader
from core.context import Context
from core.errors import ConfigError

DEFAULT_CHROMIUM = "/usr/bin/chromium"


@dataclass(frozen=True)
class BrowserOptions:
    """Everything a browser collection needs: login state, limits, pacing and the block cooldown."""

    keywords: list[str]
    profile_dir: Path | None
    cookies_file: Path | None
    cdp_url: str | None
    executable_path: str
    headless: bool
    base_url: str | None
    max_pages: int
    max_posts: int
    comment_pages: int
    delay: float
    page_timeout: float
    block_cooldown: timedelta | None
    plans: list[str]
    remember_posts: int
    cookie_domain: str = ""  # for the cookies of a pasted Cookie header


@dataclass(frozen=True)
class Site:
    """What the options check needs to know of the platform."""

    label: str  # 小红书
    default_delay: float
    cookie_domain: str  # for the cookies of a pasted Cookie header
    login_cookies: tuple[str, ...]  # the session cookie(s) a logged-in browser holds


def read_options(reader: OptionReader, ctx: Context, site: Site) -> BrowserOptions:
    """Read and check the options; every problem is noted on the reader, naming the option.

    The login state is checked here too (so `yuqing check` reports it): a profile_dir that does
    not exist, a cookies_file that is missing, unreadable, or whose cookies have all expired.
    """
    keywords = reader.strings("keywords") or search_terms(p.expression for p in ctx.config.plans)
    if not keywords:
        reader.report("keywords", "缺少搜索关键词：请填写 keywords，或配置带 expression 的监测方案")
    profile_dir, cookies_file = reader.string("profile_dir"), reader.string("cookies_file")
    cdp_url = reader.string("cdp_url")
    if profile_dir and cdp_url:
        reader.report(
            "cdp_url",
            "profile_dir 与 cdp_url 只能二选一（连接已打开的浏览器时，登录态就在那个浏览器里）",
        )
    if not (profile_dir or cookies_file or cdp_url):
        reader.report(
            "profile_dir",
            "需要登录态：请设置 profile_dir（已登录的 Chromium 用户目录）、cookies_file"
            "（导出的 cookies）或 cdp_url（以 --remote-debugging-port 启动的浏览器地址）之一",
        )
    if cdp_url and not cdp_url.startswith(("http://", "https://", "ws://", "wss://")):
        reader.report("cdp_url", f"应为 http://127.0.0.1:9222 这样的地址，实际为 {cdp_url!r}")
    if profile_dir and not Path(profile_dir).expanduser().is_dir():
        reader.report(
            "profile_dir",
            f"目录 {profile_dir} 不存在（应为已登录该网站的 Chromium 用户目录，"
            "如 ~/.config/yuqing-chromium）",
        )
    if cookies_file:
        only = not (profile_dir or cdp_url)
        _check_cookies(site, reader, ctx, Path(cookies_file).expanduser(), only)
    cooldown = reader.duration("block_cooldown", "0s")
    return BrowserOptions(
        keywords=keywords,
        profile_dir=Path(profile_dir).expanduser() if profile_dir else None,
        cookies_file=Path(cookies_file).expanduser() if cookies_file else None,
        cdp_url=cdp_url,
        executable_path=reader.string("executable_path", DEFAULT_CHROMIUM) or DEFAULT_CHROMIUM,
        headless=reader.boolean("headless", True),
        base_url=(reader.string("base_url") or "").rstrip("/") or None,
        max_pages=reader.integer("max_pages", 2, minimum=1),
        max_posts=reader.integer("max_posts", 20, minimum=1),
        comment_pages=reader.integer("comment_pages", 2, minimum=1),
        delay=reader.number("delay", site.default_delay),
        page_timeout=reader.number("page_timeout", 30.0) or 30.0,
        block_cooldown=cooldown if cooldown.total_seconds() > 0 else None,
        plans=reader.plans(ctx),
        remember_posts=reader.integer("remember_posts", 2000, minimum=10),
        cookie_domain=site.cookie_domain,
    )


def _check_cookies(site: Site, reader: OptionReader, ctx: Context, path: Path, only: bool) -> None:
    """Note a cookies file that cannot be read, or (when it is the only login) cannot log in:
    the site's login cookie missing or expired, or every cookie expired."""
    try:
        cookies = load_cookies(path, "", site.cookie_domain)
    except ConfigError as exc:
        reader.report("cookies_file", str(exc).removeprefix(": "))
        return
    note = login_note(cookies, site.login_cookies, site.label, ctx.clock(), ctx.config.tz)
    if note and only:
        reader.report("cookies_file", f"cookies 文件 {path} {note}")
