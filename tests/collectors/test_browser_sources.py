"""小红书 / 抖音 / B站 / 知乎 through a real headless Chromium against local fake sites.

Each fake site's pages sign their API calls in JavaScript and the server refuses unsigned ones,
so the collector only gets data by letting the page run, as on the real sites. One Chromium
(started with --remote-debugging-port, like an operator's logged-in browser) serves the module;
the collectors attach to it over CDP. Variants: login expired and captcha/risk-control pages
(→ blocked, cooldown, health alert), a failing comment page then a restart (no loss, no repeat).
"""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import threading
import urllib.error
import urllib.request
from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor
from datetime import timedelta
from itertools import pairwise
from pathlib import Path
from typing import Any

import pytest

from alerting.loader import parse_rule
from alerting.rules import RuleContext
from collectors.runner import run_source
from collectors.state import SourceStatus
from core.enums import Channel
from tests.collectors.conftest import NOW, indexed, source_of, state_of
from tests.collectors.fake_platforms import PlatformSite, world
from tests.collectors.fake_platforms.bilibili import BilibiliSite
from tests.collectors.fake_platforms.douyin import DouyinSite
from tests.collectors.fake_platforms.xiaohongshu import XiaohongshuSite
from tests.collectors.fake_platforms.zhihu import ZhihuSite
from tests.conftest import require

pytestmark = pytest.mark.browser
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


@pytest.fixture(scope="module")
def cdp_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """One headless Chromium for the module, reachable over CDP like an operator's browser."""
    require(
        shutil.which(CHROMIUM) is not None, "chromium is not installed (scripts/system-deps.sh)"
    )
    profile = tmp_path_factory.mktemp("chromium-profile")
    process = subprocess.Popen(
        [CHROMIUM, "--headless=new", "--no-sandbox", "--disable-gpu", "--no-first-run",
         "--remote-debugging-port=0", f"--user-data-dir={profile}", "about:blank"],
        stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True,
    )  # fmt: skip
    assert process.stderr is not None
    try:
        for line in process.stderr:
            found = re.search(r"DevTools listening on ws://([\d.]+:\d+)/", line)
            if found:
                # Keep reading Chromium's log so a full pipe never blocks the browser.
                threading.Thread(target=process.stderr.read, daemon=True).start()
                yield f"http://{found.group(1)}"
                break
        else:
            pytest.fail("chromium did not start its DevTools endpoint")
    finally:
        process.terminate()
        process.wait(timeout=10)


@pytest.fixture(params=sorted(PLATFORMS))
def platform(request: pytest.FixtureRequest) -> str:
    """Each of the four platforms."""
    return str(request.param)


@pytest.fixture
def fake(platform: str) -> Iterator[PlatformSite]:
    """The platform's fake site with three posts around NOW."""
    site_cls, post_id, comment_id, _ = PLATFORMS[platform]
    server = site_cls(world(NOW, post_id, comment_id)).start()
    yield server
    server.stop()


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


def assert_blocked(ctx, name: str, words: tuple[str, ...]) -> None:
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


def test_login_expired_blocks_the_source(platform, fake, cdp_url, make_ctx, tmp_path):
    source = browser_source(platform, fake, cdp_url, cookies_file(tmp_path, fake, "expired"))
    ctx = make_ctx([source])
    run = run_source(ctx, source_of(ctx, platform))

    assert run.status == SourceStatus.BLOCKED
    assert_blocked(ctx, platform, ("登录",))
    assert indexed(ctx, platform) == {}
    again = run_source(ctx, source_of(ctx, platform))
    assert again.skipped  # cooling down: the site is not asked again


def test_captcha_or_risk_control_blocks_the_source(platform, fake, cdp_url, make_ctx, tmp_path):
    fake.variant = "captcha"
    ctx = make_ctx([browser_source(platform, fake, cdp_url, cookies_file(tmp_path, fake))])
    run = run_source(ctx, source_of(ctx, platform))

    assert run.status == SourceStatus.BLOCKED, run.error
    assert_blocked(ctx, platform, ("验证", "风控"))


