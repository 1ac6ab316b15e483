"""A new row's rollup facts, the per-batch rollup counts and the batch's row-id bookkeeping."""

from __future__ import annotations

from collections import Counter
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from core.enums import Category, Channel, SentimentLabel, Severity
from core.index import sqlite_rollups as rollups
from core.index.sqlite import SQLiteMentionIndex
from core.index.sqlite_batch import RID_MASK
from core.index.sqlite_schema import time_rid_base
from core.models import Complaint, Mention, Sentiment, Urgency

START = datetime(2026, 11, 1, 8, 30, tzinfo=UTC)


def _mention(number: int, **fields: object) -> Mention:
    return Mention(
        source="weibo_search" if number % 2 else "tieba",
        native_id=str(number),
        text=f"鲜味坊的外卖第{number}次送错了",
        published_at=START + timedelta(minutes=7 * number),
        **fields,
    )


def _variety() -> list[Mention]:
    """Mentions with and without every dimension the rollups count."""
    return [
        _mention(0),
        _mention(
            1,
            channel=Channel.WEIBO,
            region="广东",
            plans=["xwf", "xwf", "other"],
            keywords=["外卖", "送错"],
            sentiment=Sentiment(label=SentimentLabel.NEGATIVE, score=0.1),
            category=Category.DELIVERY_LOGISTICS,
            urgency=Urgency(level=Severity.HIGH, score=60.0),
            complaint=Complaint(flag=True, probability=0.9),
        ),
        _mention(2, plans=["*"], keywords=["外卖"], sentiment=None, region=""),
        _mention(3, urgency=Urgency(level=Severity.LOW, score=3.0), plans=["other"]),
    ]


def test_a_new_rows_facts_equal_the_facts_read_back_from_the_file(tmp_path: Path) -> None:
    index = SQLiteMentionIndex(tmp_path / "mentions.db")
    mentions = _variety()
    written = {m.id: index._rows(m, 1, m.published_at.timestamp(), None).facts for m in mentions}
    index.upsert_many(mentions)
    with index._tx() as db:
        rids = [r[0] for r in db.execute("SELECT rid FROM mentions ORDER BY seq")]
        stored = rollups.stored_facts(db, rids)
    index.close()
    assert [written[m.id] for m in mentions] == stored


def _naive(facts: list[rollups.Facts]) -> tuple[Counter[tuple], Counter[tuple]]:
    """Every fact counted once per plan row (the all-plans row and its plan-set row
    included), one by one."""
    cells: Counter[tuple] = Counter()
    words: Counter[tuple] = Counter()
    for fact in facts:
        for plan in (rollups.ALL_PLANS, *fact.plans, "=" + ",".join(sorted(set(fact.plans)))):
            cells.update((plan, fact.hour, cell) for cell in fact.values)
            words.update((plan, fact.hour, word) for word in fact.keywords)
    return cells, words


def test_counted_equals_counting_every_plan_of_every_mention() -> None:
    index = SQLiteMentionIndex.__new__(SQLiteMentionIndex)
    facts = [index._rows(m, 1, m.published_at.timestamp(), None).facts for m in _variety() * 3]
    cells, words = rollups.counted(facts)
    flat_cells = Counter(
        {(*key, cell): n for key, found in cells.items() for cell, n in found.items()}
    )
    flat_words = Counter(
        {(*key, word): n for key, found in words.items() for word, n in found.items()}
    )
    assert (flat_cells, flat_words) == _naive(facts)
    assert all(found for found in words.values())  # no empty keyword rows
    assert (rollups.ALL_PLANS, facts[0].hour) in cells


@pytest.mark.parametrize("published", [-86_400.5, -0.25, 0.0, 1_790_000_000.75])
def test_a_row_ids_second_is_its_low_bits_cleared(published: float) -> None:
    base = time_rid_base(published)
    for rid in (base, base + 1, base + RID_MASK):
        assert rid & ~RID_MASK == base
