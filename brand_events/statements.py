"""What the brand has already said in an event: its own accounts' posts among the event's members.

A crisis playbook's first-response step (占位声明) asks PR to answer in the channel where the
crisis runs. When the brand's account has already posted in the event (a 情况说明 went out before
anyone opened the case), the person on that step must see it: to tick the step with its link, and
to answer on from it (its verified facts kept, its unverified or blaming claims corrected openly),
not to draft a second statement that ignores the first.
"""

from __future__ import annotations

from datetime import tzinfo

from sqlalchemy import select
from sqlalchemy.orm import Session

from brand_events.detail import fetch_mentions
from brand_events.models import EventMember
from core.deflection import deflection_zh
from core.index.protocol import MentionIndex
from core.models import Mention
from core.own_accounts import OwnAccounts
from core.text_cut import shorten

EXCERPT = 60  # characters of a statement quoted on the step


def own_posts(
    session: Session, index: MentionIndex, event_id: str, own: OwnAccounts
) -> list[Mention]:
    """The event's posts by the brand's own accounts, oldest first."""
    names = own.names()
    if not names:
        return []
    query = (
        select(EventMember.mention_id)
        .where(EventMember.event_id == event_id, EventMember.author.in_(sorted(names)))
        .order_by(EventMember.published_at, EventMember.mention_id)
    )
    ids = list(session.scalars(query))
    return [m for m in fetch_mentions(index, ids) if own.is_own(m)] if ids else []


def opening(post: Mention, length: int = EXCERPT) -> str:
    """The post on one line in at most `length` characters, … when cut."""
    text = " ".join(post.text.split())
    return shorten(text, length)


def said_zh(posts: list[Mention], tz: tzinfo) -> str:
    """One Chinese paragraph for the first-response step: how often and what the brand said."""
    last = posts[-1]
    at = last.published_at.astimezone(tz).strftime("%m-%d %H:%M")
    quoted = opening(last)
    times = f"{len(posts)} 次，最近一次" if len(posts) > 1 else ""
    said = f"官方账号已在本事件中发文{times} {at} @{last.author.name}：「{quoted}」。"
    flagged = deflection_zh(last.text)
    if flagged:
        return said + (
            f"这条说明{flagged}（预案：先帮助、后分责，只发布核实过的数据）。下一次回应要正面更正这些"
            "说法并致歉，不要另发一份对它只字不提的声明；如这就是本步骤的回应，勾选完成并在说明中附上链接。"
        )
    return said + (
        "如这就是本步骤的回应，请勾选完成并在说明中附上链接。之后的回应要接着这条说：核实过的事实"
        "保持一致；其中未经核实或归咎他人的说法，在下一次回应中正面更正，不要另发一份对它只字不提的声明。"
    )
