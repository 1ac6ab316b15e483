"""Mention-index queries of one report (MentionIndex protocol only) turned into dataclasses."""

from __future__ import annotations

import math
from dataclasses import replace
from datetime import datetime, timedelta
from typing import TYPE_CHECKING

from alerting.routine import UrgencyJudge
from core.enums import (
    CATEGORY_LABELS_ZH,
    CHANNEL_LABELS_ZH,
    SEVERITY_LABELS_ZH,
    Category,
    Channel,
    SentimentLabel,
    Severity,
)
from core.index import MentionIndex, SearchQuery, SortOrder
from core.index.protocol import PlanScope, SplitField, scoped
from core.masking import mask_personal_data
from core.models import Mention
from core.own_accounts import OwnAccounts
from core.spelling import spelled
from core.text_cut import shorten
from reports.models import (
    Headline,
    PeriodCounts,
    Quote,
    RecoveryPraise,
    ShareRow,
    Topic,
    TrendPoint,
)
from reports.period import ReportWindow
from reports.reputation import count_matrix, reputation_index

if TYPE_CHECKING:
    from reports.topic_terms import TopicTerms

QUOTE_CHARS = 140
RECOVERY_EXAMPLES = 3
_REGIONS_SIZE = 60  # every province, plus 海外 and foreign countries
_TERMS_SIZE = 50
# A mention collected more than this after its publication is a late find, not a sign that its
# day was watched: no collector back-fills more on its first run (the demo replay 7 days, the
# example mailbox `backfill: 7d`; reports.service widens it to a longer configured backfill).
LATE_FIND = timedelta(days=7)
_SCAN_PAGE, _SCAN_PAGES = 500, 4  # oldest mentions looked at for the start of monitoring
_CANDIDATES = 6  # keywords looked at per topic shown (brand names, @names etc. are skipped)


def base_query(start: datetime, end: datetime, plans: PlanScope) -> SearchQuery:
    """All mentions published in [start, end), of these plans when given (none: every mention),
    or of the brand's side."""
    return scoped(plans, since=start, until=end, limit=0)


def current_query(window: ReportWindow, plans: PlanScope) -> SearchQuery:
    """The reported period (up to now while it is in progress)."""
    return base_query(window.start, window.cutoff, plans)


def previous_query(window: ReportWindow, plans: PlanScope) -> SearchQuery:
    """The comparison period (as far into it as the reported period has run)."""
    return base_query(window.prev_start, window.prev_end, plans)


def monitoring_since(
    index: MentionIndex, plans: PlanScope, late_after: timedelta = LATE_FIND
) -> datetime | None:
    """When monitoring started, as reports.comparison defines it: the publication time of the
    earliest mention (of the plans) collected within `late_after` of its publication. Older
    ones collected later (an old forum thread a crawl came upon, an archive import) are late
    finds and do not move it; when the oldest `_SCAN_PAGES` pages hold nothing else, the
    moment the first of them was collected. None when the store holds no mention."""
    query = scoped(plans, sort=SortOrder.OLDEST, limit=_SCAN_PAGE)
    first_collected: datetime | None = None
    for page in range(_SCAN_PAGES):
        found = index.search(replace(query, offset=page * _SCAN_PAGE)).mentions
        for mention in found:
            if mention.collected_at - mention.published_at <= late_after:
                return mention.published_at
            if first_collected is None or mention.collected_at < first_collected:
                first_collected = mention.collected_at
        if len(found) < _SCAN_PAGE:
            break
    return first_collected


def negative(query: SearchQuery) -> SearchQuery:
    """The same query restricted to negative mentions."""
    return replace(query, sentiments=[SentimentLabel.NEGATIVE])


def headline(
    index: MentionIndex,
    window: ReportWindow,
    plans: PlanScope,
    judge: UrgencyJudge | None = None,
) -> Headline:
    """Volume, negative share, critical mentions and reputation in both periods; 紧急提及 are
    counted as `judge` (alerting's urgent-mention rules) counts levels: a routine 黑猫
    complaint naming 律师 is no 紧急提及 when alerting does not page anyone for it."""
    judge = judge or UrgencyJudge()
    now = period_counts(index, current_query(window, plans), judge)
    before = period_counts(index, previous_query(window, plans), judge)
    return Headline(
        mentions=now.mentions,
        prev_mentions=before.mentions,
        negative=now.negative,
        prev_negative=before.negative,
        classified=now.classified,
        prev_classified=before.classified,
        critical=now.critical,
        prev_critical=before.critical,
        reputation=now.reputation,
        prev_reputation=before.reputation,
    )


