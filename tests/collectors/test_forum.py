"""forum with the Discuz! preset against GBK pages; custom selectors; login wall; bad config."""

from __future__ import annotations

from datetime import UTC, datetime

from collectors.runner import run_source
from collectors.state import SourceStatus
from tests.collectors.conftest import FAST, indexed, source_of, state_of
from tests.collectors.site import Page, Site, fixture

LIST = "/forum.php?mod=forumdisplay&fid=2"
THREAD = "/forum.php?mod=viewthread&tid=301&extra=page%3D1"
GBK = "text/html; charset=GBK"


def forum_source(site: Site, **options: object) -> dict[str, object]:
    """A Discuz! board on the local site."""
    base = {"start_urls": [site.url + LIST], "preset": "discuz", "max_pages": 3}
    return {"name": "bbs", "type": "forum", "options": {**FAST, **base, **options}}


def route_board(site: Site) -> None:
    """List pages 1-2 (header without charset: the <meta> says GBK) and a two-page thread."""
    site.route(LIST, fixture("discuz_list_p1.html", content_type="text/html"))
    site.route(LIST + "&page=2", fixture("discuz_list_p2.html", content_type="text/html"))
    site.route(THREAD, fixture("discuz_thread_301_p1.html", content_type=GBK))
    site.route(THREAD + "&page=2", fixture("discuz_thread_301_p2.html", content_type=GBK))


def test_discuz_board_in_gbk(site, make_ctx):
    route_board(site)
    ctx = make_ctx([forum_source(site)])

    run = run_source(ctx, source_of(ctx, "bbs"))

    assert run.status == SourceStatus.OK, run.error
    found = indexed(ctx, "bbs")
    assert sorted(found) == ["3011", "3012", "3020"]
    opener = found["3011"]
    assert opener.title == "鲜味坊的外卖包装漏汤，找客服没人理"
    assert opener.text == "昨天中午点的鲜味坊，汤洒了一袋子。\n打了三次客服电话都没人接。"
    assert opener.author.name == "张喆"  # 喆 is GBK, not GB2312
    assert opener.published_at == datetime(2026, 11, 23, 4, 1, tzinfo=UTC)
    assert found["3012"].text == "同样遇到过，差评！"
    assert found["3012"].published_at == datetime(2026, 11, 23, 8, 58, tzinfo=UTC)
    assert found["3012"].reply_to == "3011" and found["3020"].reply_to == "3011"
    assert found["3020"].url == site.url + THREAD + "&page=2#pid3020"
    assert "/forum.php?mod=viewthread&tid=288&extra=page%3D1" not in site.log
    assert LIST + "&page=3" not in site.log  # page 2 holds only old threads


def test_custom_selectors_without_preset(site, make_ctx):
    route_board(site)
    selectors = {
        "list_item": "//tbody[starts-with(@id, 'normalthread_')]",
        "thread_link": ".//a[contains(@class, 'xst')]/@href",
        "post": "div[id^=post_]",
        "post_id": "::attr(id)",
        "post_text": "td.t_f",
        "post_author": "a.xw1::text",
        "post_time": "em[id^=authorposttime_] ::text",
    }
    # without a last-reply selector every listed thread is read, the month-old one too
    site.route(
        "/forum.php?mod=viewthread&tid=288&extra=page%3D1",
        fixture("discuz_thread_288_p1.html", content_type=GBK),
    )
    ctx = make_ctx([forum_source(site, preset=None, selectors=selectors, encoding="gbk")])

    run = run_source(ctx, source_of(ctx, "bbs"))

    assert run.status == SourceStatus.OK, run.losses
    assert sorted(indexed(ctx, "bbs")) == ["3011", "3012"]  # no thread_next selector: page 1 only


def test_login_wall_blocks(site, make_ctx):
    site.route(LIST, fixture("discuz_login.html", content_type=GBK))
    ctx = make_ctx([forum_source(site)])

    run = run_source(ctx, source_of(ctx, "bbs"))

    assert run.status == SourceStatus.BLOCKED
    assert "登录" in state_of(ctx, "bbs").last_error


def test_missing_selectors_are_a_config_error(site, make_ctx):
    ctx = make_ctx([forum_source(site, preset=None, selectors={"post": "div.post"})])

    run = run_source(ctx, source_of(ctx, "bbs"))

    assert run.status == SourceStatus.MISCONFIGURED
    assert "sources[bbs].options.selectors：缺少 list_item, thread_link, post_text" in (
        run.error or ""
    )


def test_unknown_option_is_named(site, make_ctx):
    ctx = make_ctx([forum_source(site, start_url="typo")])

    run = run_source(ctx, source_of(ctx, "bbs"))

    assert run.status == SourceStatus.MISCONFIGURED
    assert "sources[bbs].options.start_url：未知选项" in (run.error or "")


def test_server_gone_mid_thread_is_a_partial_failure(site, make_ctx):
    route_board(site)
    site.route(THREAD + "&page=2", Page(b"", 500, "text/html"))
    ctx = make_ctx([forum_source(site)])

    run = run_source(ctx, source_of(ctx, "bbs"))

    assert run.status == SourceStatus.DEGRADED
    assert sorted(indexed(ctx, "bbs")) == ["3011", "3012"]
    assert state_of(ctx, "bbs").cursor is None
