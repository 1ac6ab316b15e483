"""数据源状态 when every mention came from `yuqing ingest` files: each run is listed (when, file,
lines read, stored, duplicates, rejected lines with their reasons), not "no sources"."""

from __future__ import annotations

import json
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

import pytest
import streamlit as st
from streamlit.testing.v1 import AppTest
from typer.testing import CliRunner

from app.cli import app

PAGE = str(Path(__file__).resolve().parents[2] / "dashboard" / "views" / "sources.py")


@pytest.fixture(autouse=True)
def fresh_caches() -> Iterator[None]:
    """Streamlit's resource cache would keep the previous test's context."""
    st.cache_resource.clear()
    yield
    st.cache_resource.clear()


def open_page(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> AppTest:
    """The 数据源状态 page on tmp_path's config and data dir."""
    monkeypatch.setenv("YUQING_CONFIG", str(tmp_path / "yuqing.yaml"))
    monkeypatch.setenv("YUQING_DATA_DIR", str(tmp_path / "var"))
    page = AppTest.from_file(PAGE, default_timeout=60).run()
    assert not page.exception, page.exception
    return page


def ingest(tmp_path: Path, name: str, lines: list[str]) -> None:
    """`yuqing ingest` one file of these lines."""
    stream = tmp_path / name
    stream.write_text("\n".join(lines) + "\n", "utf-8")
    args = ["--config", str(tmp_path / "yuqing.yaml"), "--data-dir", str(tmp_path / "var")]
    result = CliRunner().invoke(app, ["ingest", str(stream), *args])
    assert result.exit_code == 0, result.output


def post(n: int) -> str:
    stamp = datetime.now(UTC).isoformat()
    text = f"鲜味坊外卖送错了第{n}次"
    return json.dumps(
        {"source": "export", "native_id": str(n), "published_at": stamp, "text": text}
    )


def test_ingested_files_are_listed_with_what_became_of_each_line(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "yuqing.yaml").write_text("brand: 鲜味坊\n", "utf-8")
    page = open_page(tmp_path, monkeypatch)
    assert "也没有用 yuqing ingest 导入过文件" in page.info[0].value

    ingest(tmp_path, "week.jsonl", [post(1), post(2), post(2), '{"text": "坏行', post(3)])
    page = open_page(tmp_path, monkeypatch)

    assert "尚未配置数据源" not in page.info[0].value and "yuqing ingest" in page.info[0].value
    table = page.dataframe[0].value
    assert list(table["文件"]) == ["week.jsonl"] and list(table["状态"]) == ["完成"]
    counts = ["读取行数", "新增", "重复", "拒绝"]
    assert [int(table[column][0]) for column in counts] == [5, 3, 1, 1]
    (said,) = [c.value for c in page.caption if "拒绝 1 行" in c.value]
    assert "4：不是合法的 JSON" in said  # line 4 and why (file names are escaped for markdown)
