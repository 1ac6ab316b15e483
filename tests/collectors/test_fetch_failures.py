"""Download failures (timeouts, refused connections, 5xx, bad addresses) as one Chinese line
per URL, with no Scrapy traceback or English log line on the way."""

from __future__ import annotations

import logging
import socket
import time

import pytest

from collectors.runner import run_source
from collectors.state import SourceStatus
from tests.collectors.conftest import FAST, source_of
from tests.collectors.site import Page, Site, fixture

XML = "application/xml"


def rss(name: str, urls: list[str], **options: object) -> dict[str, object]:
    """An rss source reading urls."""
    return {"name": name, "type": "rss", "options": {**FAST, "urls": urls, **options}}


def closed_port() -> int:
    """A local port nobody listens on."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def slow(seconds: float) -> Page:
    """Waits, then answers an empty feed (too late for the crawl's timeout)."""
    time.sleep(seconds)
    return Page(b"<rss><channel></channel></rss>", 200, XML)


def english_log_lines(caplog: pytest.LogCaptureFixture) -> list[str]:
    """Warnings and errors Scrapy or Twisted logged (the user would see them)."""
    return [
        r.getMessage()
        for r in caplog.records
        if r.levelno >= logging.WARNING and r.name.split(".")[0] in ("scrapy", "twisted")
    ]


def test_a_page_slower_than_options_timeout_is_one_chinese_line(site, make_ctx, caplog):
    caplog.set_level(logging.WARNING)
    site.handle("/slow", lambda _query: slow(4))
    url = site.url + "/slow"
    ctx = make_ctx([rss("feeds", [url], timeout="2s", retries=0)])

    started = time.monotonic()
    run = run_source(ctx, source_of(ctx, "feeds"))

    assert time.monotonic() - started < 4  # the 30 s download timeout is not waited for
    assert run.status == SourceStatus.DEGRADED
    assert run.error is not None and run.error.startswith(f"超时（2 秒）未响应：{url}；"), run.error
    assert "timeout" in run.error and english_log_lines(caplog) == []


def test_download_timeout_names_its_option(site, make_ctx, caplog):
    caplog.set_level(logging.WARNING)
    site.handle("/slow", lambda _query: slow(3))
    url = site.url + "/slow"
    ctx = make_ctx([rss("feeds", [url], download_timeout=1, retries=0)])

    run = run_source(ctx, source_of(ctx, "feeds"))

    assert run.error == f"超时（1 秒）未响应：{url}；站点慢可调大 options.download_timeout"
    assert english_log_lines(caplog) == []


def test_a_refused_connection_counts_once_in_chinese(make_ctx, caplog):
    caplog.set_level(logging.WARNING)
    url = f"http://127.0.0.1:{closed_port()}/feed"  # robots.txt is refused as well
    ctx = make_ctx([rss("feeds", [url])])

    run = run_source(ctx, source_of(ctx, "feeds"))

    assert run.status == SourceStatus.DEGRADED
    assert run.error == f"连接被拒绝：{url}；检查地址与端口，确认站点在运行"
    assert english_log_lines(caplog) == []  # no "Gave up retrying", no traceback


def test_a_5xx_page_is_reported_in_chinese_and_robots_txt_is_no_page(site, make_ctx, caplog):
    caplog.set_level(logging.WARNING)
    site.route("/news.atom", fixture("atom_news.xml", content_type=XML))
    site.route("/down", Page(b"oops", 500, "text/plain"))
    ctx = make_ctx([rss("feeds", [site.url + "/news.atom", site.url + "/down"])])

    run = run_source(ctx, source_of(ctx, "feeds"))

    assert run.status == SourceStatus.DEGRADED
    assert run.warnings == [f"服务器错误 HTTP 500：{site.url}/down；站点故障，下次运行会重试"]
    assert run.pages == 2  # the feed and the last answer of /down; not robots.txt
    assert english_log_lines(caplog) == []


def test_an_address_that_is_not_http_is_a_configuration_error(site: Site, make_ctx):
    ctx = make_ctx([rss("feeds", [site.url + "/feed", "not a url", "ftp://b/"])])

    run = run_source(ctx, source_of(ctx, "feeds"))

    assert run.status == SourceStatus.MISCONFIGURED
    assert "sources[feeds].options.urls[1]：不是 http(s) 地址：'not a url'" in (run.error or "")
    assert "sources[feeds].options.urls[2]：不是 http(s) 地址：'ftp://b/'" in (run.error or "")