def test_failed_comment_page_then_restart_loses_and_repeats_nothing(
    platform, fake, cdp_url, make_ctx, tmp_path
):
    first = fake.posts[0]
    fake.fail_comments = (first.id, 2)
    ctx = make_ctx([browser_source(platform, fake, cdp_url, cookies_file(tmp_path, fake))])
    broken = run_source(ctx, source_of(ctx, platform))
    assert broken.status == SourceStatus.DEGRADED and broken.warnings
    assert "评论第 2 页" in state_of(ctx, platform).last_error
    assert len(indexed(ctx, platform)) == 6  # all but the comment on the failed page

    fake.fail_comments = None
    resumed = run_source(ctx, source_of(ctx, platform))
    assert resumed.status == SourceStatus.OK, resumed.error or resumed.warnings
    assert [m.native_id for m in resumed.report.new] == [first.comments[2].id]
    assert set(indexed(ctx, platform)) == expected_ids(fake)
    second = fake.posts[1]
    assert fake.opened(detail_path(platform, fake, second)) == 1  # read once, not again

    late = type(second.comments[0])(
        "99", "新评论：今天又踩雷了", NOW - timedelta(minutes=5), "新用户", "四川"
    )
    late.id = PLATFORMS[platform][2](99)
    second.comments.append(late)
    third = run_source(ctx, source_of(ctx, platform))
    assert [m.native_id for m in third.report.new] == [late.id]
    assert [m.native_id for m in third.report.updated] == [second.id]  # its comment count grew
    assert third.report.duplicates == 0
    assert indexed(ctx, platform)[second.id].metrics.comments == 2
    assert fake.opened(detail_path(platform, fake, first)) == 2  # unchanged post not reopened
    assert state_of(ctx, platform).items_total == len(expected_ids(fake))


def detail_path(platform: str, site: PlatformSite, post: Any) -> str:
    """The page path of one post on the fake site."""
    if platform == "xiaohongshu":
        return f"/explore/{post.id}"
    if platform == "zhihu":
        return f"/question/{site.qid(post)}/answer/{post.id}"  # type: ignore[attr-defined]
    return f"/video/{post.id}"


@pytest.fixture
def bilibili() -> Iterator[PlatformSite]:
    """The fake B站 alone (one launched browser is enough: the platforms share the code path)."""
    site_cls, post_id, comment_id, _ = PLATFORMS["bilibili"]
    server = site_cls(world(NOW, post_id, comment_id)).start()
    yield server
    server.stop()


def test_launches_chromium_on_a_profile_dir_with_cookies(bilibili, make_ctx, tmp_path):
    """Without cdp_url the collector launches /usr/bin/chromium itself on the operator's profile."""
    fake, platform = bilibili, "bilibili"
    profile = tmp_path / "profile"
    profile.mkdir()
    source = browser_source(platform, fake, "", cookies_file(tmp_path, fake))
    del source["options"]["cdp_url"]
    source["options"].update(profile_dir=str(profile), executable_path=CHROMIUM)
    ctx = make_ctx([source])
    run = run_source(ctx, source_of(ctx, platform))

    assert run.status == SourceStatus.OK, run.error or run.warnings
    assert set(indexed(ctx, platform)) == expected_ids(fake)
    assert (profile / "Default").is_dir()  # Chromium really used the given profile


def test_missing_profile_dir_is_a_configuration_error(make_ctx, tmp_path):
    source = {
        "name": "xhs",
        "type": "xiaohongshu",
        "options": {"keywords": ["鲜味坊"], "profile_dir": str(tmp_path / "nope")},
    }
    ctx = make_ctx([source])
    run = run_source(ctx, source_of(ctx, "xhs"))
    assert run.status == SourceStatus.MISCONFIGURED
    assert "profile_dir" in run.error and "不存在" in run.error


def test_unreadable_comment_is_a_visible_warning(cdp_url, make_ctx, tmp_path):
    site_cls, post_id, comment_id, _ = PLATFORMS["douyin"]
    fake = site_cls(world(NOW, post_id, comment_id)).start()
    try:
        fake.broken_comment = True  # type: ignore[attr-defined]
        ctx = make_ctx([browser_source("douyin", fake, cdp_url, cookies_file(tmp_path, fake))])
        run = run_source(ctx, source_of(ctx, "douyin"))
    finally:
        fake.stop()
    assert run.status == SourceStatus.DEGRADED
    assert "缺少编号或时间" in state_of(ctx, "douyin").last_error
    assert set(indexed(ctx, "douyin")) == expected_ids(fake)  # everything readable is kept


