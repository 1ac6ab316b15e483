"""The report's events (事件) section: what happened, since when, who started and spread it.

Major events (30 mentions or more, or any event that raised an alert) get a 事件脉络
(storyline): first post, the hour it took off, the peak, key spreaders, the first word of the
authorities and of the media, the brand's own posts, linked alerts, and when it went quiet.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import TYPE_CHECKING

from core.authors import AuthorKind, is_authority
from core.index.protocol import PlanScope, admits, scoped
from core.masking import mask_personal_data
from core.own_accounts import OwnAccounts
from core.text_cut import shorten
from reports.period import ReportWindow

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

    from brand_events.detail import EventDetail
    from brand_events.propagation import KeyNode
    from core.context import Context
    from core.index.protocol import MentionIndex
    from core.models import Mention

MAX_EVENTS = 8
MAJOR_EVENTS = 3
MAJOR_SIZE = 30  # mentions: an event this big gets a storyline
TAKE_OFF = 10  # mentions in one hour: the event "took off"
SPREADERS = 2  # key spreaders told, at most
SPREAD_SHARE = 5  # the second told when it carried at least a fifth of what the first did
OWN_POSTS = 3  # the brand's posts told: its first and, after it, its latest
STORY_ALERTS = 2  # alerts told, one per rule title
EXCERPT = 80
CHUNK = 500


@dataclass(frozen=True)
class StoryPoint:
    """One step of an event's storyline."""

    at: datetime
    text: str


@dataclass(frozen=True)
class EventRow:
    """One event of the period."""

    title: str
    status: str
    started_at: datetime
    first_author: str
    mentions: int
    in_period: int
    negative: float
    storyline: list[StoryPoint] = field(default_factory=list)


def load_events(ctx: Context, window: ReportWindow, plans: PlanScope = ()) -> list[EventRow]:
    """The period's biggest events, the major ones with a storyline; with plans (the report's
    plan, or the brand's side beside competitors), only events holding mentions of the period
    they count, counted by those mentions."""
    from brand_events import detail as details
    from brand_events import status as event_status
    from brand_events.enums import EVENT_STATUS_ZH
    from brand_events.listing import read_data_now, read_events

    start, end = window.start.astimezone(UTC), window.end.astimezone(UTC)
    own = sorted(OwnAccounts.of(ctx.config).names())
    rows: list[EventRow] = []
    with ctx.sessions() as session:
        now = min(read_data_now(session, ctx.clock()), end)
        for event in read_events(session, since=start, until=end):
            if len(rows) >= MAX_EVENTS:
                break
            if plans and not _holds_plans(session, ctx.index, event.id, plans, window):
                continue
            full = details.build(session, ctx.index, event, own)
            # Beside competitors, a repost or reply that names no brand (「转发微博」) belongs to
            # the brand's event (an airline's crisis of 254 posts read 67 before).
            mentions = [m for m in full.mentions if admits(plans, m.plans)]
            inside = [m for m in mentions if start <= m.published_at < end]
            negative = sum(1 for m in inside if m.is_negative)
            size = len(mentions) if plans else event.mention_count
            # A big event, or one that raised an alert however small it still is (the crisis
            # of the week is told even when it is caught at 20 posts).
            major = len(rows) < MAJOR_EVENTS and (size >= MAJOR_SIZE or bool(full.alerts))
            rows.append(
                EventRow(
                    title=event.title,
                    status=EVENT_STATUS_ZH[event_status.status_at(event, now)],
                    started_at=event.started_at,
                    first_author=event.first_author or "匿名",
                    mentions=size,
                    in_period=len(inside),
                    negative=negative / len(inside) if inside else 0.0,
                    storyline=storyline(full, mentions) if major else [],
                )
            )
    return rows


def _holds_plans(
    session: Session, index: MentionIndex, event_id: str, plans: PlanScope, window: ReportWindow
) -> bool:
    """Whether any member of the event is a mention the scope counts, published in the window."""
    from brand_events import service

    ids = [m.mention_id for m in service.members(session, event_id=event_id)]
    for offset in range(0, len(ids), CHUNK):
        chunk = ids[offset : offset + CHUNK]
        query = scoped(plans, ids=chunk, since=window.start, until=window.end, limit=0)
        if index.count(query):
            return True
    return False


