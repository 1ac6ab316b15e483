"""Failures the sites really answer with, through a real headless Chromium: rate limiting (an
API or a page answering 429, a 访问频繁 page, B站 -799, 小红书 -101), other API error codes and
an answer whose result list moved (a layout change) — blocked or a failure, never 正常 with 0."""

from __future__ import annotations

import json
from collections.abc import Callable

import pytest

from collectors.runner import run_source
from collectors.state import SourceStatus
from tests.collectors.browser.review_kit import (
    COMMENT_API,
    SEARCH_API,
    SEARCH_PAGE,
    source,
)
from tests.collectors.browser_site import Reply, Request, json_reply
from tests.collectors.conftest import indexed, source_of, state_of

pytestmark = pytest.mark.browser

RATE_LIMIT_PAGE = (
    "<html><head><title>访问频繁，请稍后再试</title></head><body>您的访问过于频繁</body></html>"
)


def on(path: str, reply: Reply) -> object:
    """A hook answering `reply` to the calls of this path."""
    return lambda request, original: reply if path in request.path else None


@pytest.mark.parametrize(
    ("platform", "answer", "words"),
    [
        (
            "xiaohongshu",
            json_reply({"code": -101, "success": False, "msg": "无登录信息，或登录信息为空"}),
            "未登录",
        ),
        ("bilibili", json_reply({"code": -799, "message": "请求过于频繁，请稍后再试"}), "频繁"),
        ("douyin", json_reply({"status_code": 0, "data": []}, 429), "HTTP 429"),
        ("zhihu", json_reply({"error": {"code": 429, "message": "请求过快"}}, 429), "HTTP 429"),
    ],
)
def test_login_and_rate_limit_answers_block_the_source(
    platform, answer, words, sites, cdp_url, make_ctx, tmp_path
):
    site = sites(platform, on(SEARCH_API[platform], answer))
    ctx = make_ctx([source(platform, site, cdp_url, tmp_path)])
    run = run_source(ctx, source_of(ctx, platform))

    assert run.status == SourceStatus.BLOCKED, (run.error, run.warnings)
    state = state_of(ctx, platform)
    assert words in state.last_error and state.cooldown_until is not None


def test_a_rate_limit_page_blocks_the_source(sites, cdp_url, make_ctx, tmp_path):
    page = Reply(RATE_LIMIT_PAGE, 429, "text/html; charset=utf-8")
    site = sites(
        "bilibili", page_hook=lambda r: page if r.path == SEARCH_PAGE["bilibili"] else None
    )
    ctx = make_ctx([source("bilibili", site, cdp_url, tmp_path, page_timeout=30)])
    run = run_source(ctx, source_of(ctx, "bilibili"))

    assert run.status == SourceStatus.BLOCKED, (run.error, run.warnings)
    assert "429" in state_of(ctx, "bilibili").last_error


def test_a_rate_limit_page_with_status_200_blocks_the_source(sites, cdp_url, make_ctx, tmp_path):
    page = Reply(RATE_LIMIT_PAGE, 200, "text/html; charset=utf-8")
    site = sites("zhihu", page_hook=lambda r: page if r.path == SEARCH_PAGE["zhihu"] else None)
    ctx = make_ctx([source("zhihu", site, cdp_url, tmp_path, page_timeout=30)])
    run = run_source(ctx, source_of(ctx, "zhihu"))

    assert run.status == SourceStatus.BLOCKED, (run.error, run.warnings)
    assert "访问频繁" in state_of(ctx, "zhihu").last_error


@pytest.mark.parametrize(
    ("platform", "answer", "words"),
    [
        (
            "douyin",
            json_reply({"status_code": 2053, "status_msg": "参数不合法"}),
            "status_code 2053：参数不合法",
        ),
        (
            "zhihu",
            json_reply({"error": {"code": 10003, "message": "请求参数异常，请升级客户端后重试"}}),
            "10003：请求参数异常",
        ),
        (
            "xiaohongshu",
            json_reply({"code": 300011, "success": False, "msg": "当前账号存在异常"}),
            "code 300011：当前账号存在异常",
        ),
        ("bilibili", json_reply({"code": -400, "message": "请求错误"}), "code -400：请求错误"),
    ],
)
def test_other_api_errors_are_failures_not_empty_results(
    platform, answer, words, sites, cdp_url, make_ctx, tmp_path
):
    site = sites(platform, on(SEARCH_API[platform], answer))
    ctx = make_ctx([source(platform, site, cdp_url, tmp_path)])
    run = run_source(ctx, source_of(ctx, platform))

    assert run.status == SourceStatus.DEGRADED, (run.error, run.warnings)
    assert "接口返回错误" in state_of(ctx, platform).last_error
    assert words in state_of(ctx, platform).last_error


def renamed(body: dict[str, object], old: str, new: str) -> dict[str, object]:
    """The answer with one key of `data` renamed, as after a site redesign."""
    data = dict(body["data"])  # type: ignore[call-overload]
    data[new] = data.pop(old)
    return {**body, "data": data}


def test_a_search_answer_in_a_new_layout_is_a_failure_not_zero_results(
    sites, cdp_url, make_ctx, tmp_path
):
    def hook(request: Request, original: Callable[[], Reply]) -> Reply | None:
        if request.path != SEARCH_API["xiaohongshu"]:
            return None
        return json_reply(renamed(json.loads(original().body), "items", "notes"))

    site = sites("xiaohongshu", hook)
    ctx = make_ctx([source("xiaohongshu", site, cdp_url, tmp_path)])
    run = run_source(ctx, source_of(ctx, "xiaohongshu"))

    assert run.status == SourceStatus.DEGRADED, (run.error, run.warnings)
    error = state_of(ctx, "xiaohongshu").last_error
    assert "data.items" in error and "格式可能已变化" in error
    assert indexed(ctx, "xiaohongshu") == {}


def test_a_comment_answer_in_a_new_layout_is_a_failure_and_is_read_again(
    sites, cdp_url, make_ctx, tmp_path
):
    layout = {"new": True}

    def hook(request: Request, original: Callable[[], Reply]) -> Reply | None:
        if COMMENT_API["bilibili"] not in request.path or not layout["new"]:
            return None
        return json_reply({"code": 0, "message": "0", "data": {"cursor": {"is_end": True}}})

    site = sites("bilibili", hook)
    ctx = make_ctx([source("bilibili", site, cdp_url, tmp_path)])
    first = run_source(ctx, source_of(ctx, "bilibili"))
    assert first.status == SourceStatus.DEGRADED, (first.error, first.warnings)
    assert "data.replies" in state_of(ctx, "bilibili").last_error
    assert {site.posts[0].id, site.posts[1].id} <= set(indexed(ctx, "bilibili"))

    layout["new"] = False  # the collector was fixed: the posts are read again, comments arrive
    second = run_source(ctx, source_of(ctx, "bilibili"))
    assert second.status == SourceStatus.OK, (second.error, second.warnings)
    assert site.posts[0].comments[0].id in indexed(ctx, "bilibili")
