"""`collected_since` (what is new to a reader) filters by when a mention was collected, not when
it was published, on every backend; an embedded index written before the column gains it."""

from __future__ import annotations

import sqlite3
from datetime import UTC, datetime, timedelta
from pathlib import Path

from core.index.protocol import MentionIndex, SearchQuery, SortOrder
from core.index.sqlite import SQLiteMentionIndex
from core.models import Mention
from tests.index.corpus import make_mention

LOOKED = datetime(2026, 6, 3, 9, 30, 0, 250000, tzinfo=UTC)  # the reader's 已读 mark


def _mention(name: str, text: str, published: timedelta, collected: timedelta) -> Mention:
    made = make_mention(name, text, LOOKED + published, plans=["brand_a"])
    return made.model_copy(update={"collected_at": LOOKED + collected})


MENTIONS = [
    # Seen: published and collected before the mark.
    _mention("seen", "面条煮得太烂了", -timedelta(hours=2), -timedelta(hours=2)),
    # Published a minute before the mark, collected a minute after: new to the reader.
    _mention("late", "快递丢件一周了没人管", -timedelta(minutes=1), timedelta(minutes=1)),
    # Back-filled: published three days ago, collected now.
    _mention("backfill", "快递员态度恶劣", -timedelta(days=3), timedelta(minutes=5)),
    # Published and collected after the mark.
    _mention("fresh", "快递盒子被压坏了", timedelta(minutes=3), timedelta(minutes=3)),
    # Collected 0.1 s before the mark: not new, even though the second is the same.
    _mention("edge", "客服一直不回复", -timedelta(hours=1), -timedelta(milliseconds=100)),
]


def _found(index: MentionIndex, **query: object) -> set[str]:
    hits = index.search(SearchQuery(limit=100, **query)).mentions  # type: ignore[arg-type]
    return {m.native_id for m in hits}


def test_new_since_counts_what_was_collected_after_the_mark(index: MentionIndex) -> None:
    assert not index.upsert_many(MENTIONS).errors
    index.refresh()
    new = {"late", "backfill", "fresh"}

    assert _found(index, collected_since=LOOKED) == new
    assert index.count(SearchQuery(collected_since=LOOKED)) == 3
    assert _found(index, collected_since=LOOKED, text="快递") == new
    assert index.count(SearchQuery(collected_since=LOOKED, text="快递")) == 3
    assert index.count(SearchQuery(collected_since=LOOKED, plans=["brand_a"])) == 3
    # A window of whole hours is answered from the hourly rollups when nothing else is asked.
    day = {"since": LOOKED.replace(minute=0, second=0, microsecond=0) - timedelta(hours=3)}
    assert index.count(SearchQuery(**day)) == 4  # type: ignore[arg-type]
    assert index.count(SearchQuery(collected_since=LOOKED, **day)) == 2  # type: ignore[arg-type]
    assert _found(index, collected_since=LOOKED, sort=SortOrder.URGENCY, **day) == {
        "late",
        "fresh",
    }
    assert _found(index, collected_since=LOOKED + timedelta(minutes=4)) == {"backfill"}


def test_an_old_embedded_index_gains_the_collected_column(tmp_path: Path) -> None:
    path = tmp_path / "mentions.db"
    index = SQLiteMentionIndex(path)
    index.upsert_many(MENTIONS)
    index.close()
    db = sqlite3.connect(path)  # as a version before the column left it
    db.execute("DROP INDEX mentions_collected")
    db.execute("ALTER TABLE mentions DROP COLUMN collected")
    db.commit()
    db.close()

    reopened = SQLiteMentionIndex(path)
    try:
        assert _found(reopened, collected_since=LOOKED) == {"late", "backfill", "fresh"}
    finally:
        reopened.close()
