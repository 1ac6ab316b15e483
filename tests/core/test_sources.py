"""The collector runner with the demo replay source: back-fill, resume, incident, health."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import timedelta
from pathlib import Path

import pytest

from collectors.base import Batch, Collector, CollectRequest, SourceBlocked
from collectors.registry import COLLECTORS
from collectors.runner import run_source
from collectors.state import SourceState, SourceStatus
from core.context import Context
from core.index.protocol import SearchQuery, SortOrder
from core.timeutil import SimulatedClock
from tests.core.conftest import T0, make_config

REPLAY = {
    "name": "demo",
    "type": "replay",
    "options": {"history": "6h", "rate_per_hour": 30, "incident_after": "2m"},
}


def replay_ctx(tmp_path: Path, clock: SimulatedClock, **source: object) -> Context:
    config = make_config(sources=[{**REPLAY, **source}])
    return Context(config=config, data_dir=tmp_path / "var", clock=clock)


def state(ctx: Context, name: str = "demo") -> SourceState:
    with ctx.sessions() as session:
        found = session.get(SourceState, name)
        assert found is not None
        return found


def test_backfill_then_incident_then_resume(tmp_path: Path) -> None:
    clock = SimulatedClock(T0)
    ctx = replay_ctx(tmp_path, clock)
    first = run_source(ctx, ctx.config.sources[0])
    assert first.status == SourceStatus.OK and first.error is None
    backfilled = ctx.index.count(SearchQuery())
    assert 60 <= backfilled <= 400  # ~6 h of diurnal traffic at 30/h
    assert ctx.index.count(SearchQuery(since=T0 - timedelta(hours=6), until=T0)) == backfilled
    clock.advance_to(T0 + timedelta(minutes=20))
    run_source(ctx, ctx.config.sources[0])
    kol = ctx.index.search(SearchQuery(text="酸菜鱼 虫子 孩子食物中毒")).mentions
    assert kol and kol[0].author.verified and kol[0].author.followers == 1_260_000
    assert kol[0].published_at == T0 + timedelta(minutes=2)
    total = ctx.index.count(SearchQuery())
    health = state(ctx)
    assert health.status == SourceStatus.OK and health.items_total == total
    ctx.close()
    # A restart on the same stores resumes from the cursor: nothing lost, nothing twice.
    restarted = replay_ctx(tmp_path, clock)
    clock.advance_to(T0 + timedelta(minutes=20, seconds=1))
    again = run_source(restarted, restarted.config.sources[0])
    assert again.report.duplicates == 0
    assert restarted.index.count(SearchQuery()) == total + len(again.report.new)
    restarted.close()


def test_replay_is_deterministic(tmp_path: Path) -> None:
    runs = []
    for name in ("a", "b"):
        ctx = replay_ctx(tmp_path / name, SimulatedClock(T0 + timedelta(minutes=30)))
        run_source(ctx, ctx.config.sources[0])
        runs.append(
            [
                m.text
                for m in ctx.index.search(SearchQuery(sort=SortOrder.OLDEST, limit=1000)).mentions
            ]
        )
        ctx.close()
    assert runs[0] == runs[1] and len(runs[0]) > 50


def test_bad_option_marks_source_misconfigured(tmp_path: Path) -> None:
    ctx = replay_ctx(tmp_path, SimulatedClock(T0), options={"rate_per_hour": "lots"})
    run = run_source(ctx, ctx.config.sources[0])
    assert run.status == SourceStatus.MISCONFIGURED
    assert "sources[demo].options" in (state(ctx).last_error or "")
    ctx.close()


class _Flaky(Collector):
    """Yields one batch then fails, or reports a block: drives the runner's error paths."""

    type_name = "flaky"
    mode = "crash"

    def collect(self, request: CollectRequest) -> Iterator[Batch]:
        from tests.core.conftest import mention

        if self.mode == "blocked":
            raise SourceBlocked("HTTP 418 I'm a teapot", cooldown=timedelta(minutes=10))
        start = int(request.cursor or 0)
        yield Batch(
            [mention(str(i), f"鲜味坊 第{i}条") for i in range(start, start + 3)],
            cursor=str(start + 3),
        )
        if self.mode == "crash":
            raise ConnectionError("server went away mid-run")


@pytest.fixture
def flaky_ctx(tmp_path: Path) -> Iterator[Context]:
    COLLECTORS.add("flaky", _Flaky)
    config = make_config(sources=[{"name": "f", "type": "flaky"}])
    yield Context(config=config, data_dir=tmp_path / "var", clock=SimulatedClock(T0))
    COLLECTORS.discard("flaky")


def test_crash_mid_run_keeps_the_checkpointed_batch(flaky_ctx: Context) -> None:
    _Flaky.mode = "crash"
    run = run_source(flaky_ctx, flaky_ctx.config.sources[0])
    assert run.status == SourceStatus.DEGRADED and "server went away" in (run.error or "")
    health = state(flaky_ctx, "f")
    assert health.cursor == "3" and health.consecutive_failures == 1
    _Flaky.mode = "ok"
    run_source(flaky_ctx, flaky_ctx.config.sources[0])
    ids = sorted(m.native_id for m in flaky_ctx.index.search(SearchQuery(limit=100)).mentions)
    assert ids == ["0", "1", "2", "3", "4", "5"]
    assert state(flaky_ctx, "f").status == SourceStatus.OK


def test_blocked_source_cools_down_instead_of_hammering(flaky_ctx: Context) -> None:
    _Flaky.mode = "blocked"
    run = run_source(flaky_ctx, flaky_ctx.config.sources[0])
    assert run.status == SourceStatus.BLOCKED
    health = state(flaky_ctx, "f")
    assert health.cooldown_until is not None and "418" in (health.last_error or "")
    assert run_source(flaky_ctx, flaky_ctx.config.sources[0]).skipped
    flaky_ctx.clock.advance_to(T0 + timedelta(minutes=11))  # type: ignore[attr-defined]
    _Flaky.mode = "ok"
    assert run_source(flaky_ctx, flaky_ctx.config.sources[0]).status == SourceStatus.OK
