"""Copies are counted: others' copies are stored and grouped, one author's flood collapses."""

from __future__ import annotations

from sqlalchemy import select

from core.context import Context
from core.index.protocol import SearchQuery
from core.models import Author
from core.pipeline.dedup import group_sizes, group_text
from core.pipeline.dedup_tables import AuthorCopy
from tests.core.conftest import mention


def _by(author: str) -> Author:
    return Author(id=author, name=author)


def test_copies_from_different_authors_are_stored_counted_and_grouped(ctx: Context) -> None:
    texts = [
        "支持维权！鲜味坊必须给个说法",
        "#鲜味坊维权# 支持维权！鲜味坊必须给个说法 @鲜味坊官方",
        "转发微博 支持维权！鲜味坊必须给个说法😡😡",
        "支持维权！  鲜味坊必须给个说法 [怒]",
    ]
    batch = [mention(f"m{i}", t, i, author=_by(f"u{i}")) for i, t in enumerate(texts)]
    report = ctx.pipeline.process(batch[:2])
    report.merge(ctx.pipeline.process(batch[2:]))
    assert len(report.new) == 4 and report.duplicates == 0
    assert ctx.index.count(SearchQuery(text="维权")) == 4
    assert {m.group_id for m in report.new} == {batch[0].id}
    with ctx.sessions() as session:
        assert group_sizes(session, [batch[0].id]) == {batch[0].id: 4}


def test_one_author_flooding_collapses_and_is_flagged(ctx: Context) -> None:
    batch = [
        mention(f"f{i}", "鲜味坊退款到底什么时候到账", i, author=_by("flooder")) for i in range(6)
    ]
    first = ctx.pipeline.process(batch[:3])
    second = ctx.pipeline.process(batch[3:])
    assert [m.native_id for m in first.new] == ["f0"] and not second.new
    assert first.flooded + second.flooded == 5
    assert "刷屏 3 条" in second.summary()
    with ctx.sessions() as session:
        repeats = session.scalars(select(AuthorCopy.repeats)).all()
    assert repeats == [5]
    assert ctx.index.count(SearchQuery()) == 1


def test_numbers_and_punctuation_make_different_posts(ctx: Context) -> None:
    me = _by("same-author")
    batch = [
        mention("n1", "鲜味坊只给退款1.5元", 0, author=me),
        mention("n2", "鲜味坊只给退款15元", 1, author=me),
        mention("p1", "鲜味坊的新品好吃！", 2, author=me),
        mention("p2", "鲜味坊的新品好吃？", 3, author=me),
    ]
    report = ctx.pipeline.process(batch)
    assert sorted(m.native_id for m in report.new) == ["n1", "n2", "p1", "p2"]
    groups = {m.native_id: m.group_id for m in report.new}
    assert groups["n1"] != groups["n2"] and groups["p1"] != groups["p2"]


def test_redelivered_id_stays_a_duplicate(ctx: Context) -> None:
    post = mention("x", "鲜味坊配送员态度很差", author=_by("a"))
    ctx.pipeline.process([post])
    again = ctx.pipeline.process([post, post])
    assert not again.new and again.duplicates == 2 and again.flooded == 0


def test_group_text_drops_noise_keeps_numbers_and_punctuation() -> None:
    assert group_text("转发微博//@小李: #话题# @某人 好吃！！😀 http://t.cn/x") == "好吃!"
    assert group_text("退款1.5元") != group_text("退款15元")
    assert group_text("好吃！") != group_text("好吃？")


def test_author_copy_lookup_uses_the_primary_key(ctx: Context) -> None:
    """Issue 17: the flood lookup must be an index search, not a scan of the table."""
    with ctx.engine.connect() as conn:
        plan = conn.exec_driver_sql(
            "EXPLAIN QUERY PLAN SELECT digest, mention_id FROM author_copies"
            " WHERE digest IN ('a','b')"
        ).all()
        group_plan = conn.exec_driver_sql(
            "EXPLAIN QUERY PLAN SELECT digest, group_id FROM similarity_groups"
            " WHERE digest IN ('a')"
        ).all()
    for rows in (plan, group_plan):
        detail = " ".join(str(r[-1]) for r in rows)
        assert (
            "USING" in detail
            and "INDEX" in detail
            and "SCAN" not in detail.replace("SCAN CONSTANT", "")
        )
