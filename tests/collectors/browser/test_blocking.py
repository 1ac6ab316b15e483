"""A browser source whose login expired or that meets a captcha / risk-control page is blocked:
cooldown, the reason in its health, and a health alert."""

from __future__ import annotations

import pytest

from collectors.runner import run_source
from collectors.state import SourceStatus
from tests.collectors.browser.platforms import assert_blocked, browser_source, cookies_file
from tests.collectors.conftest import indexed, source_of

pytestmark = pytest.mark.browser


def test_login_expired_blocks_the_source(platform, fake, cdp_url, make_ctx, tmp_path):
    source = browser_source(platform, fake, cdp_url, cookies_file(tmp_path, fake, "expired"))
    ctx = make_ctx([source])
    run = run_source(ctx, source_of(ctx, platform))

    assert run.status == SourceStatus.BLOCKED
    assert_blocked(ctx, platform, ("登录",))
    assert indexed(ctx, platform) == {}
    again = run_source(ctx, source_of(ctx, platform))
    assert again.skipped  # cooling down: the site is not asked again


def test_captcha_or_risk_control_blocks_the_source(platform, fake, cdp_url, make_ctx, tmp_path):
    fake.variant = "captcha"
    ctx = make_ctx([browser_source(platform, fake, cdp_url, cookies_file(tmp_path, fake))])
    run = run_source(ctx, source_of(ctx, platform))

    assert run.status == SourceStatus.BLOCKED, run.error
    assert_blocked(ctx, platform, ("验证", "风控"))
