"""竞品对比: a competitor's plan (role 竞品) is compared with the brand's in the 周报 — share of
voice, negative share, 口碑指数, main complaint category — and kept out of the brand's own
figures and alerts; `check` refuses a deployment of competitors only and says which sources
would bring mentions of no plan."""

from __future__ import annotations

import re
from datetime import UTC, timedelta
from pathlib import Path
from typing import Any

import pytest

from alerting.engine import AlertEngine
from alerting.loader import DEFAULTS_DIR, load_rule_file
from alerting.rules import RuleContext
from app.config import AppConfig
from core.context import Context
from core.enums import Category, Channel, SentimentLabel, Severity
from reports.charts import report_charts
from reports.config import Period
from reports.period import last_full
from reports.render import render_html
from reports.service import build_data, plain_text
from tests.reports.conftest import ContextFactory
from tests.reports.factories import NOW, PLAN, TZ, WEEK, Spec, mention, two_weeks

WINDOW = last_full(Period.WEEKLY, NOW, TZ)
PLANS = [
    {"id": PLAN, "name": "示例", "expression": "示例"},
    {"id": "rival", "name": "对手牌", "expression": "对手牌", "role": "竞品"},
]
# The competitor's week: 60 mentions, 12 negative (all about quality).
RIVAL = [
    Spec(12, SentimentLabel.NEGATIVE, Category.PRODUCT_QUALITY, Severity.MEDIUM,
         Channel.WEIBO, ("质量",), "对手牌质量差"),
    Spec(48, SentimentLabel.POSITIVE, Category.OTHER, Severity.LOW,
         Channel.FORUM, ("好评",), "对手牌不错"),
]  # fmt: skip


def rival_week() -> list[Any]:
    return [
        mention(spec, i, WEEK + timedelta(days=i % 7, hours=9), plan="rival", tag=f"r{n}")
        for n, spec in enumerate(RIVAL)
        for i in range(spec.n)
    ]


def test_the_weekly_report_compares_the_brand_with_its_competitor(
    make_ctx: ContextFactory,
) -> None:
    ctx = make_ctx(plans=PLANS)
    ctx.index.upsert_many([*two_weeks(), *rival_week()])

    data = build_data(ctx, WINDOW)  # no --plan: the brand's side, not the competitor's

    # The brand's 40 and the one mention of a plan not configured (no competitor's: the brand's
    # side counts it, as the alert rules do); the own row is the headline's.
    assert data.plan == PLAN and data.headline.mentions == 41
    assert data.scope is None  # the brand's side: not named as its plan, which counts 40
    assert data.rivals is not None
    own, rival = data.rivals.rows
    assert (own.name, own.own, own.mentions, own.negative) == ("示例", True, 41, 21)
    assert (rival.name, rival.own, rival.mentions, rival.negative) == ("对手牌", False, 60, 12)
    assert rival.top_category == "商品质量" and own.top_category == "货物运输/物流"
    assert [round(v.share, 3) for v in data.rivals.voice] == [0.406, 0.594]
    assert data.rivals.text == (
        "本品声量份额 40.6%（对比竞品 1 个）；负面占比 51.2%，高于竞品（竞品平均 20.0%）。"
    )
    assert "竞品对比：本品声量份额 40.6%" in plain_text(data)
    charts = report_charts(data)
    assert charts["rivals"].startswith(b"\x89PNG")
    html = render_html(data, {k: "data:," for k in charts}, TZ, 0.9)
    assert "<h2>竞品对比</h2>" in html and "<b>示例</b>（本品）" in html and "对手牌" in html
    assert "监测方案 示例" not in html


def test_without_a_competitor_plan_there_is_no_comparison(ctx: Context) -> None:
    data = build_data(ctx, WINDOW)
    assert data.rivals is None
    assert "竞品对比" not in render_html(data, {}, TZ, 0.9)


def test_a_competitors_critical_post_does_not_page_the_brand(tmp_path: Path) -> None:
    config = AppConfig.model_validate({"brand": "示例品牌", "plans": PLANS})
    ctx = Context(config=config, data_dir=tmp_path / "var", clock=lambda: NOW)
    try:
        named = load_rule_file(DEFAULTS_DIR / "urgent-mention.yaml")
        named.spec = named.spec.model_copy(
            update={"name": "rival-watch", "filter": named.spec.filter.model_copy(
                update={"plans": ["rival"]})}
        )  # fmt: skip
        engine = AlertEngine(ctx, [load_rule_file(DEFAULTS_DIR / "urgent-mention.yaml"), named])
        builtin, watch = engine.rules
        assert builtin.spec.filter.plans == [PLAN] and watch.spec.filter.plans == ["rival"]
        spec = Spec(1, SentimentLabel.NEGATIVE, Category.FOOD_SAFETY_HEALTH, Severity.CRITICAL,
                    Channel.WEIBO, ("异物",), "吃出异物，孩子住院了")  # fmt: skip
        now = NOW.astimezone(UTC)
        theirs = mention(spec, 1, NOW - timedelta(minutes=2), plan="rival", tag="t")
        ours = mention(spec, 2, NOW - timedelta(minutes=2), tag="o")
        rc = RuleContext(index=ctx.index, tz=TZ, now=now)
        assert builtin.on_mentions([theirs], rc) == []
        assert [f.count for f in builtin.on_mentions([ours], rc)] == [1]
        assert [f.count for f in watch.on_mentions([theirs], rc)] == [1]  # named: it watches
    finally:
        ctx.close()


