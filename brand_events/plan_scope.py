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


def _of_plans(index: MentionIndex, ids: Sequence[str], plans: Sequence[str]) -> dict[str, set[str]]:
    """Each of these mentions that is one of the plans' → all its plans (one search per 500
    ids; only those mentions come back)."""
    found: dict[str, set[str]] = {}
    for at in range(0, len(ids), CHUNK):
        chunk = list(ids[at : at + CHUNK])
        result = index.search(SearchQuery(ids=chunk, plans=list(plans), limit=len(chunk)))
        found.update((m.id, set(m.plans)) for m in result.mentions)
    return found


def rival_events(
    session: Session, index: MentionIndex, config: CoreConfig, event_ids: Iterable[str]
) -> set[str]:
    """The ids among these of the events that are only a competitor's. Two searches for the
    whole list (per 500 members), not two counts per event: the members that are a competitor
    plan's, then, of the events holding one, the members that are an own plan's."""
    from sqlalchemy import select

    from brand_events.models import EventMember

    own, rivals = set(config.own_plan_ids()), config.rival_plan_ids()
    wanted = list(dict.fromkeys(event_ids))
    if not own or not wanted:
        return set()
    members: dict[str, list[str]] = {}
    rows = session.execute(
        select(EventMember.event_id, EventMember.mention_id).where(EventMember.event_id.in_(wanted))
    )
    for event_id, mention_id in rows:
        members.setdefault(event_id, []).append(mention_id)
    theirs = _of_plans(index, _every(members.values()), rivals)
    held = {
        event_id: ids
        for event_id, ids in members.items()
        if any(m in theirs for m in ids) and not any(theirs.get(m, set()) & own for m in ids)
    }
    ours = _of_plans(index, _every(held.values()), sorted(own))
    return {event_id for event_id, ids in held.items() if not any(m in ours for m in ids)}


def _every(groups: Iterable[list[str]]) -> list[str]:
    """The ids of these groups, each once."""
    return list(dict.fromkeys(m for ids in groups for m in ids))


def marked(title: str, rival: bool) -> str:
    """A title or name as a list shows it: 香满楼汤太咸（竞品） for a competitor's event, plan or
    大V."""
    return f"{title}{RIVAL_MARK}" if rival else title
