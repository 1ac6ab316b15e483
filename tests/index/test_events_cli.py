"""`yuqing ingest` then `yuqing events list/show --json` on real OpenSearch and Elasticsearch
nodes; the engine aggregates the similarity groups the ingest stored."""

from __future__ import annotations

import uuid
from pathlib import Path

import pytest

from brand_events.synthetic import build_stream
from core.config import IndexConfig
from core.index.engines import open_engine_index
from tests.events.test_replay_events import check_events, cli, write_stream
from tests.index.conftest import drop_engine_index
from tests.index.test_group_field import group_buckets


@pytest.mark.engine
def test_ingest_then_events_cli_on_each_engine(tmp_path: Path, engine_url: tuple[str, str]) -> None:
    engine, url = engine_url
    stream = build_stream(seed=5)
    path, config = write_stream(stream, tmp_path)
    data_dir = tmp_path / "var"
    prefix = f"yqt-ev-{uuid.uuid4().hex[:8]}"
    env = {
        "YUQING_INDEX__BACKEND": engine,
        "YUQING_INDEX__URLS": f'["{url}"]',
        "YUQING_INDEX__INDEX_PREFIX": prefix,
        "YUQING_INDEX__REPLICAS": "0",
    }
    args = (
        "ingest",
        str(path),
        "--no-alerts",
        "--data-dir",
        str(data_dir),
        "--config",
        str(config),
    )
    try:
        assert f"新增 {len(stream.mentions)} 条" in cli(*args, env=env)
        check_events(stream, data_dir, config, env)
        index_config = IndexConfig(backend=engine, urls=[url], index_prefix=prefix)
        promo = next(m for m in stream.mentions if m.native_id == "p0")
        pasted = sum(1 for m in stream.mentions if m.text == promo.text)
        buckets = group_buckets(open_engine_index(index_config))
        assert pasted > 1 and max(buckets.values()) >= pasted, buckets
    finally:
        index_config = IndexConfig(backend=engine, urls=[url], index_prefix=prefix)
        drop_engine_index(open_engine_index(index_config))
