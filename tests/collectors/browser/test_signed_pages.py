"""小红书 / 抖音 / B站 / 知乎 through a real headless Chromium against local fake sites.

Each fake site's pages sign their API calls in JavaScript and the server refuses unsigned ones,
so the collector only gets data by letting the page run, as on the real sites. One Chromium
(started with --remote-debugging-port, like an operator's logged-in browser) serves the
session; the collectors attach to it over CDP.
"""

from __future__ import annotations

import urllib.error
import urllib.request
from concurrent.futures import ThreadPoolExecutor

import pytest

from collectors.runner import run_source
from collectors.state import SourceStatus
from tests.collectors.browser.platforms import (
    PLATFORMS,
    browser_source,
    cookies_file,
    expected_ids,
)
from tests.collectors.conftest import indexed, source_of, state_of

pytestmark = pytest.mark.browser


def test_posts_and_comments_through_signed_pages(platform, fake, cdp_url, make_ctx, tmp_path):
    ctx = make_ctx([browser_source(platform, fake, cdp_url, cookies_file(tmp_path, fake))])
    run = run_source(ctx, source_of(ctx, platform))

    assert run.status == SourceStatus.OK, run.error or run.warnings
    found = indexed(ctx, platform)
    assert set(found) == expected_ids(fake) and len(found) == 7
    assert fake.rejected == [] and fake.signed >= 5  # every call signed by the page, none refused
    first, second = fake.posts[0], fake.posts[1]
    top, reply = first.comments[0], first.comments[0].replies[0]
    post = found[first.id]
    assert post.channel == PLATFORMS[platform][3]
    assert post.published_at == first.at and post.author.name == "吃货小张"
    assert "酸菜鱼" in post.text and post.metrics.comments == 4
    assert found[top.id].reply_to == first.id and found[reply.id].reply_to == top.id
    assert (found[top.id].region, found[reply.id].region) == ("广东", "香港")
    assert found[top.id].published_at == top.at and found[top.id].author.name == "小王"
    assert found[second.comments[0].id].region == "浙江"
    assert state_of(ctx, platform).items_total == 7


def test_platform_fields(platform, fake, cdp_url, make_ctx, tmp_path):
    ctx = make_ctx([browser_source(platform, fake, cdp_url, cookies_file(tmp_path, fake))])
    with ThreadPoolExecutor(1) as worker:  # the scheduler runs sources in worker threads
        run = worker.submit(run_source, ctx, source_of(ctx, platform)).result()
    assert run.status == SourceStatus.OK, run.error or run.warnings
    found = indexed(ctx, platform)
    post, top = found[fake.posts[0].id], found[fake.posts[0].comments[0].id]
    if platform == "xiaohongshu":
        assert post.metrics.likes == 12000 and post.region == "广东" and post.title == "鲜味坊避雷"
    if platform == "douyin":
        assert post.author.followers == 12000 and post.author.verified
        assert not found[fake.posts[1].id].author.verified
    if platform == "bilibili":
        assert post.title == "鲜味坊避雷" and post.metrics.views == 5000
        assert top.author.verified and not found[fake.posts[0].comments[1].id].author.verified
    if platform == "zhihu":
        assert (
            post.title == "鲜味坊避雷？" and post.author.followers == 12000 and post.author.verified
        )
        assert post.text == "鲜味坊的酸菜鱼有异味，肚子疼了一晚\n第二段"
        assert post.url == f"https://www.zhihu.com/question/600000/answer/{post.native_id}"


def test_unsigned_calls_are_refused(platform, fake):
    """The fake sites really check the page's signature (so the browser test means something)."""
    paths = {
        "xiaohongshu": "/api/sns/web/v2/comment/page?note_id=x&cursor=",
        "douyin": "/aweme/v1/web/search/item/?keyword=x&offset=0&count=2&a_bogus=00000000",
        "bilibili": "/x/web-interface/wbi/search/type?keyword=x&page=1&w_rid=00000000",
        "zhihu": "/api/v4/search_v3?q=x&offset=0",
    }
    request = urllib.request.Request(
        fake.url + paths[platform], headers={"Cookie": f"{fake.cookie_name}=valid"}
    )
    try:
        with urllib.request.urlopen(request, timeout=5) as response:
            body = response.read()
    except urllib.error.HTTPError as exc:
        body = exc.read()
    assert fake.rejected and fake.signed == 0
    assert b"comments" not in body and b"result" not in body and b"aweme_info" not in body
