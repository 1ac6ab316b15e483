"""The embedded index's full-text segments: merged at the end of an ingest and a step per
housekeeping tick of `yuqing run`, with the same answers before and after."""

from __future__ import annotations

import json
from pathlib import Path

from typer.testing import CliRunner

from app.cli import app
from core.context import Context
from core.index.protocol import SearchQuery, SortOrder, SplitField
from core.index.sqlite import SQLiteMentionIndex
from core.models import Mention
from tests.core.conftest import mention


def _stream(first: int, count: int) -> list[Mention]:
    return [
        mention(
            str(n),
            f"第{n}单外卖洒了，申请退款{n % 5}元 #鲜味坊#",
            n * 7.5,
            plans=["xwf", "b"][: 1 + n % 2],
            keywords=["退款"],
        )
        for n in range(first, first + count)
    ]


def _answers(index: SQLiteMentionIndex, ids: list[str]) -> list[object]:
    """What readers see: searches by text, window and id, counts, lookups and top terms."""
    absent = ["0" * 20, "not-an-id", ""]
    out: list[object] = []
    for text in (None, "退款", "退", "申请退款", "外卖 -退款3"):
        for sort in SortOrder:
            found = index.search(SearchQuery(text=text, sort=sort, limit=15, offset=3))
            out.append((found.total, [m.id for m in found.mentions]))
        out.append(index.count(SearchQuery(text=text, plans=["b"])))
        out.append(index.top_terms(SearchQuery(text=text), SplitField.KEYWORD, 10))
    for chunk in (ids[:7], ids[5:40], ids[::3] + absent, absent):
        found = index.search(SearchQuery(ids=chunk, limit=100))
        out.append((found.total, [m.id for m in found.mentions]))
        out.append(index.count(SearchQuery(ids=chunk, text="退款")))
        out.append(sorted(index.locate(chunk)))
    out.extend(None if (got := index.get(i)) is None else got.id for i in ids[:10] + absent)
    return out


def _write(path: Path, batches: list[list[Mention]]) -> SQLiteMentionIndex:
    index = SQLiteMentionIndex(path)
    for batch in batches:
        result = index.upsert_many(batch)
        assert not result.errors
    return index


def _segments(index: SQLiteMentionIndex, table: str) -> int:
    return int(index._db.execute(f"SELECT COUNT(DISTINCT segid) FROM {table}_idx").fetchone()[0])


def test_merging_leaves_one_segment_per_table_and_the_same_answers(tmp_path: Path) -> None:
    index = _write(tmp_path / "m.db", [_stream(n * 10, 10) for n in range(3)])
    ids = [m.id for m in _stream(0, 30)]
    before = _answers(index, ids)
    assert _segments(index, "mention_fts") == 3 and _segments(index, "mention_chars") == 3
    assert index.merge_segments(1000) is True  # merged (within the budget)
    assert _segments(index, "mention_fts") == 1 and _segments(index, "mention_chars") == 1
    assert _answers(index, ids) == before
    assert index.merge_segments(1000) is False  # nothing left: no work, same answer
    index.close()


def test_an_ingest_ends_with_its_segments_merged(tmp_path: Path) -> None:
    rows = [
        {"source": "weibo", "native_id": str(n), "text": f"鲜味坊第{n}单申请退款",
         "published_at": f"2026-11-20T{10 + n // 600:02d}:{n // 10 % 60:02d}:00+08:00"}
        for n in range(1_200)
    ]  # fmt: skip
    path = tmp_path / "in.jsonl"
    path.write_text("\n".join(json.dumps(r, ensure_ascii=False) for r in rows), encoding="utf-8")
    result = CliRunner().invoke(app, ["ingest", str(path), "--data-dir", str(tmp_path / "var")])
    assert result.exit_code == 0, result.output
    index = SQLiteMentionIndex(tmp_path / "var" / "mentions.db")
    assert index.count(SearchQuery(text="退款")) == 1_200
    assert _segments(index, "mention_fts") == 1 and _segments(index, "mention_chars") == 1
    assert _automerge(index) == [4, 4]  # merges of later writers are on again
    index.close()


def test_housekeeping_merges_the_segments(ctx: Context) -> None:
    from app.service import Service

    assert isinstance(ctx.index, SQLiteMentionIndex)
    for n in range(3):
        ctx.index.upsert_many(_stream(n * 10, 10))
    assert _segments(ctx.index, "mention_fts") == 3
    Service(ctx)._housekeeping()
    assert _segments(ctx.index, "mention_fts") == 1 and _segments(ctx.index, "mention_chars") == 1
    assert ctx.index.count(SearchQuery(text="退款")) == 30


def _automerge(index: SQLiteMentionIndex) -> list[int | None]:
    return [index._fts_setting(table, "automerge") for table in ("mention_fts", "mention_chars")]


def test_bulk_writes_leave_segments_unmerged_until_the_merge_and_restore_the_setting(
    tmp_path: Path,
) -> None:
    batches = [_stream(n * 20, 20) for n in range(8)]
    ids = [m.id for m in _stream(0, 160)]
    merging, bulk = (SQLiteMentionIndex(tmp_path / name) for name in ("auto.db", "bulk.db"))
    for index in (merging, bulk):  # tiny leaf pages: FTS5 merges after enough pages written
        with index._tx() as db:
            for table in ("mention_fts", "mention_chars"):
                db.execute(f"INSERT INTO {table} ({table}, rank) VALUES ('pgsz', 64)")
    for batch in batches:
        assert not merging.upsert_many(batch).errors
    assert _segments(merging, "mention_fts") < 8  # FTS5's automerge folded some already
    with bulk.bulk_writes():
        assert _automerge(bulk) == [0, 0]
        for batch in batches:
            assert not bulk.upsert_many(batch).errors
    assert _segments(bulk, "mention_fts") == 8 and _segments(bulk, "mention_chars") == 8
    assert _automerge(bulk) == [4, 4]  # FTS5's default, as before
    assert _answers(bulk, ids) == _answers(merging, ids)
    assert bulk.merge_segments(1000) is True
    assert _segments(bulk, "mention_fts") == 1 and _segments(bulk, "mention_chars") == 1
    assert _answers(bulk, ids) == _answers(merging, ids)
    merging.close()
    bulk.close()


def test_bulk_writes_restore_a_setting_made_before_even_after_an_error(tmp_path: Path) -> None:
    index = SQLiteMentionIndex(tmp_path / "m.db")
    index._set_fts({"mention_fts": 8, "mention_chars": 2})
    try:
        with index.bulk_writes():
            raise RuntimeError("stop")
    except RuntimeError:
        pass
    assert _automerge(index) == [8, 2]
    index.close()


def test_a_setting_left_at_zero_by_a_killed_bulk_load_is_healed_by_the_next(
    tmp_path: Path,
) -> None:
    index = SQLiteMentionIndex(tmp_path / "m.db")
    index._set_fts({"mention_fts": 0, "mention_chars": 0})  # as a killed ingest leaves it
    with index.bulk_writes():
        pass
    assert _automerge(index) == [4, 4]
    index.close()
