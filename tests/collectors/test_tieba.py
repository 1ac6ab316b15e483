"""tieba: forum list (thread list in an HTML comment) → thread pages → 楼中楼; GBK; blocks."""

from __future__ import annotations

from datetime import UTC, datetime
from urllib.parse import quote

from collectors.runner import run_source
from collectors.state import SourceStatus
from tests.collectors.conftest import FAST, indexed, source_of, state_of
from tests.collectors.site import Page, Site, fixture

FORUM = "鲜味坊"
LIST = f"/f?kw={quote(FORUM)}&ie=utf-8&pn="
SEARCH = f"/f/search/res?ie=utf-8&sm=1&rn=20&qw={quote(FORUM)}&pn="
TOTAL_COMMENT = "/p/totalComment?tid=9001&fid=77&pn={}&see_lz=0"
LZL_PAGE = "/p/comment?tid=9001&pid=90011&pn="


def tieba_source(site: Site, **options: object) -> dict[str, object]:
    """A tieba source on the local site."""
    base = {"base_url": site.url, "forums": [FORUM], "max_pages": 2}
    return {"name": "tb", "type": "tieba", "options": {**FAST, **base, **options}}


def serve_forum(site: Site) -> None:
    """Two list pages and the two pages of thread 9001."""
    site.route(LIST + "0", fixture("tieba_list_p1.html"))
    site.route(LIST + "50", fixture("tieba_list_p2.html"))
    site.route("/p/9001", fixture("tieba_thread_9001_p1.html"))
    site.route("/p/9001?pn=2", fixture("tieba_thread_9001_p2.html"))


def test_forum_threads_newest_pages_first(site, make_ctx):
    serve_forum(site)
    ctx = make_ctx([tieba_source(site, lzl=False)])

    run = run_source(ctx, source_of(ctx, "tb"))

    assert run.status == SourceStatus.OK, run.error
    found = indexed(ctx, "tb")
    assert sorted(found) == ["90010", "90011", "90031"]  # 90005 is a month old
    opener = found["90010"]
    assert opener.title == "鲜味坊外卖吃出异物，客服推诿"
    assert (
        opener.text
        == "昨晚点的鲜味坊外卖，米饭里吃出一根钢丝！\n打客服电话说找门店，门店说找平台，来回推诿。"
    )
    assert opener.published_at == datetime(2026, 11, 22, 13, 10, tzinfo=UTC)
    assert (opener.author.id, opener.author.name, opener.channel) == ("501", "维权的小李", "forum")
    assert found["90031"].reply_to == "90010" and found["90011"].reply_to == "90010"
    # floor tails "IP属地:广东" / "IP属地:北京"; floor 2 shows none
    assert (opener.region, found["90031"].region, found["90011"].region) == ("广东", "北京", None)
    assert found["90031"].url == f"{site.url}/p/9001?pid=90031#90031"
    assert "/p/9002" not in site.log and "/p/8800" not in site.log  # not active in the window
    assert LIST + "100" not in site.log
    assert not [path for path in site.log if path.startswith("/p/totalComment")]


def test_replies_inside_floors(site, make_ctx):
    serve_forum(site)
    site.route(TOTAL_COMMENT.format(1), fixture("tieba_total_comment_9001_p1.json"))
    site.route(TOTAL_COMMENT.format(2), fixture("tieba_total_comment_9001_p2.json"))
    site.route(
        LZL_PAGE + "2",
        fixture("tieba_comment_9001_90011_p2_gbk.html", content_type="text/html; charset=GBK"),
    )
    ctx = make_ctx([tieba_source(site)])

    run = run_source(ctx, source_of(ctx, "tb"))

    assert run.status == SourceStatus.OK, run.error
    found = indexed(ctx, "tb")
    replies = {k: m for k, m in found.items() if k not in ("90010", "90011", "90031")}
    assert sorted(replies) == [
        "90101",
        "90102",
        *(str(n) for n in range(90110, 90120)),
        "90121",
        "90122",
    ]
    answer = found["90102"]  # the brand's account answering inside the opener's floor
    assert answer.reply_to == "90010" and found["90010"].reply_to is None
    assert (answer.author.id, answer.author.name) == ("504", "鲜味坊官方客服")
    assert answer.text == "回复 维权的小李 :您好，已私信您，请提供订单号，我们会尽快核实处理。"
    assert answer.published_at == datetime(2026, 11, 23, 2, 5, tzinfo=UTC)
    assert answer.url == f"{site.url}/p/9001?pid=90010&cid=90102#90102"
    later = found["90122"]  # from the GBK /p/comment page: the floor had more than were listed
    assert (later.reply_to, later.author.name, later.text) == (
        "90011",
        "吃瓜群众小王",
        "官方回了吗？坐等",
    )
    assert later.published_at == datetime(2026, 11, 23, 8, 45, tzinfo=UTC)
    assert found["90121"].text.endswith(":已联系门店，今天内给您回电，给您带来不便非常抱歉")
    assert "90050" not in found  # a reply under the month-old floor, outside the window
    assert LZL_PAGE + "1" not in site.log  # page 1 of that floor came with totalComment


