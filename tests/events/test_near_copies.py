"""Near copies by different authors share a similarity group; numbers, punctuation and short
generic texts keep posts apart; every copy is stored and counted."""

from __future__ import annotations

import pytest
from sqlalchemy import Engine, Table, select, update

from core.context import Context
from core.db import Base, make_engine, make_session_factory
from core.index.protocol import SearchQuery
from core.models import Author
from core.pipeline.dedup import (
    AuthorCopy,
    ContentDeduper,
    SimilarityGroup,
    group_shapes,
    group_sizes,
    group_text,
)
from core.pipeline.dedup_tables import NearBand, NearGroup
from core.pipeline.neardup import BANDS, NearMatcher, NearText, band_keys, signatures
from tests.conftest import require
from tests.core.conftest import mention
from tests.postgres import PostgresServer

CAMPAIGN = "鲜味坊外卖的酸菜鱼里吃出一只蟑螂，门店还不承认，大家帮忙转发维权"


def _by(author: str) -> Author:
    return Author(id=author, name=author)


def test_near_copies_join_the_first_posts_group_and_are_all_counted(ctx: Context) -> None:
    texts = [
        CAMPAIGN,
        "鲜味坊外卖的酸菜鱼里吃出一只苍蝇，门店还不承认，大家帮忙转发维权",  # a word changed
        "#鲜味坊维权# 鲜味坊外卖的酸菜鱼里吃出一只蟑螂，门店还不承认，大家帮忙转发维权啊😡",
        "鲜味坊外卖的酸菜鱼里吃出一只蟑螂，门店竟然还不承认，大家帮忙转发维权",  # inserted
        "转发微博//@小李: 鲜味坊外卖的酸菜鱼里吃出一只蟑螂，门店还不承认，大家帮忙转发维权",
    ]
    batch = [mention(f"m{i}", t, i, author=_by(f"u{i}")) for i, t in enumerate(texts)]
    report = ctx.pipeline.process(batch[:2])
    report.merge(ctx.pipeline.process(batch[2:]))  # later batches find the group in the store
    assert len(report.new) == 5 and report.duplicates == 0
    assert {m.group_id for m in report.new} == {batch[0].id}
    assert ctx.index.count(SearchQuery(text="维权")) == 5
    with ctx.sessions() as session:
        assert group_sizes(session, [batch[0].id]) == {batch[0].id: 5}
        size, variants = group_shapes(session, [batch[0].id])[batch[0].id]
    assert size == 5 and variants == 4  # the repost is an exact copy of the first text


def test_numbers_punctuation_and_short_texts_stay_apart(ctx: Context) -> None:
    pairs = [
        (
            "鲜味坊只给退款1.5元，客服态度极差还挂电话，太气人了",
            "鲜味坊只给退款15元，客服态度极差还挂电话，太气人了",
        ),
        ("鲜味坊的新品酸菜鱼真的很好吃，下次还点！", "鲜味坊的新品酸菜鱼真的很好吃，下次还点？"),
        ("鲜味坊这次的包装终于改好了。。", "鲜味坊这次的包装终于改好了，，"),
        ("好吃好吃，鲜味坊yyds", "好吃好吃，鲜味坊nb"),
    ]
    batch = [
        mention(f"{i}{side}", text, i, author=_by(f"{i}{side}"))
        for i, pair in enumerate(pairs)
        for side, text in zip("ab", pair, strict=True)
    ]
    report = ctx.pipeline.process(batch)
    groups = {m.native_id: m.group_id for m in report.new}
    assert len(report.new) == 8
    for i in range(len(pairs)):
        assert groups[f"{i}a"] != groups[f"{i}b"], pairs[i]


def test_distinct_reviews_on_the_same_subject_stay_apart(ctx: Context) -> None:
    reviews = [
        "鲜味坊的酸菜鱼味道不错，送餐也很快，下次还会再点",
        "鲜味坊的酸菜鱼太咸了，送餐也慢，下次不会再点了",
        "鲜味坊的黄焖鸡分量很足，配送小哥态度也很好",
        "鲜味坊的酸菜鱼味道一般，价格偏贵，包装倒是不错",
    ]
    batch = [mention(f"r{i}", t, i, author=_by(f"r{i}")) for i, t in enumerate(reviews)]
    report = ctx.pipeline.process(batch)
    assert len({m.group_id for m in report.new}) == len(reviews)


def test_similarity_is_verified_against_the_first_text() -> None:
    first = NearText.of(group_text(CAMPAIGN))
    word = NearText.of(group_text(CAMPAIGN.replace("蟑螂", "苍蝇")))
    other = NearText.of(group_text("鲜味坊的黄焖鸡分量很足，配送小哥态度也很好，推荐"))
    assert word.similarity(first) >= 0.65
    assert other.similarity(first) < 0.3
    assert NearText.of("好吃").eligible is False


