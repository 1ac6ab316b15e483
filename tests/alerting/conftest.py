"""Alerting test fixtures: real SQLite stores (tmpfs when available), a fake classifier."""

from __future__ import annotations

import shutil
import tempfile
from collections.abc import Iterator
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

import pytest

from app.config import AppConfig
from bench.synthetic import TZ, PassThroughClassifier
from core.context import Context
from core.timeutil import SimulatedClock
from tests.support.receivers import (  # noqa: F401  (fixtures)
    company_ca,
    receiver,
    smtp_inbox,
    smtp_submission,
    smtp_tls_files,
    smtps,
)

MONDAY = datetime(2026, 3, 2, 0, 0, tzinfo=TZ)  # Monday 00:00 Asia/Shanghai


@pytest.fixture
def data_dir(tmp_path: Path) -> Iterator[Path]:
    """A fresh data dir; on /dev/shm when present because fsync dominates SQLite test time."""
    shm = Path("/dev/shm")
    if shm.is_dir():
        directory = Path(tempfile.mkdtemp(prefix="yuqing-alerting-", dir=shm))
        yield directory
        shutil.rmtree(directory, ignore_errors=True)
    else:
        yield tmp_path


def make_ctx(data_dir: Path, start: datetime = MONDAY, **alerting: Any) -> Context:
    """An Context on data_dir with a simulated clock and the pass-through classifier."""
    config = AppConfig.model_validate(
        {
            "brand": "鲜味坊",
            "dashboard": {"public_url": "http://dash.example"},
            "alerting": {"eval_interval": "1m", **alerting},
        }
    )
    ctx = Context(config=config, data_dir=data_dir, clock=SimulatedClock(start))
    ctx.__dict__["classifier"] = PassThroughClassifier()
    return ctx


def advance(ctx: Context, delta: timedelta) -> datetime:
    """Move the simulated clock forward; returns the new time."""
    clock = ctx.clock
    assert isinstance(clock, SimulatedClock)
    clock.advance_to(clock() + delta)
    return clock()


def failed_and_queued(ctx: Context, error: str | None, *said: str) -> None:
    """The only delivery failed saying each of `said` and waits for its retry."""
    from alerting.enums import DeliveryStatus
    from alerting.models import Delivery

    assert error is not None and all(words in error for words in said), error
    with ctx.sessions() as session:
        (row,) = session.query(Delivery).all()
        assert row.status == DeliveryStatus.FAILED and row.next_attempt_at is not None
