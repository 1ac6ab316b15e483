"""rss: RSSHub (HTML in description), Atom, a GB18030 feed, a login page instead of a feed."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta

from collectors.runner import run_source
from collectors.state import SourceState, SourceStatus
from core.enums import Channel
from tests.collectors.conftest import FAST, NOW, indexed, source_of, state_of
from tests.collectors.site import Page, Site, fixture

XML = "application/xml"


def rss_source(site: Site, *paths: str, **options: object) -> dict[str, object]:
    """An rss source reading paths of the local site."""
    base = {"urls": [site.url + p for p in paths]}
    return {"name": "feeds", "type": "rss", "options": {**FAST, **base, **options}}


def test_rsshub_atom_and_gb18030_feeds(site, make_ctx):
    site.route("/weibo/keyword/xwf", fixture("rsshub_weibo_keyword.xml", content_type=XML))
    site.route("/news.atom", fixture("atom_news.xml", content_type="application/atom+xml"))
    site.route("/bbs.rss", fixture("rss_gb18030.xml", content_type="text/xml"))
    ctx = make_ctx([rss_source(site, "/weibo/keyword/xwf", "/news.atom", "/bbs.rss")])

    run = run_source(ctx, source_of(ctx, "feeds"))

    assert run.status == SourceStatus.OK, run.error
    found = indexed(ctx, "feeds")
    assert sorted(found) == ["bbs-77", "https://weibo.com/1234567/Pabcdef", "urn:uuid:news-1"]
    weibo = found["https://weibo.com/1234567/Pabcdef"]
    # RSSHub repeats the post as title and description: the words are stored once
    assert (weibo.title, weibo.text) == (None, "鲜味坊的骑手态度太差了，还骂人")
    assert weibo.full_text == "鲜味坊的骑手态度太差了，还骂人"
    assert weibo.published_at == datetime(2026, 11, 23, 8, 40, tzinfo=UTC)
    assert weibo.author.name == "愤怒的顾客" and weibo.channel == Channel.NEWS
    news = found["urn:uuid:news-1"]
    assert news.text == "记者调查发现，鲜味坊外卖包装漏汤问题集中。"
    assert news.url == "https://news.example.cn/2026/11/23/xwf.html"
    assert news.author.name == "记者 李明"
    assert news.published_at == datetime(2026, 11, 23, 8, 30, tzinfo=UTC)
    assert found["bbs-77"].title == "鲜味坊又涨价了😡"


def test_channel_option(site, make_ctx):
    site.route("/weibo/keyword/xwf", fixture("rsshub_weibo_keyword.xml", content_type=XML))
    ctx = make_ctx([rss_source(site, "/weibo/keyword/xwf", channel="weibo")])

    run_source(ctx, source_of(ctx, "feeds"))

    assert {m.channel for m in indexed(ctx, "feeds").values()} == {Channel.WEIBO}


def test_html_instead_of_feed_blocks(site, make_ctx):
    login = "<html><head><title>登录</title></head><body>请先登录</body></html>".encode()
    site.route("/weibo/keyword/xwf", Page(login, 200, "text/html; charset=utf-8"))
    ctx = make_ctx([rss_source(site, "/weibo/keyword/xwf")])

    assert run_source(ctx, source_of(ctx, "feeds")).status == SourceStatus.BLOCKED


def test_one_broken_feed_degrades_but_keeps_the_others(site, make_ctx):
    site.route("/news.atom", fixture("atom_news.xml", content_type=XML))
    site.route("/broken.xml", Page(b"<<<>>> not xml", 200, XML))
    ctx = make_ctx([rss_source(site, "/news.atom", "/broken.xml")])

    run = run_source(ctx, source_of(ctx, "feeds"))

    assert run.status == SourceStatus.DEGRADED
    assert list(indexed(ctx, "feeds")) == ["urn:uuid:news-1"]


def test_a_cut_text_and_a_future_date_are_losses_of_the_run(site, make_ctx):
    long_text = "鲜味坊外卖洒了" * 3000  # 21,000 characters: over MAX_TEXT
    feed = f"""<?xml version="1.0" encoding="utf-8"?>
