"""`yuqing search`: a query or filter it cannot use is refused in Chinese, never widened."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from app.cli import app, main
from core.context import Context
from core.index.protocol import SearchQuery

runner = CliRunner()
ROWS = [
    {"source": "weibo", "native_id": "1", "text": "XWF 鲜味坊退款难😡😡！！！",
     "published_at": "2026-11-20T10:00:00+08:00"},
    {"source": "weibo", "native_id": "2", "text": "鲜味坊很好吃，点赞",
     "published_at": "2026-11-20T11:00:00+08:00"},
]  # fmt: skip


@pytest.fixture
def data(tmp_path: Path) -> str:
    stream = tmp_path / "in.jsonl"
    stream.write_text("\n".join(json.dumps(r, ensure_ascii=False) for r in ROWS), "utf-8")
    folder = str(tmp_path / "var")
    result = runner.invoke(app, ["ingest", str(stream), "--data-dir", folder])
    assert result.exit_code == 0, result.output
    return folder


def run(
    args: list[str], capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> tuple[int, str, str]:
    """Exit code, stdout and stderr of `yuqing ARGS` through the real entry point."""
    monkeypatch.setattr(sys, "argv", ["yuqing", *args])
    with pytest.raises(SystemExit) as exited:
        main()
    out = capsys.readouterr()
    code = exited.value.code
    return (code if isinstance(code, int) else 0), out.out, out.err


def found(data: str, *args: str) -> list[str]:
    result = runner.invoke(app, ["search", *args, "--json", "--data-dir", data])
    assert result.exit_code == 0, result.output
    return sorted(json.loads(line)["native_id"] for line in result.stdout.splitlines())


@pytest.mark.parametrize("text", ["😡", "！！！", "，", "😡 -，"])
def test_a_query_without_searchable_text_is_refused(
    text: str, data: str, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    code, out, err = run(["search", text, "--data-dir", data], capsys, monkeypatch)
    assert code == 2 and not out
    assert "没有可检索的文字" in err and "表情和标点不参与检索" in err, err
    assert "共 " not in err


def test_full_width_and_mixed_queries(data: str) -> None:
    assert found(data, "ＸＷＦ") == found(data, "XWF") == ["1"]
    result = runner.invoke(app, ["search", "退款 😡", "--json", "--data-dir", data])
    assert result.exit_code == 0
    assert [json.loads(line)["native_id"] for line in result.stdout.splitlines()] == ["1"]
    assert "已忽略：😡" in result.stderr


@pytest.mark.parametrize(
    ("option", "code", "chinese"),
    [
        ("--sentiment", "negative", "负面"),
        ("--channel", "weibo", "微博"),
        ("--category", "after_sales_refund", "售后/退换货"),
        ("--category", "after_sales_refund", "退换货"),
        ("--min-urgency", "low", "一般"),
    ],
)
def test_filters_take_the_chinese_names_the_tables_show(
    option: str, code: str, chinese: str, data: str
) -> None:
    assert found(data, option, chinese) == found(data, option, code)


def test_an_unknown_filter_value_lists_code_and_chinese_pairs(
    data: str, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    code, _, err = run(["search", "--channel", "微信", "--data-dir", data], capsys, monkeypatch)
    assert code == 2
    assert "'微信' 不是可选值" in err and "weibo（微博）" in err and "other（其他）" in err, err


def test_plans_by_id_or_name_and_an_unknown_plan_is_refused(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    config = tmp_path / "yuqing.yaml"
    config.write_text(
        "brand: 鲜味坊\nplans:\n  - id: xwf\n    name: 鲜味坊外卖\n    expression: 鲜味坊\n",
        "utf-8",
    )
    stream = tmp_path / "in.jsonl"
    stream.write_text("\n".join(json.dumps(r, ensure_ascii=False) for r in ROWS), "utf-8")
    folder = str(tmp_path / "var")
    fed = runner.invoke(app, ["ingest", str(stream), "-c", str(config), "--data-dir", folder])
    assert fed.exit_code == 0, fed.output
    by_id = found(folder, "--plan", "xwf", "-c", str(config))
    assert by_id == found(folder, "--plan", "鲜味坊外卖", "-c", str(config)) == ["1", "2"]
    args = ["search", "--plan", "xfw", "-c", str(config), "--data-dir", folder]
    code, out, err = run(args, capsys, monkeypatch)
    assert code == 2 and not out  # a typo found nothing and looked like a quiet day
    assert "未知的监测方案 'xfw'" in err and "xwf（鲜味坊外卖）" in err, err


def test_a_title_is_set_apart_from_its_text_in_the_table() -> None:
    from datetime import UTC, datetime

    from app.commands.search import shown_text
    from core.models import Mention

    post = Mention(
        source="heimao",
        native_id="t",
        title="全是大肥肉",
        text="今天的商务套餐太差了！\n全是大肥肉！",
        published_at=datetime(2026, 11, 20, tzinfo=UTC),
    )
    assert shown_text(post) == "【全是大肥肉】今天的商务套餐太差了！ 全是大肥肉！"
    assert shown_text(post.model_copy(update={"title": None})).startswith("今天的")


def test_help_examples_name_no_brand() -> None:
    """The help reads the same for every deployment: no demo brand or plan id in it."""
    shown = runner.invoke(app, ["search", "--help"], env={"COLUMNS": "200"})
    assert shown.exit_code == 0, shown.output
    assert "--plan" in shown.output and "plans 的 id 或名称" in shown.output
    assert "鲜味坊" not in shown.output and "xwf" not in shown.output


@pytest.mark.parametrize("text", ['"', "-", '" -', "- -", '""', "  -  "])
def test_a_query_of_only_quotes_and_minus_signs_is_refused(
    text: str, data: str, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """Not every mention listed as if no query had been typed."""
    code, out, err = run(["search", text, "--data-dir", data], capsys, monkeypatch)
    assert code == 2 and not out, out
    assert "没有要检索的词" in err and "只有引号、减号或空格" in err, err
    assert "共 " not in err


@pytest.mark.parametrize("text", ['"', "-", '" -'])
def test_the_index_matches_nothing_for_a_query_without_words(text: str, data: str) -> None:
    ctx = Context.load(None, data)
    try:
        assert ctx.index.count(SearchQuery()) == 2
        assert ctx.index.count(SearchQuery(text=text)) == 0
        assert ctx.index.search(SearchQuery(text=text)).mentions == []
    finally:
        ctx.close()
