"""`group_id` is a keyword field on the engines: copies can be aggregated, and months made
before the field gain it (new writes at once, older documents through `yuqing index migrate`)."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest

from core.index.engines import EngineMentionIndex, mapping
from core.index.protocol import MentionIndex
from core.index.sqlite import SQLiteMentionIndex
from core.models import Author, Mention
from tests.events.test_replay_events import cli
from tests.index.conftest import ENGINES

T0 = datetime(2026, 5, 3, 8, tzinfo=UTC)


def _copies() -> list[Mention]:
    groups = ["g-campaign"] * 3 + ["g-other"] + [None]
    return [
        Mention(
            source="weibo",
            native_id=f"n{i}",
            text=f"鲜味坊外卖吃出虫子，大家一起维权 第{i}条",
            published_at=T0 + timedelta(minutes=i),
            author=Author(id=f"u{i}"),
            group_id=group,
        )
        for i, group in enumerate(groups)
    ]


def group_buckets(index: EngineMentionIndex) -> dict[str, int]:
    """Mentions per group_id, aggregated by the engine."""
    index.refresh()
    body: dict[str, Any] = {"size": 0, "aggs": {"g": {"terms": {"field": "group_id"}}}}
    found = index.client.search(index.pattern, body)
    return {b["key"]: b["doc_count"] for b in found["aggregations"]["g"]["buckets"]}


def test_group_id_is_a_keyword_field() -> None:
    assert "group_id" in mapping.ADDED_FIELDS
    assert mapping.mappings("yuqing_cjk")["properties"]["group_id"] == {"type": "keyword"}


@pytest.mark.engine
@pytest.mark.parametrize("backend", ENGINES)
def test_old_months_gain_group_id_and_migrate_makes_old_documents_aggregatable(
    index: MentionIndex, backend: str, tmp_path: Path, request: pytest.FixtureRequest
) -> None:
    assert isinstance(index, EngineMentionIndex)
    old_layout = mapping.template_body(index.prefix, mapping.CJK_BIGRAM, 1, 0)
    del old_layout["template"]["mappings"]["properties"]["group_id"]
    index.client.put_template(index.prefix, old_layout)
    index._analyzer = mapping.CJK_BIGRAM  # a writer of the old layout: it never upgrades
    mentions = _copies()
    index.upsert_many(mentions)  # May's index without the field; group_id only in _source
    assert group_buckets(index) == {}

    reopened = EngineMentionIndex(index.client, index.prefix)  # the next start of the service
    reopened.ensure_template()
    template = index.client.get_template(index.prefix) or {}
    assert "group_id" in template["template"]["mappings"]["properties"]
    assert group_buckets(reopened) == {}  # the field is mapped, old documents not yet indexed

    data_dir = tmp_path / "var"
    sqlite = SQLiteMentionIndex(data_dir / "mentions.db")
    sqlite.upsert_many(mentions)
    sqlite.close()
    url = str(request.getfixturevalue(f"{backend}_url"))
    env = {
        "YUQING_INDEX__BACKEND": backend,
        "YUQING_INDEX__URLS": f'["{url}"]',
        "YUQING_INDEX__INDEX_PREFIX": index.prefix,
        "YUQING_INDEX__REPLICAS": "0",
    }
    args = ("index", "migrate", "--from", "sqlite", "--to", backend, "--data-dir", str(data_dir))
    cli(*args, env=env)

    assert group_buckets(reopened) == {"g-campaign": 3, "g-other": 1}
