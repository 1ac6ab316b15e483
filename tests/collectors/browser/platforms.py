"""The four browser platforms' fake sites and the helpers their tests share."""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import timedelta
from pathlib import Path
from typing import Any

from alerting.loader import parse_rule
from alerting.rules import RuleContext
from collectors.state import SourceStatus
from core.context import Context
from core.enums import Channel
from tests.collectors.conftest import NOW, state_of
from tests.collectors.fake_platforms import PlatformSite, world
from tests.collectors.fake_platforms.bilibili import BilibiliSite
from tests.collectors.fake_platforms.douyin import DouyinSite
from tests.collectors.fake_platforms.xiaohongshu import XiaohongshuSite
from tests.collectors.fake_platforms.zhihu import ZhihuSite

CHROMIUM = "/usr/bin/chromium"

Ids = Callable[[int], str]
PLATFORMS: dict[str, tuple[type[PlatformSite], Ids, Ids, Channel]] = {
    "xiaohongshu": (
        XiaohongshuSite, "6650a1b2000000001e00{:04d}".format, "6650c3d4000000000c00{:04d}".format,
        Channel.SOCIAL,
    ),
    "douyin": (
        DouyinSite, "73900000000000000{:02d}".format, "74100000000000000{:02d}".format,
        Channel.VIDEO,
    ),
    "bilibili": (BilibiliSite, "BV1xw4m1X7a{}".format, "25000000{:02d}".format, Channel.VIDEO),
    "zhihu": (ZhihuSite, "31000000{:02d}".format, "11000000{:02d}".format, Channel.FORUM),
}  # fmt: skip


@contextmanager
def started(platform: str) -> Iterator[Any]:
    """The platform's fake site with three posts around NOW, stopped afterwards.

    Typed Any: tests set the variant switches of one platform's site (broken_comment, ...)."""
    site_cls, post_ids, comment_ids, _ = PLATFORMS[platform]
    server = site_cls(world(NOW, post_ids, comment_ids)).start()
    try:
        yield server
    finally:
        server.stop()


def comment_id(platform: str, number: int) -> str:
    """The id the platform's fake site gives comment `number`."""
    return PLATFORMS[platform][2](number)


def cookies_file(tmp_path: Path, site: PlatformSite, value: str = "valid") -> Path:
    """A cookies export (Cookie-Editor JSON) holding the site's session cookie."""
    path = tmp_path / f"cookies-{value}.json"
    cookie = {"name": site.cookie_name, "value": value, "domain": "127.0.0.1", "path": "/"}
    path.write_text(json.dumps([cookie]), encoding="utf-8")
    return path


def browser_source(platform: str, site: PlatformSite, cdp: str, cookies: Path) -> dict[str, Any]:
    """A source of this platform pointed at the fake site."""
    options = {
        "keywords": ["鲜味坊"],
        "cdp_url": cdp,
        "cookies_file": str(cookies),
        "base_url": site.url,
        "delay": 0,
        "page_timeout": 5,
        "comment_pages": 3,
    }
    return {"name": platform, "type": platform, "options": options}


def expected_ids(site: PlatformSite) -> set[str]:
    """Posts and comments inside the one-day back-fill window."""
    ids = set()
    for post in site.posts:
        if post.at >= NOW - timedelta(days=1):
            ids.add(post.id)
        ids |= {
            c.id for c in post.comments for c in [c, *c.replies] if c.at >= NOW - timedelta(days=1)
        }
    return ids


def detail_path(platform: str, site: PlatformSite, post: Any) -> str:
    """The page path of one post on the fake site."""
    if platform == "xiaohongshu":
        return f"/explore/{post.id}"
    if platform == "zhihu":
        return f"/question/{site.qid(post)}/answer/{post.id}"  # type: ignore[attr-defined]
    return f"/video/{post.id}"


def assert_blocked(ctx: Context, name: str, words: tuple[str, ...]) -> None:
    """Blocked with a cooldown, the reason in last_error and a health alert from flatline."""
    state = state_of(ctx, name)
    assert state.status == SourceStatus.BLOCKED
    assert (
        state.cooldown_until is not None and state.cooldown_until.replace(tzinfo=NOW.tzinfo) > NOW
    )
    assert any(word in state.last_error for word in words), state.last_error
    rule = parse_rule({"name": "health", "type": "flatline", "silence": "1h"}, "test")
    rc = RuleContext(index=ctx.index, tz=ctx.config.tz, now=NOW, sessions=ctx.sessions)
    assert f"state:{name}" in {f.key for f in rule.evaluate(rc)}
