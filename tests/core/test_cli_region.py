"""`yuqing search --region`: only mentions from those regions, shown in the table."""

from __future__ import annotations

import json
from pathlib import Path

from typer.testing import CliRunner

from app.cli import app

runner = CliRunner()
ROWS = [
    {"source": "weibo", "native_id": "1", "text": "鲜味坊退款难", "region": "发布于 广东",
     "published_at": "2026-11-20T10:00:00+08:00"},
    {"source": "weibo", "native_id": "2", "text": "鲜味坊退款慢", "region": "北京市",
     "published_at": "2026-11-20T11:00:00+08:00"},
    {"source": "weibo", "native_id": "3", "text": "鲜味坊退款没到账",
     "published_at": "2026-11-20T12:00:00+08:00"},
]  # fmt: skip


def invoke(*args: str) -> str:
    result = runner.invoke(app, list(args))
    assert result.exit_code == 0, result.output
    return result.output


def test_search_by_region(tmp_path: Path) -> None:
    stream = tmp_path / "in.jsonl"
    stream.write_text("\n".join(json.dumps(r, ensure_ascii=False) for r in ROWS), "utf-8")
    data = str(tmp_path / "var")
    invoke("ingest", str(stream), "--data-dir", data)

    def found(*regions: str) -> list[str]:
        options = [arg for r in regions for arg in ("--region", r)]
        lines = invoke("search", "退款", *options, "--json", "--data-dir", data).splitlines()
        return sorted(json.loads(line)["native_id"] for line in lines)

    assert found() == ["1", "2", "3"]
    assert found("广东") == ["1"]
    assert found("广东省", "北京") == ["1", "2"]  # written long or short
    assert found("上海") == []
    table = invoke("search", "退款", "--region", "广东", "--data-dir", data)
    assert "地区" in table and "广东" in table and "共 1 条" in table


def test_a_misspelt_region_that_finds_nothing_gets_a_hint(tmp_path: Path) -> None:
    stream = tmp_path / "in.jsonl"
    stream.write_text("\n".join(json.dumps(r, ensure_ascii=False) for r in ROWS), "utf-8")
    data = str(tmp_path / "var")
    invoke("ingest", str(stream), "--data-dir", data)

    typo = invoke("search", "退款", "--region", "广冬", "--data-dir", data)
    assert "共 0 条" in typo
    assert "地区 广冬 不是国内省级地区名" in typo and "请检查拼写" in typo
    # A real province that has no mentions, or a placeholder, is not a typo.
    for region in ("上海", "海外"):
        assert "请检查拼写" not in invoke("search", "退款", "--region", region, "--data-dir", data)
    # A region that finds mentions needs no hint, whatever its name.
    assert "请检查拼写" not in invoke("search", "退款", "--region", "广东", "--data-dir", data)
