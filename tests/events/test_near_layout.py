"""A store made before near-duplicate groups were numbered (near_groups keyed by group_id,
near_bands pointing to it by that string) is rebuilt when opened and keeps every group, band
claim and shape: a near copy of an old representative still joins its group."""

from __future__ import annotations

import pytest
from sqlalchemy import (
    BigInteger,
    Column,
    DateTime,
    Engine,
    Integer,
    MetaData,
    String,
    Table,
    Text,
    inspect,
    select,
)

from core.db import Base, init_db, make_engine, make_session_factory
from core.models import Author, utcnow
from core.pipeline.dedup import AuthorCopy, ContentDeduper, SimilarityGroup, group_text
from core.pipeline.dedup_tables import NearBand, NearGroup
from core.pipeline.neardup import NearText, band_keys, signatures
from tests.conftest import require
from tests.core.conftest import mention
from tests.postgres import PostgresServer

CAMPAIGN = "鲜味坊外卖的酸菜鱼里吃出一只蟑螂，门店还不承认，大家帮忙转发维权"
GONE_BAND = 12345  # a band whose group was deleted: it stays claimed


def _older_store(url: str, shapes: bool) -> tuple[Engine, list[int]]:
    """A store with the dedup tables of the older layout (with or without band shapes), one
    representative and its band keys, and a band of a group that is gone."""
    engine = make_engine(url)
    tables = [AuthorCopy.__table__, SimilarityGroup.__table__]
    Base.metadata.create_all(engine, tables=tables)  # type: ignore[arg-type]
    old = MetaData()
    groups = Table(
        "near_groups",
        old,
        Column("group_id", String(40), primary_key=True),
        Column("text", Text),
        Column("first_seen", DateTime(timezone=True)),
    )
    bands = Table(
        "near_bands",
        old,
        Column(
            "band",
            BigInteger().with_variant(Integer, "sqlite"),
            primary_key=True,
            autoincrement=False,
        ),
        Column("group_id", String(40)),
        *([Column("shape", Integer, nullable=True)] if shapes else []),
    )
    old.create_all(engine)
    first = NearText.of(group_text(CAMPAIGN))
    keys = band_keys(signatures([first])).tolist()[0]
    shape = {"shape": first.shape} if shapes else {}
    with engine.begin() as connection:
        connection.execute(
            groups.insert(), [{"group_id": "old-group", "text": first.text, "first_seen": utcnow()}]
        )
        connection.execute(
            bands.insert(),
            [{"band": k, "group_id": "old-group", **shape} for k in keys]
            + [{"band": GONE_BAND, "group_id": "gone", **shape}],
        )
    return engine, keys


def _rebuilt_and_matching(engine: Engine, keys: list[int], shapes: bool) -> None:
    init_db(engine)

    columns = {c["name"] for c in inspect(engine).get_columns("near_bands")}
    assert {"band", "near_group", "shape"} <= columns and "group_id" not in columns
    assert "id" in {c["name"] for c in inspect(engine).get_columns("near_groups")}
    with make_session_factory(engine).begin() as session:
        (ref,) = session.scalars(select(NearGroup.id).where(NearGroup.group_id == "old-group"))
        rows = session.execute(select(NearBand.band, NearBand.near_group, NearBand.shape)).all()
    shape = NearText.of(group_text(CAMPAIGN)).shape if shapes else None
    assert sorted(rows) == sorted([(k, ref, shape) for k in keys] + [(GONE_BAND, None, shape)])
    kept, _ = ContentDeduper(make_session_factory(engine)).split(
        [mention("b", CAMPAIGN.replace("蟑螂", "苍蝇"), 1, author=Author(id="b"))]
    )
    assert kept[0].group_id == "old-group"
    init_db(engine)  # opened again: already the current layout, nothing moves
    with make_session_factory(engine).begin() as session:
        assert session.scalars(select(NearGroup.group_id)).all() == ["old-group"]
    engine.dispose()


@pytest.mark.parametrize("shapes", [True, False], ids=["with-shapes", "before-shapes"])
def test_an_older_store_is_rebuilt_and_keeps_matching(tmp_path: object, shapes: bool) -> None:
    _rebuilt_and_matching(*_older_store(f"sqlite:///{tmp_path}/store.db", shapes), shapes)


def test_an_older_store_on_postgresql_is_rebuilt(pg_server: PostgresServer | None) -> None:
    require(pg_server is not None, "PostgreSQL is not installed (scripts/system-deps.sh)")
    assert pg_server is not None
    _rebuilt_and_matching(*_older_store(pg_server.create_database(), True), True)


def test_tables_a_failed_rebuild_left_are_replaced(tmp_path: object) -> None:
    engine, keys = _older_store(f"sqlite:///{tmp_path}/store.db", True)
    with engine.begin() as connection:
        connection.exec_driver_sql(
            "CREATE TABLE near_groups_numbered (id INTEGER PRIMARY KEY, group_id TEXT)"
        )
        connection.exec_driver_sql("INSERT INTO near_groups_numbered VALUES (7, 'half-moved')")
    _rebuilt_and_matching(engine, keys, True)
