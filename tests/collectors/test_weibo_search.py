"""weibo_search against a local server: paging, window, blocking, malformed JSON, retries."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta
from urllib.parse import quote

from collectors.runner import run_source
from collectors.state import SourceStatus
from tests.collectors.conftest import FAST, indexed, source_of, state_of
from tests.collectors.site import Page, Site, fixture

KEYWORD = "鲜味坊"


def search_path(page: int, keyword: str = KEYWORD) -> str:
    """The getIndex path the spider requests for a result page."""
    container = quote(f"100103type=1&q={keyword}", safe="")
    return f"/api/container/getIndex?containerid={container}&page_type=searchall&page={page}"


def weibo_source(site: Site, **options: object) -> dict[str, object]:
    """A weibo_search source pointed at the local site."""
    base = {
        "base_url": site.url,
        "keywords": [KEYWORD],
        "max_pages": 3,
        "cookie": "SUB=abc; _T_WM=1",
    }
    return {"name": "wb", "type": "weibo_search", "options": {**FAST, **base, **options}}


def test_pages_until_results_leave_the_window(site, make_ctx):
    site.route(search_path(1), fixture("weibo_search_p1.json"))
    site.route("/statuses/extend?id=5001", fixture("weibo_extend_5001.json"))
    site.route(search_path(2), fixture("weibo_search_p2.json"))
    site.route(search_path(3), fixture("weibo_search_p3.json"))
    ctx = make_ctx([weibo_source(site)])

    run = run_source(ctx, source_of(ctx, "wb"))

    assert run.status == SourceStatus.OK, run.error
    found = indexed(ctx, "wb")
    assert sorted(found) == ["5001", "5002", "5003", "5004"]  # 5005/5006 are older than a day
    first = found["5001"]
    long_text = "在@鲜味坊官方 点的外卖吃出了头发，客服一直没人处理！\n已经投诉12315了，"
    assert first.text == long_text + "还要发微博让大家都看看"  # full text via statuses/extend
    assert first.published_at == datetime(2026, 11, 23, 9, 20, tzinfo=UTC)
    assert first.url == "https://m.weibo.cn/detail/5001"
    assert (first.author.name, first.author.followers) == ("吃货小王", 532)
    assert (first.metrics.reposts, first.metrics.comments, first.metrics.likes) == (3, 12, 40)
    blogger = found["5002"]
    assert (blogger.author.followers, blogger.author.verified) == (123_000, True)
    assert blogger.metrics.reposts == 10_000
    assert blogger.published_at == datetime(2026, 11, 23, 9, 25, tzinfo=UTC)  # "5分钟前"
    assert found["5003"].repost_of == "4999"
    # region_name "发布于 广东" / "发布于 海外"; an mblog without one has no region
    assert (first.region, blogger.region, found["5003"].region) == ("广东", "海外", None)
    assert found["5003"].published_at == datetime(2026, 11, 22, 12, 15, tzinfo=UTC)  # "昨天 20:15"
    assert search_path(4) not in site.log
    state = state_of(ctx, "wb")
    assert datetime.fromisoformat(json.loads(state.cursor)["since"]) == blogger.published_at
    assert (state.status, state.items_last_run, state.last_error) == ("ok", 4, None)


def test_second_run_finds_nothing_new(site, make_ctx):
    site.route(search_path(1), fixture("weibo_search_p1.json"))
    site.route("/statuses/extend?id=5001", fixture("weibo_extend_5001.json"))
    site.route(search_path(2), fixture("weibo_no_results.json"))
    ctx = make_ctx([weibo_source(site)])
    assert len(run_source(ctx, source_of(ctx, "wb")).report.new) == 3

    again = run_source(ctx, source_of(ctx, "wb"))

    # 5003 (yesterday) is now older than the cursor minus the overlap and is not fetched again
    assert (again.status, len(again.report.new), again.report.duplicates) == ("ok", 0, 2)


def test_keywords_default_to_the_plans(site, make_ctx):
    site.route(search_path(1, "鲜味坊 外卖"), fixture("weibo_no_results.json"))
    site.route(search_path(1, "XWF"), fixture("weibo_no_results.json"))
    plans = [{"id": "x", "name": "鲜味坊", "expression": "鲜味坊+外卖|XWF", "exclude": ["招聘"]}]
    ctx = make_ctx([weibo_source(site, keywords=None)], plans)

    run = run_source(ctx, source_of(ctx, "wb"))

    assert run.status == SourceStatus.OK, run.error
    assert sorted(site.log) == sorted([search_path(1, "鲜味坊 外卖"), search_path(1, "XWF")])


def test_login_wall_blocks_with_cooldown(site, make_ctx, clock):
    site.route(search_path(1), fixture("weibo_login_wall.json"))
    ctx = make_ctx([weibo_source(site)])

    run = run_source(ctx, source_of(ctx, "wb"))

    assert run.status == SourceStatus.BLOCKED
    state = state_of(ctx, "wb")
    assert "登录" in state.last_error and state.cooldown_until is not None
    assert run_source(ctx, source_of(ctx, "wb")).skipped


def test_http_418_blocks_and_repeated_blocks_double_the_cooldown(site, make_ctx, clock):
    site.route(search_path(1), Page(b"", 418, "text/html"))
    ctx = make_ctx([weibo_source(site)])

    first = run_source(ctx, source_of(ctx, "wb"))
    first_cooldown = state_of(ctx, "wb").cooldown_until.replace(tzinfo=UTC) - clock()
    clock.advance_to(clock() + first_cooldown)
    run_source(ctx, source_of(ctx, "wb"))
    second_cooldown = state_of(ctx, "wb").cooldown_until.replace(tzinfo=UTC) - clock()

    assert first.status == SourceStatus.BLOCKED and "HTTP 418" in (first.error or "")
    assert second_cooldown == 2 * first_cooldown
    assert site.log == [search_path(1), search_path(1)]  # blocked requests are not retried


def test_malformed_page_degrades_and_keeps_the_cursor(site, make_ctx):
    site.route(search_path(1), fixture("weibo_search_p1.json"))
    site.route(search_path(2), fixture("weibo_malformed.json"))
    ctx = make_ctx([weibo_source(site)])

    run = run_source(ctx, source_of(ctx, "wb"))

    assert run.status == SourceStatus.DEGRADED
    assert sorted(indexed(ctx, "wb")) == ["5001", "5002", "5003"]
    state = state_of(ctx, "wb")
    assert state.cursor is None and "JSON" in state.last_error
    assert state.last_success_at is not None


def test_server_error_is_retried_then_succeeds(site, make_ctx):
    site.route(search_path(1), Page(b"oops", 500, "text/html"), fixture("weibo_search_p1.json"))
    site.route("/statuses/extend?id=5001", fixture("weibo_extend_5001.json"))
    site.route(search_path(2), fixture("weibo_no_results.json"))
    ctx = make_ctx([weibo_source(site)])

    run = run_source(ctx, source_of(ctx, "wb"))

    assert run.status == SourceStatus.OK, run.error
    assert site.hits[search_path(1)] == 2
    assert len(indexed(ctx, "wb")) == 3


def test_server_errors_after_all_retries_degrade(site, make_ctx):
    site.route(search_path(1), Page(b"oops", 503, "text/html"))
    ctx = make_ctx([weibo_source(site)])

    run = run_source(ctx, source_of(ctx, "wb"))

    assert run.status == SourceStatus.DEGRADED
    assert site.hits[search_path(1)] == 3  # first try + 2 retries
    assert "503" in state_of(ctx, "wb").last_error


def test_block_cooldown_option(site, make_ctx, clock):
    site.route(search_path(1), fixture("weibo_login_wall.json"))
    ctx = make_ctx([weibo_source(site, block_cooldown="2h")])

    run_source(ctx, source_of(ctx, "wb"))

    until = state_of(ctx, "wb").cooldown_until.replace(tzinfo=UTC)
    assert until - clock() == timedelta(hours=2)