def problems_and_warnings(tmp_path: Path, raw: dict[str, Any]) -> tuple[list[str], list[str]]:
    from app.check import problems, warnings

    ctx = Context(config=AppConfig.model_validate(raw), data_dir=tmp_path / "var")
    try:
        return problems(ctx), warnings(ctx)
    finally:
        ctx.close()


def test_check_refuses_competitors_only_and_lets_sources_of_no_plan_be(tmp_path: Path) -> None:
    only = [{**PLANS[1]}]
    found, _ = problems_and_warnings(tmp_path, {"brand": "示例品牌", "plans": only})
    assert any("每个监测方案都是竞品" in p for p in found)
    mailbox = {
        "name": "complaint-mail",
        "type": "email",
        "options": {"host": "imap.example.com", "username": "u", "password": "p"},
    }
    raw = {"brand": "示例品牌", "plans": PLANS, "sources": [mailbox]}
    found, warned = problems_and_warnings(tmp_path, raw)
    assert not any("竞品" in p for p in found)
    # Its complaints that name no brand are the brand's in the reports and 舆情态势 too (as for
    # the alert rules): nothing to warn about (until round 26 the check asked for `plans:`).
    assert not any("complaint-mail" in w for w in warned)


def test_a_plan_role_is_read_in_chinese_or_refused_with_the_choices() -> None:
    import pytest
    from pydantic import ValidationError

    assert AppConfig.model_validate({"plans": PLANS}).own_plan_ids() == [PLAN]
    assert AppConfig.model_validate({"plans": PLANS[:1]}).own_plan_ids() == []
    with pytest.raises(ValidationError, match="competitor（竞品）"):
        AppConfig.model_validate({"plans": [{**PLANS[1], "role": "对手"}]})


def test_several_own_plans_are_counted_together_and_the_competitor_only_compared(
    make_ctx: ContextFactory,
) -> None:
    from alerting.models import Alert
    from tests.events.stored import store_event

    second = {"id": "other", "name": "其他", "expression": "其他"}
    ctx = make_ctx(plans=[PLANS[0], second, PLANS[1]])
    ctx.index.upsert_many([*two_weeks(), *rival_week()])
    at = (WEEK + timedelta(days=2, hours=9)).astimezone(UTC)
    Alert.__table__.create(ctx.engine, checkfirst=True)
    with ctx.sessions.begin() as session:
        for title, plans in (("对手牌吃出异物", ["rival"]), ("示例配送超时", [PLAN])):
            session.add(
                Alert(rule="urgent-mention", rule_type="urgent_mention", key=title,
                      severity="critical", status="open", title=title, summary="", opened_at=at,
                      updated_at=at, last_fired_at=at, count=3, plans=plans)
            )  # fmt: skip
    store_event(ctx, "e-rival", "对手牌质量差", "rival", at=at)

    data = build_data(ctx, WINDOW)  # no --plan: both own plans, not the competitor

    assert data.plan is None and data.scope == "全部本品监测方案：示例、其他"
    assert data.headline.mentions == 41  # 40 of 示例 + 1 of 其他; not the competitor's 60
    assert [r.title for r in data.alerts.rows] == ["示例配送超时"]
    assert data.events == []  # the competitor's event is compared, not the brand's
    assert data.rivals is not None
    assert [(r.name, r.own) for r in data.rivals.rows] == [
        ("示例", True), ("其他", True), ("对手牌", False)
    ]  # fmt: skip
    assert "全部本品监测方案：示例、其他" in render_html(data, {}, TZ, 0.9)
    theirs = build_data(ctx, WINDOW, "rival")  # asked for by name: its event and its alert
    assert [e.title for e in theirs.events] == ["对手牌质量差"]
    assert [r.title for r in theirs.alerts.rows] == ["对手牌吃出异物"]


def test_the_own_row_is_read_from_the_headline_not_counted_again(
    make_ctx: ContextFactory, monkeypatch: pytest.MonkeyPatch
) -> None:
    from reports import rivals
    from reports.data import headline

    ctx = make_ctx(plans=PLANS)
    ctx.index.upsert_many([*two_weeks(), *rival_week()])
    head = headline(ctx.index, WINDOW, [PLAN])
    recounted = rivals.load(ctx.index, WINDOW, ctx.config)
    asked: list[list[str]] = []
    count = ctx.index.count
    monkeypatch.setattr(ctx.index, "count", lambda q: asked.append(list(q.plans)) or count(q))

    reused = rivals.load(ctx.index, WINDOW, ctx.config, ([PLAN], head))

    assert reused == recounted and reused is not None
    assert [PLAN] not in asked and ["rival"] in asked  # the own row: no count of its own
    assert reused.rows[0].mentions == head.mentions == 40


