"""Replay a JSONL stream on a simulated clock through the pipeline and the alert rules."""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from typing import TextIO

from alerting.config import ALERTING
from alerting.engine import AlertEngine
from alerting.enums import AlertEvent
from alerting.lifecycle import Outcome
from alerting.quiet_hours import held_until, held_zh
from alerting.rules import Rule, describe
from alerting.rules.base import WindowSpec
from collectors.lag import has_collected_at, percentile
from collectors.lag_store import running_since
from core.context import Context
from core.models import Mention
from core.text_cut import shorten
from core.timeutil import SimulatedClock, as_utc, interval_zh, to_utc

# What a person may be told of (a line each): a resolved alert firing again is one (预警再次触发
# in the message; silent unless it raises its group or brings an ended group back).
FIRING_EVENTS = (
    AlertEvent.OPENED,
    AlertEvent.GROUP_UPDATE,
    AlertEvent.REALERTED,
    AlertEvent.REOPENED,
)
EVENT_ZH = {
    AlertEvent.OPENED: "新预警",
    AlertEvent.GROUP_UPDATE: "事态更新",
    AlertEvent.REALERTED: "持续扩大",
    AlertEvent.REOPENED: "再次触发",
}
SNIPPET = 60


def sample_text(mention: Mention) -> str:
    """@author：the first words of the post (one line)."""
    text = " ".join(mention.full_text.split())
    cut = shorten(text, SNIPPET)
    return f"@{mention.author.name or '匿名用户'}：{cut}"


BATCH_SPAN = timedelta(seconds=5)
BATCH_SIZE = 200


@dataclass
class RuleTally:
    """One rule's alerts in a replay: how many, how many people heard of, first and last."""

    name: str
    type_label: str
    title: str
    opened: int = 0  # new alerts (and 事态更新 joins of an alert group)
    realerted: int = 0  # 持续扩大 messages of alerts already open
    notified: int = 0
    first: datetime | None = None
    last: datetime | None = None


@dataclass
class ReplaySummary:
    """What a replay did: mentions fed, ticks run, alert lines written, rejected inputs, the
    stream's time span and every loaded rule's tally (rules that never fired included)."""

    mentions: int = 0
    ticks: int = 0
    # Records fed at their published_at: without collected_at, and with a collected_at before
    # it (bad input: fed when posted, collected_at stamped then, never put into the past).
    uncollected: int = 0
    collected_early: int = 0
    lags: list[float] = field(default_factory=list)  # seconds from publication to collection
    hints: list[str] = field(default_factory=list)  # `lag_hints` of the loaded rules
    fired: int = 0
    rejected: list[tuple[str, str]] = field(default_factory=list)
    start: datetime | None = None
    end: datetime | None = None
    rules: dict[str, RuleTally] = field(default_factory=dict)
    lines: list[FiredLine] = field(default_factory=list)

    def count(self, outcome: Outcome, fired_at: datetime) -> None:
        """Add one written alert line to its rule's tally (an ended alert firing again counts
        as a new one: a rule that ends and fires all day is as noisy as one that opens)."""
        alert = outcome.alert
        tally = self.rules.setdefault(
            alert.rule, RuleTally(alert.rule, alert.rule_type, alert.rule)
        )
        if outcome.event == AlertEvent.REALERTED:
            tally.realerted += 1
        else:
            tally.opened += 1
        tally.notified += bool(outcome.notify)
        tally.first = tally.first or fired_at
        tally.last = fired_at


def timeline_zh(summary: ReplaySummary) -> list[str]:
    """Which clock each record was fed on, for the replay's output: how many at their 采集时间,
    how many without one (at their 发布时间), how many whose 采集时间 is before publication."""
    early, missing = summary.collected_early, summary.uncollected
    lines = [f"按采集时间回放 {summary.mentions - missing - early} 条"]
    if missing:
        lines[0] += f"；{missing} 条没有采集时间（collected_at），按发布时间回放"
    if early:
        lines.append(
            f"{early} 条的采集时间早于发布时间（数据有误）：未提前到发布之前，"
            "按发布时间回放，采集时间记为回放时刻"
        )
    return lines + summary.hints


LAG_SAMPLE = 20  # records with a collection time, at least, before the lag is read
LAG_STEP = timedelta(minutes=5)  # a suggested delay is rounded up to this


