"""Elasticsearch and OpenSearch backends of the mention index.

Shared: mapping.py (template, analyzers, documents), dsl.py (queries), results.py (parsing),
bulk.py (retries), index.py (the MentionIndex). Per engine: one thin client module.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from core.errors import ConfigError
from core.index.engines.index import EngineMentionIndex

if TYPE_CHECKING:
    from core.config import IndexConfig
    from core.index.engines.client import EngineClient


def open_client(config: IndexConfig) -> EngineClient:
    """The client layer for index.backend (opensearch or elasticsearch)."""
    if config.backend == "opensearch":
        from core.index.engines.opensearch_client import OpenSearchClient

        return OpenSearchClient(config)
    if config.backend == "elasticsearch":
        from core.index.engines.elasticsearch_client import ElasticsearchClient

        return ElasticsearchClient(config)
    raise ConfigError(
        f"index.backend：{config.backend!r} 不是搜索引擎后端（可选 opensearch、elasticsearch）"
    )


def open_engine_index(config: IndexConfig) -> EngineMentionIndex:
    """The EngineMentionIndex for the configured cluster; connects on first use."""
    if not config.urls:
        raise ConfigError("index.urls：为空；至少填写一个节点地址，如 http://127.0.0.1:9200")
    return EngineMentionIndex(
        open_client(config),
        config.index_prefix,
        shards=config.shards,
        replicas=config.replicas,
    )


__all__ = ["EngineMentionIndex", "open_client", "open_engine_index"]
