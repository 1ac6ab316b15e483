"""The `yuqing` CLI contract: ingest counts, search, classify, and clean errors."""

from __future__ import annotations

import json
import subprocess
import sys
from datetime import UTC, datetime
from pathlib import Path

import pytest
from typer.testing import CliRunner

from app.cli import app

runner = CliRunner()
ROWS = [
    {"source": "weibo", "native_id": "1", "channel": "weibo", "text": "鲜味坊申请退款一直没到账",
     "published_at": "2026-11-20T10:00:00+08:00", "author": {"name": "小王", "followers": 120}},
    {"source": "weibo", "native_id": "2", "channel": "weibo", "text": "鲜味坊的外卖很好吃",
     "published_at": "2026-11-20T11:00:00+08:00"},
    {"source": "forum", "native_id": "9", "channel": "forum", "title": "鲜味坊退款难",
     "text": "第三次投诉了，一直没人处理", "published_at": "2026-11-20T12:00:00+08:00"},
]  # fmt: skip


@pytest.fixture
def stream(tmp_path: Path) -> Path:
    path = tmp_path / "in.jsonl"
    lines = [json.dumps(r, ensure_ascii=False) for r in ROWS]
    lines += [
        "{broken json",
        json.dumps({"source": "weibo", "text": "no id", "published_at": "2026-11-20"}),
    ]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def invoke(*args: str) -> str:
    result = runner.invoke(app, list(args))
    assert result.exit_code == 0, result.output
    return result.output


def test_ingest_twice_leaves_count_unchanged(stream: Path, tmp_path: Path) -> None:
    data = str(tmp_path / "var")
    first = invoke("ingest", str(stream), "--data-dir", data)
    assert "新增 3 条，更新 0 条，重复 0 条，拒绝 2 条" in first
    assert "in.jsonl:4：不是合法的 JSON" in first and "in.jsonl:5：native_id" in first
    second = invoke("ingest", str(stream), "--data-dir", data)
    assert "新增 0 条，更新 0 条，重复 3 条，拒绝 2 条" in second
    lines = invoke("search", "--json", "--limit", "100", "--data-dir", data).splitlines()
    assert len(lines) == 3


def test_search_finds_chinese_substring_as_json_and_table(stream: Path, tmp_path: Path) -> None:
    data = str(tmp_path / "var")
    invoke("ingest", str(stream), "--data-dir", data)
    found = [
        json.loads(line)
        for line in invoke("search", "退款", "--json", "--data-dir", data).splitlines()
    ]
    assert sorted(m["native_id"] for m in found) == ["1", "9"]
    assert all(m["sentiment"]["label"] in {"negative", "neutral", "positive"} for m in found)
    table = invoke("search", "退款", "--limit", "1", "--data-dir", data)
    assert "共 2 条" in table and "显示 1 条" in table
    assert (
        invoke("search", "退款", "--channel", "forum", "--json", "--data-dir", data).count("\n")
        == 1
    )


def test_ingest_csv_in_gbk(tmp_path: Path) -> None:
    path = tmp_path / "export.csv"
    path.write_bytes(
        "review,author_name\n鲜味坊送餐太慢了,张三\n鲜味坊味道很好,李四\n".encode("gbk")
    )
    out = invoke("ingest", str(path), "--data-dir", str(tmp_path / "var"))
    assert "新增 2 条" in out
    found = json.loads(invoke("search", "太慢", "--json", "--data-dir", str(tmp_path / "var")))
    assert found["author"]["name"] == "张三" and found["source"] == "import:export"


def test_classify_jsonl_and_csv(tmp_path: Path) -> None:
    src = tmp_path / "in.csv"
    src.write_text(
        "id,review\n1,外卖吃出虫子，食物中毒了，要去12315投诉\n2,还行吧，一般般\n", encoding="utf-8"
    )
    out = tmp_path / "out.jsonl"
    invoke("classify", "--in", str(src), "--out", str(out))
    rows = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert [r["id"] for r in rows] == ["1", "2"]
    assert rows[0]["urgency"]["score"] > rows[1]["urgency"]["score"]
    assert rows[0]["sentiment"]["label"] == "negative"
    assert {"sentiment", "category", "urgency", "keywords"} <= rows[0].keys()


