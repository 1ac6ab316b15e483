"""The digest-keyed dedup tables are WITHOUT ROWID on SQLite; a store made when they had a rowid
(table + primary-key index) is rebuilt when opened, keeps every row, and still dedups: a flood
of an old copy is a flood, a repost of an old text joins its old group."""

from __future__ import annotations

from pathlib import Path

from sqlalchemy import Engine

from core.db import init_db, make_engine, make_session_factory
from core.models import Author, Mention
from core.pipeline.dedup import ContentDeduper, group_sizes
from core.pipeline.dedup_tables import NearBand, NearGroup
from tests.core.conftest import mention

# The layout stores were made in before (SQLAlchemy's DDL of the rowid tables, as main wrote it).
OLDER = (
    "CREATE TABLE author_copies (digest VARCHAR(40) NOT NULL, mention_id VARCHAR(40) NOT NULL,"
    " repeats INTEGER NOT NULL, first_seen DATETIME NOT NULL, PRIMARY KEY (digest))",
    "CREATE TABLE similarity_groups (digest VARCHAR(40) NOT NULL, group_id VARCHAR(40) NOT NULL,"
    " size INTEGER NOT NULL, first_seen DATETIME NOT NULL, PRIMARY KEY (digest))",
    "CREATE INDEX ix_similarity_groups_group_id ON similarity_groups (group_id)",
)
TABLES = ("author_copies", "similarity_groups")
TEXTS = [
    "鲜味坊外卖的酸菜鱼里吃出一只蟑螂，门店还不承认",
    "鲜味坊的骑手把汤洒了一袋子，客服只说下次注意",
    "鲜味坊会员退款申请了七天还没到账，电话一直占线",
]


def _post(native_id: str, text: str, author: str, minutes: float) -> Mention:
    return mention(native_id, text, minutes, author=Author(id=author))


def _rows(engine: Engine) -> dict[str, list[tuple[object, ...]]]:
    with engine.connect() as connection:
        return {
            name: sorted(connection.exec_driver_sql(f"SELECT * FROM {name}").all())
            for name in TABLES
        }


def _layouts(engine: Engine) -> dict[str, str]:
    with engine.connect() as connection:
        rows = connection.exec_driver_sql(
            "SELECT name, sql FROM sqlite_master WHERE name IN (?, ?)", TABLES
        )
        return {name: " ".join(sql.upper().split()) for name, sql in rows}


def _older_store(path: Path) -> Engine:
    """A store with the rowid layout, filled by the deduper: three texts, a flood, a repost."""
    engine = make_engine(f"sqlite:///{path}")
    with engine.begin() as connection:
        for statement in OLDER:
            connection.exec_driver_sql(statement)
    for table in (NearGroup.__table__, NearBand.__table__):
        table.create(engine)  # type: ignore[attr-defined]  # (not create_all: no upgrade runs)
    deduper = ContentDeduper(make_session_factory(engine))
    deduper.split([_post(f"p{n}", text, f"a{n}", n) for n, text in enumerate(TEXTS)])
    kept, floods = deduper.split(
        [_post("flood", TEXTS[0], "a0", 10), _post("repost", TEXTS[1], "b", 11)]
    )
    assert [m.native_id for m in floods] == ["flood"] and [m.native_id for m in kept] == ["repost"]
    return engine


def test_new_stores_have_one_tree_per_digest_table(tmp_path: Path) -> None:
    engine = make_engine(f"sqlite:///{tmp_path / 'store.db'}")
    init_db(engine)
    assert all(sql.endswith("WITHOUT ROWID") for sql in _layouts(engine).values())
    engine.dispose()


def test_an_older_store_keeps_every_row_and_still_dedups(tmp_path: Path) -> None:
    engine = _older_store(tmp_path / "store.db")
    before = _rows(engine)
    assert len(before["author_copies"]) == 4 and len(before["similarity_groups"]) == 3
    assert not any("WITHOUT ROWID" in sql for sql in _layouts(engine).values())

    init_db(engine)

    assert all(sql.endswith("WITHOUT ROWID") for sql in _layouts(engine).values())
    assert _rows(engine) == before
    sessions = make_session_factory(engine)
    kept, floods = ContentDeduper(sessions).split(
        [_post("flood2", TEXTS[0], "a0", 20), _post("repost2", TEXTS[1], "c", 21)]
    )
    assert [m.native_id for m in floods] == ["flood2"]
    first, second = (_post(f"p{n}", TEXTS[n], f"a{n}", n).id for n in (0, 1))
    assert [m.group_id for m in kept] == [second]
    with sessions.begin() as session:
        assert group_sizes(session, [first, second]) == {first: 1, second: 3}
    with engine.connect() as connection:
        (repeats,) = connection.exec_driver_sql(
            "SELECT repeats FROM author_copies WHERE mention_id = ?", (first,)
        ).one()
    assert repeats == 2  # flood and flood2
    after = _rows(engine)
    init_db(engine)  # opened again: already the current layout, nothing moves
    assert _rows(engine) == after
    engine.dispose()
