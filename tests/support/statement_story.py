"""A spreading complaint and the brand's statement on it: the story the tests of what the brand
has said (events, 案件详情, the report's 危机处置) are told with."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime, timedelta
from typing import Any

from core.enums import Channel
from core.models import Author, Mention

SEED = "鲜味坊外卖的酸菜鱼里吃出一只蟑螂，门店还不承认，太恶心了"
VOICES = [
    "鲜味坊酸菜鱼吃出蟑螂这事太恶心了，门店还不承认",
    "看到鲜味坊酸菜鱼蟑螂的帖子，门店态度太差",
    "鲜味坊门店不承认酸菜鱼里有蟑螂，支持维权",
]
STATEMENT = (
    "关于网友反映的酸菜鱼异物问题，我们高度重视，已成立专项小组核查涉事门店的后厨卫生，"
    "暂停该门店营业，核实后将公布结果并向顾客致歉。"
)
OWN = "鲜味坊官方"
PLAN = {"name": "鲜味坊", "expression": "鲜味坊", "own_accounts": [OWN]}

Post = Callable[..., Mention]


def poster(start: datetime) -> Post:
    """A Weibo post builder: (native id, text, minutes after start, author, **fields)."""

    def post(native_id: str, text: str, minutes: float, author: str, **fields: Any) -> Mention:
        return Mention(
            source="weibo",
            channel=Channel.WEIBO,
            native_id=native_id,
            text=text,
            published_at=start + timedelta(minutes=minutes),
            author=Author(id=author, name=author),
            **fields,
        )

    return post


def story(post: Post, *, voices: bool = True) -> list[Mention]:
    """The complaint (minute 0, native id "s"), eight bare reposts, and (minutes 10–12) three
    people saying it again in their own words."""
    seed = post("s", SEED, 0, "victim")
    reposts = [post(f"r{i}", "转发微博", 1 + i, f"r{i}", repost_of="s") for i in range(8)]
    said = [post(f"v{i}", text, 10 + i, f"v{i}") for i, text in enumerate(VOICES)] if voices else []
    return [seed, *reposts, *said]


def statement(post: Post, author: str = OWN, minutes: float = 90) -> Mention:
    """The statement on the story (native id "o"), by the brand's account unless told."""
    return post("o", STATEMENT, minutes, author)
