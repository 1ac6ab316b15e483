"""Shared pieces of the browser-source review tests: the four fake platforms with a hook that
changes their answers, and a source pointed at them (Chromium: conftest.cdp_url)."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.collectors.browser.platforms import browser_source, cookies_file
from tests.collectors.browser_site import Reply, Request
from tests.collectors.conftest import NOW
from tests.collectors.fake_platforms import PlatformSite, world
from tests.collectors.fake_platforms.bilibili import BilibiliSite
from tests.collectors.fake_platforms.douyin import DouyinSite
from tests.collectors.fake_platforms.xiaohongshu import XiaohongshuSite
from tests.collectors.fake_platforms.zhihu import ZhihuSite

Hook = Callable[[Request], Reply | None]
# A hook of API answers is also given the answer the fake site would have sent.
DataHook = Callable[[Request, Callable[[], Reply]], Reply | None]

SITES: dict[str, tuple[type[PlatformSite], Callable[[int], str], Callable[[int], str]]] = {
    "xiaohongshu": (
        XiaohongshuSite, "6650a1b2000000001e00{:04d}".format, "6650c3d4000000000c00{:04d}".format
    ),
    "douyin": (DouyinSite, "73900000000000000{:02d}".format, "74100000000000000{:02d}".format),
    "bilibili": (BilibiliSite, "BV1xw4m1X7a{}".format, "25000000{:02d}".format),
    "zhihu": (ZhihuSite, "31000000{:02d}".format, "11000000{:02d}".format),
}  # fmt: skip
SEARCH_API = {
    "xiaohongshu": "/api/sns/web/v1/search/notes",
    "douyin": "/aweme/v1/web/search/item/",
    "bilibili": "/x/web-interface/wbi/search/type",
    "zhihu": "/api/v4/search_v3",
}
SEARCH_PAGE = {
    "xiaohongshu": "/search_result",
    "douyin": "/search/",
    "bilibili": "/video",
    "zhihu": "/search",
}
COMMENT_API = {
    "xiaohongshu": "/api/sns/web/v2/comment/page",
    "douyin": "/aweme/v1/web/comment/list/",
    "bilibili": "/x/v2/reply/wbi/main",
    "zhihu": "/root_comment",
}


def hooked(
    platform: str, hook: DataHook | None = None, page_hook: Hook | None = None
) -> PlatformSite:
    """The platform's fake site (three posts around NOW), started; `hook` may replace the answer
    of a signed, logged-in API call, `page_hook` the answer of any request."""
    site_cls, post_id, comment_id = SITES[platform]

    class Site(site_cls):  # type: ignore[valid-type,misc]
        def answer(self, request: Request) -> Reply:
            replaced = page_hook(request) if page_hook else None
            return replaced or super().answer(request)

        def data(self, request: Request) -> Reply:
            replaced = hook(request, lambda: super(Site, self).data(request)) if hook else None
            return replaced or super().data(request)

    return Site(world(NOW, post_id, comment_id)).start()


@pytest.fixture
def sites() -> Iterator[Callable[..., PlatformSite]]:
    """hooked(), stopping every site started at the end of the test."""
    started: list[PlatformSite] = []

    def start(platform: str, hook: DataHook | None = None, page_hook: Hook | None = None) -> Any:
        site = hooked(platform, hook, page_hook)
        started.append(site)
        return site

    yield start
    for site in started:
        site.stop()


def source(platform: str, site: PlatformSite, cdp: str, tmp_path: Path, **options: Any) -> Any:
    """A source of this platform pointed at the fake site, logged in with a cookies export."""
    made = browser_source(platform, site, cdp, cookies_file(tmp_path, site, "valid"))
    made["options"].update(options)
    return made
