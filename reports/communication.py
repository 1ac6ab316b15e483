"""沟通不畅 in the report: the share of the period's complaints that name a communication
failure (推诿, 无人回应, 未告知 …; sentiment.cause), DOMAIN's second axis beside the category —
read from the newest complaints' own words (reposts left out), compared with the period
before, said in one sentence under 投诉类别 and in the mail's text part.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import replace
from typing import NamedTuple

from core.index import MentionIndex, SearchQuery, SortOrder
from core.index.protocol import PlanScope
from reports.data import current_query, previous_query
from reports.models import CommunicationShare
from reports.period import ReportWindow
from reports.render import pct
from sentiment.cause import communication_cues

COMMUNICATION_SAMPLE = 2000


class Counted(NamedTuple):
    """Complaints read, how many name a communication failure, the ways named, and whether
    there were more complaints than the sample."""

    read: int
    naming: int
    groups: Counter[str]
    capped: bool


def load(index: MentionIndex, window: ReportWindow, plans: PlanScope) -> CommunicationShare | None:
    """The share of the period's complaints that name a communication failure (DOMAIN's second
    axis: the product or service itself vs 沟通不畅), read from the newest complaints' own
    words (reposts left out); None without any complaint."""
    now = count(index, current_query(window, plans))
    if now is None:
        return None
    read, naming, groups, capped = now
    before = count(index, previous_query(window, plans))
    prev_share = before[1] / before[0] if before is not None else None
    share = CommunicationShare(
        read=read,
        naming=naming,
        top=groups.most_common(3),
        prev_share=prev_share,
        prev_read=before[0] if before is not None else 0,
        capped=capped,
    )
    return replace(share, text=sentence(share, window))


def count(index: MentionIndex, query: SearchQuery) -> Counted | None:
    """The newest complaints matching the query (original posts) read for communication
    failures; None when there is none."""
    sample = replace(query, complaint=True, sort=SortOrder.NEWEST, limit=COMMUNICATION_SAMPLE)
    found = index.search(sample)
    posts = [m for m in found.mentions if not m.repost_of]
    if not posts:
        return None
    groups: Counter[str] = Counter()
    naming = 0
    for mention in posts:
        cues = communication_cues(f"{mention.title or ''} {mention.text}")
        naming += bool(cues)
        groups.update(cues)
    return Counted(len(posts), naming, groups, found.total > len(found.mentions))


def sentence(share: CommunicationShare, window: ReportWindow) -> str:
    """投诉中提到沟通问题（推诿、无人回应）的占 38%（76/200 条），上周 31%；其余…"""
    named = "、".join(group for group, _ in share.top)
    text = (
        f"投诉中提到沟通问题（{named}）的占 {pct(share.share)}"
        if named
        else ("投诉中提到沟通问题（推诿、无人回应、未告知等）的占 0%")
    )
    text += f"（{share.naming}/{share.read} 条）"
    if share.prev_share is not None:
        text += f"，{window.previous_zh} {pct(share.prev_share)}"
    scope = f"最新 {share.read} 条" if share.capped else "全部"
    return (
        f"{text}；其余只谈产品或服务本身。按{window.current_zh}{scope}投诉原帖的原话统计，"
        "不含转发。"
    )
