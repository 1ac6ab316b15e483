"""SearchQuery.id_prefix: mentions found by the start of their id, the same on every backend."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from core.index.protocol import MentionIndex, SearchQuery
from tests.index.corpus import make_mention

T0 = datetime(2026, 5, 4, 8, tzinfo=UTC)


def test_id_prefix_on_every_backend(index: MentionIndex) -> None:
    stored = [
        make_mention(f"n{n}", f"快递丢件第{n}天", T0 + timedelta(minutes=n)) for n in range(20)
    ]
    assert not index.upsert_many(stored).errors
    index.refresh()
    target = stored[0].id
    start = target[:2]
    sharing = {m.id for m in stored if m.id.startswith(start)}
    found = index.search(SearchQuery(id_prefix=start, limit=50)).mentions
    assert {m.id for m in found} == sharing and index.count(SearchQuery(id_prefix=start)) == len(
        sharing
    )
    assert [m.id for m in index.search(SearchQuery(id_prefix=target)).mentions] == [target]
    assert index.search(SearchQuery(id_prefix="zz%")).mentions == []  # no wildcard in a typed id