<rss version="2.0"><channel><title>鲜味坊</title>
<item><guid>long-1</guid><title>长帖</title><description>{long_text}</description>
<pubDate>Mon, 23 Nov 2026 08:30:00 GMT</pubDate></item>
<item><guid>future-1</guid><title>穿越帖</title><description>鲜味坊的汤洒了</description>
<pubDate>Fri, 01 Jan 2099 08:30:00 GMT</pubDate></item>
</channel></rss>"""
    site.route("/bbs.rss", Page(feed.encode(), 200, XML))
    ctx = make_ctx([rss_source(site, "/bbs.rss")])

    run = run_source(ctx, source_of(ctx, "feeds"))

    assert sorted(indexed(ctx, "feeds")) == ["future-1", "long-1"]
    cut = [loss for loss in run.losses if loss.startswith("入库时已截断")]
    fixed = [loss for loss in run.losses if loss.startswith("入库时已修正")]
    assert len(cut) == 1 and "正文 21000 字，超过 20000 字的部分未保存" in cut[0]
    assert len(fixed) == 1 and "发布时间" in fixed[0]  # the cut is not listed twice


def _feed(*items: tuple[str, datetime]) -> Page:
    entries = "".join(
        f"<item><guid>{guid}</guid><title>鲜味坊 {guid}</title><description>鲜味坊的汤洒了 {guid}"
        f"</description><pubDate>{when.strftime('%a, %d %b %Y %H:%M:%S GMT')}</pubDate></item>"
        for guid, when in items
    )
    body = f'<?xml version="1.0"?><rss version="2.0"><channel>{entries}</channel></rss>'
    return Page(body.encode(), 200, XML)


def test_a_future_dated_item_does_not_hide_the_posts_that_follow(site, make_ctx, clock):
    site.route(
        "/bbs.rss",
        _feed(("old-1", NOW - timedelta(hours=1)), ("future-1", NOW + timedelta(days=20))),
        _feed(("future-1", NOW + timedelta(days=20)), ("new-1", NOW + timedelta(minutes=5))),
    )
    ctx = make_ctx([rss_source(site, "/bbs.rss")])

    run_source(ctx, source_of(ctx, "feeds"))
    mark = json.loads(state_of(ctx, "feeds").cursor)["since"]
    assert datetime.fromisoformat(mark) <= NOW, "the mark never passes the collection time"
    clock.advance_to(NOW + timedelta(minutes=10))
    run_source(ctx, source_of(ctx, "feeds"))

    assert sorted(indexed(ctx, "feeds")) == ["future-1", "new-1", "old-1"]


def test_a_stored_mark_in_the_future_is_read_as_now(site, make_ctx, clock):
    site.route("/bbs.rss", _feed(("new-1", NOW - timedelta(minutes=5))))
    ctx = make_ctx([rss_source(site, "/bbs.rss")])
    with ctx.sessions.begin() as session:  # as an older version left it
        future = (NOW + timedelta(days=20)).isoformat()
        session.add(SourceState(name="feeds", type="rss", cursor=json.dumps({"since": future})))

    run_source(ctx, source_of(ctx, "feeds"))

    assert sorted(indexed(ctx, "feeds")) == ["new-1"]


def test_an_undated_item_is_kept_at_its_collection_time_and_says_so(site, make_ctx):
    feed = """<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel>
