"""Dashboard data access: one cached Context per Streamlit server process (read-only use)."""

from __future__ import annotations

import os
from datetime import datetime, timedelta
from typing import Any

import streamlit as st

from alerting.loader import deployment_judge
from alerting.routine import UrgencyJudge
from core.context import Context
from core.enums import Channel, SentimentLabel
from core.index.protocol import HistogramBucket, SearchQuery, SearchResult, SplitField
from core.own_accounts import OwnAccounts


@st.cache_resource(show_spinner=False)
def get_context() -> Context:
    """The Context named by YUQING_CONFIG / YUQING_DATA_DIR (set by `yuqing dashboard`)."""
    return Context.load(
        os.environ.get("YUQING_CONFIG") or None, os.environ.get("YUQING_DATA_DIR") or None
    )


@st.cache_resource(show_spinner=False)
def own_accounts() -> OwnAccounts:
    """The brand's own accounts (top-level `own_accounts` and each plan's)."""
    return OwnAccounts.of(get_context().config)


@st.cache_resource(show_spinner=False)
def urgency_judge() -> UrgencyJudge:
    """Urgency levels as the deployment's alert rules count them (routine 黑猫 signals left
    out, alerting/routine.py): the 高/紧急 counts agree with alerting and the 周报."""
    return deployment_judge(get_context())


def now() -> datetime:
    """The context's clock (wall time in production)."""
    return get_context().clock()


@st.cache_data(ttl=300, show_spinner=False)
def known_regions(days: int = 30, size: int = 100) -> list[str]:
    """Regions of the last `days` days' mentions, most frequent first (地区 filter choices)."""
    query = SearchQuery(since=now() - timedelta(days=days))
    return [name for name, _ in get_context().index.top_terms(query, SplitField.REGION, size)]


# Counts and charts are cached this long; query times are rounded to it so reruns hit the cache.
CACHE_SECONDS = 10


def rounded(moment: datetime, step: int = CACHE_SECONDS) -> datetime:
    """moment rounded down to the cache step (or another step in seconds)."""
    stamp = moment.timestamp()
    return datetime.fromtimestamp(stamp - stamp % step, moment.tzinfo)


@st.cache_data(ttl=CACHE_SECONDS, show_spinner=False, max_entries=500)
def search(query: SearchQuery) -> SearchResult:
    """ctx.index.search, shared by every session for a few seconds (queries use rounded times)."""
    return get_context().index.search(query)


@st.cache_data(ttl=CACHE_SECONDS, show_spinner=False)
def sentiment_series(query: SearchQuery, interval: timedelta) -> list[dict[str, Any]]:
    """Rows of (bucket start, counts per sentiment, total, negative share), gaps filled."""
    ctx = get_context()
    buckets = ctx.index.histogram(query, interval, SplitField.SENTIMENT, ctx.config.tz)
    # An open range runs to now, not to its last post: an import months back is not "latest";
    # a date range that ends today stops at now (no empty bars for the hours still to come).
    until = min(query.until, now()) if query.until else (now() if buckets else None)
    return fill_gaps(buckets, query.since, until, interval, ctx)


def align(moment: datetime, interval: timedelta, ctx: Context) -> datetime:
    """The start of the histogram bucket containing moment (buckets align to local midnight)."""
    offset = moment.astimezone(ctx.config.tz).utcoffset() or timedelta()
    step = interval.total_seconds()
    local = moment.timestamp() + offset.total_seconds()
    return datetime.fromtimestamp(local - local % step - offset.total_seconds(), moment.tzinfo)


def fill_gaps(
    buckets: list[HistogramBucket],
    since: datetime | None,
    until: datetime | None,
    interval: timedelta,
    ctx: Context,
) -> list[dict[str, Any]]:
    """Expand non-empty buckets into a continuous series in local time."""
    by_start = {b.start.timestamp(): b for b in buckets}
    if not by_start and (since is None or until is None):
        return []
    first = align(since, interval, ctx).timestamp() if since else min(by_start)
    last = until.timestamp() if until else max(by_start) + 1
    rows = []
    cursor = first
    while cursor < last:
        counts = by_start[cursor].counts if cursor in by_start else {}
        neg = counts.get(SentimentLabel.NEGATIVE, 0)
        total = sum(counts.values())
        rows.append(
            {
                "time": datetime.fromtimestamp(cursor, ctx.config.tz),
                "负面": neg,
                "中性": counts.get(SentimentLabel.NEUTRAL, 0),
                "正面": counts.get(SentimentLabel.POSITIVE, 0),
                "总量": total,
                "负面占比": (neg / total) if total else None,
            }
        )
        cursor += interval.total_seconds()
    return rows


def channel_options() -> list[Channel]:
    """All channels, in display order."""
    return list(Channel)
