"""The gated adaptation: corrections of sentiment, complaint and category stored in a real SQLite
store move texts like the corrected ones and leave other kinds of text alone; the job in
`yuqing run` re-trains after new corrections and swaps the file in; status and `classify
--data-dir` say what is used."""

from __future__ import annotations

import json
import logging
from collections.abc import Iterator
from datetime import timedelta
from pathlib import Path

import pytest
from typer.testing import CliRunner

from app.cli import app
from core.context import Context
from core.enums import Category, SentimentLabel
from core.models import Mention
from sentiment.adaptation.job import NEW_CORRECTIONS, Readapter, due, register_jobs, status
from sentiment.adaptation.service import adapt_from_store, adapted_path
from sentiment.corrections import service
from sentiment.corrections.enums import CorrectedField
from sentiment.linear_classifier import LinearClassifier
from tests.core.conftest import T0, make_config, mention

# A concert organiser's deployment: an oversold ticket is a contract matter (as overbooking is for
# an airline, which the base model now knows), the base model calls it a defect or nothing.
OVERSOLD = [
    "鲜味坊演唱会门票超卖，拿着票进不了场",
    "鲜味坊音乐节超卖门票，几百人被拦在门外",
    "鲜味坊演唱会票超卖，座位被别人占了还说票无效",
    "买了鲜味坊演唱会的票，到了现场说超卖了没座位",
    "鲜味坊音乐节门票超卖，工作人员让我们站着看",
    "鲜味坊演唱会超卖，同一个座位卖了两张票",
    "鲜味坊演唱会又超卖，一家三口被拦在场外",
]
OVERSOLD_NEW = ["又被鲜味坊演唱会超卖坑了，太过分", "鲜味坊音乐节门票超卖进不了场，没人管"]
CITIES = [
    *("北京", "上海", "广州", "深圳", "成都", "重庆", "杭州", "南京", "武汉", "西安", "长沙"),
    *("昆明", "厦门", "青岛", "大连", "沈阳", "哈尔滨", "郑州", "济南", "合肥", "南宁"),
]
# Other kinds of text the deployment also sees: reviews, defects, questions, news.
ELSEWHERE = [
    "酒店房间很干净，前台服务热情，下次还来",
    "外卖送得太慢了，饭都凉了",
    "手机用了两天就黑屏死机，要求退货",
    "快递三天还没到，物流信息也不更新",
    "这家店的服务员态度太差了",
    "今天天气不错，去公园散步",
    "新品发布会今天在上海举行",
    "信用卡年费乱收，客服推来推去",
]


@pytest.fixture
def ctx(tmp_path: Path) -> Iterator[Context]:
    """A context with the real default classifier on fresh SQLite stores and a fixed clock."""
    context = Context(config=make_config(), data_dir=tmp_path / "var", clock=lambda: T0)
    yield context
    context.close()


def _classified(classifier: object, texts: list[str]) -> list[Mention]:
    assert isinstance(classifier, LinearClassifier)
    return classifier.classify([mention(str(i), t) for i, t in enumerate(texts)])


def _decisions(mentions: list[Mention]) -> list[tuple[object, ...]]:
    """What a reader sees of each mention: labels, flag, category, urgency level."""
    return [
        (
            m.sentiment.label if m.sentiment else None,
            m.complaint.flag if m.complaint else None,
            m.category,
            m.urgency.level if m.urgency else None,
        )
        for m in mentions
    ]


def _store(ctx: Context, texts: list[str], prefix: str) -> list[str]:
    report = ctx.pipeline.process([mention(f"{prefix}{i}", t) for i, t in enumerate(texts)])
    return [m.id for m in report.new]


def _correct(ctx: Context, ids: list[str], changes: dict[CorrectedField, str]) -> None:
    with ctx.sessions() as session:
        for mention_id in ids:
            service.correct(session, ctx.index, mention_id, changes, actor="王芳", now=T0)


# Each adaptation fits for seconds on an idle core; the shared CI machine can be 10× slower.
SLOW = pytest.mark.timeout(900)