<item><guid>g2</guid><title>鲜味坊没有日期的帖子</title><description>汤洒了</description></item>
</channel></rss>"""
    site.route("/bbs.rss", Page(feed.encode(), 200, XML))
    ctx = make_ctx([rss_source(site, "/bbs.rss")])

    run_source(ctx, source_of(ctx, "feeds"))

    stored = indexed(ctx, "feeds")["g2"]
    assert stored.published_at == stored.collected_at == NOW
    assert stored.repairs == ["来源未给出发布时间，已按采集时间记录"]


def test_a_429_retry_after_longer_than_the_default_sets_the_cooldown(site, make_ctx, clock):
    site.route("/slow-down", Page(b"", 429, "text/plain", {"Retry-After": "7200"}))
    site.route("/soon", Page(b"", 429, "text/plain", {"Retry-After": "60"}))
    ctx = make_ctx(
        [
            {**rss_source(site, "/slow-down"), "name": "long"},
            {**rss_source(site, "/soon"), "name": "short"},
        ]
    )

    run_source(ctx, source_of(ctx, "long"))
    run_source(ctx, source_of(ctx, "short"))

    assert state_of(ctx, "long").cooldown_until == clock() + timedelta(hours=2)
    assert state_of(ctx, "short").cooldown_until == clock() + timedelta(minutes=30)


GBK_FEED = """<?xml version="1.0"?>
<rss version="2.0"><channel><title>鲜味坊论坛</title>
<item><guid>gbk-1</guid><title>鲜味坊外卖洒了一半，客服不理人</title>
<description>鲜味坊外卖洒了一半，打了三次客服电话都没人接，真的很失望。</description>
<pubDate>Mon, 23 Nov 2026 08:00:00 +0000</pubDate></item>
</channel></rss>""".encode("gbk")  # no encoding= declaration, no charset in Content-Type


def test_an_undeclared_gbk_feed_is_read_with_the_encoding_option(site, make_ctx):
    site.route("/bbs.rss", Page(GBK_FEED, 200, XML))
    ctx = make_ctx(
        [
            {**rss_source(site, "/bbs.rss"), "name": "guessed"},
            {**rss_source(site, "/bbs.rss", encoding="gbk"), "name": "told"},
        ]
    )

    guessed = run_source(ctx, source_of(ctx, "guessed"))
    told = run_source(ctx, source_of(ctx, "told"))

    assert guessed.status == SourceStatus.PARTIAL
    assert any("options.encoding" in loss for loss in guessed.losses), guessed.losses
    assert told.status == SourceStatus.OK, (told.error, told.losses)
    assert indexed(ctx, "told")["gbk-1"].title == "鲜味坊外卖洒了一半，客服不理人"


def test_an_unknown_encoding_is_a_configuration_error(site, make_ctx):
    ctx = make_ctx([rss_source(site, "/bbs.rss", encoding="gbkk")])

    run = run_source(ctx, source_of(ctx, "feeds"))

    assert run.status == SourceStatus.MISCONFIGURED
    assert "sources[feeds].options.encoding：未知的编码 'gbkk'" in (run.error or "")


def test_malformed_xml_is_said_not_silently_cut(site, make_ctx):
    feed = """<?xml version="1.0" encoding="utf-8"?>
<rss version="2.0"><channel><title>鲜味坊</title>
<item><guid>bad-1</guid><title>鲜味坊 A&B ‹坏标签</title><description>正文</description>
<pubDate>Mon, 23 Nov 2026 08:00:00 +0000</pubDate></item>
</channel></rss>""".encode()
    site.route("/bad.xml", Page(feed, 200, XML))
    ctx = make_ctx([rss_source(site, "/bad.xml")])

    run = run_source(ctx, source_of(ctx, "feeds"))

    assert run.status == SourceStatus.PARTIAL
    assert run.losses[0].startswith("订阅源 XML 格式有误（第 3 行"), run.losses
    assert f"{site.url}/bad.xml" in run.losses[0]


def test_the_loss_line_lists_the_first_reasons_not_only_the_first():
    from collectors.runner import loss_summary

    losses = [f"入库被拒 x{i}：正文为空" for i in range(5)]
    line = loss_summary(losses)
    assert line.startswith("5 处损失：1. 入库被拒 x0：正文为空；2. 入库被拒 x1")
    assert "3. 入库被拒 x2" in line and "x3" not in line and line.endswith("另有 2 处")
    assert (
        loss_summary([]) == "" and loss_summary(losses[:1]) == "1 处损失：1. 入库被拒 x0：正文为空"
    )
