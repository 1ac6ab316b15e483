"""舆情分析's KOL/媒体榜 and an event's 主要传播者 rank and type the same authors the same way."""

from __future__ import annotations

from datetime import UTC, datetime

from brand_events.detail import amplifiers as event_amplifiers
from core.authors import AuthorKind
from core.enums import Channel
from core.models import Author, Mention, Metrics
from core.own_accounts import OwnAccounts
from dashboard.reach import amplifiers as board_amplifiers
from dashboard.reach import table as board_table
from tests.core.conftest import make_config

AT = datetime(2026, 11, 16, 2, 0, tzinfo=UTC)


def post(n: int, name: str, followers: int, verified: bool = False, **metrics: int) -> Mention:
    return Mention(
        source="weibo",
        channel=Channel.WEIBO,
        native_id=f"p{n}",
        text="鲜味坊外卖吃出虫子",
        published_at=AT,
        author=Author(name=name, followers=followers, verified=verified),
        metrics=Metrics(**metrics),
    )


def test_both_lists_agree_on_kind_and_reach() -> None:
    mentions = [
        post(1, "财经观察者", 2_100_000, reposts=20_000, comments=3_000, likes=500),
        post(2, "法律人老周", 46_000, verified=True, reposts=300, likes=5),
        post(3, "法律人老周", 46_000, verified=True, comments=40),
        post(4, "鲜味坊官方", 520_000, reposts=2_100),
        post(5, "美食大V", 1_260_000, reposts=3_400),
        post(6, "路人甲", 96),
    ]
    plans = [
        {"id": "xwf", "name": "鲜味坊", "expression": "鲜味坊", "own_accounts": ["鲜味坊官方"]}
    ]
    own = OwnAccounts.of(make_config(plans=plans))
    board = {a.name: (a.kind, a.reach) for a in board_amplifiers(mentions, own)}
    event = {
        a.author: (a.kind.label_zh, a.reach) for a in event_amplifiers(mentions, ["鲜味坊官方"])
    }
    assert board == event
    assert event["财经观察者"] == ("媒体", 2_100_000 + 23_500)  # a sum, not followers × engagement
    assert event["法律人老周"] == ("认证用户", 46_000 + 345)  # followers counted once per author
    assert [event[n][0] for n in ("鲜味坊官方", "美食大V", "路人甲")] == ["官方", "大V", "普通用户"]
    assert AuthorKind.KOL.label_zh == "大V"
    # and the board writes counts as the cards do (212.3 万, not 2,123,500)
    (first, *_) = board_table(board_amplifiers(mentions, own))
    assert (first["作者"], first["粉丝"], first["影响力"]) == ("财经观察者", "210 万", "212.3 万")
