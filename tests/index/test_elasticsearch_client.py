"""The Elasticsearch client layer against a scripted fake server: requests, retries, errors."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest

from core.config import IndexConfig
from core.enums import Channel
from core.index.engines import EngineMentionIndex, dsl
from core.index.engines.bulk import BulkPolicy
from core.index.engines.elasticsearch_client import ElasticsearchClient
from core.index.engines.errors import EngineAuthError, EngineUnavailableError
from core.index.engines.mapping import read_pattern, to_document
from core.index.protocol import SearchQuery
from tests.index.corpus import CORPUS
from tests.index.fake_engine import FakeEngine, fake_engine

PREFIX = "yqt-fake"
CURRENT = {  # no fields to add, months already sorted: nothing to upgrade
    "settings": {"index": {"sort": {"field": ["published_us", "id"], "order": ["desc", "asc"]}}},
    "mappings": {
        "properties": {
            "region": {"type": "keyword"},
            "complaint": {"properties": {"resolved": {"type": "boolean"}}},
            "group_id": {"type": "keyword"},
        }
    },
}
TEMPLATE = {
    "index_templates": [
        {"name": PREFIX, "index_template": {"_meta": {"analyzer": "smartcn"}, "template": CURRENT}}
    ]
}
READ = read_pattern(PREFIX)
NO_HITS = {"hits": {"total": {"value": 0, "relation": "eq"}, "hits": []}}


@pytest.fixture
def fake() -> Iterator[FakeEngine]:
    """A fake Elasticsearch with the template already installed."""
    with fake_engine() as engine:
        engine.on("GET", f"/_index_template/{PREFIX}", (200, TEMPLATE))
        yield engine


def _index(fake: FakeEngine) -> EngineMentionIndex:
    config = IndexConfig(backend="elasticsearch", urls=[fake.url], index_prefix=PREFIX)
    policy = BulkPolicy(initial_backoff=0.01)
    return EngineMentionIndex(ElasticsearchClient(config, request_timeout=5), PREFIX, policy=policy)


def _item(mention_id: str, status: int, **extra: Any) -> dict[str, Any]:
    return {"index": {"_index": f"{PREFIX}-2026.05", "_id": mention_id, "status": status, **extra}}


def _bulk(*items: dict[str, Any]) -> tuple[int, dict[str, Any]]:
    errors = any(next(iter(i.values()))["status"] >= 300 for i in items)
    return 200, {"took": 1, "errors": errors, "items": list(items)}


def test_search_sends_the_shared_dsl_to_the_read_pattern(fake: FakeEngine) -> None:
    doc = to_document(CORPUS["refund"], seq=1, now=CORPUS["refund"].collected_at)
    hit = {"_index": f"{PREFIX}-2026.05", "_id": CORPUS["refund"].id, "_source": doc}
    fake.on("POST", f"/{READ}/_search", (200, {"hits": {"total": {"value": 1}, "hits": [hit]}}))
    query = SearchQuery(text="退款", channels=[Channel.WEIBO], limit=5)

    result = _index(fake).search(query)

    assert result.total == 1 and result.mentions == [CORPUS["refund"]]
    [request] = fake.sent("POST", "/_search")
    assert request.path == f"/{READ}/_search"
    assert request.params["ignore_unavailable"] == ["true"]
    assert request.json() == dsl.search_body(query)


def test_bulk_retries_throttled_items_and_reports_rejections(fake: FakeEngine) -> None:
    a, b, c = CORPUS["refund"], CORPUS["screen"], CORPUS["regulator"]
    fake.on("POST", f"/{READ}/_search", (200, NO_HITS))
    rejected = {"type": "mapper_parsing_exception", "reason": "failed to parse field [x]"}
    fake.on(
        "PUT",
        "/_bulk",
        _bulk(
            _item(a.id, 429, error={"type": "es_rejected_execution_exception", "reason": "busy"}),
            _item(b.id, 201, result="created"),
            _item(c.id, 400, error=rejected),
        ),
        _bulk(_item(a.id, 200, result="updated")),
    )

    result = _index(fake).upsert_many([a, b, c])

    assert result.created == [b.id] and result.updated == [a.id]
    assert list(result.errors) == [c.id]
    assert "mapper_parsing_exception: failed to parse field [x]" in result.errors[c.id]
    first, second = fake.sent("PUT", "/_bulk")
    assert [line["index"]["_id"] for line in first.ndjson()[::2]] == [a.id, b.id, c.id]
    assert [line["index"]["_id"] for line in second.ndjson()[::2]] == [a.id]
    assert first.ndjson()[0]["index"]["_index"] == f"{PREFIX}-2026.05"


def test_a_throttled_bulk_request_is_sent_again(fake: FakeEngine) -> None:
    busy = {"error": {"type": "es_rejected_execution_exception", "reason": "queue full"}}
    fake.on("POST", f"/{READ}/_search", (200, NO_HITS))
    fake.on("PUT", "/_bulk", (429, busy), _bulk(_item(CORPUS["lone"].id, 201, result="created")))

    result = _index(fake).upsert_many([CORPUS["lone"]])

    assert result.created == [CORPUS["lone"].id] and not result.errors
    assert len(fake.sent("PUT", "/_bulk")) == 2


def test_items_still_throttled_after_every_retry_are_errors(fake: FakeEngine) -> None:
    fake.on("POST", f"/{READ}/_search", (200, NO_HITS))
    busy = {"type": "es_rejected_execution_exception", "reason": "busy"}
    fake.on("PUT", "/_bulk", _bulk(_item(CORPUS["lone"].id, 429, error=busy)))
    index = _index(fake)
    index.policy = BulkPolicy(max_retries=2, initial_backoff=0.01)

    result = index.upsert_many([CORPUS["lone"]])

    assert "es_rejected_execution_exception: busy" in result.errors[CORPUS["lone"].id]
    assert len(fake.sent("PUT", "/_bulk")) == 3


def test_rejected_credentials_name_the_settings(fake: FakeEngine) -> None:
    denied = {"error": {"type": "security_exception", "reason": "unable to authenticate"}}
    fake.on("POST", f"/{READ}/_count", (401, denied))

    with pytest.raises(EngineAuthError, match="YUQING_INDEX__PASSWORD"):
        _index(fake).count(SearchQuery())


def test_an_older_server_is_spoken_to_in_its_compatibility_version(fake: FakeEngine) -> None:
    error = {"type": "media_type_header_exception", "reason": "Accept version must be 8 or 7"}
    info = {"version": {"number": "8.15.3"}, "tagline": "You Know, for Search"}
    fake.on("GET", "/", (400, {"error": error, "status": 400}), (200, info))
    fake.on("POST", f"/{READ}/_count", (200, {"count": 4}))

    assert _index(fake).count(SearchQuery()) == 4

    [probe] = fake.sent("GET", "/")
    [count] = fake.sent("POST", "/_count")
    assert "compatible-with=9" in probe.headers["accept"]
    assert "compatible-with=8" in count.headers["accept"]
    assert "compatible-with=8" in count.headers["content-type"]


def test_unreachable_cluster_says_what_to_fix() -> None:
    config = IndexConfig(backend="elasticsearch", urls=["http://127.0.0.1:9"])
    client = ElasticsearchClient(config, request_timeout=2)

    with pytest.raises(EngineUnavailableError, match=r"index.urls：无法连接 http://127.0.0.1:9"):
        client.info()


def test_the_version_comes_from_the_nodes_where_the_root_endpoint_is_missing(
    fake: FakeEngine,
) -> None:
    # Elastic's integ-test-zip has no rest-root module: GET / answers 405.
    missing = {"error": "Incorrect HTTP method for uri [/] and method [GET]", "status": 405}
    fake.on("GET", "/", (405, missing))
    fake.on("GET", "/_nodes/_local", (200, {"nodes": {"n1": {"version": "8.19.21"}}}))
    config = IndexConfig(backend="elasticsearch", urls=[fake.url], index_prefix=PREFIX)

    assert ElasticsearchClient(config, request_timeout=5).version() == "8.19.21"


def test_a_template_from_before_index_sorting_is_upgraded_for_new_months() -> None:
    old = {"mappings": CURRENT["mappings"]}
    template = {"index_templates": [{"name": PREFIX, "index_template": {"template": old}}]}
    with fake_engine() as fake:
        fake.on("GET", f"/_index_template/{PREFIX}", (200, template))
        fake.on("PUT", f"/_index_template/{PREFIX}", (200, {"acknowledged": True}))

        assert _index(fake).ensure_template() == "yuqing_cjk"

        [put] = fake.sent("PUT", f"/_index_template/{PREFIX}")
        settings = put.json()["template"]["settings"]
        assert settings["sort.field"] == ["published_us", "id"]
        assert not fake.sent("PUT", "/_mapping")  # no field was missing
