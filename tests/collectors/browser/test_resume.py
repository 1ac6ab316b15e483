"""A browser source resumes where it stopped: a failed comment page is read on the next run,
nothing is read twice, and a wrongly dated comment hides nothing after it."""

from __future__ import annotations

from datetime import timedelta

import pytest

from collectors.runner import run_source
from collectors.state import SourceStatus
from tests.collectors.browser.platforms import (
    browser_source,
    comment_id,
    cookies_file,
    detail_path,
    expected_ids,
)
from tests.collectors.conftest import NOW, indexed, source_of, state_of

pytestmark = pytest.mark.browser


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
    late.id = comment_id(platform, 99)
    second.comments.append(late)
    third = run_source(ctx, source_of(ctx, platform))
    assert [m.native_id for m in third.report.new] == [late.id]
    assert [m.native_id for m in third.report.updated] == [second.id]  # its comment count grew
    assert third.report.duplicates == 0
    assert indexed(ctx, platform)[second.id].metrics.comments == 2
    assert fake.opened(detail_path(platform, fake, first)) == 2  # unchanged post not reopened
    assert state_of(ctx, platform).items_total == len(expected_ids(fake))


def test_a_future_dated_comment_does_not_hide_the_comments_that_follow(
    bilibili, cdp_url, make_ctx, clock, tmp_path
):
    post = bilibili.posts[1]
    comment = type(post.comments[0])
    wrong_clock = comment("97", "评论时间错了", NOW + timedelta(days=20), "时钟错", "广东")
    wrong_clock.id = comment_id("bilibili", 97)
    post.comments.append(wrong_clock)
    ctx = make_ctx(
        [browser_source("bilibili", bilibili, cdp_url, cookies_file(tmp_path, bilibili))]
    )
    first = run_source(ctx, source_of(ctx, "bilibili"))
    assert wrong_clock.id in {m.native_id for m in first.report.new}

    later = comment("98", "又来投诉：退款还没到", NOW + timedelta(minutes=5), "新用户", "四川")
    later.id = comment_id("bilibili", 98)
    post.comments.append(later)
    clock.advance_to(NOW + timedelta(minutes=10))
    second = run_source(ctx, source_of(ctx, "bilibili"))

    assert later.id in {m.native_id for m in second.report.new}
    assert later.id in indexed(ctx, "bilibili")
