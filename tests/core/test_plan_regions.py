"""Plan region filters: a region-restricted plan matches only mentions from those regions."""

from __future__ import annotations

from core.config import Plan
from core.pipeline.plans import PlanMatcher
from tests.core.conftest import mention


def _matcher(**options: object) -> PlanMatcher:
    return PlanMatcher.from_config(
        [
            Plan(id="south", name="华南", expression="鲜味坊", **options),  # type: ignore[arg-type]
            Plan(id="all", name="全国", expression="鲜味坊"),
        ]
    )


def test_a_region_plan_matches_only_its_regions() -> None:
    matcher = _matcher(regions=["广东省", "广西壮族自治区"])  # written as users do

    assert matcher.match(mention("1", "鲜味坊 退款", region="广东")) == ["south", "all"]
    assert matcher.match(mention("2", "鲜味坊 退款", region="IP属地：广西")) == ["south", "all"]
    assert matcher.match(mention("3", "鲜味坊 退款", region="北京")) == ["all"]
    assert matcher.match(mention("4", "其他品牌", region="广东")) == []


def test_a_mention_without_region_does_not_match_a_region_plan() -> None:
    assert _matcher(regions=["广东"]).match(mention("1", "鲜味坊 退款")) == ["all"]


def test_a_plan_without_regions_matches_every_region() -> None:
    matcher = _matcher()

    assert matcher.match(mention("1", "鲜味坊", region="海外")) == ["south", "all"]
    assert matcher.match(mention("2", "鲜味坊")) == ["south", "all"]


def test_plan_regions_are_stored_short() -> None:
    plan = Plan(id="p", name="p", expression="x", regions=["北京市", "IP属地：上海", "", "北京"])

    assert plan.regions == ["北京", "上海"]


def test_a_batch_matches_as_one_mention_at_a_time() -> None:
    matcher = PlanMatcher.from_config(
        [
            Plan(id="full", name="全角", expression="ＡＢＣ+退款"),
            Plan(id="south", name="华南", expression="鲜味坊", regions=["广东"]),
            Plan(id="quiet", name="除外", expression="鲜味坊", exclude=["广告"]),
        ]
    )
    mentions = [
        mention("1", "abc 退款", region="广东"),
        mention("2", "鲜味坊 广告", region="广东"),
        mention("3", "ＡＢＣ，鲜味坊退款！", title="标题"),
        mention("4", "鲜味坊", plans=["quiet"]),
        mention("5", "nul\x00abc 退款"),
    ]
    got = matcher.match_batch(mentions)
    assert got == [matcher.match(m) for m in mentions]
    assert got == [["full"], ["south"], ["full", "quiet"], ["quiet"], ["full"]]


def test_a_post_of_a_plans_own_account_is_the_plans_whatever_it_says() -> None:
    """The operator's statement on its outage names no brand; it is still the operator's (and a
    competitor's official post the competitor's)."""
    from core.models import Author

    matcher = PlanMatcher.from_config(
        [
            Plan(id="xl", name="星联移动", expression="星联", own_accounts=["星联移动"]),
            Plan(
                id="yx", name="远讯通信", expression="远讯", own_accounts=["远讯通信"], role="竞品"
            ),
        ]
    )
    statement = "关于广州部分区域网络故障的情况说明：因市政施工挖断传输光缆，网络正在逐步恢复。"
    assert matcher.match(mention("1", statement, author=Author(name="星联移动"))) == ["xl"]
    assert matcher.match(mention("2", statement, author=Author(name="远讯通信"))) == ["yx"]
    assert matcher.match(mention("3", statement, author=Author(name="路人甲"))) == []