def test_scoping_rules_to_the_own_plans_leaves_the_rules_passed_in_as_they_were(
    tmp_path: Path,
) -> None:
    from alerting.plan_scope import own_scoped

    passed = [load_rule_file(DEFAULTS_DIR / "urgent-mention.yaml")]
    scoped = own_scoped(passed, [PLAN], ["rival"])
    assert scoped[0].spec.filter.plans == [PLAN] and type(scoped[0]) is type(passed[0])
    assert passed[0].spec.filter.plans == [] and scoped[0] is not passed[0]


def test_an_events_reposts_that_name_no_brand_count_for_it_beside_a_competitor(
    make_ctx: ContextFactory,
) -> None:
    """A crisis of 10 posts naming the brand and 25 bare 转发微博 reposts (no plan) is an event
    of 35 in the brand's 周报, its storyline ending 累计 35 条; a competitor's post in it is not
    counted (before: 10 — only posts carrying the plan counted once a competitor existed)."""
    from tests.events.stored import add_event

    ctx = make_ctx(plans=PLANS)
    at = WEEK + timedelta(days=2, hours=9)
    spec = Spec(1, SentimentLabel.NEGATIVE, Category.FOOD_SAFETY_HEALTH, Severity.HIGH,
                Channel.WEIBO, ("中毒",), "示例吃出问题")  # fmt: skip
    own = [mention(spec, i, at + timedelta(minutes=i), tag="own") for i in range(10)]
    bare = [
        mention(spec, i, at + timedelta(minutes=10 + i), tag="bare").model_copy(
            update={"plans": [], "text": "转发微博"}
        )
        for i in range(25)
    ]
    theirs = mention(spec, 0, at + timedelta(minutes=50), plan="rival", tag="rival")
    ctx.index.upsert_many([*own, *bare, theirs])
    members = [m.id for m in [*own, *bare, theirs]]
    add_event(ctx, "e-crisis", "示例吃出问题", members, at.astimezone(UTC))

    [row] = build_data(ctx, WINDOW).events  # no --plan: the brand's side

    assert row.mentions == 35 and row.in_period == 35
    assert row.storyline[-1].text == "最后一条，累计 35 条"


def test_a_mailboxs_complaints_that_name_no_brand_count_in_the_brands_report(
    make_ctx: ContextFactory,
) -> None:
    """Beside a competitor, 6 complaints of a mailbox without `plans:` (no brand named, no
    plan) are the brand's in the 周报 as in the alert rules: headline, categories, the own
    row of 竞品对比 and the event they make (before: 40 mentions, no event, a check warning)."""
    from tests.events.stored import add_event

    ctx = make_ctx(plans=PLANS)
    at = WEEK + timedelta(days=3, hours=9)
    spec = Spec(6, SentimentLabel.NEGATIVE, Category.AFTER_SALES_REFUND, Severity.MEDIUM,
                Channel.EMAIL, ("退款",), "退款一直没到账，客服不回邮件")  # fmt: skip
    mail = [
        mention(spec, i, at + timedelta(minutes=i), tag="mail").model_copy(update={"plans": []})
        for i in range(spec.n)
    ]
    ctx.index.upsert_many([*two_weeks(), *rival_week(), *mail])
    add_event(ctx, "e-mail", "退款一直没到账", [m.id for m in mail], at.astimezone(UTC))

    data = build_data(ctx, WINDOW)

    assert data.headline.mentions == 41 + 6 and data.headline.negative == 21 + 6
    refunds = {r.label: r.count for r in data.categories}
    assert refunds.get("售后/退换货", 0) >= 6
    assert data.rivals is not None
    assert [(r.name, r.mentions) for r in data.rivals.rows] == [("示例", 47), ("对手牌", 60)]
    assert [(e.title, e.mentions) for e in data.events] == [("退款一直没到账", 6)]
    theirs = build_data(ctx, WINDOW, "rival")  # a competitor's report: not its
    assert theirs.headline.mentions == 60 and theirs.events == []


def test_the_comparison_says_what_a_competitor_is_in_plain_words(
    make_ctx: ContextFactory,
) -> None:
    """An executive read 竞品是 plans 里 role 为「竞品」的监测方案: yuqing.yaml's keys."""
    ctx = make_ctx(plans=PLANS)
    ctx.index.upsert_many([*two_weeks(), *rival_week()])
    html = render_html(build_data(ctx, WINDOW), {}, TZ, 0.9)
    section = html[html.index("<h2>竞品对比</h2>") :]
    start = section.index('<p class="note">竞品') + len('<p class="note">')
    note = section[start : section.index("</p>", start)]
    assert note.startswith("竞品是设置中标为「竞品」的监测方案")
    assert not re.search(r"[A-Za-z]{3,}", note), note
