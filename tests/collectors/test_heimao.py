"""heimao: company and keyword complaint lists (JSON API shape), paging window, refusal."""

from __future__ import annotations

from datetime import UTC, datetime
from urllib.parse import quote

from collectors.runner import run_source
from collectors.state import SourceStatus
from core.enums import Channel
from tests.collectors.conftest import FAST, indexed, source_of, state_of
from tests.collectors.site import Page, Site, fixture

COMPANY = "/api/company/received_complaints?couid=5350527288&type=1&page_size=10&page="
KEYWORD = f"/api/index/s?keywords={quote('鲜味坊')}&type=1&page_size=10&page="


def heimao_source(site: Site, **options: object) -> dict[str, object]:
    """A heimao source for one company on the local site."""
    base = {"base_url": site.url, "company_ids": ["5350527288"], "max_pages": 5}
    return {"name": "hm", "type": "heimao", "options": {**FAST, **base, **options}}


def test_company_complaints(site, make_ctx):
    site.route(COMPANY + "1", fixture("heimao_company_p1.json"))
    site.route(COMPANY + "2", fixture("heimao_company_p2.json"))
    ctx = make_ctx([heimao_source(site)])

    run = run_source(ctx, source_of(ctx, "hm"))

    assert run.status == SourceStatus.OK, run.error
    found = indexed(ctx, "hm")
    assert sorted(found) == ["17351230001", "17351234567"]
    poisoning = found["17351234567"]
    assert poisoning.title == "鲜味坊外卖食物中毒拒不赔偿"
    assert poisoning.text == (
        "11月21日在鲜味坊点的套餐，全家三口当晚腹泻呕吐，去医院花了两百多，商家拒不赔偿。\n"
        "诉求：退款,赔偿,道歉\n投诉对象：鲜味坊\n涉诉金额：268元\n状态：处理中"
    )
    assert poisoning.published_at == datetime(2026, 11, 23, 7, 30, tzinfo=UTC)
    assert poisoning.url == "https://tousu.sina.com.cn/complaint/view/17351234567/"
    assert (poisoning.channel, poisoning.author.name, poisoning.author.id) == (
        Channel.COMPLAINT_PLATFORM,
        "消费者A",
        "1888",
    )
    assert found["17351230001"].text.endswith("诉求：退款\n投诉对象：鲜味坊\n状态：状态码 4")
    assert COMPANY + "3" not in site.log


def test_keyword_search_and_plans_from_options(site, make_ctx):
    site.route(KEYWORD + "1", fixture("heimao_keyword_p1.json"))
    site.route(KEYWORD + "2", Page(b'{"result":{"status":{"code":0},"data":{"lists":[]}}}'))
    ctx = make_ctx([heimao_source(site, company_ids=None, keywords=["鲜味坊"], plans=["xwf"])])

    run = run_source(ctx, source_of(ctx, "hm"))

    assert run.status == SourceStatus.OK, run.error
    (complaint,) = indexed(ctx, "hm").values()
    assert complaint.title == "鲜味坊会员自动续费不退" and complaint.plans == ["xwf"]


def test_refused_api_blocks(site, make_ctx):
    site.route(COMPANY + "1", fixture("heimao_refused.json"))
    ctx = make_ctx([heimao_source(site)])

    run = run_source(ctx, source_of(ctx, "hm"))

    assert run.status == SourceStatus.BLOCKED
    assert "签名验证失败" in state_of(ctx, "hm").last_error


def test_missing_target_is_a_config_error(site, make_ctx):
    ctx = make_ctx([heimao_source(site, company_ids=None)])

    run = run_source(ctx, source_of(ctx, "hm"))

    assert run.status == SourceStatus.MISCONFIGURED
    assert "sources[hm].options.company_ids" in (run.error or "")
