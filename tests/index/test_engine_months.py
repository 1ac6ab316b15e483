"""Engine-only index behaviour: bulk rejections, months, retention, fields added to old months."""

from __future__ import annotations

import warnings
from datetime import UTC, datetime
from typing import Any

import pytest

from core.index.engines import EngineMentionIndex, mapping
from core.index.protocol import MentionIndex, SearchQuery, SplitField
from core.models import Mention, Metrics
from tests.index.conftest import ENGINES
from tests.index.corpus import CORPUS, ids


def _utc(month: int, day: int, hour: int = 0) -> datetime:
    return datetime(2026, month, day, hour, tzinfo=UTC)


def _found(index: MentionIndex, **query: object) -> set[str]:
    return {m.id for m in index.search(SearchQuery(limit=100, **query)).mentions}  # type: ignore[arg-type]


def _reopened_after_an_old_writer(
    index: MentionIndex, field: str, first: str
) -> EngineMentionIndex:
    """A writer of the layout before `field` creates the month of CORPUS[first]; then the
    service starts again with today's code (the index it opens is returned)."""
    assert isinstance(index, EngineMentionIndex)
    old_layout = mapping.template_body(index.prefix, mapping.CJK_BIGRAM, 1, 0)
    del old_layout["template"]["mappings"]["properties"][field]
    index.client.put_template(index.prefix, old_layout)
    index._analyzer = mapping.CJK_BIGRAM  # a writer of the old layout: it never upgrades
    index.upsert_many([CORPUS[first]])  # creates that month's index without the field
    return EngineMentionIndex(index.client, index.prefix)


def _rejected_by_engines() -> Mention:
    """Valid for SQLite's JSON column, but metrics.likes is not a number for the engine."""
    bad_metrics = Metrics.model_construct(reposts=0, comments=0, likes="many", views=0)
    return CORPUS["refund"].model_copy(update={"id": "bad-doc", "metrics": bad_metrics})


@pytest.mark.parametrize("backend", ENGINES)  # engine-only behaviour
def test_bulk_reports_a_rejected_document_and_keeps_the_rest(
    index: MentionIndex, backend: str
) -> None:
    batch = [CORPUS["screen"], _rejected_by_engines(), CORPUS["lone"]]
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # pydantic warns while serialising the bad field
        result = index.upsert_many(batch)
    index.refresh()

    assert set(result.created) == ids("screen", "lone")
    assert list(result.errors) == ["bad-doc"]
    assert "metrics.likes" in result.errors["bad-doc"]
    assert index.count(SearchQuery()) == 2


@pytest.mark.parametrize("backend", ENGINES)  # engine-only behaviour
def test_a_mention_moving_month_keeps_one_copy(index: MentionIndex, backend: str) -> None:
    assert isinstance(index, EngineMentionIndex)
    original = CORPUS["refund"]
    index.upsert_many([original])
    index.refresh()
    moved = original.model_copy(update={"published_at": _utc(6, 1, 12)})

    result = index.upsert_many([moved])
    index.refresh()

    assert result.updated == [original.id] and not result.created
    assert index.count(SearchQuery(ids=[original.id])) == 1
    assert index.get(original.id) == moved
    docs = {name.rsplit("-", 1)[1]: count for name, (count, _) in index.monthly_indices().items()}
    assert docs == {"2026.05": 0, "2026.06": 1}


@pytest.mark.parametrize("backend", ENGINES)  # engine-only behaviour
def test_a_pipeline_batch_looks_its_ids_up_once_and_still_moves_months(
    index: MentionIndex, backend: str
) -> None:
    assert isinstance(index, EngineMentionIndex)
    original = CORPUS["refund"]
    index.upsert_many([original])
    index.refresh()
    moved = original.model_copy(update={"published_at": _utc(6, 1, 12)})
    searches: list[dict[str, Any]] = []
    search = index.client.search

    def counted(index: str, body: dict[str, Any]) -> dict[str, Any]:
        searches.append(body)
        return search(index, body)

    index.client.search = counted  # type: ignore[method-assign]

    known = index.locate([moved.id, CORPUS["lone"].id])  # as Pipeline.process
    result = index.upsert_many([moved, CORPUS["lone"]], known)
    index.client.search = search  # type: ignore[method-assign]
    index.refresh()

    assert set(known) == {original.id} and known[original.id].startswith(index.prefix)
    assert len(searches) == 1  # the upsert reused the lookup that locate just made
    assert result.updated == [original.id] and result.created == [CORPUS["lone"].id]
    assert index.count(SearchQuery(ids=[original.id])) == 1  # the May copy was removed
    assert index.get(original.id) == moved


@pytest.mark.parametrize("backend", ENGINES)  # engine-only behaviour
def test_retention_drops_whole_months(index: MentionIndex, backend: str) -> None:
    assert isinstance(index, EngineMentionIndex)
    index.upsert_many(list(CORPUS.values()))
    index.refresh()

    dropped = index.drop_months_before(_utc(6, 15))

    assert dropped == [f"{index.prefix}-2026.05"]
    assert _found(index) == ids("battery", "courier", "lone")


@pytest.mark.parametrize("backend", ENGINES)  # engine-only behaviour
def test_months_made_before_the_region_field_gain_it(index: MentionIndex, backend: str) -> None:
    reopened = _reopened_after_an_old_writer(index, "region", "launch")  # May's index lacks it
    reopened.upsert_many([CORPUS["refund"], CORPUS["battery"]])  # May (old index), June (new)
    reopened.refresh()

    assert _found(reopened, regions=["广东"]) == ids("refund")
    assert _found(reopened, regions=["海外"]) == ids("battery")
    assert reopened.count(SearchQuery()) == 3
    assert reopened.top_terms(SearchQuery(), SplitField.REGION) == [("广东", 1), ("海外", 1)]
    template = index.client.get_template(index.prefix) or {}
    assert "region" in template["template"]["mappings"]["properties"]
    assert template["template"]["settings"]["index"]["number_of_replicas"] == "0"


@pytest.mark.parametrize("backend", ENGINES)  # engine-only behaviour
def test_months_made_before_the_complaint_field_gain_it(index: MentionIndex, backend: str) -> None:
    reopened = _reopened_after_an_old_writer(index, "complaint", "battery")  # June's lacks it
    reopened.upsert_many([CORPUS["refund"], CORPUS["courier"], CORPUS["launch"]])
    reopened.refresh()

    assert _found(reopened, complaint=True) == ids("refund", "courier")  # May new, June old
    assert _found(reopened, complaint=False) == ids("launch")
    assert reopened.count(SearchQuery()) == 4
    template = index.client.get_template(index.prefix) or {}
    assert "complaint" in template["template"]["mappings"]["properties"]