def test_comments_that_load_only_when_shown_are_reached_by_scrolling(cdp_url, make_ctx, tmp_path):
    site_cls, post_id, comment_id, _ = PLATFORMS["douyin"]
    fake = site_cls(world(NOW, post_id, comment_id)).start()
    try:
        fake.comments_on_scroll = True  # type: ignore[attr-defined]
        ctx = make_ctx([browser_source("douyin", fake, cdp_url, cookies_file(tmp_path, fake))])
        run = run_source(ctx, source_of(ctx, "douyin"))
    finally:
        fake.stop()
    assert run.status == SourceStatus.OK, run.error or run.warnings
    assert set(indexed(ctx, "douyin")) == expected_ids(fake)


def test_deleted_note_is_reported_once_not_retried(cdp_url, make_ctx, tmp_path):
    site_cls, post_id, comment_id, _ = PLATFORMS["xiaohongshu"]
    fake = site_cls(world(NOW, post_id, comment_id)).start()
    try:
        gone = fake.posts[1]
        fake.deleted = frozenset({gone.id})  # type: ignore[attr-defined]
        source = browser_source("xiaohongshu", fake, cdp_url, cookies_file(tmp_path, fake))
        ctx = make_ctx([source])
        first = run_source(ctx, source_of(ctx, "xiaohongshu"))
        second = run_source(ctx, source_of(ctx, "xiaohongshu"))
    finally:
        fake.stop()
    assert first.status == SourceStatus.DEGRADED and "正文无法读取" in first.warnings[0]
    assert second.status == SourceStatus.OK, second.error or second.warnings
    assert fake.opened(f"/explore/{gone.id}") == 1
    assert gone.id not in indexed(ctx, "xiaohongshu") and len(indexed(ctx, "xiaohongshu")) == 5


def test_limits_and_pace(cdp_url, make_ctx, tmp_path):
    site_cls, post_id, comment_id, _ = PLATFORMS["douyin"]
    fake = site_cls(world(NOW, post_id, comment_id)).start()
    try:
        source = browser_source("douyin", fake, cdp_url, cookies_file(tmp_path, fake))
        source["options"].update(max_pages=1, max_posts=1, delay=0.4)
        ctx = make_ctx([source])
        run = run_source(ctx, source_of(ctx, "douyin"))
    finally:
        fake.stop()
    assert run.status == SourceStatus.OK, run.error or run.warnings
    first = fake.posts[0]
    expected = {first.id} | {c.id for top in first.comments for c in [top, *top.replies]}
    assert set(indexed(ctx, "douyin")) == expected  # one post (max_posts), all its comments
    searches = [r for r in fake.requests if r.path == "/aweme/v1/web/search/item/"]
    assert [r.query["offset"] for r in searches] == ["0"]  # one result page (max_pages)
    pages = [r for r in fake.requests if r.path.startswith(("/search/", "/video/"))]
    second_comments = [r for r in fake.requests if r.query.get("cursor") == "2"]
    moments = [pages[0].at, pages[1].at, second_comments[0].at]
    assert all(b - a >= 0.35 for a, b in pairwise(moments))  # options.delay between actions


def test_a_future_dated_comment_does_not_hide_the_comments_that_follow(
    bilibili, cdp_url, make_ctx, clock, tmp_path
):
    post = bilibili.posts[1]
    comment = type(post.comments[0])
    wrong_clock = comment("97", "评论时间错了", NOW + timedelta(days=20), "时钟错", "广东")
    wrong_clock.id = PLATFORMS["bilibili"][2](97)
    post.comments.append(wrong_clock)
    ctx = make_ctx(
        [browser_source("bilibili", bilibili, cdp_url, cookies_file(tmp_path, bilibili))]
    )
    first = run_source(ctx, source_of(ctx, "bilibili"))
    assert wrong_clock.id in {m.native_id for m in first.report.new}

    later = comment("98", "又来投诉：退款还没到", NOW + timedelta(minutes=5), "新用户", "四川")
    later.id = PLATFORMS["bilibili"][2](98)
    post.comments.append(later)
    clock.advance_to(NOW + timedelta(minutes=10))
    second = run_source(ctx, source_of(ctx, "bilibili"))

    assert later.id in {m.native_id for m in second.report.new}
    assert later.id in indexed(ctx, "bilibili")