def storyline(full: EventDetail, counted: Sequence[Mention] | None = None) -> list[StoryPoint]:
    """The 事件脉络 of an event: first post, take-off, peak, spreaders, brand posts, alerts;
    its last point counts `counted` (the mentions the row counts), else all members."""
    points: list[StoryPoint] = []
    event, mentions = full.event, full.mentions
    counted = mentions if counted is None else counted
    first = next((m for m in mentions if m.id == event.first_mention_id), None)
    if first is not None:
        author = first.author.name or "匿名"
        points.append(StoryPoint(first.published_at, f"{author} 首发：“{_excerpt(first.text)}”"))
    # An hour's count is dated no earlier than the first post: the hour of a post at 12:28
    # starts at 12:00, and "12:00 开始发酵" above "12:28 首发" reads as if it spread first.
    take_off = next((p for p in full.timeline if p.count >= TAKE_OFF), None)
    if take_off is not None:
        at = max(take_off.hour, event.started_at)
        points.append(StoryPoint(at, f"开始发酵：一小时内 {take_off.count} 条"))
    if full.timeline:
        peak = max(full.timeline, key=lambda p: p.count)
        text = f"高峰：一小时 {peak.count} 条，负面占比 {peak.negative:.0%}"
        points.append(StoryPoint(max(peak.hour, event.started_at), text))
    by_id = {m.id: m for m in mentions}
    for node in spreaders(full.propagation.key_nodes):
        m = by_id[node.mention_id]
        points.append(
            StoryPoint(
                m.published_at,
                f"关键传播：{node.author or '匿名'}（粉丝 {node.followers}）"
                f"带来 {node.descendants} 次转发",
            )
        )
    points += outside_voices(mentions, full.propagation.own_posts)
    for mention_id in told_own_posts(full.propagation.own_posts):
        m = by_id[mention_id]
        points.append(StoryPoint(m.published_at, f"品牌账号发声：“{_excerpt(m.text)}”"))
    for alert in distinct_alerts(full.alerts):
        began = alert.get("started_at") or alert["opened_at"]
        opened = datetime.fromisoformat(str(began)) if began else None
        if opened is not None:
            opened = opened.replace(tzinfo=opened.tzinfo or UTC)
            points.append(StoryPoint(opened, f"触发预警：{alert['title']}"))
    if counted:
        last = counted[-1].published_at
        points.append(StoryPoint(last, f"最后一条，累计 {len(counted)} 条"))
    return sorted(points, key=lambda p: p.at)


def outside_voices(mentions: Sequence[Mention], own: Sequence[str]) -> list[StoryPoint]:
    """When the authorities and the media first spoke (the first post of each, not a repost):
    长沙商务's 预付卡 notice and 潇湘晚报's report were the escalation the storyline left out."""
    from brand_events.detail import amplifier_kind  # the kind 主要传播者 shows

    points: list[StoryPoint] = []
    told: set[str] = set()
    mine = set(own)
    for m in sorted(mentions, key=lambda m: m.published_at):
        if m.author is None or m.id in mine or m.repost_of:
            continue
        name = m.author.name or ""
        if is_authority(name):
            step = "政务发布"
        elif amplifier_kind(m, set()) == AuthorKind.MEDIA:  # own posts were left out above
            step = "媒体报道"
        else:
            continue
        if step not in told:
            told.add(step)
            points.append(StoryPoint(m.published_at, f"{step}：{name}“{_excerpt(m.text)}”"))
    return points


def spreaders(nodes: Sequence[KeyNode]) -> list[KeyNode]:
    """The key spreaders a storyline tells: the first, and the second when it carried a fair
    share of what the first did (a 47-follower reposter bringing 10 reposts beside the first
    post's 387 was told as 关键传播)."""
    told = list(nodes[:1])
    told += [n for n in nodes[1:SPREADERS] if n.descendants * SPREAD_SHARE >= nodes[0].descendants]
    return told


def told_own_posts(own_posts: Sequence[str]) -> list[str]:
    """The brand's posts a storyline tells, oldest first: all of up to OWN_POSTS, else the first
    and the latest ones (the apology that answered the backlash, not only the statement that
    started it: what was done is what an executive reads the storyline for)."""
    if len(own_posts) <= OWN_POSTS:
        return list(own_posts)
    return [own_posts[0], *own_posts[len(own_posts) - OWN_POSTS + 1 :]]


def distinct_alerts(alerts: Sequence[dict[str, object]]) -> list[dict[str, object]]:
    """The first alert of each title, up to STORY_ALERTS (a rule firing twice in 12 minutes is
    one step of the story, not two identical lines)."""
    seen: dict[object, dict[str, object]] = {}
    for alert in alerts:
        seen.setdefault(alert["title"], alert)
    return list(seen.values())[:STORY_ALERTS]


def _excerpt(text: str) -> str:
    flat = " ".join(mask_personal_data(text).split())
    return shorten(flat, EXCERPT)
