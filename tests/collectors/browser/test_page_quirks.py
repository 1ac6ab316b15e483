"""Page behaviours every platform handles the same way, tried on one: unreadable comments,
comments that load on scroll, a deleted note, and the limits and pace options."""

from __future__ import annotations

from itertools import pairwise

import pytest

from collectors.runner import run_source
from collectors.state import SourceStatus
from tests.collectors.browser.platforms import browser_source, cookies_file, expected_ids
from tests.collectors.conftest import indexed, source_of, state_of

pytestmark = pytest.mark.browser


def test_unreadable_comment_is_a_counted_loss(douyin, cdp_url, make_ctx, tmp_path):
    douyin.broken_comment = True
    ctx = make_ctx([browser_source("douyin", douyin, cdp_url, cookies_file(tmp_path, douyin))])
    run = run_source(ctx, source_of(ctx, "douyin"))

    assert run.status == SourceStatus.PARTIAL  # 部分成功: counted as a loss, not a failure
    state = state_of(ctx, "douyin")
    assert state.losses_last_run and "缺少编号或时间" in (state.last_loss or "")
    assert set(indexed(ctx, "douyin")) == expected_ids(douyin)  # everything readable is kept


def test_comments_that_load_only_when_shown_are_reached_by_scrolling(
    douyin, cdp_url, make_ctx, tmp_path
):
    douyin.comments_on_scroll = True
    ctx = make_ctx([browser_source("douyin", douyin, cdp_url, cookies_file(tmp_path, douyin))])
    run = run_source(ctx, source_of(ctx, "douyin"))

    assert run.status == SourceStatus.OK, run.error or run.warnings
    assert set(indexed(ctx, "douyin")) == expected_ids(douyin)


def test_deleted_note_is_reported_once_not_retried(xiaohongshu, cdp_url, make_ctx, tmp_path):
    gone = xiaohongshu.posts[1]
    xiaohongshu.deleted = frozenset({gone.id})
    cookies = cookies_file(tmp_path, xiaohongshu)
    ctx = make_ctx([browser_source("xiaohongshu", xiaohongshu, cdp_url, cookies)])
    first = run_source(ctx, source_of(ctx, "xiaohongshu"))
    second = run_source(ctx, source_of(ctx, "xiaohongshu"))

    assert first.status == SourceStatus.DEGRADED and "正文无法读取" in first.warnings[0]
    assert second.status == SourceStatus.OK, second.error or second.warnings
    assert xiaohongshu.opened(f"/explore/{gone.id}") == 1
    assert gone.id not in indexed(ctx, "xiaohongshu") and len(indexed(ctx, "xiaohongshu")) == 5


def test_limits_and_pace(douyin, cdp_url, make_ctx, tmp_path):
    source = browser_source("douyin", douyin, cdp_url, cookies_file(tmp_path, douyin))
    source["options"].update(max_pages=1, max_posts=1, delay=0.4)
    ctx = make_ctx([source])
    run = run_source(ctx, source_of(ctx, "douyin"))

    assert run.status == SourceStatus.OK, run.error or run.warnings
    first = douyin.posts[0]
    expected = {first.id} | {c.id for top in first.comments for c in [top, *top.replies]}
    assert set(indexed(ctx, "douyin")) == expected  # one post (max_posts), all its comments
    searches = [r for r in douyin.requests if r.path == "/aweme/v1/web/search/item/"]
    assert [r.query["offset"] for r in searches] == ["0"]  # one result page (max_pages)
    pages = [r for r in douyin.requests if r.path.startswith(("/search/", "/video/"))]
    second_comments = [r for r in douyin.requests if r.query.get("cursor") == "2"]
    moments = [pages[0].at, pages[1].at, second_comments[0].at]
    assert all(b - a >= 0.35 for a, b in pairwise(moments))  # options.delay between actions
