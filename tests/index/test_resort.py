"""Months made before index sorting are rewritten in place on the real nodes, and searches
count up to a cap: same answers before and after, writes and retention keep working."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime

import pytest
from typer.testing import CliRunner

from core.config import IndexConfig
from core.index.cli import app
from core.index.engines import EngineMentionIndex, mapping, open_engine_index, resort
from core.index.protocol import SearchQuery, SortOrder
from tests.index.conftest import drop_engine_index, engine_index
from tests.index.corpus import CORPUS

pytestmark = pytest.mark.engine

QUERIES = [
    SearchQuery(),
    SearchQuery(text="退款"),
    SearchQuery(text="退"),
    SearchQuery(sort=SortOrder.OLDEST, limit=3),
    SearchQuery(since=datetime(2026, 6, 1, tzinfo=UTC)),
]


def _answers(index: EngineMentionIndex) -> list[tuple[int, list[str]]]:
    return [(r.total, [m.id for m in r.mentions]) for r in map(index.search, QUERIES)]


def _old_layout(engine: str, url: str) -> EngineMentionIndex:
    """An index whose template and months predate index sorting, holding the corpus."""
    index = engine_index(engine, url)
    index.index_sort = False
    assert not index.upsert_many(list(CORPUS.values())).errors
    index.refresh()
    return index


def test_resort_rewrites_old_months_in_place(engine_url: tuple[str, str]) -> None:
    engine, url = engine_url
    old = _old_layout(engine, url)
    try:
        before = _answers(old)
        assert list(resort.unsorted_months(old).values()) == [4, 3]  # May and June

        current = EngineMentionIndex(old.client, old.prefix, replicas=0)
        report = resort.resort_all(current)

        assert report.copied == 7
        assert sorted(report.months.values()) == [
            f"{old.prefix}-s2026.05",
            f"{old.prefix}-s2026.06",
        ]
        assert resort.unsorted_months(current) == {}
        assert _answers(current) == before
        assert mapping.template_sorted(current.client.get_template(current.prefix) or {})
        # Writes land in the re-sorted month through its alias: an update stays one document.
        changed = CORPUS["refund"].model_copy(update={"text": "申请退款三次都被拒绝了"})
        written = current.upsert_many([changed])
        current.refresh()
        assert written.updated == [changed.id] and not written.errors
        assert current.count(SearchQuery()) == 7
        assert current.count(SearchQuery(text="被拒绝")) == 1
        # Retention drops a re-sorted month by its month.
        assert current.prune_before(datetime(2026, 6, 15, tzinfo=UTC)) == 4
        assert [mapping.month_of(n) for n in current.monthly_indices()] == ["2026.06"]
    finally:
        drop_engine_index(old)


def test_totals_stop_at_the_cap_and_count_stays_exact(engine_url: tuple[str, str]) -> None:
    engine, url = engine_url
    index = engine_index(engine, url)
    try:
        index.upsert_many(list(CORPUS.values()))
        index.refresh()
        index.total_cap = 3
        capped = index.search(SearchQuery(limit=2))
        index.total_cap = None
        exact = index.search(SearchQuery(limit=2))

        assert (capped.total, capped.total_exact, capped.total_zh) == (3, False, "超过 3")
        assert (exact.total, exact.total_exact) == (7, True)
        assert [m.id for m in capped.mentions] == [m.id for m in exact.mentions]
        assert index.count(SearchQuery()) == 7
        assert index.search(replace(QUERIES[1], limit=1)).total_exact
    finally:
        drop_engine_index(index)


def test_migrate_within_an_engine_resorts_with_progress(engine_url: tuple[str, str]) -> None:
    engine, url = engine_url
    old = _old_layout(engine, url)
    env = {
        "YUQING_INDEX__BACKEND": engine,
        "YUQING_INDEX__URLS": f'["{url}"]',
        "YUQING_INDEX__INDEX_PREFIX": old.prefix,
        "YUQING_INDEX__REPLICAS": "0",
    }
    args = ["migrate", "--from", engine, "--to", engine]
    try:
        hint = CliRunner().invoke(app, ["init"], env=env)
        first = CliRunner().invoke(app, args, env=env)
        again = CliRunner().invoke(app, args, env=env)

        assert "2 个月份索引未按发布时间排序" in hint.output, hint.output
        assert first.exit_code == 0, first.output
        assert "重建完成：2 个月份，复制 7 条" in first.output
        assert f"{old.prefix}-2026.05 → {old.prefix}-s2026.05" in first.output
        assert "无需重建" in again.output
        config = IndexConfig(backend=engine, urls=[url], index_prefix=old.prefix)
        reopened = open_engine_index(config)
        assert reopened.count(SearchQuery(text="退款")) == 2
        reopened.close()
    finally:
        drop_engine_index(old)
