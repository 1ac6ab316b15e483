"""Replay a JSONL stream on a simulated clock through the pipeline and the alert rules."""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from typing import TextIO

from alerting.config import ALERTING
from alerting.engine import AlertEngine
from alerting.enums import AlertEvent
from alerting.lifecycle import Outcome
from core.context import Context
from core.models import Mention
from core.timeutil import SimulatedClock, as_utc

FIRING_EVENTS = (AlertEvent.OPENED, AlertEvent.GROUP_UPDATE, AlertEvent.REALERTED)
BATCH_SPAN = timedelta(seconds=5)
BATCH_SIZE = 200


@dataclass
class ReplaySummary:
    """What a replay did: mentions fed, ticks run, alert lines written, rejected inputs."""

    mentions: int = 0
    ticks: int = 0
    fired: int = 0
    rejected: list[tuple[str, str]] = field(default_factory=list)


def firing_record(outcome: Outcome, fired_at: datetime) -> dict[str, object]:
    """The JSON line for one fired alert (the spine's replay contract)."""
    alert = outcome.alert
    return {
        "event": str(outcome.event),
        "alert_id": alert.id,
        "rule": alert.rule,
        "rule_type": alert.rule_type,
        "severity": str(alert.severity),
        "key": alert.key,
        "title": alert.title,
        "fired_at": fired_at.isoformat(),
        "window": {"start": _iso(alert.window_start), "end": _iso(alert.window_end)},
        "count": alert.count,
        "baseline": alert.baseline,
        "peak": alert.peak,
        "sample_mention_ids": list(alert.sample_mention_ids),
        "plans": list(alert.plans),
        "incident_id": alert.incident_id,
        "notified": outcome.notify,
    }


def replay_stream(
    ctx: Context,
    mentions: Iterable[Mention],
    out: TextIO,
    send: bool = False,
    tail: timedelta = timedelta(minutes=10),
) -> ReplaySummary:
    """Feed mentions in published_at order, ticking rules every eval_interval of stream time."""
    clock = ctx.clock
    if not isinstance(clock, SimulatedClock):
        raise TypeError("replay needs an Context built with a SimulatedClock")
    summary = ReplaySummary()
    ordered = sorted(enumerate(mentions), key=lambda pair: (pair[1].published_at, pair[0]))

    def write(outcome: Outcome) -> None:
        if outcome.event in FIRING_EVENTS:
            out.write(
                json.dumps(firing_record(outcome, clock().astimezone(UTC)), ensure_ascii=False)
                + "\n"
            )
            summary.fired += 1

    engine = AlertEngine(ctx, send=send, sink=write)
    ctx.pipeline.add_listener(engine.listen)
    if not ordered:
        return summary
    interval = ALERTING.of(ctx.config).eval_interval
    next_tick = _floor(ordered[0][1].published_at, interval) + interval
    batch: list[Mention] = []

    def flush() -> None:
        if batch:
            clock.advance_to(batch[-1].published_at.astimezone(UTC))
            stamped = [m.model_copy(update={"collected_at": clock()}) for m in batch]
            summary.rejected += ctx.pipeline.process(stamped).rejected
            summary.mentions += len(batch)
            batch.clear()

    for _, mention in ordered:
        while mention.published_at >= next_tick:
            flush()
            clock.advance_to(next_tick)
            engine.tick()
            summary.ticks += 1
            next_tick += interval
        if batch and (
            mention.published_at - batch[0].published_at > BATCH_SPAN or len(batch) >= BATCH_SIZE
        ):
            flush()
        batch.append(mention)
    flush()
    end = ordered[-1][1].published_at + tail
    while next_tick <= end:
        clock.advance_to(next_tick)
        engine.tick()
        summary.ticks += 1
        next_tick += interval
    return summary


def _floor(moment: datetime, step: timedelta) -> datetime:
    seconds = step.total_seconds()
    return datetime.fromtimestamp(moment.timestamp() // seconds * seconds, UTC)


def _iso(moment: datetime | None) -> str | None:
    stamp = as_utc(moment)
    return stamp.isoformat() if stamp else None
