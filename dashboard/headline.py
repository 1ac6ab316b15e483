"""Headline numbers with 环比 (this period against the one before), cached briefly."""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import datetime, timedelta
from typing import Any, Literal

import streamlit as st

from core.enums import SentimentLabel, Severity
from core.index.protocol import SearchQuery
from dashboard.data import CACHE_SECONDS, get_context, rounded, urgency_judge


@st.cache_data(ttl=CACHE_SECONDS, show_spinner=False)
def count(query: SearchQuery) -> int:
    """ctx.index.count, cached for a few seconds."""
    return get_context().index.count(query)


URGENT_HELP = "按预警规则的口径：投诉平台上例行的投诉信号不计（与预警、周报的紧急提及一致）"


@st.cache_data(ttl=CACHE_SECONDS, show_spinner=False)
def urgent_count(query: SearchQuery) -> int:
    """High and critical mentions as alerting counts them (dashboard.data.urgency_judge)."""
    return urgency_judge().count_at_least(get_context().index, query, Severity.HIGH)


@dataclass(frozen=True)
class Headline:
    """Mentions, negative share and high/critical mentions of one period."""

    total: int
    negative: int
    urgent: int

    @property
    def negative_share(self) -> float | None:
        """Negative mentions / all mentions (None without mentions)."""
        return self.negative / self.total if self.total else None


def headline(query: SearchQuery) -> Headline:
    """The three numbers for a query's period."""
    return Headline(
        total=count(query),
        negative=count(replace(query, sentiments=[SentimentLabel.NEGATIVE])),
        urgent=urgent_count(query),
    )


def periods(
    query: SearchQuery, span: timedelta, end: datetime, exact: bool = False
) -> tuple[Headline, Headline]:
    """(this period, the period before it) for the same filters. The period ends at `end` when
    `exact` (a chosen date range), else just after the rounded `end` (now, shared by reruns)."""
    until = end if exact else rounded(end) + timedelta(seconds=CACHE_SECONDS)
    current = replace(query, since=until - span, until=until)
    previous = replace(query, since=until - 2 * span, until=until - span)
    return headline(current), headline(previous)


DeltaColor = Literal["normal", "inverse", "off"]
FLAT = "持平 环比"
NO_DATA = "— 环比"


def change(now_value: float | None, before: float | None, percent_points: bool = False) -> str:
    """'+12% 环比' (or '+3.1 个百分点 环比' for shares), sign first so the arrow points right;
    持平 when the figure did not move as far as it is shown (+0%), — without a figure."""
    if now_value is None or before is None:
        return NO_DATA
    if percent_points:
        moved = f"{(now_value - before) * 100:+.1f}"
        return FLAT if float(moved) == 0 else f"{moved} 个百分点 环比"
    if before == 0:
        return "+新增 环比" if now_value else FLAT
    moved = f"{(now_value - before) / before:+.0%}"
    return FLAT if moved in ("+0%", "-0%") else f"{moved} 环比"


def delta(text: str, colour: DeltaColor) -> dict[str, Any]:
    """st.metric's delta arguments: 持平 and — are not changes, so grey and without an arrow
    (a red ↑ 持平 read as a rise)."""
    if text in (FLAT, NO_DATA):
        return {"delta": text, "delta_color": "off", "delta_arrow": "off"}
    return {"delta": text, "delta_color": colour}


def metrics(
    query: SearchQuery, span: timedelta | None, end: datetime, label: str, exact: bool = False
) -> Headline:
    """Three st.metric tiles with 环比 against the period before; returns this period. Without
    `span` (全部: there is no period before it) the query's own numbers, without 环比."""
    if span is None:
        current, previous = headline(query), None
    else:
        current, previous = periods(query, span, end, exact)
    share = current.negative_share
    deltas: list[dict[str, Any]] = [{}, {}, {}]
    helps: list[str | None] = [None, None]
    if previous is not None:
        deltas = [
            delta(change(current.total, previous.total), "off"),
            delta(change(share, previous.negative_share, percent_points=True), "inverse"),
            delta(change(current.urgent, previous.urgent), "inverse"),
        ]
        helps = [f"上一周期 {previous.total:,} 条", f"上一周期 {previous.urgent:,} 条"]
    cols = st.columns(3)
    cols[0].metric(f"{label}提及量", f"{current.total:,}", **deltas[0], help=helps[0])
    cols[1].metric("负面占比", f"{share:.1%}" if share is not None else "—", **deltas[1])
    cols[2].metric(
        "高/紧急提及",
        f"{current.urgent:,}",
        **deltas[2],
        help=f"{helps[1]}。{URGENT_HELP}" if helps[1] else URGENT_HELP,
    )
    return current