def test_classify_reports_records_it_cannot_classify_in_their_place(tmp_path: Path) -> None:
    src = tmp_path / "in.jsonl"
    lines = [
        json.dumps({"id": "a", "text": "外卖吃出虫子，要投诉"}, ensure_ascii=False),
        json.dumps({"id": "b", "text": ""}),
        "{broken",
        json.dumps({"id": "d", "text": None}),
        json.dumps({"id": "e"}),
        json.dumps({"id": "f", "review": "还行吧，一般般"}, ensure_ascii=False),
    ]
    src.write_text("\n".join(lines), encoding="utf-8")
    out = tmp_path / "out.jsonl"
    printed = invoke("classify", "--in", str(src), "--out", str(out))
    rows = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert len(rows) == 6  # one per input line, in order: a broken line no longer ends the run
    assert [r.get("id") for r in rows] == ["a", "b", None, "d", "e", "f"]
    assert rows[0]["sentiment"]["label"] == "negative" and rows[5]["sentiment"] is not None
    for row in (rows[1], rows[3], rows[4]):  # empty text was labelled neutral / other
        assert row["sentiment"] is None and row["category"] is None and "没有正文" in row["error"]
    assert "JSON" in rows[2]["error"]
    assert "分类 2 条记录，4 条无法分类" in printed and "第 3 行" in printed


def test_errors_are_clean_messages_not_tracebacks(tmp_path: Path) -> None:
    bad = tmp_path / "bad.yaml"
    bad.write_text("index:\n  backend: mysql\n", encoding="utf-8")
    cli = [sys.executable, "-m", "app"]
    data = ["--data-dir", str(tmp_path)]
    result = subprocess.run(
        [*cli, "search", "x", "--config", str(bad), *data],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 2
    assert "index.backend：未知的索引后端 'mysql'" in result.stderr
    assert "Traceback" not in result.stderr
    missing = subprocess.run(
        [*cli, "ingest", str(tmp_path / "nope.jsonl"), *data],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert missing.returncode == 2 and "文件不存在" in missing.stderr


def test_ingest_runs_the_at_ingest_alert_rules(tmp_path: Path) -> None:
    path = tmp_path / "kol.jsonl"
    kol = {
        "source": "weibo", "native_id": "k1", "channel": "weibo",
        "text": "在鲜味坊吃出虫子，孩子食物中毒住院了，已经报警并联系记者曝光！",
        "published_at": datetime.now(UTC).isoformat(),
        "author": {"name": "吃货小王大王", "followers": 1260000, "verified": True},
    }  # fmt: skip
    path.write_text(json.dumps(kol, ensure_ascii=False) + "\n", encoding="utf-8")
    data = str(tmp_path / "var")
    invoke("ingest", str(path), "--data-dir", data)
    assert "高危舆情" in invoke("alerts", "list", "--data-dir", data)
    quiet = tmp_path / "quiet"
    invoke("ingest", str(path), "--no-alerts", "--data-dir", str(quiet))
    assert "高危舆情" not in invoke("alerts", "list", "--data-dir", str(quiet))
    # A back-dated import (last month's export) is indexed but pages nobody.
    old = tmp_path / "old.jsonl"
    stale = {**kol, "native_id": "k0", "published_at": "2026-10-01T10:00:00+08:00"}
    old.write_text(json.dumps(stale, ensure_ascii=False) + "\n", encoding="utf-8")
    archive = str(tmp_path / "archive")
    assert "新增 1 条" in invoke("ingest", str(old), "--data-dir", archive)
    assert "高危舆情" not in invoke("alerts", "list", "--data-dir", archive)