@SLOW
def test_category_corrections_move_similar_texts_and_nothing_else(ctx: Context) -> None:
    base = LinearClassifier()
    before_new = _classified(base, OVERSOLD_NEW)
    assert all(m.category != Category.CONTRACT_PRICING for m in before_new)  # base is wrong
    ids = _store(ctx, OVERSOLD, "o")
    _correct(ctx, ids, {CorrectedField.CATEGORY: "contract_pricing"})
    with ctx.sessions() as session:
        report = adapt_from_store(session, ctx.data_dir)
    assert report.category_corrections == len(OVERSOLD) and report.path is not None
    # a category says "complaint" where the model had filed the text under 其他, not where it
    # took it for a complaint already (a confirmation of a flag nobody doubted)
    unfiled = sum(m.category == Category.OTHER for m in _classified(base, OVERSOLD))
    assert report.complaint_corrections == unfiled
    adapted = LinearClassifier().for_deployment(ctx.data_dir)
    after_new = _classified(adapted, OVERSOLD_NEW)
    assert [m.category for m in after_new] == [Category.CONTRACT_PRICING] * len(OVERSOLD_NEW)
    # Other kinds of text keep every decision of the base model.
    elsewhere = _decisions(_classified(adapted, ELSEWHERE))
    assert elsewhere == _decisions(_classified(base, ELSEWHERE))


@SLOW
def test_sentiment_corrections_leave_other_industries_alone(ctx: Context) -> None:
    neutral_bank = [
        "鲜味坊银行信用卡额度调整了，从两万到三万",
        "鲜味坊银行的理财产品这周收益率公布了",
        "鲜味坊银行网点营业时间调整为九点到五点",
        "鲜味坊银行信用卡积分可以兑换里程",
        "鲜味坊银行发布了新的外汇牌价",
        "鲜味坊银行手机银行更新了转账功能",
    ]
    base = LinearClassifier()
    ids = _store(ctx, neutral_bank, "b")
    _correct(ctx, ids, {CorrectedField.SENTIMENT: "neutral"})
    with ctx.sessions() as session:
        adapt_from_store(session, ctx.data_dir)
    adapted = LinearClassifier().for_deployment(ctx.data_dir)
    similar = ["鲜味坊银行信用卡额度调整了，从一万到两万", "鲜味坊银行网点营业时间调整为八点半"]
    assert [m.sentiment.label for m in _classified(adapted, similar) if m.sentiment] == [
        SentimentLabel.NEUTRAL
    ] * 2
    elsewhere = _decisions(_classified(adapted, ELSEWHERE))
    assert elsewhere == _decisions(_classified(base, ELSEWHERE))


@SLOW
def test_job_retrains_after_new_corrections_and_swaps_the_file(
    ctx: Context, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.INFO, logger="sentiment.adaptation.job")
    classifier = ctx.classifier  # what the running pipeline holds
    assert isinstance(classifier, LinearClassifier) and classifier.adapter is None
    job = Readapter(ctx)
    assert job.run_once() is None  # nothing stored, nothing due
    ids = _store(ctx, OVERSOLD, "o")
    _correct(ctx, ids[:3], {CorrectedField.CATEGORY: "contract_pricing"})
    assert job.run_once() is not None and not adapted_path(ctx.data_dir).exists()  # too few
    assert job.run_once() is None  # the same too-few corrections are not fitted again
    _correct(ctx, ids[3:], {CorrectedField.CATEGORY: "contract_pricing"})
    first = job.run_once()
    assert first is not None and first.path == adapted_path(ctx.data_dir)
    assert "自适应模型已重新训练并替换" in caplog.text
    categories = [m.category for m in _classified(classifier, OVERSOLD_NEW)]
    assert categories == [Category.CONTRACT_PRICING] * len(OVERSOLD_NEW)  # swapped in
    with ctx.sessions() as session:
        assert status(session, ctx.data_dir).pending == 0
    stamp = adapted_path(ctx.data_dir).stat().st_mtime_ns
    assert job.run_once() is None  # no new corrections
    more = _store(ctx, [f"{city}场的鲜味坊演唱会门票超卖，进不了场" for city in CITIES], "m")
    assert len(more) == len(CITIES)
    _correct(ctx, more[: NEW_CORRECTIONS - 1], {CorrectedField.SENTIMENT: "negative"})
    assert job.run_once() is None  # 19 new: debounced until a day has passed
    _correct(ctx, more[NEW_CORRECTIONS - 1 :], {CorrectedField.SENTIMENT: "negative"})
    second = job.run_once()
    assert second is not None and second.sentiment_corrections == len(more)
    assert adapted_path(ctx.data_dir).stat().st_mtime_ns != stamp
    with ctx.sessions() as session:
        current = status(session, ctx.data_dir)
    assert current.pending == 0 and current.trained_on["sentiment"] == len(more)
    assert current.trained_at == T0


