"""Praise after a recovery (complaint.resolved, 补救后好评) is a filter on every backend, and
monthly indices made before the field gain it with their stored praise findable."""

from __future__ import annotations

import sqlite3
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from core.index.engines import EngineMentionIndex, mapping
from core.index.protocol import MentionIndex, SearchQuery, SplitField
from core.index.sqlite import SQLiteMentionIndex
from core.models import Complaint, Mention
from tests.index.conftest import ENGINES
from tests.index.corpus import make_mention

T0 = datetime(2026, 5, 4, 8, tzinfo=UTC)


def _mention(name: str, text: str, hours: float, complaint: Complaint | None) -> Mention:
    found = make_mention(name, text, T0 + timedelta(hours=hours), plans=["brand_a"])
    return found.model_copy(update={"complaint": complaint})


PRAISE = Complaint(flag=False, probability=0.05, resolved=True)
MENTIONS = {
    "praise": _mention("praise", "上次投诉丢件，第二天就全额赔付了，处理得挺快", 0, PRAISE),
    "praise_june": _mention("praise_june", "异响修好了，4S店很到位", 24 * 40, PRAISE),
    "complaint": _mention(
        "complaint", "快递丢件一周了没人管", 2, Complaint(flag=True, probability=0.9)
    ),
    "neutral": _mention("neutral", "新品发布会明天举行", 3, Complaint(flag=False, probability=0.1)),
    "unclassified": _mention("unclassified", "快递到了", 4, None),
}


def _found(index: MentionIndex, **query: object) -> set[str]:
    hits = index.search(SearchQuery(limit=100, **query)).mentions  # type: ignore[arg-type]
    return {m.native_id for m in hits}


def test_resolved_filters_search_count_histogram_and_terms(index: MentionIndex) -> None:
    assert not index.upsert_many(list(MENTIONS.values())).errors
    index.refresh()

    assert _found(index, resolved=True) == {"praise", "praise_june"}
    assert _found(index, resolved=False) == {"complaint", "neutral"}  # unclassified: neither
    assert _found(index, resolved=True, text="丢件") == {"praise"}
    assert _found(index, resolved=True, complaint=True) == set()
    window = {"since": T0 - timedelta(hours=1), "until": T0 + timedelta(days=7)}  # whole hours
    assert index.count(SearchQuery(**window)) == 4  # type: ignore[arg-type]
    assert index.count(SearchQuery(resolved=True, **window)) == 1  # type: ignore[arg-type]
    assert index.count(SearchQuery(resolved=True, plans=["brand_a"])) == 2
    days = index.histogram(SearchQuery(resolved=True), timedelta(days=1))
    assert sum(b.total for b in days) == 2
    assert index.top_terms(SearchQuery(resolved=True), SplitField.PLAN) == [("brand_a", 2)]


def test_a_rewrite_moves_a_mention_out_of_the_praise(index: MentionIndex) -> None:
    index.upsert_many([MENTIONS["praise"]])
    corrected = Complaint(flag=True, probability=1.0)  # a staff correction: still a complaint
    index.upsert_many([MENTIONS["praise"].model_copy(update={"complaint": corrected})])
    index.refresh()

    assert _found(index, resolved=True) == set()
    assert index.count(SearchQuery(resolved=True)) == 0


def test_the_resolved_sub_field_is_added_to_an_object_mapped_before() -> None:
    old = mapping.mappings(mapping.CJK_BIGRAM)["properties"]
    del old["complaint"]["properties"]["resolved"]
    template = {"template": {"mappings": {"properties": old}}}

    added = mapping.missing_fields(template, mapping.CJK_BIGRAM)

    assert added == {"complaint": {"properties": {"resolved": {"type": "boolean"}}}}
    assert mapping.refilled(added) == ["complaint.resolved"]
    del old["complaint"]  # older still: the whole object, sub-field included, comes once
    added = mapping.missing_fields(template, mapping.CJK_BIGRAM)
    assert added["complaint"]["properties"]["resolved"] == {"type": "boolean"}
    assert mapping.missing_fields({"template": {"mappings": mapping.mappings("x")}}, "x") == {}


@pytest.mark.engine
@pytest.mark.parametrize("backend", ENGINES)  # engine-only behaviour
def test_months_made_before_the_resolved_field_gain_it_and_old_praise_is_found(
    index: MentionIndex, backend: str
) -> None:
    assert isinstance(index, EngineMentionIndex)
    old_layout = mapping.template_body(index.prefix, mapping.CJK_BIGRAM, 1, 0)
    del old_layout["template"]["mappings"]["properties"]["complaint"]["properties"]["resolved"]
    index.client.put_template(index.prefix, old_layout)
    index._analyzer = mapping.CJK_BIGRAM  # a writer of the old layout: it never upgrades
    index.upsert_many(list(MENTIONS.values()))  # May's and June's indices without the field
    index.refresh()
    assert index.count(SearchQuery(resolved=True)) == 0  # resolved only in _source

    reopened = EngineMentionIndex(index.client, index.prefix)  # the next start of the service
    reopened.ensure_template()
    reopened.refresh()

    assert reopened.count(SearchQuery(resolved=True)) == 2
    assert _found(reopened, resolved=True) == {"praise", "praise_june"}
    assert _found(reopened, resolved=False) == {"complaint", "neutral"}
    assert reopened.count(SearchQuery()) == len(MENTIONS)  # nothing lost or doubled
    assert reopened.get(MENTIONS["praise"].id) == MENTIONS["praise"]
    template = index.client.get_template(index.prefix) or {}
    complaint = template["template"]["mappings"]["properties"]["complaint"]
    assert complaint["properties"]["resolved"] == {"type": "boolean"}
    again = EngineMentionIndex(index.client, index.prefix)
    assert mapping.missing_fields(template, again.ensure_template()) == {}  # upgraded once


def test_a_mentions_db_from_before_the_column_gains_it_filled_from_the_documents(
    tmp_path: Path,
) -> None:
    path = tmp_path / "mentions.db"
    first = SQLiteMentionIndex(path)
    first.upsert_many(list(MENTIONS.values()))
    first.close()
    db = sqlite3.connect(path)  # as the previous version left it: no column, no index
    db.execute("DROP INDEX mentions_resolved")
    db.execute("ALTER TABLE mentions DROP COLUMN resolved")
    db.commit()
    db.close()

    index = SQLiteMentionIndex(path)
    assert _found(index, resolved=True) == {"praise", "praise_june"}
    assert _found(index, resolved=False) == {"complaint", "neutral"}
    plan = index._db.execute(
        "EXPLAIN QUERY PLAN SELECT COUNT(*) FROM mentions m WHERE m.resolved = 1"
    ).fetchall()
    assert "mentions_resolved" in str(plan)  # counted from the index, not the documents
    index.close()
