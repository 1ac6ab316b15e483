"""Corrections (人工校正): stored with actor and time, in the index at once, kept on re-ingest."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest
from typer.testing import CliRunner

from app.cli import app
from core.context import Context
from core.enums import Category, SentimentLabel, Severity
from core.index.protocol import SearchQuery
from core.models import Metrics
from sentiment.corrections import service
from sentiment.corrections.enums import CorrectedField
from tests.core.conftest import T0, make_config, mention

BRAKE = "鲜味坊的车刹车异响，4S店说正常"


@pytest.fixture
def ctx(tmp_path: Path) -> Iterator[Context]:
    """A context with the real default classifier on fresh stores."""
    context = Context(config=make_config(), data_dir=tmp_path / "var")
    yield context
    context.close()


def ingest_one(ctx: Context, text: str = BRAKE, reposts: int = 0) -> str:
    item = mention("m1", text, metrics=Metrics(reposts=reposts))
    report = ctx.pipeline.process([item])
    return (report.new or report.updated)[0].id


def test_correction_is_applied_at_once_and_audited(ctx: Context) -> None:
    mention_id = ingest_one(ctx)
    before = ctx.index.get(mention_id)
    assert before is not None and before.category is not None
    with ctx.sessions() as session:
        service.correct(
            session,
            ctx.index,
            mention_id,
            {CorrectedField.CATEGORY: "after_sales_refund", CorrectedField.URGENCY: "high"},
            actor="李娜",
            now=T0,
        )
        rows = service.history(session, mention_id)
    stored = ctx.index.get(mention_id)
    assert stored is not None
    assert stored.category == Category.AFTER_SALES_REFUND
    assert stored.urgency is not None and stored.urgency.level == Severity.HIGH
    assert 50 <= stored.urgency.score < 75
    assert stored.corrected == {"category": "after_sales_refund", "urgency": "high"}
    assert {(r.field, r.before, r.after, r.actor) for r in rows} == {
        ("category", before.category.value, "after_sales_refund", "李娜"),
        ("urgency", before.urgency.level.value if before.urgency else None, "high", "李娜"),
    }
    assert all(r.at == T0 and r.text == BRAKE for r in rows)
    found = ctx.index.search(SearchQuery(categories=[Category.AFTER_SALES_REFUND]))
    assert [m.id for m in found.mentions] == [mention_id]


def test_correction_survives_reclassification_when_metrics_move(ctx: Context) -> None:
    mention_id = ingest_one(ctx)
    with ctx.sessions() as session:
        service.correct(
            session,
            ctx.index,
            mention_id,
            {CorrectedField.SENTIMENT: "positive"},
            actor="a",
            now=T0,
        )
    ingest_one(ctx, reposts=500)  # a re-delivery with new metrics is classified again
    stored = ctx.index.get(mention_id)
    assert stored is not None and stored.metrics.reposts == 500
    assert stored.sentiment is not None and stored.sentiment.label == SentimentLabel.POSITIVE


def test_bad_values_and_unknown_mentions_are_refused_in_chinese(ctx: Context) -> None:
    mention_id = ingest_one(ctx)
    with ctx.sessions() as session:
        with pytest.raises(service.CorrectionError, match=r"类别不能设为 'cars'.*product_quality"):
            service.correct(
                session, ctx.index, mention_id, {CorrectedField.CATEGORY: "cars"}, actor="a", now=T0
            )
        with pytest.raises(service.CorrectionError, match="找不到提及 nope"):
            service.correct(
                session,
                ctx.index,
                "nope",
                {CorrectedField.SENTIMENT: "negative"},
                actor="a",
                now=T0,
            )
        assert service.history(session) == []


def test_training_labels_keep_the_latest_per_mention(ctx: Context) -> None:
    mention_id = ingest_one(ctx)
    with ctx.sessions() as session:
        for value in ("negative", "neutral"):
            service.correct(
                session,
                ctx.index,
                mention_id,
                {CorrectedField.SENTIMENT: value},
                actor="a",
                now=T0,
            )
        labels = service.training_labels(session, CorrectedField.SENTIMENT)
    assert [(x.text, x.value) for x in labels] == [(BRAKE, "neutral")]


def test_cli_sets_and_lists(ctx: Context, tmp_path: Path) -> None:
    mention_id = ingest_one(ctx)
    ctx.close()
    runner = CliRunner()
    data = ["--data-dir", str(tmp_path / "var")]
    done = runner.invoke(
        app, ["label", "set", mention_id, "--complaint", "否", "--actor", "王五", *data]
    )
    assert done.exit_code == 0, done.output
    assert f"已校正 {mention_id} 的是否投诉" in done.output
    listed = runner.invoke(app, ["label", "list", *data], env={"COLUMNS": "120"})
    row = next(line for line in listed.output.splitlines() if "王五" in line and "是否投诉" in line)
    assert [cell.strip() for cell in row.split("│")][5:8] == ["是否投诉", "是", "否"]
    bad = runner.invoke(app, ["label", "set", mention_id, "--urgency", "urgent", *data])
    assert bad.exit_code == 2 and "紧急程度不能设为 'urgent'" in bad.output
    shown = runner.invoke(app, ["search", "刹车", "--json", *data])
    assert json.loads(shown.output.splitlines()[0])["corrected"] == {
        "complaint": "false",
        "category": "other",  # a mention that is no complaint has category 其他
    }


def test_cli_takes_the_chinese_names_the_tables_show(ctx: Context, tmp_path: Path) -> None:
    mention_id = ingest_one(ctx)
    ctx.close()
    runner = CliRunner()
    data = ["--data-dir", str(tmp_path / "var")]
    args = ["--sentiment", "中性", "--category", "退换货", "--urgency", "严重"]
    done = runner.invoke(app, ["label", "set", mention_id, *args, *data])
    assert done.exit_code == 0, done.output
    shown = runner.invoke(app, ["search", "刹车", "--json", *data])
    assert json.loads(shown.output.splitlines()[0])["corrected"] == {
        "sentiment": "neutral",
        "category": "after_sales_refund",
        "urgency": "high",
    }
    bad = runner.invoke(app, ["label", "set", mention_id, "--sentiment", "生气", *data])
    assert bad.exit_code == 2
    assert "情感不能设为 '生气'" in bad.output and "negative（负面）" in bad.output


def test_the_same_correction_twice_is_recorded_once(ctx: Context, tmp_path: Path) -> None:
    mention_id = ingest_one(ctx)  # the classifier says 负面
    ctx.close()
    runner = CliRunner()
    data = ["--data-dir", str(tmp_path / "var")]
    confirmed = runner.invoke(app, ["label", "set", mention_id, "--sentiment", "负面", *data])
    assert confirmed.exit_code == 0, confirmed.output
    assert "已确认" in confirmed.output and "与模型判断一致" in confirmed.output
    first = runner.invoke(app, ["label", "set", mention_id, "--urgency", "紧急", *data])
    assert first.exit_code == 0 and "已校正" in first.output
    again = runner.invoke(
        app, ["label", "set", mention_id, "--sentiment", "negative", "--urgency", "critical", *data]
    )
    assert again.exit_code == 0, again.output
    assert f"已校正 {mention_id}" not in again.output and "已确认" not in again.output
    assert "未改变：情感已校正为 负面，未重复记录" in again.output
    assert "未改变：紧急程度已校正为 紧急，未重复记录" in again.output
    with Context.load(None, tmp_path / "var").sessions() as session:
        rows = service.history(session, mention_id)
    assert sorted(row.field for row in rows) == ["sentiment", "urgency"]  # one row each
