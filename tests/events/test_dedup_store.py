"""The dedup stage's driver-SQL writes: rows SQLAlchemy reads back the same on SQLite and
PostgreSQL (times, counters), and MinHash signatures that do not depend on the batch."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest
from sqlalchemy import Engine, select

from core.db import Base, make_engine, make_session_factory
from core.models import Author, utcnow
from core.pipeline import dedup
from core.pipeline.dedup import AuthorCopy, ContentDeduper, SimilarityGroup, group_text
from core.pipeline.dedup_tables import NearBand, NearGroup
from core.pipeline.neardup import NearText, prune_groups_before, signatures
from tests.conftest import require
from tests.core.conftest import mention
from tests.postgres import PostgresServer

CAMPAIGN = "鲜味坊外卖的酸菜鱼里吃出一只蟑螂，门店还不承认，大家帮忙转发维权"


@pytest.fixture
def pg_url(pg_server: PostgresServer | None) -> str:
    """A fresh database on the session's PostgreSQL server."""
    require(pg_server is not None, "PostgreSQL is not installed (scripts/system-deps.sh)")
    assert pg_server is not None
    return pg_server.create_database()


def _dedup_and_read_back(engine: Engine) -> None:
    tables = [AuthorCopy, SimilarityGroup, NearGroup, NearBand]
    Base.metadata.create_all(engine, tables=[t.__table__ for t in tables])  # type: ignore[misc]
    deduper = ContentDeduper(make_session_factory(engine))
    before = utcnow()
    first = mention("a", CAMPAIGN, author=Author(id="u1"))
    deduper.split([first, mention("b", CAMPAIGN, 1, author=Author(id="u2"))])
    kept, floods = deduper.split(
        [
            mention("c", CAMPAIGN, 2, author=Author(id="u1")),  # u1 again: a flood
            mention("d", CAMPAIGN, 3, author=Author(id="u3")),  # same text: group grows
            mention("e", CAMPAIGN.replace("蟑螂", "苍蝇"), 4, author=Author(id="u4")),  # near
        ]
    )
    after = utcnow()
    assert [m.native_id for m in floods] == ["c"]
    assert {m.native_id: m.group_id for m in kept} == {"d": first.id, "e": first.id}
    with make_session_factory(engine).begin() as session:
        copies = session.scalars(select(AuthorCopy)).all()
        groups = session.scalars(select(SimilarityGroup)).all()
        near = session.scalars(select(NearGroup)).all()
        assert {c.mention_id: c.repeats for c in copies}[first.id] == 1
        assert sorted(g.size for g in groups) == [1, 3]  # a, b, d exact; e its own text
        assert [n.text for n in near] == [NearText.of(group_text(CAMPAIGN)).text]
        for row in [*copies, *groups, *near]:
            seen = row.first_seen.replace(tzinfo=row.first_seen.tzinfo or before.tzinfo)
            assert before - timedelta(seconds=1) <= seen <= after + timedelta(seconds=1)
        assert prune_groups_before(session, before - timedelta(seconds=1)) == (0, 0)
        assert prune_groups_before(session, after + timedelta(seconds=1))[0] == 1


def test_driver_writes_read_back_on_sqlite(tmp_path: object) -> None:
    engine = make_engine(f"sqlite:///{tmp_path}/store.db")
    _dedup_and_read_back(engine)
    engine.dispose()


def test_driver_writes_read_back_on_postgresql(pg_url: str) -> None:
    engine = make_engine(pg_url)
    _dedup_and_read_back(engine)
    engine.dispose()


def test_signatures_do_not_depend_on_the_batch() -> None:
    texts = [
        NearText.of(group_text(t))
        for t in (
            CAMPAIGN,
            "退款15元一直没到账客服不理人",  # 12 letters or more: eligible
            "𠀀𠀁鲜味坊外卖送错了两次都没有人管",  # astral characters
            CAMPAIGN + "，退款1.5元" * 30,
        )
    ]
    assert all(t.eligible for t in texts)
    together = signatures(texts)
    for row, text in zip(together, texts, strict=True):
        assert row.tolist() == signatures([text])[0].tolist()


def test_two_batches_registering_the_same_new_text_at_once_share_its_group(
    pg_url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Two workers (or two sources of one worker) whose batches hold the same new text: both
    look the group key up, find nothing and insert it. The second insert used to fail the
    whole batch with `UniqueViolation similarity_groups_pkey` (seen with 3 workers on
    PostgreSQL); it now reads the group the other batch registered and joins it."""
    engine = make_engine(pg_url)
    tables = [AuthorCopy, SimilarityGroup, NearGroup, NearBand]
    Base.metadata.create_all(engine, tables=[t.__table__ for t in tables])  # type: ignore[misc]
    mine = ContentDeduper(make_session_factory(engine))
    other = ContentDeduper(make_session_factory(engine))  # another worker: its own connections
    theirs = mention("b", CAMPAIGN, 1, source="tieba", author=Author(id="u2"))
    real_lookup = dedup.lookup
    raced: list[str] = []

    def lookup_then_other_batch_commits(*args: Any) -> dict[str, str]:
        found = real_lookup(*args)
        key = args[1]
        if key is SimilarityGroup.digest and not raced:
            raced.append("other batch committed between our lookup and our insert")
            other.split([theirs])  # its own connection and transaction, committed now
        return found

    monkeypatch.setattr(dedup, "lookup", lookup_then_other_batch_commits)
    ours = mention("a", CAMPAIGN, author=Author(id="u1"))
    kept, floods = mine.split([ours])

    assert raced and not floods
    assert [m.group_id for m in kept] == [theirs.id]  # joined the group registered first
    with make_session_factory(engine).begin() as session:
        groups = session.scalars(select(SimilarityGroup)).all()
        assert [(g.group_id, g.size) for g in groups] == [(theirs.id, 2)]
    engine.dispose()
