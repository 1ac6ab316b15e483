"""Whose an event is when competitor plans (role 竞品) are configured: the brand's, or only a
competitor's. Events carry no plan; their member mentions do. An event is a competitor's when
some of its members are a competitor plan's and none is one of the brand's own plans (a post
naming both brands keeps the event the brand's). With no competitor plan, every event is the
brand's. One rule for every list of events: the 事件 page, 舆情态势's trend marks, `yuqing
events list` and the report's 事件 section.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING

from core.index.protocol import MentionIndex, SearchQuery

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

    from core.config import CoreConfig

CHUNK = 500
RIVAL_MARK = "（竞品）"


def _holds(index: MentionIndex, ids: Sequence[str], plans: Sequence[str]) -> bool:
    """Whether any of these mentions is one of the plans' (one count per 500 ids)."""
    for at in range(0, len(ids), CHUNK):
        if index.count(SearchQuery(ids=list(ids[at : at + CHUNK]), plans=list(plans), limit=0)):
            return True
    return False


def rival_events(
    session: Session, index: MentionIndex, config: CoreConfig, event_ids: Iterable[str]
) -> set[str]:
    """The ids among these of the events that are only a competitor's."""
    from sqlalchemy import select

    from brand_events.models import EventMember

    own = config.own_plan_ids()
    rivals = config.rival_plan_ids()
    wanted = list(dict.fromkeys(event_ids))
    if not own or not wanted:
        return set()
    members: dict[str, list[str]] = {}
    rows = session.execute(
        select(EventMember.event_id, EventMember.mention_id).where(EventMember.event_id.in_(wanted))
    )
    for event_id, mention_id in rows:
        members.setdefault(event_id, []).append(mention_id)
    return {
        event_id
        for event_id, ids in members.items()
        if _holds(index, ids, rivals) and not _holds(index, ids, own)
    }


def marked(title: str, rival: bool) -> str:
    """A title or name as a list shows it: 香满楼汤太咸（竞品） for a competitor's event, plan or
    大V."""
    return f"{title}{RIVAL_MARK}" if rival else title
