"""rss: RSSHub (HTML in description), Atom, a GB18030 feed, a login page instead of a feed."""

from __future__ import annotations

from datetime import UTC, datetime

from collectors.runner import run_source
from collectors.state import SourceStatus
from core.enums import Channel
from tests.collectors.conftest import FAST, indexed, source_of
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
    assert (weibo.title, weibo.text) == (
        "鲜味坊的骑手态度太差了，还骂人",
        "鲜味坊的骑手态度太差了，还骂人",
    )
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
