"""`yuqing ingest` then `yuqing events list/show --json` on a real OpenSearch node."""

from __future__ import annotations

import uuid
from pathlib import Path

import pytest

from brand_events.synthetic import build_stream
from core.config import IndexConfig
from core.index.engines import open_engine_index
from tests.events.test_replay_events import check_events, cli, write_stream
from tests.index.conftest import drop_engine_index


@pytest.mark.engine
def test_ingest_then_events_cli_on_opensearch(tmp_path: Path, opensearch_url: str) -> None:
    stream = build_stream(seed=5)
    path, config = write_stream(stream, tmp_path)
    data_dir = tmp_path / "var"
    prefix = f"yqt-ev-{uuid.uuid4().hex[:8]}"
    env = {
        "YUQING_INDEX__BACKEND": "opensearch",
        "YUQING_INDEX__URLS": f'["{opensearch_url}"]',
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
        assert f"new={len(stream.mentions)}" in cli(*args, env=env)
        check_events(stream, data_dir, config, env)
    finally:
        index_config = IndexConfig(backend="opensearch", urls=[opensearch_url], index_prefix=prefix)
        drop_engine_index(open_engine_index(index_config))
