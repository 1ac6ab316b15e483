"""API answers in another encoding than plain UTF-8, through a real headless Chromium: GBK with
its charset declared (抖音) and UTF-8 with a byte-order mark (知乎) are read as JSON, Chinese
intact. Chromium decodes a text body by its declared charset before Playwright sees it, so the
collector needs no charset handling of its own; this guards that (an undecodable body would read
as an empty answer, which 抖音 reports as 风控 blocking)."""

from __future__ import annotations

import json
from collections.abc import Callable

import pytest

from collectors.runner import run_source
from collectors.state import SourceStatus
from tests.collectors.browser.review_kit import SEARCH_API, source
from tests.collectors.browser_site import Reply, Request
from tests.collectors.conftest import indexed, source_of

pytestmark = pytest.mark.browser


def reencoded(platform: str, encoding: str, content_type: str) -> Callable[..., Reply | None]:
    """A hook sending the platform's search answer in `encoding`."""

    def hook(request: Request, original: Callable[[], Reply]) -> Reply | None:
        if request.path != SEARCH_API[platform]:
            return None
        body = json.loads(original().body)
        return Reply(json.dumps(body, ensure_ascii=False).encode(encoding), 200, content_type)

    return hook


@pytest.mark.parametrize(
    ("platform", "encoding", "content_type"),
    [
        ("douyin", "gbk", "application/json; charset=GBK"),
        ("zhihu", "utf-8-sig", "application/json"),
    ],
)
def test_search_answers_in_other_encodings_are_read(
    platform, encoding, content_type, sites, cdp_url, make_ctx, tmp_path
):
    site = sites(platform, reencoded(platform, encoding, content_type))
    ctx = make_ctx([source(platform, site, cdp_url, tmp_path)])
    run = run_source(ctx, source_of(ctx, platform))

    assert run.status == SourceStatus.OK, (run.error, run.warnings)
    found = indexed(ctx, platform)
    post = found[site.posts[0].id]
    assert "酸菜鱼有异味" in post.text and post.author.name == "吃货小张"
    assert len(found) == 7