def test_broken_reply_json_is_a_page_problem(site, make_ctx):
    serve_forum(site)
    site.route(
        TOTAL_COMMENT.format(1),
        Page(b'{"errno":0,"data":{"comment_list":{"90010":', 200, "application/json"),
    )
    site.route(TOTAL_COMMENT.format(2), fixture("tieba_total_comment_9001_p2.json"))
    ctx = make_ctx([tieba_source(site)])

    run = run_source(ctx, source_of(ctx, "tb"))

    assert run.status == SourceStatus.DEGRADED
    assert sorted(indexed(ctx, "tb")) == ["90010", "90011", "90031"]
    assert (
        "JSON" in state_of(ctx, "tb").last_error
        and "totalComment" in state_of(ctx, "tb").last_error
    )


def test_keyword_search_page_in_gbk(site, make_ctx):
    site.route(SEARCH + "1", fixture("tieba_search_gbk.html", content_type="text/html"))
    site.route(
        SEARCH + "2",
        Page(b"<html><body><div class='s_post_list'></div></body></html>", 200, "text/html"),
    )
    ctx = make_ctx([tieba_source(site, forums=None, keywords=[FORUM])])

    run = run_source(ctx, source_of(ctx, "tb"))

    assert run.status == SourceStatus.OK, run.error
    found = indexed(ctx, "tb")
    assert sorted(found) == ["91011"]
    hit = found["91011"]
    assert hit.title == "鲜味坊退款一个月还没到账"
    assert hit.text == "在鲜味坊小程序申请的退款，一个月了还没到账，客服只会说“请耐心等待”。"
    assert hit.author.name == "等退款的人"
    assert hit.url == f"{site.url}/p/9101?pid=91011&cid=0#91011"


def test_captcha_redirect_blocks(site, make_ctx):
    captcha = "/static/captcha/tuxing.html?ak=x&backurl=%2Ff"
    site.route(LIST + "0", Page(b"", 302, "text/html", {"Location": captcha}))
    site.route(captcha, fixture("tieba_captcha.html", content_type="text/html; charset=utf-8"))
    ctx = make_ctx([tieba_source(site)])

    run = run_source(ctx, source_of(ctx, "tb"))

    assert run.status == SourceStatus.BLOCKED
    assert "验证" in state_of(ctx, "tb").last_error


def test_empty_list_page_counts_as_blocked(site, make_ctx):
    site.route(LIST + "0", Page(b"<html><body></body></html>", 200, "text/html"))
    ctx = make_ctx([tieba_source(site)])

    run = run_source(ctx, source_of(ctx, "tb"))

    assert run.status == SourceStatus.BLOCKED
    assert "内容为空" in (run.error or "")


REAL_LIST = f"/f?kw={quote('鲜味坊吧')}&ie=utf-8&pn=0"
PICTURE = "https://imgsa.baidu.com/forum/w%3D580/sign=8a0e3c1fb4003af34dbadc68052bc619/0b46f21fbe096b63f2c1e5a94b338744ebf8ac6e.jpg"


def test_real_shaped_thread_keeps_pictures_emoticons_and_shown_names(site, make_ctx):
    site.route(REAL_LIST, fixture("tieba_list_real_p1.html"))
    site.route("/p/9301", fixture("tieba_thread_9301_p1.html"))
    site.route(
        "/p/totalComment?tid=9301&fid=77&pn=1&see_lz=0",
        fixture("tieba_total_comment_9301_p1.json"),
    )
    ctx = make_ctx([tieba_source(site, forums=["鲜味坊吧"], max_pages=1)])

    run = run_source(ctx, source_of(ctx, "tb"))

    found = indexed(ctx, "tb")
    assert sorted(found) == ["93010", "93011", "93012", "93101", "93102"]
    opener, screenshot, emoticons = found["93010"], found["93011"], found["93012"]
    # the name the page shows, not the internal user_name "xwf_user_2026"
    assert opener.author.name == "鲜味坊受害者" and opener.author.id == "6101"
    assert opener.text == "鲜味坊外卖盒里有一根长头发，打客服说只能退5块钱。\n[表情]"
    assert len(opener.media) == 1 and opener.media[0].startswith("https://imgsa.baidu.com/")
    # a screenshot-only floor by a nickname-only account (user_name "") is kept
    assert (screenshot.text, screenshot.media, screenshot.author.name) == (
        "[图片]",
        [PICTURE],
        "小鹿乱撞🦌",
    )
    assert (emoticons.text, emoticons.media, emoticons.author.name) == (
        "[表情][表情]",
        [],
        "好奇的猫",
    )
    assert emoticons.published_at == datetime(2026, 11, 23, 5, 2, tzinfo=UTC)
    # "IP属地:中国香港" / "中国台湾" are the same names Weibo's "发布于 香港" gives
    assert (opener.region, screenshot.region, emoticons.region) == ("香港", "广东", "台湾")
    # 楼中楼: show_nickname over the internal username; an emoticon-only reply is kept
    assert found["93101"].author.name == "吃瓜路人"
    assert (found["93102"].text, found["93102"].author.name) == ("[表情]", "好奇的猫")
    # the empty 4th floor is a counted loss, so the run is not "ok"
    assert run.status == SourceStatus.PARTIAL, run.error
    state = state_of(ctx, "tb")
    assert state.losses_last_run == 1 and "93013" in state.last_loss
