"""实时舆情 shows one card per group of copies, with how many more there are; all are counted."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from tests.support.pages import page_data

FEED = str(Path(__file__).resolve().parents[2] / "dashboard" / "views" / "feed.py")
COPY = "鲜味坊外卖吃出虫子，门店还不承认，大家一起维权！"
NEAR = "鲜味坊外卖吃出虫子，门店竟然还不承认，大家一起维权！"  # a word added: a near copy


@pytest.mark.parametrize(
    ("third", "caption"),
    [
        (COPY, "另有 2 条相同内容（其他作者发布或转发，均已计入提及量）"),
        (NEAR, "另有 2 条相同或相似内容（其他作者发布或转发，均已计入提及量）"),
    ],
)
def test_copies_by_different_authors_are_one_card_and_all_counted(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, third: str, caption: str
) -> None:
    now = datetime.now(UTC).isoformat()
    records = [
        {"native_id": str(i), "author": {"id": f"u{i}", "name": f"用户{i}"}, "text": text}
        for i, text in enumerate([COPY, COPY, third])
    ]
    records.append({"native_id": "9", "author": {"id": "u9"}, "text": "鲜味坊的酸菜鱼很好吃"})
    records = [{**r, "source": "wb", "published_at": now} for r in records]
    with page_data(tmp_path, monkeypatch, records):
        at = AppTest.from_file(FEED, default_timeout=60).run()

    assert not at.exception
    # The cards are one markdown block (one element renders far faster than one per card).
    cards = "".join(m.value for m in at.markdown if "yq-mention" in m.value)
    assert cards.count('class="yq-mention"') == 2
    assert cards.count("另有") == 1
    assert caption in cards
    assert any(m.label == "提及量" and m.value == "4" for m in at.metric)


def test_the_feed_pages_through_groups_without_repeating_or_skipping(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    base = datetime.now(UTC).timestamp()
    records = [  # 25 distinct posts a second apart, plus two copies of the newest one
        {
            "native_id": str(i),
            "author": {"id": f"u{i}", "name": f"用户{i}"},
            "text": f"鲜味坊第{i}号帖子，话题{i * 7919 % 1000}",
            "published_at": datetime.fromtimestamp(base - 25 + i, UTC).isoformat(),
        }
        for i in range(25)
    ]
    records += [
        {**records[-1], "native_id": f"copy{k}", "author": {"id": f"c{k}", "name": f"转发{k}"}}
        for k in range(2)
    ]
    records = [{**r, "source": "wb"} for r in records]

    def posts(at: AppTest) -> list[str]:
        cards = "".join(m.value for m in at.markdown if "yq-mention" in m.value)
        return [part.split("号帖子")[0] for part in cards.split("鲜味坊第")[1:]]

    with page_data(tmp_path, monkeypatch, records):
        at = AppTest.from_file(FEED, default_timeout=60).run()
        first = posts(at)
        at.number_input(key="feed-page").set_value(2).run()
        second = posts(at)

    assert not at.exception
    assert len(first) == 20 and len(second) == 5  # 25 groups: the copies are one card
    assert first[0] == "24" and set(first).isdisjoint(second)
    assert sorted(map(int, first + second)) == list(range(25))
    assert any("第 2 页，5 组" in c.value for c in at.caption)


def test_the_pinned_posts_show_a_template_filed_by_many_once(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """舆情态势 pins the most urgent posts: three people filing the same 黑猫 text are one pinned
    card saying 另有 2 条, beside the other urgent post, and not repeated in 最新提及 below."""
    from tests.dashboard.ingested_page import page_over

    filed = "鲜味坊外卖吃出虫子，孩子食物中毒住院了，已经报警并打了12315，要求赔偿"
    other = "鲜味坊门店员工不戴手套，孩子吃完上吐下泻送医院了，准备找记者曝光"
    texts: list[str | dict[str, object]] = [
        {"text": filed, "author": {"id": f"u{i}", "name": f"用户{i}"}} for i in range(3)
    ]
    texts += [{"text": other, "author": {"id": "u9", "name": "用户9"}}, "鲜味坊的酸菜鱼很好吃"]
    with page_over(tmp_path, monkeypatch, "brand: 鲜味坊\n", texts, "overview") as at:
        blocks = [m.value for m in at.markdown if "yq-mention" in m.value]

    assert any(s.value == "置顶 · 需要优先处理的内容" for s in at.subheader)
    pinned, newest = blocks  # the pinned cards, then 最新提及
    assert pinned.count('class="yq-mention"') == 2
    assert "另有 2 条相同内容（其他作者发布或转发，均已计入提及量）" in pinned
    assert filed not in newest and other not in newest and "酸菜鱼" in newest


def test_bare_reposts_of_one_post_are_one_card_quoting_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A crisis morning: five people repost the outage post saying only 转发微博, one reposts
    another post. Two repost cards, each quoting its original; the five fold into one that says
    how many more; every repost is still counted."""
    base = datetime.now(UTC).timestamp()
    outage = "星联广州大面积断网七个小时，打不了电话也上不了网"
    other = "星联营业厅办宽带排了两个小时的队"
    records: list[dict[str, object]] = [
        {"native_id": "p1", "author": {"id": "a", "name": "天河糖水铺阿珍"}, "text": outage},
        {"native_id": "p2", "author": {"id": "b", "name": "用户乙"}, "text": other},
    ]
    records += [
        {"native_id": f"r{k}", "author": {"id": f"r{k}", "name": f"转发者{k}"},
         "text": "转发微博", "repost_of": "p1"}
        for k in range(5)
    ]  # fmt: skip
    records.append(
        {"native_id": "r9", "author": {"id": "r9"}, "text": "转发微博", "repost_of": "p2"}
    )
    records = [
        {
            **r,
            "source": "wb",
            "published_at": datetime.fromtimestamp(base - 60 + i, UTC).isoformat(),
        }
        for i, r in enumerate(records)
    ]
    with page_data(tmp_path, monkeypatch, records):
        at = AppTest.from_file(FEED, default_timeout=60).run()

    assert not at.exception
    cards = "".join(m.value for m in at.markdown if "yq-mention" in m.value)
    assert cards.count('class="yq-mention"') == 4  # two posts, two repost cards
    assert cards.count("转发微博") == 2
    assert f"原帖 @天河糖水铺阿珍：{outage}" in cards
    assert f"原帖 @用户乙：{other}" in cards
    assert cards.count("另有 4 条转发同一原帖") == 1 and cards.count("条转发同一原帖") == 1
    assert any(m.label == "提及量" and m.value == "8" for m in at.metric)
