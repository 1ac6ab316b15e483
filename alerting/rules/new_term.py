"""`new_term`: an emerging keyword in the window that the baseline period never saw.

Two checks keep everyday words out when volume jumps (the bank week's 暴力催收 evening raised
太过分, 同样, 遭遇, 气死, 实名 and 监管局: each in 8 of 65–122 negative posts an hour, where the
brand usually has 11): a word common in all Chinese text (jieba's idf below `min_idf`) is never
news, and in a surge a word must carry `min_surge_share` of the extra volume (the window's count
above the baseline's usual count for a window this long) — words that only ride a crisis the
other rules already report stay quiet, a word that *is* the surge still fires.

A new issue also looks like one: the word can name a subject (sentiment.word_kinds: not a tone
word such as 吓人, not a fragment where two words meet such as 我妈 of 给我妈买; a word outside
jieba's tables counts), ≥ `min_negative_share` of the window's mentions saying it are negative,
and ≥ `min_authors` different people say it (one author's thread is not an issue).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import replace
from datetime import datetime, time, timedelta
from functools import lru_cache
from math import ceil
from typing import Any

from pydantic import Field, model_validator

from alerting.rules.base import (
    Finding,
    RuleContext,
    RuleFilter,
    ScopedRule,
    WindowSpec,
    register,
    scope_label,
)
from alerting.rules.stats import DAY, first_published, refresh_slot
from core.enums import SentimentLabel
from core.index.protocol import SearchQuery, SortOrder, SplitField
from core.models import Mention
from core.timeutil import Duration
from sentiment.keywords import word_idf
from sentiment.word_kinds import NOT_TOPICS, words_of_substance

DAY_COST = 60  # budget units of one day's keyword aggregation (see BaselineBudget)
AUTHOR_SAMPLE = 50  # mentions read to count a term's authors
NEW_WORD_IDF = 99.0  # idf of a word outside jieba's table: a coinage, a product name — news


class NewTermSpec(WindowSpec):
    """Options of a new-term rule."""

    window: Duration = timedelta(hours=1)
    baseline: Duration = timedelta(days=7)
    min_history: Duration = timedelta(days=1)
    min_count: int = Field(default=5, ge=1)
    max_baseline_count: int = Field(default=0, ge=0)
    size: int = Field(default=20, ge=1, le=200)
    baseline_size: int = Field(default=2000, ge=10)
    baseline_refresh: Duration = timedelta(minutes=30)
    # jieba's idf: 同样 5.4, 遭遇 6.5, 银行 4.7 are everyday; 哈尔滨 8.1, 蟑螂 9.9 are not
    min_idf: float = Field(default=7.0, ge=0)
    min_surge_share: float = Field(default=0.3, ge=0, le=1)
    min_negative_share: float = Field(default=0.6, ge=0, le=1)
    min_authors: int = Field(default=3, ge=1)

    @model_validator(mode="after")
    def _no_keywords(self) -> NewTermSpec:
        if self.filter.keywords:
            raise ValueError("new_term 规则不支持 filter.keywords（它自己给关键词排序）")
        return self


@register
class NewTermRule(ScopedRule[NewTermSpec]):
    """Fires per keyword frequent in the window but (nearly) absent from the baseline."""

    type_name = "new_term"
    headline = 1
    type_label_zh = "新话题出现"
    spec_model = NewTermSpec

    def __init__(self, spec: NewTermSpec, source: str = "<builtin>") -> None:
        super().__init__(spec, source)
        self._merged: dict[str, tuple[str, tuple[dict[str, int], float]]] = {}

    def judge(self, rc: RuleContext, scope: str, flt: RuleFilter, start: datetime) -> list[Finding]:
        """One finding per new keyword of the scope."""
        spec = self.spec
        findings = []
        current = rc.index.top_terms(flt.query(start, rc.now), SplitField.KEYWORD, spec.size)
        candidates = [
            (t, c)
            for t, c in current
            if c >= spec.min_count and word_idf(t, NEW_WORD_IDF) >= spec.min_idf
        ]
        named = _naming_words(t for t, _ in candidates)
        candidates = [(t, c) for t, c in candidates if t in named]
        if not candidates:
            return []
        baseline = self._baseline_terms(rc, scope, flt)
        if baseline is None:
            return []
        known, per_hour = baseline
        usual = per_hour * (rc.now - start).total_seconds() / 3600
        extra = rc.index.count(flt.query(start, rc.now)) - usual
        needed = max(spec.min_count, ceil(spec.min_surge_share * extra - 1e-9))
        for term, observed in candidates:
            before, days = known.get(term, 0), spec.baseline.days
            if before > spec.max_baseline_count or observed < needed:
                continue
            query = flt.query(start, rc.now)
            found = _saying(rc, query, term)
            if len({m.author.id or m.author.name or m.id for m in found}) < spec.min_authors:
                continue
            if _negative_share(rc, replace(query, text=term)) < spec.min_negative_share:
                continue
            ids = [m.id for m in found[: rc.sample_size]]
            summary = f"“{term}”近期 {observed} 条，此前 {days} 天 {before} 条"
            if needed > spec.min_count:
                summary += f"（总量比平时多 {extra:.0f} 条，它占 {min(1.0, observed / extra):.0%}）"
            findings.append(
                Finding(
                    key=f"{scope}:{term}",
                    title=f"{scope_label(scope)}{spec.title or '新话题出现'}：{term}",
                    summary=summary,
                    count=observed,
                    window_start=start,
                    window_end=rc.now,
                    baseline=float(before),
                    peak=float(observed),
                    sample_ids=ids,
                    plans=list(flt.plans),
                )
            )
        return findings

    def _baseline_terms(
        self, rc: RuleContext, scope: str, flt: RuleFilter
    ) -> tuple[dict[str, int], float] | None:
        """Keyword counts over the baseline period and its mentions per hour; None while
        warming up.

        Complete days are counted once and kept in the persisted rule state (an aggregation
        over a week of a large index is slow); only today's part is recounted per slot.
        """
        spec = self.spec
        slot = refresh_slot(rc.now, spec.baseline_refresh, self.name)
        merged = self._merged.get(scope)
        if merged is not None and merged[0] == slot:
            return merged[1]
        end = rc.now - spec.window
        history = first_published(rc.index)
        if history is None or end - history < spec.min_history:
            return None  # not cached: history may be back-filled any moment
        today = datetime.combine(rc.now.astimezone(rc.tz).date(), time(), rc.tz)
        days: dict[str, Any] = rc.state.setdefault("days", {}).setdefault(scope, {})
        wanted = {}
        for back in range(1, spec.baseline.days + 1):
            day = today - back * DAY
            if day + DAY > history:
                wanted[day.date().isoformat()] = day
        for key in [k for k in days if k not in wanted]:
            del days[key]
        totals: Counter[str] = Counter()
        complete = True
        mentions, hours = 0, 0.0
        for key, day in wanted.items():
            hours += (day + DAY - max(day, history)).total_seconds() / 3600
            query = flt.query(max(day, history), day + DAY)
            # A day's keyword aggregation is the costliest baseline read: budgeted per
            # distinct query (rules with the same filter share it through the tick memo).
            if key not in days and not rc.may_compute_baseline(DAY_COST, ("new_term", repr(query))):
                complete = False  # finished in a later tick; the days done so far are kept
                continue
            size = rc.index.count(query)
            if key not in days or days[key]["n"] != size:  # new day, or late/back-filled data
                terms = rc.index.top_terms(query, SplitField.KEYWORD, spec.baseline_size)
                days[key] = {"n": size, "terms": dict(terms)}
            totals.update(days[key]["terms"])
            mentions += days[key]["n"]
        if not complete:
            return None  # warming up: not cached
        if end > today:
            query = flt.query(max(today, history), end)
            totals.update(dict(rc.index.top_terms(query, SplitField.KEYWORD, spec.baseline_size)))
            mentions += rc.index.count(query)
            hours += (end - max(today, history)).total_seconds() / 3600
        baseline = (dict(totals), mentions / hours if hours > 0 else 0.0)
        self._merged[scope] = (slot, baseline)
        return baseline


def _naming_words(terms: Iterable[str]) -> set[str]:
    """The terms that can name a new issue (`_names_an_issue`)."""
    return {t for t in terms if _names_an_issue(t)}


@lru_cache(maxsize=65536)  # a dictionary search per word: each tick asks about the same words
def _names_an_issue(term: str) -> bool:
    """True for a coinage outside jieba's tables, or a word of substance (sentiment.word_kinds)
    that is not a tone word."""
    if word_idf(term, NEW_WORD_IDF) == NEW_WORD_IDF:
        return True
    return term not in NOT_TOPICS and bool(words_of_substance([term]))


def _saying(rc: RuleContext, query: SearchQuery, term: str) -> list[Mention]:
    """Up to AUTHOR_SAMPLE of the window's mentions saying term, most urgent first: by text,
    else (a keyword its text search misses) by their keywords."""
    found = rc.index.search(_with_text(query, term, AUTHOR_SAMPLE)).mentions
    if found:
        return found
    window = rc.index.search(replace(query, sort=SortOrder.URGENCY, limit=4 * AUTHOR_SAMPLE))
    return [m for m in window.mentions if term in m.keywords][:AUTHOR_SAMPLE]


def _negative_share(rc: RuleContext, query: SearchQuery) -> float:
    """Share of negative mentions among the classified ones the query finds, whatever its
    sentiment filter (1.0 when none is classified: nothing to judge by)."""
    every = rc.index.count(replace(query, sentiments=tuple(SentimentLabel)))
    negative = rc.index.count(replace(query, sentiments=(SentimentLabel.NEGATIVE,)))
    return negative / every if every else 1.0


def _with_text(query: SearchQuery, term: str, size: int) -> SearchQuery:
    """The window query narrowed to mentions whose text contains term."""
    return replace(query, text=term, sort=SortOrder.URGENCY, limit=size)