def test_debounce_rule() -> None:
    assert not due(0, None, T0)
    assert due(1, None, T0)  # the first model as soon as anything is stored
    assert not due(NEW_CORRECTIONS - 1, T0, T0 + timedelta(hours=23))
    assert due(NEW_CORRECTIONS - 1, T0, T0 + timedelta(hours=24))
    assert due(NEW_CORRECTIONS, T0, T0)


def test_run_schedules_the_job(ctx: Context) -> None:
    from apscheduler.schedulers.background import BackgroundScheduler

    scheduler = BackgroundScheduler()
    register_jobs(scheduler, ctx)
    assert [job.id for job in scheduler.get_jobs()] == ["sentiment-readapt"]


@SLOW
def test_classify_with_data_dir_uses_and_names_the_adapter(ctx: Context, tmp_path: Path) -> None:
    ids = _store(ctx, OVERSOLD, "o")
    _correct(ctx, ids, {CorrectedField.CATEGORY: "contract_pricing"})
    with ctx.sessions() as session:
        adapt_from_store(session, ctx.data_dir)
    source = tmp_path / "in.jsonl"
    rows = [{"text": t} for t in [*OVERSOLD_NEW, *ELSEWHERE]]
    source.write_text("\n".join(json.dumps(r, ensure_ascii=False) for r in rows), "utf-8")
    runner = CliRunner()
    plain, adapted = tmp_path / "plain.jsonl", tmp_path / "adapted.jsonl"
    result = runner.invoke(app, ["classify", "--in", str(source), "--out", str(plain)])
    assert result.exit_code == 0, result.output
    result = runner.invoke(
        app,
        ["classify", "--in", str(source), "--out", str(adapted), "--data-dir", str(ctx.data_dir)],
    )
    assert result.exit_code == 0, result.output
    assert "使用" in result.output and "自适应模型" in result.output
    assert "类别 7 条" in result.output
    before = [json.loads(line) for line in plain.read_text("utf-8").splitlines()]
    after = [json.loads(line) for line in adapted.read_text("utf-8").splitlines()]
    n = len(OVERSOLD_NEW)
    assert [r["category"] for r in after[:n]] == ["contract_pricing"] * n
    assert [r["category"] for r in before[:n]] != ["contract_pricing"] * n
    labels = [
        [r["sentiment"]["label"], r["complaint"]["flag"], r["category"], r["urgency"]["level"]]
        for r in (*before[n:], *after[n:])
    ]
    assert labels[: len(ELSEWHERE)] == labels[len(ELSEWHERE) :]
    _correct(ctx, ids[:1], {CorrectedField.URGENCY: "critical"})  # stored and shown, not learnt
    status_out = runner.invoke(app, ["label", "status", "--data-dir", str(ctx.data_dir)])
    assert status_out.exit_code == 0, status_out.output
    assert "类别 7 条" in status_out.output and "训练于" in status_out.output
    assert "紧急程度校正 1 条：上调 1 条，下调 0 条" in status_out.output
    empty = runner.invoke(
        app, ["classify", "--in", str(source), "--out", str(plain), "--data-dir", str(tmp_path)]
    )
    assert "没有自适应模型，使用基础模型" in empty.output
