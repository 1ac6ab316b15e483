"""Ingest → classify → index → query end to end on temporary real stores."""

from __future__ import annotations

from core.context import Context
from core.enums import Channel, SentimentLabel
from core.index.protocol import SearchQuery
from core.models import Author, Mention, Metrics
from tests.core.conftest import mention


def test_end_to_end_classifies_indexes_and_finds(ctx: Context) -> None:
    batch = [
        mention("1", "鲜味坊申请退款一直没到账，客服也不理人，太差了"),
        mention("2", "<p>鲜味坊的外卖<b>很好吃</b>，送得也快 &amp; 包装好</p>", 1),
        mention("3", "今天天气不错，和品牌无关", 2),
    ]
    report = ctx.pipeline.process(batch)
    assert len(report.new) == 3 and not report.rejected
    stored = ctx.index.get(batch[1].id)
    assert stored is not None
    assert stored.text == "鲜味坊的外卖很好吃，送得也快 & 包装好"
    assert stored.plans == ["xwf"]
    assert ctx.index.get(batch[2].id).plans == []  # type: ignore[union-attr]
    refund = ctx.index.search(SearchQuery(text="退款"))
    assert [m.native_id for m in refund.mentions] == ["1"]
    found = refund.mentions[0]
    assert found.sentiment is not None and found.sentiment.label == SentimentLabel.NEGATIVE
    assert found.category is not None and found.urgency is not None
    assert ctx.index.count(SearchQuery(plans=["xwf"])) == 2


def test_same_batch_twice_is_idempotent(ctx: Context) -> None:
    batch = [mention(str(i), f"鲜味坊第{i}次投诉，外卖送错了") for i in range(5)]
    first = ctx.pipeline.process(batch)
    second = ctx.pipeline.process(batch)
    assert len(first.new) == 5
    assert len(second.new) == 0 and second.duplicates == 5
    assert ctx.index.count(SearchQuery()) == 5


def test_same_author_repeating_a_text_collapses_other_authors_are_counted(
    ctx: Context,
) -> None:
    text = "鲜味坊的外卖吃出了头发！"
    report = ctx.pipeline.process(
        [
            mention("a", text, author=Author(id="u1")),
            mention("b", " 鲜味坊的外卖吃出了头发！ ", 1, author=Author(id="u1")),
            mention("c", text, 2, author=Author(id="u2")),
            mention("d", text, 3, source="tieba", channel=Channel.FORUM, author=Author(id="u1")),
        ]
    )
    assert sorted(m.native_id for m in report.new) == ["a", "c", "d"]
    assert report.duplicates == 1 and report.flooded == 1
    groups = {m.native_id: m.group_id for m in report.new}
    assert groups["a"] == groups["c"] == groups["d"] == report.new[0].id


def test_changed_metrics_update_instead_of_duplicate(ctx: Context) -> None:
    original = mention("k", "鲜味坊食物中毒，孩子住院了", metrics=Metrics(reposts=10))
    ctx.pipeline.process([original])
    grown = original.model_copy(update={"metrics": Metrics(reposts=5000, comments=900)})
    report = ctx.pipeline.process([grown])
    assert [m.native_id for m in report.updated] == ["k"] and not report.new
    assert ctx.index.get(original.id).metrics.reposts == 5000  # type: ignore[union-attr]
    assert ctx.index.count(SearchQuery()) == 1


def test_rejects_empty_and_garbled_text_with_reasons(ctx: Context) -> None:
    report = ctx.pipeline.process(
        [
            mention("e", "<div>  </div>"),
            mention("g", "锟斤拷锟斤拷烫烫烫"),
            mention("ok", "鲜味坊不错"),
        ],
        refs=["in.jsonl:1", "in.jsonl:2", "in.jsonl:3"],
    )
    reasons = dict(report.rejected)
    assert "正文为空" in reasons["in.jsonl:1"]
    assert "乱码" in reasons["in.jsonl:2"]
    assert [m.native_id for m in report.new] == ["ok"]


def test_hostile_text_is_stored_verbatim_and_searchable(ctx: Context) -> None:
    hostile = "鲜味坊 '); DROP TABLE mentions; -- \" OR 1=1 NEAR(AND) * ^ 退款"
    ctx.pipeline.process([mention("h", hostile)])
    for query in ["DROP TABLE", '"OR', "NEAR(AND)", "退款 -鲜味坊", "*", "^"]:
        ctx.index.search(SearchQuery(text=query))  # must not raise
    assert ctx.index.search(SearchQuery(text="DROP TABLE")).total == 1
    assert ctx.index.search(SearchQuery(text="退款 -鲜味坊")).total == 0


def test_listeners_receive_only_new_mentions_and_failures_are_contained(ctx: Context) -> None:
    seen: list[list[str]] = []

    def broken(_batch: list[Mention]) -> None:
        raise RuntimeError("boom")

    ctx.pipeline.add_listener(broken)
    ctx.pipeline.add_listener(lambda batch: seen.append([m.native_id for m in batch]))
    ctx.pipeline.process([mention("1", "鲜味坊一号"), mention("2", "鲜味坊二号")])
    ctx.pipeline.process([mention("1", "鲜味坊一号"), mention("3", "鲜味坊三号")])
    assert seen == [["1", "2"], ["3"]]


def test_callers_mentions_are_left_as_given(ctx: Context) -> None:
    """The pipeline sets plans, group ids and cleared labels on its own copies only."""
    given = mention("1", "鲜味坊外卖送错了，客服不理人", corrected={"sentiment": "positive"})
    copy = mention("2", "鲜味坊外卖送错了，客服不理人", 1, author=Author(id="u2"))
    report = ctx.pipeline.process([given, copy])
    assert (given.plans, given.group_id, given.corrected) == ([], None, {"sentiment": "positive"})
    assert (copy.plans, copy.group_id) == ([], None)
    stored = {m.native_id: m for m in report.new}
    assert stored["1"].plans == ["xwf"] and stored["1"].corrected == {}
    assert stored["1"].group_id == stored["2"].group_id == given.id
