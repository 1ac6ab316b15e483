"""A login dialog over the normal page (no redirect, no captcha title; the page fetches no data
until the reader logs in), through a real headless Chromium: blocked with a cooldown and a
message that says to log in again — not 异常 "页面未发出数据请求"."""

from __future__ import annotations

import pytest

from collectors.runner import run_source
from collectors.state import SourceStatus
from tests.collectors.browser.review_kit import SEARCH_PAGE, source
from tests.collectors.browser_site import Reply
from tests.collectors.conftest import NOW, indexed, source_of, state_of

pytestmark = pytest.mark.browser

LOGIN_DIALOG = """<!doctype html><html><head><meta charset="utf-8">
<title>小红书 - 你的生活指南</title></head><body><div class="feeds">加载中</div>
<div class="login-container" role="dialog"><div class="title">登录后查看搜索结果</div>
<div class="qrcode">扫码登录</div><div>小红书如何扫码</div><div>手机号登录</div></div>
</body></html>"""


def test_a_login_dialog_instead_of_results_blocks_the_source(sites, cdp_url, make_ctx, tmp_path):
    dialog = Reply(LOGIN_DIALOG, 200, "text/html; charset=utf-8")
    site = sites(
        "xiaohongshu",
        page_hook=lambda r: dialog if r.path == SEARCH_PAGE["xiaohongshu"] else None,
    )
    ctx = make_ctx([source("xiaohongshu", site, cdp_url, tmp_path, page_timeout=2)])
    run = run_source(ctx, source_of(ctx, "xiaohongshu"))

    assert run.status == SourceStatus.BLOCKED, (run.error, run.warnings)
    state = state_of(ctx, "xiaohongshu")
    assert "页面要求登录" in state.last_error and "cookies_file" in state.last_error
    assert (
        state.cooldown_until is not None and state.cooldown_until.replace(tzinfo=NOW.tzinfo) > NOW
    )
    assert indexed(ctx, "xiaohongshu") == {}


def test_a_page_without_data_and_without_a_login_dialog_stays_a_failure(
    sites, cdp_url, make_ctx, tmp_path
):
    empty = Reply("<html><head><title>小红书</title></head><body>网络开小差了</body></html>")
    empty.content_type = "text/html; charset=utf-8"
    site = sites(
        "xiaohongshu", page_hook=lambda r: empty if r.path == SEARCH_PAGE["xiaohongshu"] else None
    )
    ctx = make_ctx([source("xiaohongshu", site, cdp_url, tmp_path, page_timeout=2)])
    run = run_source(ctx, source_of(ctx, "xiaohongshu"))

    assert run.status == SourceStatus.DEGRADED, (run.error, run.warnings)
    assert "页面未发出数据请求" in state_of(ctx, "xiaohongshu").last_error