def period_counts(index: MentionIndex, query: SearchQuery, judge: UrgencyJudge) -> PeriodCounts:
    """One period's volume, sentiment counts, 紧急提及 (as `judge` counts them) and 口碑指数."""
    matrix = count_matrix(index, query, judge)
    return PeriodCounts(
        mentions=index.count(query),
        negative=matrix.total(SentimentLabel.NEGATIVE),
        classified=sum(matrix.counts.values()),
        critical=judge.count_at_least(index, query, Severity.CRITICAL),
        reputation=reputation_index(matrix),
    )


def trend(
    index: MentionIndex, window: ReportWindow, plans: PlanScope, since: datetime | None = None
) -> list[TrendPoint]:
    """Mentions per bucket (hour or day) by sentiment, with empty buckets filled in; a bucket
    that ended before monitoring started (`since`) is marked not monitored."""
    step = window.bucket
    slots = math.ceil((window.cutoff - window.start) / step)  # none after "now"
    counts: list[dict[str, int]] = [{} for _ in range(slots)]
    buckets = index.histogram(current_query(window, plans), step, SplitField.SENTIMENT, window.tz)
    for bucket in buckets:
        slot = round((bucket.start - window.start) / step)
        if 0 <= slot < slots:
            for label, n in bucket.counts.items():
                counts[slot][label] = counts[slot].get(label, 0) + n
    return [
        TrendPoint(
            start=window.start + i * step,
            negative=c.get(SentimentLabel.NEGATIVE, 0),
            neutral=c.get(SentimentLabel.NEUTRAL, 0),
            positive=c.get(SentimentLabel.POSITIVE, 0),
            unclassified=sum(n for k, n in c.items() if k not in set(SentimentLabel)),
            monitored=since is None or window.start + (i + 1) * step > since,
            monitored_from=since
            if since and _inside(since, window.start + i * step, step)
            else None,
        )
        for i, c in enumerate(counts)
    ]


def _inside(moment: datetime, start: datetime, step: timedelta) -> bool:
    """True when moment falls after the start of the bucket [start, start + step)."""
    return start < moment < start + step


def _share_rows(
    current: list[tuple[str, int]],
    previous: list[tuple[str, int]],
    labels: dict[str, str],
) -> list[ShareRow]:
    now, before = dict(current), dict(previous)
    now_total, prev_total = sum(now.values()), sum(before.values())
    rows = [
        ShareRow(
            key=key,
            label=labels.get(key, key or "未知"),
            count=now.get(key, 0),
            prev_count=before.get(key, 0),
            share=now.get(key, 0) / now_total if now_total else 0.0,
            prev_share=before.get(key, 0) / prev_total if prev_total else 0.0,
            prev_total=prev_total,
            total=now_total,
        )
        for key in set(now) | set(before)
    ]
    return sorted(rows, key=lambda r: (-r.count, -r.prev_count, r.key))


def channels(index: MentionIndex, window: ReportWindow, plans: PlanScope) -> list[ShareRow]:
    """Channel mix of all mentions in both periods."""
    labels = {str(c): label for c, label in CHANNEL_LABELS_ZH.items()}
    now_q, prev_q = current_query(window, plans), previous_query(window, plans)
    return _share_rows(
        index.top_terms(now_q, SplitField.CHANNEL, _TERMS_SIZE),
        index.top_terms(prev_q, SplitField.CHANNEL, _TERMS_SIZE),
        labels,
    )


def categories(index: MentionIndex, window: ReportWindow, plans: PlanScope) -> list[ShareRow]:
    """Complaint categories of negative mentions in both periods."""
    labels = {str(c): label for c, label in CATEGORY_LABELS_ZH.items()}
    now_q, prev_q = negative(current_query(window, plans)), negative(previous_query(window, plans))
    return _share_rows(
        index.top_terms(now_q, SplitField.CATEGORY, _TERMS_SIZE),
        index.top_terms(prev_q, SplitField.CATEGORY, _TERMS_SIZE),
        labels,
    )


def regions(
    index: MentionIndex, window: ReportWindow, plans: PlanScope, size: int = 10
) -> list[ShareRow]:
    """IP属地 of negative mentions in both periods, top `size` (mentions without one left out)."""
    now_q, prev_q = negative(current_query(window, plans)), negative(previous_query(window, plans))

    def known(terms: list[tuple[str, int]]) -> list[tuple[str, int]]:
        return [(key, count) for key, count in terms if key]

    return _share_rows(
        known(index.top_terms(now_q, SplitField.REGION, _REGIONS_SIZE)),
        known(index.top_terms(prev_q, SplitField.REGION, _REGIONS_SIZE)),
        {},
    )[:size]


