"""Retention on every engine: whole months before the cutoff's month go, that month stays."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from core.index.protocol import SearchQuery
from core.models import Mention
from tests.index.conftest import ENGINES, drop_engine_index, engine_index
from tests.index.corpus import CORPUS


@pytest.mark.parametrize("backend", ENGINES)
def test_prune_drops_whole_months_before_the_cutoff(
    backend: str, request: pytest.FixtureRequest
) -> None:
    url = request.getfixturevalue(f"{backend}_url")
    index = engine_index(backend, url)
    base = CORPUS["refund"]
    months = [datetime(2026, m, 10, 8, tzinfo=UTC) for m in (1, 1, 2, 3, 3, 3)]
    mentions = [
        Mention.model_validate(
            {**base.model_dump(exclude={"id"}), "native_id": f"r{i}", "published_at": at}
        )
        for i, at in enumerate(months)
    ]
    try:
        index.upsert_many(mentions)
        index.refresh()
        removed = index.prune_before(datetime(2026, 3, 15, tzinfo=UTC))
        index.refresh()
        assert removed == 3  # January and February
        assert [name[-7:] for name in index.monthly_indices()] == ["2026.03"]
        assert index.count(SearchQuery()) == 3  # March stays whole, even before the 15th
        assert index.prune_before(datetime(2026, 3, 15, tzinfo=UTC)) == 0
    finally:
        drop_engine_index(index)
