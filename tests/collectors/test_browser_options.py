"""Options, cookies files and the cursor of the browser sources (no browser needed)."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta

import pytest

from collectors.browser.cookies import load_cookies
from collectors.browser.ledger import Ledger
from collectors.registry import collector_class
from collectors.runner import run_source
from collectors.state import SourceStatus
from core.errors import ConfigError
from tests.collectors.conftest import source_of


def build(make_ctx, options, plans=None):
    """from_config of a xiaohongshu source with these options."""
    ctx = make_ctx([{"name": "xhs", "type": "xiaohongshu", "options": options}], plans)
    source = source_of(ctx, "xhs")
    return collector_class(source.type).from_config(source, ctx)


@pytest.mark.parametrize(
    ("options", "key", "words"),
    [
        ({"keywords": ["x"]}, "profile_dir", "需要登录态"),
        ({"keywords": ["x"], "profile_dir": "/p", "cdp_url": "http://h:1"}, "cdp_url", "二选一"),
        ({"keywords": ["x"], "cdp_url": "localhost:9222"}, "cdp_url", "http://127.0.0.1:9222"),
        ({"keywords": ["x"], "cdp_url": "http://h:1", "max_pges": 3}, "max_pges", "未知选项"),
        ({"keywords": ["x"], "cdp_url": "http://h:1", "delay": -1}, "delay", "不能为负数"),
    ],
)
def test_bad_options_name_the_option(make_ctx, options, key, words):
    with pytest.raises(ConfigError) as error:
        build(make_ctx, options)
    assert f"sources[xhs].options.{key}" in str(error.value) and words in str(error.value)


def test_keywords_default_to_the_plans_and_delay_to_the_platform(make_ctx):
    collector = build(make_ctx, {"cdp_url": "http://127.0.0.1:9222"})
    assert collector.options.keywords == ["鲜味坊"] and collector.options.delay == 5.0
    plans = [{"id": "p", "name": "p", "expression": "!退款"}]  # only an exclusion: no search term
    with pytest.raises(ConfigError, match="缺少搜索关键词"):
        build(make_ctx, {"cdp_url": "http://127.0.0.1:9222"}, plans)


def test_every_platform_registers(make_ctx, tmp_path):
    exported = tmp_path / "c.json"
    logins = [
        {"name": name, "value": "v", "domain": ".example.com"}
        for name in ("sessionid", "SESSDATA", "z_c0")
    ]
    exported.write_text(json.dumps(logins), "utf-8")
    for name, delay in (("douyin", 5.0), ("bilibili", 3.0), ("zhihu", 3.0)):
        source = {"name": name, "type": name, "options": {"cookies_file": str(exported)}}
        ctx = make_ctx([source])
        collector = collector_class(name).from_config(source_of(ctx, name), ctx)
        assert collector.options.delay == delay


def test_cookies_from_json_and_cookies_txt(tmp_path):
    exported = tmp_path / "cookies.json"
    exported.write_text(
        json.dumps(
            [
                {"name": "web_session", "value": "abc", "domain": ".xiaohongshu.com",
                 "path": "/", "expirationDate": 1893456000.5, "sameSite": "no_restriction"},
                {"name": "broken", "value": "x"},
            ]
        ),
        encoding="utf-8",
    )  # fmt: skip
    (cookie,) = load_cookies(exported, "w")
    assert cookie["name"] == "web_session" and cookie["expires"] == 1893456000.5
    assert cookie["sameSite"] == "None"

    txt = tmp_path / "cookies.txt"
    txt.write_text(
        "# Netscape HTTP Cookie File\n"
        "#HttpOnly_.bilibili.com\tTRUE\t/\tTRUE\t1893456000\tSESSDATA\tv%2C1\n"
        ".bilibili.com\tTRUE\t/\tFALSE\t0\tbuvid3\tb3\n",
        encoding="utf-8",
    )
    cookies = load_cookies(txt, "w")
    assert [(c["name"], c["httpOnly"], c["secure"]) for c in cookies] == [
        ("SESSDATA", True, True),
        ("buvid3", False, False),
    ]
    assert "expires" not in cookies[1]


def test_unusable_cookies_files_say_what_to_fix(tmp_path):
    with pytest.raises(ConfigError, match="无法读取 cookies 文件"):
        load_cookies(tmp_path / "missing.json", "sources[x].options.cookies_file")
    empty = tmp_path / "empty.json"
    empty.write_text("[]", encoding="utf-8")
    with pytest.raises(ConfigError, match="没有可用的 cookie"):
        load_cookies(empty, "w")
    bad = tmp_path / "bad.json"
    bad.write_text("[{", encoding="utf-8")
    with pytest.raises(ConfigError, match="不是有效的 JSON"):
        load_cookies(bad, "w")


def test_ledger_round_trip_and_limit():
    at = datetime(2026, 11, 23, 9, 0, 0, 500000, tzinfo=UTC)
    ledger = Ledger.load(None, limit=2)
    ledger.record("a", 3, at, frozenset({"c1"}))
    ledger.record("b", 1, at - timedelta(hours=1))
    ledger.record("c", 0, at)
    again = Ledger.load(ledger.dump(), limit=2)
    assert set(again.posts) == {"b", "c"}  # the oldest-read post was forgotten
    ledger.record("a", 3, at, frozenset({"c1"}))
    seen = Ledger.load(ledger.dump(), limit=2).get("a")
    assert seen is not None and seen.newest == at and seen.edge == {"c1"}
    assert not seen.is_new("c1", at) and seen.is_new("c2", at)
    assert not seen.is_new("c0", at - timedelta(seconds=1))
    assert Ledger.load('{"since": "2026-11-23"}', 5).posts == {}  # a foreign cursor starts empty
    assert Ledger.load("not json", 5).posts == {}


def test_unreachable_browser_is_a_degraded_run_that_says_what_to_do(make_ctx):
    options = {"keywords": ["x"], "cdp_url": "http://127.0.0.1:9", "page_timeout": 3}
    ctx = make_ctx([{"name": "xhs", "type": "xiaohongshu", "options": options}])
    run = run_source(ctx, source_of(ctx, "xhs"))
    assert run.status == SourceStatus.DEGRADED
    assert "无法连接 cdp_url http://127.0.0.1:9" in run.error
    assert "remote-debugging-port" in run.error
