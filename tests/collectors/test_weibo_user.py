"""weibo_user: the brand's own timeline (since_id paging) and the comments under each post."""

from __future__ import annotations

from datetime import UTC, datetime

from collectors.runner import run_source
from collectors.state import SourceStatus
from tests.collectors.conftest import FAST, indexed, source_of, state_of
from tests.collectors.site import Page, Site, fixture

TIMELINE = "/api/container/getIndex?containerid=1076037001"
COMMENTS = "/comments/hotflow?id=6001&mid=6001&max_id_type=0"


def user_source(site: Site) -> dict[str, object]:
    """A weibo_user source for the brand's account 7001 on the local site."""
    options = {**FAST, "base_url": site.url, "uids": [7001], "max_pages": 3}
    return {"name": "own", "type": "weibo_user", "options": options}


def route_account(site: Site, comments_first: Page | None = None) -> None:
    """Timeline pages 1-2 and two comment pages under post 6001."""
    site.route(TIMELINE, fixture("weibo_user_p1.json"))
    site.route(f"{TIMELINE}&since_id=6000", fixture("weibo_user_p2.json"))
    site.route(COMMENTS, *[p for p in (comments_first, fixture("weibo_comments_p1.json")) if p])
    site.route(f"{COMMENTS}&max_id=139000000", fixture("weibo_comments_p2.json"))


def test_timeline_and_comments(site, make_ctx):
    route_account(site)
    ctx = make_ctx([user_source(site)])

    run = run_source(ctx, source_of(ctx, "own"))

    assert run.status == SourceStatus.OK, run.error
    found = indexed(ctx, "own")
    assert sorted(found) == ["6001", "6002", "7101", "7102"]
    reply = found["6001"]
    assert (reply.author.name, reply.author.followers, reply.author.verified) == (
        "鲜味坊官方",
        865_000,
        True,
    )
    complaint = found["7101"]
    assert complaint.reply_to == "6001" and complaint.text == "你们官方微博把我的电话都公开了？！"
    assert complaint.published_at == datetime(2026, 11, 23, 9, 27, tzinfo=UTC)
    assert (complaint.metrics.likes, complaint.metrics.comments) == (56, 4)
    assert found["7102"].author.followers == 31_000
    assert complaint.region == "北京"  # comment source "来自北京"
    assert found["7102"].region is None  # "来自微博网页版" names a client, not a region
    assert reply.region is None  # the mblog carries no region_name
    assert "/comments/hotflow?id=6002&mid=6002&max_id_type=0" not in site.log  # no comments there
    assert "/comments/hotflow?id=5990&mid=5990&max_id_type=0" in site.log  # page 2 still read
    assert state_of(ctx, "own").cursor is not None


def test_failed_comment_page_degrades_without_moving_the_cursor(site, make_ctx):
    route_account(site, comments_first=Page(b"busy", 502, "text/html"))
    site.route(COMMENTS, Page(b"busy", 502, "text/html"))
    ctx = make_ctx([user_source(site)])

    run = run_source(ctx, source_of(ctx, "own"))

    assert run.status == SourceStatus.DEGRADED
    assert sorted(indexed(ctx, "own")) == ["6001", "6002"]
    state = state_of(ctx, "own")
    assert state.cursor is None and "502" in state.last_error
