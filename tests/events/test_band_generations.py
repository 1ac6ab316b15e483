"""near_bands in two generations (core.pipeline.band_generations): a band key merged into the
large table, one still in the recent table, one merged by another process, and one of a store
made before generations are all found, so every near-copy decision is the one a single table
gives."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest
from sqlalchemy import Engine, func, select

from collectors.demo.stream import background_texts
from core.db import Base, init_db, make_engine, make_session_factory
from core.models import Author, Mention
from core.pipeline import band_generations
from core.pipeline.dedup import ContentDeduper, group_text
from core.pipeline.dedup_tables import (
    AuthorCopy,
    DedupGeneration,
    NearBand,
    NearBandRecent,
    NearGroup,
    SimilarityGroup,
)
from core.pipeline.key_filter import KeyFilter
from core.pipeline.neardup import NearText, band_keys, signatures
from tests.core.conftest import mention

LIMIT = 150  # band keys in the recent table that start a merge (≈ 15 texts)
TABLES = [AuthorCopy, SimilarityGroup, NearGroup, NearBand, NearBandRecent, DedupGeneration]


def _texts(count: int) -> list[str]:
    """Distinct review texts, each long enough to be grouped by similarity."""
    found: dict[str, None] = {}
    for text in background_texts():
        if NearText.of(group_text(text)).eligible:
            found[text] = None
        if len(found) == count:
            break
    return list(found)


def _near(text: str) -> str:
    """A near copy: one sentence added."""
    return text + "，大家评评理"


def _store(path: object, name: str = "store.db") -> Engine:
    engine = make_engine(f"sqlite:///{path}/{name}")
    Base.metadata.create_all(engine, tables=[t.__table__ for t in TABLES])  # type: ignore[misc]
    return engine


def _batch(prefix: str, texts: list[str]) -> list[Mention]:
    return [
        mention(f"{prefix}{i}", t, i, author=Author(id=f"{prefix}{i}")) for i, t in enumerate(texts)
    ]


def _keys(text: str) -> set[int]:
    return set(band_keys(signatures([NearText.of(group_text(text))])).tolist()[0])


def _where(engine: Engine, keys: set[int]) -> tuple[int, int]:
    """How many of keys the large table and the recent one hold."""
    with make_session_factory(engine)() as session:
        return tuple(  # type: ignore[return-value]
            session.scalar(select(func.count()).where(table.band.in_(keys))) or 0
            for table in (NearBand, NearBandRecent)
        )


def _stream(tmp_path: object, limit: int, monkeypatch: pytest.MonkeyPatch) -> list[str | None]:
    """Group ids of a stream whose first text is merged into the large table, its second
    stays in the recent one, and whose last batch (after a restart) holds near copies of
    both and an exact copy of the first."""
    monkeypatch.setattr(band_generations, "RECENT_LIMIT", limit)
    texts = _texts(64)
    first, second = texts[0], texts[1]
    engine = _store(tmp_path, f"store-{limit}.db")
    deduper = ContentDeduper(make_session_factory(engine))
    decided = [m.group_id for m in deduper.split(_batch("a", [first, *texts[2:30]]))[0]]
    decided += [m.group_id for m in deduper.split(_batch("b", texts[30:60]))[0]]
    decided += [m.group_id for m in deduper.split(_batch("c", [second]))[0]]
    if limit == LIMIT:  # the boundary this test is about
        assert _where(engine, _keys(first)) == (10, 0)
        assert _where(engine, _keys(second)) == (0, 10)
    engine.dispose()
    band_generations._known.clear()  # a new process: no filter in memory
    engine = make_engine(f"sqlite:///{tmp_path}/store-{limit}.db")
    deduper = ContentDeduper(make_session_factory(engine))
    last = _batch("d", [_near(first), _near(second), first, *texts[60:64]])
    decided += [m.group_id for m in deduper.split(last)[0]]
    engine.dispose()
    return decided


def test_near_copies_are_found_across_a_merge_and_a_restart(
    tmp_path: object, monkeypatch: pytest.MonkeyPatch
) -> None:
    merged = _stream(tmp_path, LIMIT, monkeypatch)
    assert merged[-7] == merged[0] and merged[-6] == merged[-8] and merged[-5] == merged[0]
    single = _stream(tmp_path, 100_000, monkeypatch)  # never merged: one table's decisions
    assert merged == single


def test_a_merge_by_another_process_is_seen(
    tmp_path: object, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(band_generations, "RECENT_LIMIT", LIMIT)
    texts = _texts(40)
    engine = _store(tmp_path)
    mine, other = (
        ContentDeduper(make_session_factory(make_engine(f"sqlite:///{tmp_path}/store.db")))
        for _ in range(2)
    )
    (first,), _ = mine.split(_batch("a", texts[:1]))  # this process's filter: an empty table
    other.split(_batch("b", texts[1:40]))  # another process merges the first text's keys
    assert _where(engine, _keys(texts[0])) == (10, 0)
    (copy,), _ = mine.split(_batch("c", [_near(texts[0])]))
    assert copy.group_id == first.group_id


def test_a_store_made_before_generations_keeps_every_band_key(
    tmp_path: object, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(band_generations, "RECENT_LIMIT", LIMIT)
    texts = _texts(30)
    engine = make_engine(f"sqlite:///{tmp_path}/old.db")
    older = [AuthorCopy, SimilarityGroup, NearGroup, NearBand]
    Base.metadata.create_all(engine, tables=[t.__table__ for t in older])  # type: ignore[misc]
    with engine.begin() as connection:
        for number, text in enumerate(texts[:20]):
            near = NearText.of(group_text(text))
            connection.execute(
                NearGroup.__table__.insert(),  # type: ignore[attr-defined]
                [{"id": number + 1, "group_id": f"old{number}", "text": near.text}],
            )
            connection.execute(
                NearBand.__table__.insert().prefix_with("OR IGNORE"),  # type: ignore[attr-defined]
                [{"band": k, "near_group": number + 1, "shape": near.shape} for k in _keys(text)],
            )
    with engine.connect() as connection:
        stored = set(connection.scalars(select(NearBand.band)))
    init_db(engine)  # opened by this version: the recent table and the filter's row appear
    deduper = ContentDeduper(make_session_factory(engine))
    kept, _ = deduper.split(_batch("n", [_near(t) for t in texts[:20]] + texts[20:30]))
    assert [m.group_id for m in kept[:20]] == [f"old{n}" for n in range(20)]
    with make_session_factory(engine).begin() as session:
        band_generations.merge(session)
    with make_session_factory(engine)() as session:
        assert set(band_generations.held(session, stored)) == stored
        assert stored <= set(session.scalars(select(NearBand.band)))
        assert session.scalar(select(func.count()).select_from(NearBandRecent)) == 0
    engine.dispose()


def test_the_filter_holds_every_key_it_was_given() -> None:
    rng = np.random.default_rng(17)
    keys = rng.integers(0, 2**63, size=20_000, dtype=np.int64)
    absent = rng.integers(0, 2**63, size=20_000, dtype=np.int64)
    held = KeyFilter(20_000)
    held.add(keys)
    assert all(held.may_hold(keys.tolist()))
    again = KeyFilter.of_bytes(held.to_bytes(), held.count)
    assert all(again.may_hold(keys.tolist()))
    assert sum(again.may_hold(absent.tolist())) < 0.03 * len(absent)  # ≈ 1 % expected
    assert not held.full
    held.add(absent)
    assert held.full


def test_a_merge_killed_midway_loses_no_band_key(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(band_generations, "RECENT_LIMIT", LIMIT)
    _store(tmp_path).dispose()
    child = subprocess.run(
        [sys.executable, "-m", "tests.events.band_merge_child", str(tmp_path / "store.db")],
        cwd=Path(__file__).resolve().parents[2],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert child.returncode == -9, child.stderr
    texts = _texts(20)
    engine = make_engine(f"sqlite:///{tmp_path}/store.db")
    committed = set().union(*(_keys(t) for t in texts[:10]))
    assert _where(engine, committed) == (0, len(committed))  # the merge rolled back whole
    assert _where(engine, set().union(*(_keys(t) for t in texts[10:20]))) == (0, 0)
    with make_session_factory(engine)() as session:
        assert set(band_generations.held(session, committed)) == committed
    (copy,), _ = ContentDeduper(make_session_factory(engine)).split(_batch("c", [_near(texts[0])]))
    assert copy.group_id == _batch("a", texts[:1])[0].id
    engine.dispose()
