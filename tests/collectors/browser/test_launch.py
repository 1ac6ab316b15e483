"""Without cdp_url a browser source launches Chromium itself on the operator's profile."""

from __future__ import annotations

import pytest

from collectors.runner import run_source
from collectors.state import SourceStatus
from tests.collectors.browser.platforms import (
    CHROMIUM,
    browser_source,
    cookies_file,
    expected_ids,
)
from tests.collectors.conftest import indexed, source_of

pytestmark = pytest.mark.browser


def test_launches_chromium_on_a_profile_dir_with_cookies(bilibili, make_ctx, tmp_path):
    """Without cdp_url the collector launches /usr/bin/chromium itself on the operator's profile."""
    fake, platform = bilibili, "bilibili"
    profile = tmp_path / "profile"
    profile.mkdir()
    source = browser_source(platform, fake, "", cookies_file(tmp_path, fake))
    del source["options"]["cdp_url"]
    source["options"].update(profile_dir=str(profile), executable_path=CHROMIUM)
    ctx = make_ctx([source])
    run = run_source(ctx, source_of(ctx, platform))

    assert run.status == SourceStatus.OK, run.error or run.warnings
    assert set(indexed(ctx, platform)) == expected_ids(fake)
    assert (profile / "Default").is_dir()  # Chromium really used the given profile


def test_missing_profile_dir_is_a_configuration_error(make_ctx, tmp_path):
    source = {
        "name": "xhs",
        "type": "xiaohongshu",
        "options": {"keywords": ["鲜味坊"], "profile_dir": str(tmp_path / "nope")},
    }
    ctx = make_ctx([source])
    run = run_source(ctx, source_of(ctx, "xhs"))
    assert run.status == SourceStatus.MISCONFIGURED
    assert "profile_dir" in run.error and "不存在" in run.error
