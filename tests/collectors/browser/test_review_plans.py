"""Comments under a post the brand search found belong to the brand's plan even when they do not
repeat the brand — through a real headless Chromium against the fake 知乎. A plan's region filter
still applies to the comment's own IP属地, and a search hit that does not match the plan passes
nothing on to its comments."""

from __future__ import annotations

import pytest

from collectors.runner import run_source
from collectors.state import SourceStatus
from tests.collectors.browser.review_kit import source
from tests.collectors.conftest import indexed, source_of

pytestmark = pytest.mark.browser

PLANS = [
    {"id": "xwf", "name": "鲜味坊", "expression": "鲜味坊"},
    {"id": "xwf-gd", "name": "鲜味坊广东", "expression": "鲜味坊", "regions": ["广东"]},
]


def test_comments_carry_the_plans_of_their_post(sites, cdp_url, make_ctx, tmp_path):
    site = sites("zhihu")
    matched, other = site.posts[0], site.posts[1]
    plain = matched.comments[1]  # "门店卫生堪忧，建议避雷": no brand name in it
    plain.region = "广东"
    other.title, other.text = "新开的火锅店体验", "排队一小时，服务员态度差"  # a fuzzy search hit
    ctx = make_ctx([source("zhihu", site, cdp_url, tmp_path)], PLANS)
    run = run_source(ctx, source_of(ctx, "zhihu"))

    assert run.status == SourceStatus.OK, (run.error, run.warnings)
    found = indexed(ctx, "zhihu")
    assert "鲜味坊" not in found[plain.id].text
    assert sorted(found[plain.id].plans) == ["xwf", "xwf-gd"]
    shanghai = matched.comments[2]  # 上海, no brand name: the brand plan, not the 广东 one
    assert found[shanghai.id].plans == ["xwf"]
    reply = matched.comments[0].replies[0]
    assert found[reply.id].plans == ["xwf"]
    assert found[other.id].plans == [] and found[other.comments[0].id].plans == []
