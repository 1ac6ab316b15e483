"""`yuqing label set|undo|list|status` through the real CLI on real SQLite stores: undo, short
ids, the actor, near-miss values, the complaint/category rule, times and counts."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest
from typer.testing import CliRunner

from app.cli import app
from core.context import Context
from core.models import Mention
from sentiment.corrections import service
from sentiment.corrections.enums import CorrectedField
from tests.core.conftest import make_config, mention

BRAKE = "鲜味坊的车刹车异响，4S店说正常"  # the classifier: 负面, a complaint, 商品质量
QUESTION = "请问鲜味坊的车保养一次多少钱？"  # no complaint: 其他
runner = CliRunner()


@pytest.fixture
def data(tmp_path: Path) -> Path:
    return tmp_path / "var"


@pytest.fixture
def ctx(data: Path) -> Iterator[Context]:
    """A context with the real default classifier on fresh stores."""
    context = Context(config=make_config(), data_dir=data)
    yield context
    context.close()


def ingest(ctx: Context, *texts: str) -> list[Mention]:
    report = ctx.pipeline.process([mention(f"m{n}", t) for n, t in enumerate(texts)])
    ctx.close()
    return report.new


def invoke(data: Path, *args: str) -> tuple[int, str]:
    result = runner.invoke(app, [*args, "--data-dir", str(data)], env={"COLUMNS": "120"})
    return result.exit_code, result.output


def stored(data: Path, mention_id: str) -> Mention:
    context = Context.load(None, data)
    try:
        found = context.index.get(mention_id)
        assert found is not None
        return found
    finally:
        context.close()


def trained_on(data: Path, field: CorrectedField) -> list[str]:
    context = Context.load(None, data)
    try:
        with context.sessions() as session:
            return [row.value for row in service.training_labels(session, field)]
    finally:
        context.close()


def test_undo_returns_the_model_decision_audited_and_not_trained_on(
    ctx: Context, data: Path
) -> None:
    (post,) = ingest(ctx, BRAKE)
    assert post.complaint is not None and post.complaint.flag
    code, out = invoke(data, "label", "set", post.id, "--complaint", "否", "--actor", "王五")
    assert code == 0, out
    code, out = invoke(data, "label", "set", post.id, "--complaint", "是", "--actor", "王五")
    assert code == 0 and f"yuqing label undo {post.id} --field complaint" in out, out

    code, out = invoke(data, "label", "undo", post.id[:8], "--field", "是否投诉", "--actor", "李娜")
    assert code == 0, out
    assert f"已撤销 {post.id} 的是否投诉校正：是 → 是（模型的判断）" in out, out
    now = stored(data, post.id)
    assert "complaint" not in now.corrected and now.complaint == post.complaint
    assert trained_on(data, CorrectedField.COMPLAINT) == []
    assert trained_on(data, CorrectedField.CATEGORY) == ["other"]  # not asked: still corrected

    code, out = invoke(data, "label", "undo", post.id, "--actor", "李娜")
    assert code == 0 and "已撤销" in out and "类别校正：其他 → 商品质量（模型的判断）" in out, out
    now = stored(data, post.id)
    assert now.corrected == {} and now.category == post.category
    assert trained_on(data, CorrectedField.CATEGORY) == []
    code, out = invoke(data, "label", "undo", post.id, "--actor", "李娜")
    assert code == 0 and "没有人工校正，无需撤销" in out, out

    code, listed = invoke(data, "label", "list", post.id[:6])
    rows = [line for line in listed.splitlines() if "李娜" in line]
    assert [[c.strip() for c in row.split("│")][5:8] for row in rows] == [
        ["撤销类别", "其他", "商品质量"],
        ["撤销是否投诉", "是", "是"],
    ]
    code, status = invoke(data, "label", "status")
    assert "情感 0 条，是否投诉 0 条，类别 0 条，紧急程度 0 条" in status, status


def test_label_commands_take_a_unique_start_of_an_id(ctx: Context, data: Path) -> None:
    posts = ingest(ctx, *(f"{BRAKE}，第{n}次" for n in range(17)))  # 17 ids: two share a digit
    first = {p.id[0] for p in posts}
    shared = next(d for d in sorted(first) if sum(p.id[0] == d for p in posts) > 1)
    code, out = invoke(data, "label", "set", shared, "--sentiment", "中性", "--actor", "a")
    assert code == 2 and f"以 {shared} 开头的提及不止一条" in out and "请多写几位 id" in out, out
    target = posts[0]
    code, out = invoke(data, "label", "set", target.id[:8], "--sentiment", "中性", "--actor", "a")
    assert code == 0 and f"已校正 {target.id} 的情感" in out, out
    code, out = invoke(data, "label", "list")
    row = next(line for line in out.splitlines() if target.id[:10] in line)
    assert "鲜味坊的车刹车异响" in row and "时间为北京时间" in out, out
    code, out = invoke(data, "label", "set", "ffffffffzz", "--sentiment", "中性")
    assert code == 2 and "找不到提及 ffffffffzz" in out, out


def test_a_blank_actor_is_refused(ctx: Context, data: Path) -> None:
    (post,) = ingest(ctx, BRAKE)
    for blank in ("", "  "):
        code, out = invoke(data, "label", "set", post.id, "--sentiment", "中性", "--actor", blank)
        assert code == 2 and "操作人不能为空" in out, out
        code, out = invoke(data, "label", "undo", post.id, "--actor", blank)
        assert code == 2 and "操作人不能为空" in out, out
    assert stored(data, post.id).corrected == {}


def test_a_near_miss_value_names_the_value_meant(ctx: Context, data: Path) -> None:
    (post,) = ingest(ctx, BRAKE)
    code, out = invoke(data, "label", "set", post.id, "--category", "商品质最")
    assert code == 2 and "是否想用 商品质量？" in out, out
    code, out = invoke(data, "label", "set", post.id, "--sentiment", "负而")
    assert code == 2 and "是否想用 负面？" in out, out
    code, out = invoke(data, "search", "刹车", "--category", "服务太度")
    assert code == 2 and "是否想用 服务态度" in out, out
    code, out = invoke(data, "label", "undo", post.id, "--field", "类型")
    assert code == 2 and "是否想用 类别" in out, out


def test_a_correction_keeps_non_complaints_in_category_other(ctx: Context, data: Path) -> None:
    (post,) = ingest(ctx, BRAKE)
    assert post.category is not None and post.category.value == "product_quality"
    code, out = invoke(data, "label", "set", post.id, "--complaint", "否", "--actor", "王五")
    assert code == 0, out
    assert "类别随之设为 其他：不是投诉的提及类别为 其他" in out, out
    assert stored(data, post.id).corrected == {"complaint": "false", "category": "other"}
    code, out = invoke(data, "search", "刹车", "--no-complaint", "--category", "商品质量", "--json")
    assert code == 0 and out.strip() == "", out
    code, out = invoke(data, "label", "set", post.id, "--complaint", "否", "--category", "商品质量")
    assert code == 2 and "不是投诉的提及类别只能是 其他" in out, out
    code, out = invoke(data, "label", "set", post.id, "--category", "服务态度", "--actor", "王五")
    assert code == 0 and "是否投诉随之设为 是" in out, out
    code, out = invoke(data, "search", "刹车", "--complaint", "--json")
    assert json.loads(out.splitlines()[0])["corrected"] == {
        "complaint": "true",
        "category": "service_attitude",
    }


def test_status_counts_say_what_they_count_in_beijing_time(ctx: Context, data: Path) -> None:
    # The brake post is filed under 商品质量: its category corrected, it was a complaint
    # already (no label for the flag); the question filed under 其他 becomes one.
    post, asked = ingest(ctx, BRAKE, QUESTION)
    assert asked.category is not None and asked.category.value == "other"
    invoke(data, "label", "set", post.id, "--category", "服务态度", "--urgency", "紧急")
    invoke(data, "label", "set", post.id, "--category", "退换货")
    invoke(data, "label", "set", asked.id, "--category", "服务态度")
    code, out = invoke(data, "label", "status")
    assert code == 0, out
    assert "已存校正（按提及计，每项取最新一次，已撤销的不算）：" in out, out
    assert "是否投诉 1 条，类别 2 条，紧急程度 1 条" in out, out
    assert "下次训练将用：情感 0 条，是否投诉 1 条，类别 2 条" in out, out
    assert "由类别校正推出" not in out, out  # the question's 是 was stored with its category
    assert "紧急程度校正 1 条：上调" in out, out
    assert "训练后新增" not in out and "尚未训练" in out, out


def test_the_training_time_is_shown_in_the_configured_zone(data: Path) -> None:
    from datetime import UTC, datetime

    from sentiment.adaptation.job import AdaptationStatus

    shown = AdaptationStatus(
        corrections={"sentiment": 6, "complaint": 0, "category": 0, "urgency": 0},
        pending=0,
        trained_at=datetime(2026, 12, 2, 20, 15, tzinfo=UTC),
        trained_on={"sentiment": 6, "complaint": 0, "category": 0},
        effect={},
        path=data,
        next_training={"sentiment": 6, "complaint": 0, "category": 0},
    ).lines()
    assert "自适应模型：训练于 2026-12-03 04:15（北京时间），当时用了 情感 6 条" in shown[2]
    assert "训练后新增的校正与撤销记录：0 条" in shown[3]
