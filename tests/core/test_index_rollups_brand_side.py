"""The brand's side beside a competitor counted from the SQLite rollups' plan-set rows: exact
against the mentions (the corpus of tests/core/index_corpus.py)."""

from __future__ import annotations

from dataclasses import replace
from datetime import timedelta
from pathlib import Path

from core.index import sqlite_rollups as rollups
from core.index.protocol import SearchQuery, SplitField
from core.index.sqlite import SQLiteMentionIndex
from tests.core.index_corpus import SHANGHAI, SIDE, START, inside


def test_the_brand_side_is_counted_from_the_rollups_and_follows_writes_and_upgrades(
    loaded,
    tmp_path: Path,
) -> None:
    """舆情态势 and the 周报 count the brand's side beside a competitor: from the plan-set rows,
    exact after rewrites (a mention re-tagged by `plans rematch`), prunes and an upgrade."""
    index, mentions = loaded
    query = SearchQuery(since=START + timedelta(days=1), until=START + timedelta(days=8))
    side = replace(query, brand_side=SIDE)
    assert rollups.shape_of(side, index._db) is not None  # no base-table scan
    assert rollups.shape_of(replace(query, plans=["a", "b"]), index._db) is not None
    retagged = [m.model_copy(update={"plans": ["b"]}) for m in mentions[:40]]
    index.upsert_many(retagged)
    mentions[:40] = retagged
    index.prune_before(START + timedelta(days=2))
    kept = [m for m in mentions if m.published_at >= START + timedelta(days=2)]
    expected = sum(1 for m in kept if inside(m, side))
    assert 0 < expected < sum(1 for m in kept if inside(m, query))
    assert index.count(side) == expected
    days = index.histogram(side, timedelta(days=1), SplitField.SENTIMENT, SHANGHAI)
    assert sum(b.total for b in days) == expected
    negative = sum(b.counts.get("negative", 0) for b in days)
    assert negative == sum(1 for m in kept if inside(m, side) and m.is_negative)
    index._db.execute("DELETE FROM rollup_hourly WHERE plan LIKE '=%'")  # an older file
    index._db.execute("DELETE FROM index_meta WHERE key = 'rollup_plan_sets'")
    index._db.commit()
    index.close()
    reopened = SQLiteMentionIndex(index.path)
    assert reopened.count(side) == expected
    reopened.close()