def topics(
    index: MentionIndex,
    window: ReportWindow,
    plans: PlanScope,
    size: int,
    quotes: int,
    terms: TopicTerms | None = None,
    brand_accounts: OwnAccounts | None = None,
) -> list[Topic]:
    """Top keywords of negative mentions with masked sample quotes (most urgent first): only
    keywords `terms` allows that people say in their own words, each quote under one topic;
    never a post of the brand's own accounts (its statement is no customer's voice)."""
    now_q = negative(current_query(window, plans))
    before = dict(index.top_terms(negative(previous_query(window, plans)), SplitField.KEYWORD, 200))
    result: list[Topic] = []
    quoted: set[str] = set()  # texts and groups already quoted under an earlier topic
    candidates = index.top_terms(now_q, SplitField.KEYWORD, size * _CANDIDATES)
    substance = terms.of_substance(k for k, _ in candidates) if terms is not None else None
    for keyword, count in candidates:
        if len(result) >= size:
            break
        if terms is not None and not terms.allowed(keyword):
            continue
        if substance is not None and keyword not in substance:  # 都凉, 一直: no subject
            continue
        hits = _hits(index, now_q, keyword)
        said = [m for m in hits if terms is None or terms.said(keyword, m.full_text)]
        if len(said) * 2 < len(hits):  # mostly from @names or repost chains, not what is said
            continue
        if brand_accounts is not None:
            said = [m for m in said if not brand_accounts.is_own(m)]
        samples = _samples(said, quotes, window, quoted)
        label = spelled(keyword, (m.full_text for m in said))
        result.append(Topic(keyword, count, before.get(keyword, 0), samples, label))
    return result


def recovery_praise(
    index: MentionIndex,
    window: ReportWindow,
    plans: PlanScope,
    examples: int = RECOVERY_EXAMPLES,
) -> RecoveryPraise:
    """Praise after a recovery (complaint.resolved) in both periods; the newest as quotes."""
    now_q = replace(current_query(window, plans), resolved=True)
    prev_q = replace(previous_query(window, plans), resolved=True)
    found = index.search(replace(now_q, sort=SortOrder.NEWEST, limit=examples))
    return RecoveryPraise(
        count=index.count(now_q),
        prev_count=index.count(prev_q),
        quotes=[_quote(m, _excerpt(m), window) for m in found.mentions],
    )


def _hits(index: MentionIndex, query: SearchQuery, keyword: str) -> list[Mention]:
    """The most urgent mentions (up to 50) holding the keyword."""
    # The text filter narrows the search; the keyword list decides (keywords may not be substrings).
    safe = keyword.strip() and " " not in keyword and not keyword.startswith("-")
    search = replace(query, text=keyword if safe else None, sort=SortOrder.URGENCY, limit=50)
    hits = [m for m in index.search(search).mentions if keyword in m.keywords]
    if not hits and safe:
        hits = [m for m in index.search(replace(search, text=None, limit=200)).mentions]
        hits = [m for m in hits if keyword in m.keywords]
    return hits


def _samples(hits: list[Mention], limit: int, window: ReportWindow, taken: set[str]) -> list[Quote]:
    """Up to `limit` quotes of the hits that say different things: none of the text or the
    similarity group (a copy with a word or two changed) of another, or of one in `taken`,
    which grows by the quotes chosen (the report's quotes, across topics)."""
    quotes: list[Quote] = []
    for mention in hits:
        if len(quotes) >= limit:
            break
        text = _excerpt(mention)
        keys = {text} | ({f"group:{mention.group_id}"} if mention.group_id else set())
        if keys & taken:
            continue
        taken |= keys
        quotes.append(_quote(mention, text, window))
    return quotes


def _excerpt(mention: Mention) -> str:
    text = " ".join(mask_personal_data(mention.full_text).split())
    return shorten(text, QUOTE_CHARS)


def _quote(mention: Mention, text: str, window: ReportWindow) -> Quote:
    level = mention.urgency.level if mention.urgency else None
    return Quote(
        text=text,
        channel=CHANNEL_LABELS_ZH.get(Channel(mention.channel), str(mention.channel)),
        published=mention.published_at.astimezone(window.tz).strftime("%m-%d %H:%M"),
        urgency=SEVERITY_LABELS_ZH[level] if level else "—",
        url=mention.url,
    )


def category_label(key: str) -> str:
    """中文 label of a category code."""
    try:
        return CATEGORY_LABELS_ZH[Category(key)]
    except ValueError:
        return key
