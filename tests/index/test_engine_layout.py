"""Monthly index layout on the real node: prefixes that share a beginning stay apart."""

from __future__ import annotations

from core.config import IndexConfig
from core.index.engines import open_engine_index
from core.index.protocol import SearchQuery
from tests.index.conftest import drop_engine_index, engine_index
from tests.index.corpus import CORPUS


def test_a_longer_prefix_neither_reads_nor_templates_the_shorter_one(
    engine_url: tuple[str, str],
) -> None:
    engine, url = engine_url
    base = engine_index(engine, url)
    config = IndexConfig(backend=engine, urls=[url], index_prefix=f"{base.prefix}-staging")
    staging = open_engine_index(config)
    staging.replicas = 0
    try:
        base.upsert_many([CORPUS["refund"]])
        staging.upsert_many([CORPUS["lone"], CORPUS["screen"]])
        base.refresh()
        staging.refresh()

        assert base.count(SearchQuery()) == 1
        assert staging.count(SearchQuery()) == 2
        assert list(base.monthly_indices()) == [f"{base.prefix}-2026.05"]
        assert base.analyzer == staging.analyzer == "yuqing_cjk"
    finally:
        drop_engine_index(staging)
        drop_engine_index(base)
