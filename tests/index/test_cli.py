"""`yuqing index init / migrate / stats` against SQLite and the real OpenSearch and
Elasticsearch nodes."""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest
from typer.testing import CliRunner

from core.config import IndexConfig
from core.index.cli import app
from core.index.engines import open_engine_index
from core.index.protocol import SearchQuery
from core.index.sqlite import SQLiteMentionIndex
from tests.index.conftest import drop_engine_index
from tests.index.corpus import CORPUS

runner = CliRunner()


@pytest.fixture
def engine_env(engine_url: tuple[str, str]) -> Iterator[dict[str, str]]:
    """Environment that points the config at each test node in turn under a fresh prefix."""
    engine, url = engine_url
    prefix = f"yqt-cli-{uuid.uuid4().hex[:8]}"
    yield {
        "YUQING_INDEX__BACKEND": engine,
        "YUQING_INDEX__URLS": f'["{url}"]',
        "YUQING_INDEX__INDEX_PREFIX": prefix,
        "YUQING_INDEX__REPLICAS": "0",
    }
    config = IndexConfig(backend=engine, urls=[url], index_prefix=prefix)
    drop_engine_index(open_engine_index(config))


def _sqlite_with_corpus(data_dir: Path) -> None:
    index = SQLiteMentionIndex(data_dir / "mentions.db")
    index.upsert_many(list(CORPUS.values()))
    index.close()


def test_init_reports_the_active_analyzer(engine_env: dict[str, str], tmp_path: Path) -> None:
    result = runner.invoke(app, ["init", "--data-dir", str(tmp_path)], env=engine_env)

    assert result.exit_code == 0, result.output
    backend = engine_env["YUQING_INDEX__BACKEND"]
    major = {"opensearch": "2.", "elasticsearch": "8."}[backend]
    assert f"{backend} {major}" in result.output
    assert "分词器：yuqing_cjk" in result.output
    assert f"{engine_env['YUQING_INDEX__INDEX_PREFIX']}-2*" in result.output


def test_migrate_copies_everything_and_is_idempotent(
    engine_env: dict[str, str], tmp_path: Path
) -> None:
    _sqlite_with_corpus(tmp_path)
    backend = engine_env["YUQING_INDEX__BACKEND"]
    args = ["migrate", "--from", "sqlite", "--to", backend, "--batch", "3"]
    args += ["--data-dir", str(tmp_path)]

    first = runner.invoke(app, args, env=engine_env)
    again = runner.invoke(app, args, env=engine_env)

    assert first.exit_code == 0, first.output
    assert "已复制 7 条提及：新增 7 条，更新 0 条，拒绝 0 条" in first.output
    assert "已复制 7 条提及：新增 0 条，更新 7 条，拒绝 0 条" in again.output
    stats = runner.invoke(app, ["stats", "--data-dir", str(tmp_path)], env=engine_env)
    assert stats.exit_code == 0, stats.output
    assert "分词器：yuqing_cjk" in stats.output
    assert "2026.05" in stats.output and "2026.06" in stats.output
    config = IndexConfig(
        backend=backend,
        urls=[engine_env["YUQING_INDEX__URLS"][2:-2]],
        index_prefix=engine_env["YUQING_INDEX__INDEX_PREFIX"],
    )
    engine = open_engine_index(config)
    assert engine.count(SearchQuery(text="退款")) == 2
    engine.close()


def test_sqlite_stats_and_init(tmp_path: Path) -> None:
    _sqlite_with_corpus(tmp_path)
    env = {"YUQING_INDEX__BACKEND": "sqlite"}

    init = runner.invoke(app, ["init", "--data-dir", str(tmp_path)], env=env)
    stats = runner.invoke(app, ["stats", "--data-dir", str(tmp_path)], env=env)

    assert init.exit_code == 0 and "sqlite 索引已就绪" in init.output
    assert stats.exit_code == 0 and "7 条提及" in stats.output


def test_migrate_to_itself_is_refused(tmp_path: Path) -> None:
    args = ["migrate", "--from", "sqlite", "--to", "sqlite", "--data-dir", str(tmp_path)]
    result = runner.invoke(app, args, env={"YUQING_INDEX__BACKEND": "sqlite"})

    assert result.exit_code != 0
    assert "请指定两个不同的后端" in str(result.exception)


def test_unreachable_engine_says_what_to_fix(tmp_path: Path) -> None:
    env = {"YUQING_INDEX__BACKEND": "opensearch", "YUQING_INDEX__URLS": '["http://127.0.0.1:9"]'}
    result = runner.invoke(app, ["stats", "--data-dir", str(tmp_path)], env=env)

    assert result.exit_code != 0
    message = str(result.exception)
    assert "index.urls：无法连接 http://127.0.0.1:9" in message
    assert "请确认节点正在运行" in message
