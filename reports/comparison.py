"""Whether a report may compare its period with the previous one, and what it says instead.

Two things make a change against the previous period meaningless:

* **The previous period was not (fully) monitored.** Monitoring is taken to start at the
  publication time of the earliest mention the store holds for the report (its plan, when
  given) that was collected promptly — within a week of its publication (`reports.data.
  LATE_FIND`, or a source's longer `backfill`). The report counts by publication time and
  before that moment nobody was watching, so a period reaching back before it reads as "zero
  mentions" that were never looked for. Posts a collector back-fills on its first run (a day
  by default, the demo's replayed week) are exactly what the report counts, so they start it;
  an old post found later (a forum thread crawled months after it was written, an archive
  import) is a late find and does not: a single one used to start "monitoring" months early
  and put a "0" on every day between. When nothing but late finds is stored, monitoring
  started when the first of them was collected.
* **Its base is too small** (`MIN_BASE`).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from reports.period import ReportWindow

# A change is shown only when the previous period's figure rests on at least 20 mentions
# (its mention count for counts; the mentions a share or the index is computed from). By chance
# alone a count of n varies by about ±2√n (95 %), i.e. ±45 % of a base of 20 — still inside the
# ×1.5 volume-spike threshold of 需要关注 — and at 20 one mention moves a share by 5 个百分点.
# Below it a single mention more or less reads as a rule-sized change (+364250 % on 2
# mentions, a share of 50 % from 2). A stricter base (≈ 100 for ±10 个百分点 on shares) would
# withhold almost every daily comparison of a small brand.
MIN_BASE = 20


@dataclass(frozen=True)
class Comparison:
    """How the reported period relates to the previous one: `blocked` says why the previous
    period cannot be compared at all (None when it can, base permitting)."""

    previous_zh: str
    blocked: str | None = None
    min_base: int = MIN_BASE
    current_zh: str = "本期"
    unmonitored: bool = False  # nothing was monitored in the previous period: no "0" for it

    def withheld(self, base: int, current: int | None = None) -> str | None:
        """Why a change on a previous figure of `base` mentions is not shown, None when it is;
        `current` is the reported figure's base when it matters too (a share or the index of
        2 mentions moves tens of points by chance, whatever the previous base)."""
        if self.blocked:
            return self.blocked
        if base < self.min_base:
            return f"{self.previous_zh}仅 {base} 条，不作比较"
        if current is not None and current < self.min_base:
            return f"{self.current_zh}仅 {current} 条，不作比较"
        return None


def assess(window: ReportWindow, since: datetime | None) -> Comparison:
    """The comparison of a window given when monitoring started (None: the store is empty)."""
    previous, current = window.previous_zh, window.current_zh
    if since is not None and since >= window.start:
        blocked = f"{previous}尚无监测数据，不作比较"
        return Comparison(previous, blocked, current_zh=current, unmonitored=True)
    if since is not None and since > window.prev_start:
        return Comparison(previous, f"{previous}监测不完整，不作比较", current_zh=current)
    return Comparison(previous, current_zh=current)


def notices(window: ReportWindow, since: datetime | None, generated_at: datetime) -> list[str]:
    """What the reader must know before reading the numbers: an unfinished period, monitoring
    that started inside the period or the previous one."""
    tz = window.tz
    found = []
    current = window.current_zh
    if window.in_progress:
        at = f"{generated_at.astimezone(tz):%Y-%m-%d %H:%M}"
        if window.cutoff <= window.start:
            found.append(f"截至 {at}，{current}尚未开始：没有可统计的时段。")
        else:
            counted = f"截至 {at}，{current}尚未结束，数字只含已过去的时段"
            if since is None or since <= window.prev_start:
                counted += f"，与{window.previous_zh}（{_span(window)}）比较"
            found.append(counted + "。")
    if since is None:
        return found
    started = f"{since.astimezone(tz):%Y-%m-%d %H:%M}"
    if since > window.start:
        found.append(
            f"监测自 {started} 开始，此前未监测：{current}数字只含此后的提及，"
            f"{window.previous_zh}无数据可比。"
        )
    elif since > window.prev_start:
        found.append(
            f"监测自 {started} 开始，此前未监测：{window.previous_zh}"
            f"（{_span(window)}）数据不完整，不作比较。"
        )
    return found


def _span(window: ReportWindow) -> str:
    """The comparison range as the reader sees it: days, or minutes while in progress."""
    tz = window.tz
    first = window.prev_start.astimezone(tz)
    if window.in_progress:
        return f"{first:%m-%d %H:%M} 至 {window.prev_end.astimezone(tz):%m-%d %H:%M}"
    last = window.prev_end.astimezone(tz) - timedelta(days=1)
    return f"{first:%m-%d}" if last.date() == first.date() else f"{first:%m-%d} 至 {last:%m-%d}"
