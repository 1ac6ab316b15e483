"""A search card that shows no comment count (小红书 cards often show likes only): the note must
be opened again on later runs, so the complaints that arrive under it are collected — and only
those (nothing repeated)."""

from __future__ import annotations

import json
from collections.abc import Callable
from datetime import timedelta

import pytest

from collectors.runner import run_source
from collectors.state import SourceStatus
from tests.collectors.browser.review_kit import SEARCH_API, source
from tests.collectors.browser_site import Reply, Request, json_reply
from tests.collectors.conftest import NOW, indexed, source_of

pytestmark = pytest.mark.browser


def without_comment_counts(request: Request, original: Callable[[], Reply]) -> Reply | None:
    """The search answer with interact_info.comment_count taken out of every card."""
    if request.path != SEARCH_API["xiaohongshu"]:
        return None
    body = json.loads(original().body)
    for item in body["data"]["items"]:
        (item.get("note_card") or {}).get("interact_info", {}).pop("comment_count", None)
    return json_reply(body)


def test_new_comments_under_a_note_whose_card_shows_no_count_are_collected(
    sites, cdp_url, make_ctx, tmp_path, clock
):
    site = sites("xiaohongshu", without_comment_counts)
    ctx = make_ctx([source("xiaohongshu", site, cdp_url, tmp_path)])
    first = run_source(ctx, source_of(ctx, "xiaohongshu"))
    assert first.status == SourceStatus.OK, (first.error, first.warnings)
    assert len(first.report.new) == 7

    post = site.posts[1]
    late = type(post.comments[0])(
        "6650c3d4000000000c000099", "又来一次，鲜味坊客服还是不回", NOW + timedelta(minutes=5),
        "新用户", "四川",
    )  # fmt: skip
    post.comments.append(late)
    clock.advance_to(NOW + timedelta(minutes=10))
    second = run_source(ctx, source_of(ctx, "xiaohongshu"))

    assert second.status == SourceStatus.OK, (second.error, second.warnings)
    assert [m.native_id for m in second.report.new] == [late.id]  # the new one, nothing repeated
    # the other note is opened again (its card shows no count) and deduplicated by id
    assert second.report.duplicates == 1
    assert [m.native_id for m in second.report.updated] == [post.id]  # its count grew
    assert late.id in indexed(ctx, "xiaohongshu")
