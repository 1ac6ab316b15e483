"""The complaint decision in the embedded index: filter, rewrites and the upgrade of old files."""

from __future__ import annotations

import json
import sqlite3
from datetime import timedelta
from pathlib import Path

from core.index.protocol import SearchQuery, SplitField
from core.index.sqlite import SQLiteMentionIndex
from core.index.textquery import bigram_tokens
from core.models import Complaint, Mention
from tests.core.conftest import T0, mention
from tests.core.test_index_sqlite import SCHEMA_WITHOUT_REGION


def flagged(native_id: str, text: str, minutes: float, flag: bool | None) -> Mention:
    """A mention with a complaint decision (None = not classified)."""
    decision = None if flag is None else Complaint(flag=flag, probability=0.9 if flag else 0.1)
    return mention(native_id, text, minutes, complaint=decision, plans=["brand_a"])


def natives(index: SQLiteMentionIndex, **query: object) -> set[str]:
    found = index.search(SearchQuery(limit=100, **query)).mentions  # type: ignore[arg-type]
    return {m.native_id for m in found}


def test_complaint_filter_and_unclassified_match_neither(tmp_path: Path) -> None:
    index = SQLiteMentionIndex(tmp_path / "m.db")
    index.upsert_many(
        [
            flagged("brake", "刹车异响，4S店说正常", 0, True),
            flagged("praise", "刹车很灵敏，点赞", 70, False),
            flagged("old", "刹车片多少钱", 140, None),
            flagged("refund", "退款一直不到账", 200, True),
        ]
    )

    assert natives(index, complaint=True) == {"brake", "refund"}
    assert natives(index, complaint=False) == {"praise"}
    assert natives(index) == {"brake", "praise", "old", "refund"}
    assert natives(index, complaint=True, text="刹车") == {"brake"}
    assert natives(index, complaint=False, text="刹车") == {"praise"}
    # A window of whole hours (answered from rollups without the filter) stays exact.
    window = {"since": T0 - timedelta(hours=1), "until": T0 + timedelta(hours=5)}
    assert index.count(SearchQuery(**window)) == 4  # type: ignore[arg-type]
    assert index.count(SearchQuery(complaint=True, **window)) == 2  # type: ignore[arg-type]
    assert index.count(SearchQuery(complaint=False, plans=["brand_a"], **window)) == 1  # type: ignore[arg-type]
    hours = index.histogram(SearchQuery(complaint=True, **window), timedelta(hours=1))  # type: ignore[arg-type]
    assert sum(b.total for b in hours) == 2
    assert index.top_terms(SearchQuery(complaint=True), SplitField.PLAN) == [("brand_a", 2)]
    assert index.get(flagged("brake", "", 0, True).id).complaint == Complaint(  # type: ignore[union-attr]
        flag=True, probability=0.9
    )
    index.close()


def test_a_rewrite_moves_a_mention_between_complaint_and_not(tmp_path: Path) -> None:
    index = SQLiteMentionIndex(tmp_path / "m.db")
    index.upsert_many([flagged("a", "手机屏幕坏了", 0, True)])
    index.upsert_many([flagged("a", "手机屏幕坏了", 0, False)])  # a staff correction

    assert natives(index, complaint=True) == set()
    assert natives(index, complaint=False) == {"a"}
    index.close()


def test_an_old_database_gains_the_complaint_column_filled_from_its_documents(
    tmp_path: Path,
) -> None:
    path = tmp_path / "mentions.db"
    db = sqlite3.connect(path)
    db.executescript(SCHEMA_WITHOUT_REGION)
    docs = []
    for rid, flag in enumerate([True, False, None], start=1):
        old = flagged(str(rid), f"旧数据 投诉{rid}", rid, flag)
        doc = old.model_dump(mode="json")
        if flag is None:
            del doc["complaint"]  # written before the field existed
        docs.append(json.dumps(doc, ensure_ascii=False))
        db.execute(
            "INSERT INTO mentions (rid, id, seq, source, channel, published, author, body, doc)"
            " VALUES (?, ?, ?, ?, ?, ?, NULL, ?, ?)",
            (
                rid,
                old.id,
                rid,
                old.source,
                "weibo",
                old.published_at.timestamp(),
                old.full_text,
                docs[-1],
            ),
        )
        db.execute("INSERT INTO mention_plans VALUES (?, 'brand_a')", (rid,))
        db.execute(
            "INSERT INTO mention_fts (rowid, grams) VALUES (?, ?)",
            (rid, " ".join(bigram_tokens(old.full_text))),
        )
    db.commit()
    db.close()

    index = SQLiteMentionIndex(path)
    stored = [row[0] for row in index._db.execute("SELECT doc FROM mentions ORDER BY rid")]
    assert stored == docs  # every row keeps its data
    assert natives(index, complaint=True) == {"1"}
    assert natives(index, complaint=False) == {"2"}  # the unknown one matches neither
    assert index.count(SearchQuery()) == 3
    index.upsert_many([flagged("new", "新投诉", 10, True)])
    index.close()

    again = SQLiteMentionIndex(path)  # a second open finds the column and changes nothing
    assert natives(again, complaint=True) == {"1", "new"}
    assert again.count(SearchQuery(complaint=False)) == 1
    again.close()