def test_band_keys_are_stable_and_found_by_primary_key(ctx: Context) -> None:
    texts = [NearText.of(group_text(CAMPAIGN)), NearText.of(group_text(CAMPAIGN + "！"))]
    keys = band_keys(signatures(texts)).tolist()
    assert keys[0] == band_keys(signatures(texts[:1])).tolist()[0]  # same text, same keys
    assert len(set(keys[0])) == BANDS and all(0 <= k < 2**63 for k in keys[0])
    with ctx.engine.connect() as conn:
        plan = conn.exec_driver_sql(
            f"EXPLAIN QUERY PLAN SELECT band, near_group FROM {NearBand.__tablename__}"
            " WHERE band IN (1, 2)"
        ).all()
    detail = " ".join(str(r[-1]) for r in plan)
    assert "SEARCH" in detail and "SCAN" not in detail.replace("SCAN CONSTANT", "")


@pytest.fixture
def pg_url(pg_server: PostgresServer | None) -> str:
    """A fresh database on the session's PostgreSQL server (a workflow store may live there)."""
    require(pg_server is not None, "PostgreSQL is not installed (scripts/system-deps.sh)")
    assert pg_server is not None
    return pg_server.create_database()


def test_near_groups_on_postgresql(pg_url: str) -> None:
    engine = make_engine(pg_url)
    tables = [AuthorCopy, SimilarityGroup, NearGroup, NearBand]
    Base.metadata.create_all(engine, tables=[t.__table__ for t in tables])  # type: ignore[misc]
    deduper = ContentDeduper(make_session_factory(engine))
    first = [mention("a", CAMPAIGN, 0, author=_by("a"))]
    later = [
        mention("b", CAMPAIGN.replace("蟑螂", "苍蝇"), 1, author=_by("b")),
        mention("c", CAMPAIGN + "，退款15元", 2, author=_by("c")),
        mention("d", CAMPAIGN + "，退款1.5元", 3, author=_by("d")),
    ]
    deduper.split(first)
    kept, _ = deduper.split(later)
    again, _ = deduper.split([mention("e", CAMPAIGN + "，退款15元！", 4, author=_by("e"))])
    groups = {m.native_id: m.group_id for m in [*kept, *again]}
    engine.dispose()
    assert groups["b"] == first[0].id
    assert len({first[0].id, groups["c"], groups["d"]}) == 3
    assert groups["e"] not in (groups["c"], groups["d"])  # ！ added: another mood


def _store(url: str, near_bands: Table | None = None) -> Engine:
    """An engine on url with the dedup tables (near_bands as given: an older layout)."""
    engine = make_engine(url)
    tables = [AuthorCopy, SimilarityGroup, NearGroup] + (
        [] if near_bands is not None else [NearBand]
    )
    Base.metadata.create_all(engine, tables=[t.__table__ for t in tables])  # type: ignore[misc]
    if near_bands is not None:
        near_bands.metadata.create_all(engine)
    return engine


def test_candidates_of_another_shape_are_not_fetched(tmp_path: object) -> None:
    engine = _store(f"sqlite:///{tmp_path}/store.db")
    deduper = ContentDeduper(make_session_factory(engine))
    first = mention("a", CAMPAIGN + "，退款15元", 0, author=_by("a"))
    deduper.split([first])
    # Same letters, so the same ten band keys, but another number: never a near copy.
    other = NearText.of(group_text(CAMPAIGN + "，退款1.5元"))
    near = NearText.of(group_text(CAMPAIGN.replace("蟑螂", "苍蝇") + "，退款15元"))
    with make_session_factory(engine).begin() as session:
        assert NearMatcher(session, [other]).representatives == {}
        matcher = NearMatcher(session, [other, near])
        assert list(matcher.representatives) == [first.id]
        assert matcher.match(other) is None and matcher.match(near) == first.id
        shapes = set(session.scalars(select(NearBand.shape)))
    assert shapes == {NearText.of(group_text(first.text)).shape}
    engine.dispose()


def test_band_rows_stored_before_shapes_are_still_verified(tmp_path: object) -> None:
    engine = _store(f"sqlite:///{tmp_path}/store.db")
    deduper = ContentDeduper(make_session_factory(engine))
    first = mention("a", CAMPAIGN + "，退款15元", 0, author=_by("a"))
    deduper.split([first])
    with make_session_factory(engine).begin() as session:
        session.execute(update(NearBand).values(shape=None))  # as an older store left them
    kept, _ = deduper.split(
        [
            mention("b", CAMPAIGN.replace("蟑螂", "苍蝇") + "，退款15元", 1, author=_by("b")),
            mention("c", CAMPAIGN.replace("蟑螂", "苍蝇") + "，退款1.5元", 2, author=_by("c")),
        ]
    )
    groups = {m.native_id: m.group_id for m in kept}
    assert groups["b"] == first.id and groups["c"] == kept[1].id
    engine.dispose()
