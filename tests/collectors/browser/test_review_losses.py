"""What a browser source could not store is counted in source health (损失 本次/累计), not only
named in 最近错误: a comment without id or time, a note whose page no longer shows it. Through a
real headless Chromium against the fake 抖音 and 小红书."""

from __future__ import annotations

import pytest

from collectors.runner import run_source
from tests.collectors.browser.review_kit import source
from tests.collectors.conftest import source_of, state_of

pytestmark = pytest.mark.browser


def test_an_unreadable_comment_is_counted_as_a_loss(sites, cdp_url, make_ctx, tmp_path):
    site = sites("douyin")
    site.broken_comment = True  # a comment without create_time on the first comment page
    ctx = make_ctx([source("douyin", site, cdp_url, tmp_path)])
    run_source(ctx, source_of(ctx, "douyin"))

    state = state_of(ctx, "douyin")
    assert state.losses_last_run == 2 and state.losses_total == 2  # one under each post
    assert "缺少编号或时间" in state.last_loss and "7410000000000000bad" in state.last_loss


def test_a_deleted_note_is_counted_as_a_loss_once(sites, cdp_url, make_ctx, tmp_path):
    site = sites("xiaohongshu")
    site.deleted = frozenset({site.posts[1].id})
    ctx = make_ctx([source("xiaohongshu", site, cdp_url, tmp_path)])
    run_source(ctx, source_of(ctx, "xiaohongshu"))
    run_source(ctx, source_of(ctx, "xiaohongshu"))

    state = state_of(ctx, "xiaohongshu")
    assert state.losses_total == 1 and state.losses_last_run == 0  # not opened again
    assert "正文无法读取" in state.last_loss and site.posts[1].id in state.last_loss