def lag_hints(lags: Sequence[float], rules: Iterable[Rule]) -> list[str]:
    """A line per window rule whose window ends before most of its posts are collected: the
    stream's 90th-percentile collection lag longer than half its window and its `delay`
    (`WindowSpec.delay`; a rule with `delay: auto` follows the lag). Such a rule counts a
    fraction of each window and fires late or never — in the backtest as it would live."""
    if len(lags) < LAG_SAMPLE:
        return []
    # The same percentiles as 数据源状态 and `delay: auto` (nearest rank), so the hint and the
    # source's row name the same lag.
    ordered = sorted(lags)
    median = timedelta(seconds=percentile(ordered, 0.5))
    p90 = timedelta(seconds=percentile(ordered, 0.9))
    steps = -(-p90 // LAG_STEP)  # rounded up
    lines = []
    for rule in rules:
        spec = rule.spec
        # `delay: auto` follows the lag (alerting.auto_delay): nothing to set.
        if not isinstance(spec, WindowSpec) or not isinstance(spec.delay, timedelta):
            continue
        if p90 <= max(spec.window / 2, spec.delay):
            continue
        lines.append(
            f"规则 {rule.name} 的窗口为 {interval_zh(spec.window)}，而本次回放中提及发布后"
            f"中位 {interval_zh(median, 2)}、90% 在 {interval_zh(p90, 2)}内才采集到："
            "窗口内的提及多数尚未入库，该规则会迟报或漏报（实时运行同样如此）；"
            "可为其设置 delay: auto（按采集延迟自动）或 "
            f"delay: {int(steps * LAG_STEP.total_seconds() // 60)}m"
        )
    return lines


NOISY_PER_DAY = 3  # more new alerts a day than this, and at least NOISY_MIN: people tune out
NOISY_MIN = 5
NEVER, NOISY = "从未触发", "触发频繁"


def per_day(tally: RuleTally, summary: ReplaySummary) -> float:
    """New alerts per day of stream (a stream shorter than a day counts as one day)."""
    span = (summary.end - summary.start) if summary.start and summary.end else timedelta(0)
    return tally.opened / max(span / timedelta(days=1), 1.0)


def verdict(tally: RuleTally, summary: ReplaySummary) -> str:
    """从未触发, 触发频繁 or '' (nothing stands out) for the rule's tuning."""
    if tally.opened == 0 and tally.realerted == 0:
        return NEVER
    if tally.opened >= NOISY_MIN and per_day(tally, summary) > NOISY_PER_DAY:
        return NOISY
    return ""


@dataclass
class FiredLine:
    """One written alert line as a person reads it: when, which rule, why, the top post."""

    at: datetime
    rule: str
    event: str
    notified: bool
    summary: str
    sample: str
    held: str = ""  # 免打扰中，将于 08:00 发送 when the rule's quiet hours hold its message


def firing_record(
    outcome: Outcome, fired_at: datetime, held: datetime | None = None
) -> dict[str, object]:
    """The JSON line for one fired alert (the spine's replay contract); `held_until`: when
    its message would go out after the rule's quiet hours (None: at once)."""
    alert = outcome.alert
    return {
        "event": str(outcome.event),
        "alert_id": alert.id,
        "rule": alert.rule,
        "rule_type": alert.rule_type,
        "severity": str(alert.severity),
        "key": alert.key,
        "title": alert.title,
        "summary": alert.summary,  # why, in the rule's words (最近 60 分钟 23 条（阈值 20 条）)
        "numbers": describe(alert),  # the numbers line of the message and the dashboard
        "fired_at": fired_at.isoformat(),
        "window": {"start": _iso(alert.window_start), "end": _iso(alert.window_end)},
        "count": alert.count,
        "baseline": alert.baseline,
        "peak": alert.peak,
        "sample_mention_ids": list(alert.sample_mention_ids),
        "plans": list(alert.plans),
        "incident_id": alert.incident_id,
        "notified": outcome.notify,
        "held_until": _iso(to_utc(held)) if outcome.notify else None,
    }


def seen_at(mention: Mention) -> datetime:
    """When the system could first have seen the record: its collected_at, or its published_at
    when it has none or claims one before its publication."""
    if has_collected_at(mention) and mention.collected_at >= mention.published_at:
        return mention.collected_at
    return mention.published_at


def replay_stream(
    ctx: Context,
    mentions: Iterable[Mention],
    out: TextIO,
    send: bool = False,
    tail: timedelta = timedelta(minutes=10),
) -> ReplaySummary:
    """Feed each mention when the system would have seen it (`seen_at`: its collected_at, else
    its published_at), keeping its collected_at; tick the rules every eval_interval of stream
    time."""
    clock = ctx.clock
    if not isinstance(clock, SimulatedClock):
        raise TypeError("replay needs an Context built with a SimulatedClock")
    summary = ReplaySummary()
    ordered = sorted(
        ((seen_at(m), n, m) for n, m in enumerate(mentions)), key=lambda item: item[:2]
    )

    def write(outcome: Outcome) -> None:
        if outcome.event in FIRING_EVENTS:
            fired_at = clock().astimezone(UTC)
            rule = engine.by_name.get(outcome.alert.rule)
            quiet = rule.spec.quiet_hours if rule is not None else None
            severity, growth = outcome.alert.severity, outcome.growth
            held = held_until(quiet, severity, fired_at, ctx.config.tz, growth=growth)
            record = firing_record(outcome, fired_at, held)
            out.write(json.dumps(record, ensure_ascii=False) + "\n")
            summary.fired += 1
            summary.count(outcome, fired_at)
            alert = outcome.alert
            top = next(iter(alert.sample_mention_ids or []), None)
            mention = ctx.index.get(top) if top else None
            summary.lines.append(
                FiredLine(
                    fired_at,
                    alert.rule,
                    EVENT_ZH.get(outcome.event, str(outcome.event)),
                    outcome.notify,
                    alert.summary,
                    sample_text(mention) if mention else "",
                    held_zh(held, ctx.config.tz, fired_at) if held and outcome.notify else "",
                )
            )

    engine = AlertEngine(ctx, send=send, sink=write)
    summary.rules = {
        rule.name: RuleTally(rule.name, rule.type_label_zh, rule.spec.title or rule.name)
        for rule in engine.rules
    }
    ctx.pipeline.add_listener(engine.listen)
    if not ordered:
        return summary
    summary.start, summary.end = ordered[0][0], ordered[-1][0]
    # The stream's sources were collecting before it: its first posts are no first run's
    # back-fill, and their lag counts (collectors.lag).
    first_post = min(m.published_at for _, _, m in ordered)
    running_since(ctx, {m.source for _, _, m in ordered}, first_post)
    interval = ALERTING.of(ctx.config).eval_interval
    next_tick = _floor(summary.start, interval) + interval
    batch: list[tuple[datetime, Mention]] = []

    def flush() -> None:
        if batch:
            clock.advance_to(batch[-1][0].astimezone(UTC))
            stamped = [_stamped(m, clock(), summary) for _, m in batch]
            summary.rejected += ctx.pipeline.process(stamped).rejected
            summary.mentions += len(batch)
            batch.clear()

    for at, _, mention in ordered:
        while at >= next_tick:
            flush()
            clock.advance_to(next_tick)
            engine.tick()
            summary.ticks += 1
            next_tick += interval
        if batch and (at - batch[0][0] > BATCH_SPAN or len(batch) >= BATCH_SIZE):
            flush()
        batch.append((at, mention))
    flush()
    end = summary.end + tail
    while next_tick <= end:
        clock.advance_to(next_tick)
        engine.tick()
        summary.ticks += 1
        next_tick += interval
    summary.hints = lag_hints(summary.lags, engine.rules)
    return summary


def _stamped(mention: Mention, now: datetime, summary: ReplaySummary) -> Mention:
    """The mention as fed at `now`: its own collected_at kept; one without it, or with one
    before its publication (counted), collected now."""
    if not has_collected_at(mention):
        summary.uncollected += 1
    elif mention.collected_at < mention.published_at:
        summary.collected_early += 1
    else:
        summary.lags.append((mention.collected_at - mention.published_at).total_seconds())
        return mention
    stamped = mention.model_copy(update={"collected_at": now})
    # Still no collection time of its own: the lag of its source (collectors.lag) counts it
    # as such, not as collected the instant it was fed.
    stamped.model_fields_set.discard("collected_at")
    return stamped


def _floor(moment: datetime, step: timedelta) -> datetime:
    seconds = step.total_seconds()
    return datetime.fromtimestamp(moment.timestamp() // seconds * seconds, UTC)


def _iso(moment: datetime | None) -> str | None:
    stamp = as_utc(moment)
    return stamp.isoformat() if stamp else None
