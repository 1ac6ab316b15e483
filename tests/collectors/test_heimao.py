"""heimao: signed company and keyword list requests (JSON API shape), paging window, refusal.

The local API checks `signature` the way public scrapers say the site does (SHA-256 of the
sorted query values plus the key) and answers a wrong one with the site's refusal envelope.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime

from collectors.runner import run_source
from collectors.spiders.heimao import (
    COMPANY_PATH,
    KEYWORD_PATH,
    SIGN_KEY,
    signature,
    signed_query,
)
from collectors.state import SourceStatus
from core.enums import Channel
from tests.collectors.conftest import FAST, indexed, source_of, state_of
from tests.collectors.site import Page, Site, fixture

EMPTY = Page(b'{"result":{"status":{"code":0,"msg":""},"data":{"lists":[]}}}')


def heimao_api(pages: dict[tuple[str, str], Page], target: str) -> Callable[[dict], Page]:
    """Answer `(target value, page)` from pages once the signature checks out."""

    def answer(query: dict[str, str]) -> Page:
        unsigned = {k: v for k, v in query.items() if k != "signature"}
        if not {"ts", "rs"} <= unsigned.keys() or query.get("signature") != signature(
            unsigned.values(), SIGN_KEY
        ):
            return fixture("heimao_refused.json")
        return pages.get((query.get(target, ""), query.get("page", "")), EMPTY)

    return answer


def heimao_source(site: Site, **options: object) -> dict[str, object]:
    """A heimao source for one company on the local site."""
    base = {"base_url": site.url, "company_ids": ["5350527288"], "max_pages": 5}
    return {"name": "hm", "type": "heimao", "options": {**FAST, **base, **options}}


def serve_company(site: Site) -> None:
    """Two signed pages of the company 5350527288."""
    pages = {
        ("5350527288", "1"): fixture("heimao_company_p1.json"),
        ("5350527288", "2"): fixture("heimao_company_p2.json"),
    }
    site.handle(COMPANY_PATH, heimao_api(pages, "couid"))


def test_signature_matches_urls_signed_by_the_site():
    # received_complaints URLs with ts/rs/signature as captured in browsers, quoted in
    # public repositories (an axios example, 2021; a Scrapy settings file, 2022)
    assert signature(
        ["1614340290475", "I66jvmc7WhlW1wOE", "6384912431", "1", "10", "1"], SIGN_KEY
    ) == ("a5c5f96f03b397bf45566a07faa959fa473b7ba65e1000dc6714ad12ab97d75f")
    assert signature(
        ["1643471235581", "VbzqTMjlaroewggR", "6416319252", "1", "10", "10"], SIGN_KEY
    ) == ("cadd3746d2363b895864796f39db0c4d0f09d29c3ae7b74d430ce863e25a7e60")


def test_signed_query_order_and_encoding():
    query = signed_query({"keywords": "鲜味坊 外卖", "page_size": "10", "page": "1"}, "k", 5, "r")
    sign = signature(["5", "r", "鲜味坊 外卖", "10", "1"], "k")
    assert query == (
        f"ts=5&rs=r&signature={sign}&keywords=%E9%B2%9C%E5%91%B3%E5%9D%8A%20%E5%A4%96%E5%8D%96"
        "&page_size=10&page=1"
    )
    assert len(signed_query({}, "k", 5).split("&")[1].removeprefix("rs=")) == 16


def test_company_complaints(site, make_ctx):
    serve_company(site)
    ctx = make_ctx([heimao_source(site)])

    run = run_source(ctx, source_of(ctx, "hm"))

    assert run.status == SourceStatus.OK, run.error
    found = indexed(ctx, "hm")
    assert sorted(found) == ["17351230001", "17351234567"]
    poisoning = found["17351234567"]
    assert poisoning.title == "鲜味坊外卖食物中毒拒不赔偿"
    assert poisoning.text == (
        "11月21日在鲜味坊点的套餐，全家三口当晚腹泻呕吐，去医院花了两百多，商家拒不赔偿。\n"
        "投诉问题：食品安全\n诉求：退款,赔偿,道歉\n投诉对象：鲜味坊\n涉诉金额：268元\n状态：处理中"
    )
    assert poisoning.published_at == datetime(2026, 11, 23, 7, 30, tzinfo=UTC)
    assert poisoning.url == "https://tousu.sina.com.cn/complaint/view/17351234567/"
    assert (poisoning.channel, poisoning.author.name, poisoning.author.id) == (
        Channel.COMPLAINT_PLATFORM,
        "消费者A",
        "1888",
    )
    assert found["17351230001"].text.endswith("投诉对象：鲜味坊\n状态：状态码 5")
    queries = site.queries(COMPANY_PATH)
    assert [q["page"] for q in queries] == ["1", "2"]  # page 2 is a week old: no page 3
    assert list(queries[0]) == ["ts", "rs", "signature", "couid", "type", "page_size", "page"]
    assert queries[0]["rs"] != queries[1]["rs"]  # a fresh random string per request


def test_keyword_search_and_plans_from_options(site, make_ctx):
    site.handle(
        KEYWORD_PATH, heimao_api({("鲜味坊", "1"): fixture("heimao_keyword_p1.json")}, "keywords")
    )
    ctx = make_ctx([heimao_source(site, company_ids=None, keywords=["鲜味坊"], plans=["xwf"])])

    run = run_source(ctx, source_of(ctx, "hm"))

    assert run.status == SourceStatus.OK, run.error
    (complaint,) = indexed(ctx, "hm").values()
    assert complaint.title == "鲜味坊会员自动续费不退" and complaint.plans == ["xwf"]
    assert complaint.text.endswith("涉诉金额：198元\n状态：已回复")
    assert [q["keywords"] for q in site.queries(KEYWORD_PATH)] == ["鲜味坊", "鲜味坊"]
    assert "type" not in site.queries(KEYWORD_PATH)[0]


def test_wrong_sign_key_is_refused_and_blocks(site, make_ctx):
    serve_company(site)
    ctx = make_ctx([heimao_source(site, sign_key="$an-old-key%")])

    run = run_source(ctx, source_of(ctx, "hm"))

    assert run.status == SourceStatus.BLOCKED
    error = state_of(ctx, "hm").last_error
    assert "code=10005" in error and "签名不被接受" in error
    assert len(site.queries(COMPANY_PATH)) == 1


def test_missing_target_is_a_config_error(site, make_ctx):
    ctx = make_ctx([heimao_source(site, company_ids=None)])

    run = run_source(ctx, source_of(ctx, "hm"))

    assert run.status == SourceStatus.MISCONFIGURED
    assert "sources[hm].options.company_ids" in (run.error or "")


def test_a_captcha_page_instead_of_json_blocks(site, make_ctx):
    captcha = "<html><head><title>新浪通行证</title></head><body>请输入验证码</body></html>"
    site.handle(COMPANY_PATH, lambda _query: Page(captcha.encode(), 200, "text/html"))
    ctx = make_ctx([heimao_source(site)])

    run = run_source(ctx, source_of(ctx, "hm"))

    assert run.status == SourceStatus.BLOCKED
    state = state_of(ctx, "hm")
    assert "新浪通行证" in state.last_error and "JSON 解析失败" not in state.last_error
    assert "yuqing sources reset hm" in state.last_error  # what to do, as the dashboard says
    assert state.cooldown_until is not None
