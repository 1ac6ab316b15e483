"""Sources collect in parallel threads over one OpenSearch client: it keeps a connection per
thread instead of opening (and logging the discard of) a new one for every concurrent request
("Connection pool is full, discarding connection", urllib3's English, several a minute)."""

from __future__ import annotations

import logging
import uuid
from concurrent.futures import ThreadPoolExecutor

import pytest

from core.config import IndexConfig
from core.index.engines import open_engine_index
from core.index.protocol import SearchQuery


def test_parallel_searches_reuse_pooled_connections(
    opensearch_url: str, caplog: pytest.LogCaptureFixture
) -> None:
    config = IndexConfig(
        backend="opensearch",
        urls=[opensearch_url],
        index_prefix=f"yqpool-{uuid.uuid4().hex[:8]}",
        replicas=0,
    )
    index = open_engine_index(config)
    with caplog.at_level(logging.WARNING), ThreadPoolExecutor(6) as pool:
        counts = list(pool.map(lambda _: index.count(SearchQuery()), range(60)))
    assert counts == [0] * 60
    discarded = [r for r in caplog.records if "Connection pool is full" in r.getMessage()]
    assert not discarded, f"{len(discarded)} connections discarded"
