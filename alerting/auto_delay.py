"""`delay: auto`: a window rule's window ends the current collection lag before now.

The lag is what collectors.lag keeps per source as mentions are ingested (live, and in a
replay fed at the records' collection times alike). A rule reads the 90th percentile of its
sources' measured lags together (`filter.sources`, or every source when it names none):
pooled, not the slowest source's own, because what a window needs is 9 in 10 of its posts
collected when it is judged, whichever source brings them; a complaint platform polled every
15 minutes that brings few posts does not hold every rule back by its quarter hour. Rounded up
to a minute, at most MAX_DELAY; 0 while fewer than MIN_SAMPLE lags are measured, and 0 for a
lag under a minute (the ticks are a minute apart).
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from datetime import timedelta
from typing import TYPE_CHECKING

from alerting.rules.base import MAX_DELAY, Rule
from collectors.lag import SourceLag, pooled_p90, read_lags

if TYPE_CHECKING:
    from core.context import Context

MINUTE = timedelta(minutes=1)


def rule_lag(rule: Rule, lags: Mapping[str, SourceLag]) -> timedelta | None:
    """The 90th-percentile lag of the rule's sources together; None when none is known yet."""
    sources = rule.spec.filter.sources
    return pooled_p90(lag for name, lag in lags.items() if not sources or name in sources)


def auto_delay(rule: Rule, lags: Mapping[str, SourceLag]) -> timedelta:
    """The delay `auto` means for the rule now: its sources' 90th-percentile lag, rounded up
    to a minute, capped at MAX_DELAY; 0 when none is known yet or it is under a minute (the
    demo's source, polled every 5 seconds)."""
    p90 = rule_lag(rule, lags)
    if p90 is None or p90 < MINUTE:  # collected within the minute between two ticks
        return timedelta(0)
    return min(math.ceil(p90 / MINUTE) * MINUTE, MAX_DELAY)


def delay_of(rule: Rule, lags: TickLags) -> timedelta:
    """The rule's delay now: its own duration, or auto's (the lags read only then)."""
    setting = rule.delay
    return setting if isinstance(setting, timedelta) else lags.auto(rule)


class TickLags:
    """The sources' lags as the engine's ticks read them: from the store when a rule first
    asks, again only after the index changed (no new mention, no new lag); each auto delay
    worked out once per set of sources until then."""

    def __init__(self, ctx: Context) -> None:
        self.ctx = ctx
        self._lags: dict[str, SourceLag] | None = None
        self._delays: dict[tuple[str, ...], timedelta] = {}

    def changed(self) -> None:
        """New mentions were indexed: read the lags again when next asked."""
        self._lags = None
        self._delays.clear()

    def auto(self, rule: Rule) -> timedelta:
        """`auto_delay` of the rule now."""
        key = tuple(sorted(rule.spec.filter.sources))
        if key not in self._delays:
            if self._lags is None:
                self._lags = read_lags(self.ctx)
            self._delays[key] = auto_delay(rule, self._lags)
        return self._delays[key]
