"""weibo_user: the brand's own timeline (since_id paging) and the comments under each post."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from collectors.fields import WEIBO_TIME_FORMAT
from collectors.runner import run_source
from collectors.spiders.weibo_common import id_time
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
    site.route(  # post 5990 on page 2: its comments have all been deleted meanwhile
        "/comments/hotflow?id=5990&mid=5990&max_id_type=0", fixture("weibo_no_results.json")
    )


def test_timeline_and_comments(site, make_ctx):
    route_account(site)
    ctx = make_ctx([user_source(site)])

    run = run_source(ctx, source_of(ctx, "own"))

    assert run.status == SourceStatus.OK, run.losses
    found = indexed(ctx, "own")
    assert sorted(found) == ["6001", "6002", "7101", "7102"]
    reply = found["6001"]
    assert (reply.author.name, reply.author.followers, reply.author.verified) == (
        "鲜味坊官方",
        865_000,
        True,
    )
    complaint = found["7101"]
    assert complaint.reply_to == "6001"
    assert complaint.text == "你们官方微博把我的电话都公开了？！[怒]"  # emoticon kept as a word
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


REAL_TIMELINE = "/api/container/getIndex?containerid=1076037002"
# 16-digit mids as m.weibo.cn serves them: (mid >> 22) + 515483463 is the post's second
FIVE_MINUTES, DAY_ONLY, YESTERDAY = "5368467645533207", "5368163080467107", "5368148115238913"


def comments_of(mid: str) -> str:
    """The first hot-flow comment page of a post."""
    return f"/comments/hotflow?id={mid}&mid={mid}&max_id_type=0"


def test_real_shaped_timeline_times_from_ids_pictures_and_a_lost_comment_page(site, make_ctx):
    site.route(REAL_TIMELINE, fixture("weibo_user_real_p1.json"))
    site.route(comments_of(DAY_ONLY), fixture(f"weibo_comments_real_{DAY_ONLY}.json"))
    site.route(comments_of(YESTERDAY), Page(b"<html>404</html>", 404, "text/html"))  # deleted
    options = {**FAST, "base_url": site.url, "uids": [7002], "max_pages": 1}
    ctx = make_ctx([{"name": "own", "type": "weibo_user", "options": options}])

    run = run_source(ctx, source_of(ctx, "own"))

    found = indexed(ctx, "own")
    assert len(found) == 6
    # created_at "11-22" / "昨天 20:15" / "5分钟前": the second comes from the id
    assert found[DAY_ONLY].published_at == datetime(2026, 11, 22, 13, 14, 37, tzinfo=UTC)
    assert found[YESTERDAY].published_at == datetime(2026, 11, 22, 12, 15, 9, tzinfo=UTC)
    assert found[FIVE_MINUTES].published_at == datetime(2026, 11, 23, 9, 24, 51, tzinfo=UTC)
    pictures = found[YESTERDAY]  # a post of two pictures and no words
    assert pictures.text == "[图片]" and [url.rsplit("/", 2)[1] for url in pictures.media] == [
        "large",
        "large",
    ]
    assert found[FIVE_MINUTES].text == "[哭][哭][哭]"  # emoticons only
    assert found[DAY_ONLY].text.endswith("这是打发叫花子吗？[怒]")
    comments = {m.native_id: m for m in found.values() if m.reply_to == DAY_ONLY}
    by_time = sorted(comments.values(), key=lambda m: m.published_at)
    assert [m.published_at for m in by_time] == [
        datetime(2026, 11, 22, 13, 40, 2, tzinfo=UTC),  # "11-22", from the id
        datetime(2026, 11, 22, 14, 3, 45, tzinfo=UTC),  # "11-22", from the id
        datetime(2026, 11, 23, 0, 1, 0, tzinfo=UTC),  # full created_at kept
    ]
    angry, photo, full = by_time
    assert angry.text == "[怒][怒]"
    assert photo.media == ["https://wx2.sinaimg.cn/large/006cmt1ly1hw2pic.jpg"]
    # Weibo's "发布于 香港" and "来自中国香港" are one region
    assert (found[DAY_ONLY].region, full.region, photo.region) == ("香港", "香港", "广东")
    # the 404 comment page is a counted loss: the run is not "ok", the cursor still moves
    assert run.status == SourceStatus.PARTIAL
    state = state_of(ctx, "own")
    assert state.losses_last_run == 1 and "HTTP 404" in state.last_loss
    assert YESTERDAY in state.last_loss and state.cursor is not None


@pytest.mark.parametrize(
    ("native_id", "created_at"),
    [  # (id, created_at) pairs as public captures of Weibo answers show them
        ("4091509081366576", "Fri Mar 31 23:47:24 +0800 2017"),  # post
        ("4230466846817001", "Thu Apr 19 10:35:57 +0800 2018"),  # post
        ("4607741009594608", "Tue Feb 23 12:28:47 +0800 2021"),  # post
        ("5232630992732508", "Thu Nov 13 21:18:29 +0800 2025"),  # post
        ("4799762106156993", "Sun Aug 07 09:32:04 +0800 2022"),  # comment
        ("5101466727221344", "Sat Nov 16 22:38:31 +0800 2024"),  # comment
        ("5337290936160046", "Sat Aug 29 16:39:44 +0800 2026"),  # reply to a comment
    ],
)
def test_id_time_matches_the_created_at_weibo_printed(native_id, created_at):
    assert id_time(native_id, datetime(2026, 12, 1, tzinfo=UTC)) == datetime.strptime(
        created_at, WEIBO_TIME_FORMAT
    )


def test_ids_that_carry_no_time_give_none():
    now = datetime(2026, 11, 23, tzinfo=UTC)
    assert id_time("6001", now) is None  # not a 16-digit id
    assert id_time("K3fnuEfZK", now) is None  # a bid, not the numeric id
    assert id_time("9999999999999999", now) is None  # would lie in the future
