"""The default rule set on synthetic streams: what fires, when, and what stays quiet.

One replay over four and a half days from Thursday: diurnal background (weekends 30 %
busier, with no earlier weekend to learn from), a slow ramp on Saturday afternoon, a KOL
food-poisoning burst at Sunday noon, a positive promotion burst Sunday evening, a three-hour
collector outage Sunday afternoon, quiet nights.
"""

from __future__ import annotations

import io
import json
import shutil
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

import pytest

from alerting import service
from alerting.models import Alert
from alerting.replay import replay_stream
from alerting.rules.stats import seasonal_rate
from bench.synthetic import background, burst, promotion, ramp
from core.models import Mention
from tests.alerting.conftest import MONDAY, make_ctx

THURSDAY = MONDAY + timedelta(days=3)
RAMP = THURSDAY + timedelta(days=2, hours=14)
BURST = THURSDAY + timedelta(days=3, hours=12, minutes=3)
OUTAGE = (THURSDAY + timedelta(days=3, hours=14), THURSDAY + timedelta(days=3, hours=17))
PROMO = THURSDAY + timedelta(days=3, hours=19)
END = THURSDAY + timedelta(days=4, hours=12)


@dataclass
class Run:
    """The replay's fired lines and the alerts left in the store."""

    fired: list[dict[str, Any]]
    alerts: list[Alert]

    def fired_between(self, start: datetime, end: datetime) -> list[dict[str, Any]]:
        """Fired lines with fired_at in [start, end)."""
        return [f for f in self.fired if start <= datetime.fromisoformat(f["fired_at"]) < end]


def stream() -> list[Mention]:
    """Background with a tieba outage, plus the scripted incidents."""
    normal = [
        m
        for m in background(THURSDAY, END, rate_per_hour=45, seed=11)
        if not (m.source == "tieba" and OUTAGE[0] <= m.published_at < OUTAGE[1])
    ]
    return [*normal, *ramp(RAMP), *burst(BURST), *promotion(PROMO)]


@pytest.fixture(scope="module")
def run() -> Iterator[Run]:
    directory = Path(
        tempfile.mkdtemp(
            prefix="yuqing-scenario-", dir="/dev/shm" if Path("/dev/shm").is_dir() else None
        )
    )
    ctx = make_ctx(directory, THURSDAY)
    out = io.StringIO()
    replay_stream(ctx, stream(), out)
    with ctx.sessions() as session:
        alerts = service.get_all(session)
    yield Run([json.loads(line) for line in out.getvalue().splitlines()], alerts)
    ctx.close()
    shutil.rmtree(directory, ignore_errors=True)


def test_normal_traffic_is_quiet(run: Run) -> None:
    assert run.fired_between(THURSDAY, RAMP) == []  # includes the first, busier Saturday


def test_kol_burst_alerts_at_ingest_then_as_a_spike(run: Run) -> None:
    fired = run.fired_between(BURST, BURST + timedelta(minutes=15))
    by_rule = {f["rule"]: f for f in fired if f["event"] == "opened"}
    urgent = by_rule["urgent-mention"]
    assert datetime.fromisoformat(urgent["fired_at"]) - BURST <= timedelta(seconds=5)
    assert urgent["severity"] == "critical" and urgent["sample_mention_ids"]
    spike = by_rule["food-safety-spike"]
    assert datetime.fromisoformat(spike["fired_at"]) - BURST <= timedelta(minutes=5)
    assert (
        spike["count"] >= 5
        and spike["baseline"] is not None
        and spike["count"] > 3 * spike["baseline"]
    )
    assert "negative-spike" in by_rule


def test_one_alert_per_incident(run: Run) -> None:
    burst_alerts = [a for a in run.alerts if a.rule == "food-safety-spike"]
    assert len(burst_alerts) == 1
    assert burst_alerts[0].count >= 20 and burst_alerts[0].peak >= 20


def test_slow_ramp_is_caught_within_90_minutes(run: Run) -> None:
    fired = run.fired_between(RAMP, RAMP + timedelta(minutes=90))
    assert {f["rule"] for f in fired} & {"negative-spike", "new-term", "negative-ratio"}


def test_positive_promotion_does_not_alert(run: Run) -> None:
    assert run.fired_between(PROMO, PROMO + timedelta(hours=1)) == []


def test_collector_outage_found_and_quiet_nights_not(run: Run) -> None:
    flat = [f for f in run.fired if f["rule"] == "collector-flatline"]
    assert [f["key"] for f in flat] == ["source:tieba"]
    fired_at = datetime.fromisoformat(flat[0]["fired_at"])
    assert (
        OUTAGE[0] + timedelta(minutes=50) <= fired_at <= OUTAGE[0] + timedelta(hours=1, minutes=10)
    )
    (alert,) = [a for a in run.alerts if a.rule == "collector-flatline"]
    assert alert.status == "resolved" and alert.resolved_by == "auto"


def test_seasonal_baseline_respects_weekday() -> None:
    """A busy Saturday looks like last Saturday, not like the quiet weekdays before it."""
    saturday_noon = MONDAY + timedelta(days=12, hours=12)

    def count(start: datetime, end: datetime) -> int:
        per_hour = 30 if start.weekday() == 5 else 10
        return round(per_hour * (end - start).total_seconds() / 3600)

    rate = seasonal_rate(count, saturday_noon, timedelta(hours=1), MONDAY, days=7, weeks=4)
    assert rate is not None and rate * 3600 == pytest.approx(30)
    no_history = seasonal_rate(
        count, MONDAY + timedelta(hours=12), timedelta(hours=1), MONDAY, days=7, weeks=4
    )
    assert no_history is None


def test_the_kol_burst_is_one_incident_announced_once(run: Run) -> None:
    fired = [
        f
        for f in run.fired_between(BURST, BURST + timedelta(minutes=30))
        if f["rule"] != "collector-flatline"
    ]
    opened_rules = {f["rule"] for f in fired if f["event"] == "opened"}
    assert len(opened_rules) >= 3  # several rules saw the crisis…
    assert len({f["incident_id"] for f in fired}) == 1  # …as one incident
    assert [f["rule"] for f in fired if f["notified"]] == ["urgent-mention"]
