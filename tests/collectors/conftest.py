"""Fixtures for collector tests: a local site, a real SQLite Context, a fixed clock, dovecot."""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator, Sequence
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest
from imapclient import IMAPClient

from app.config import AppConfig
from collectors.config import SourceConfig
from core.context import Context
from core.models import Mention
from core.timeutil import SimulatedClock
from tests.collectors.dovecot import DOVECOT, PASSWORD, USER, Dovecot
from tests.collectors.site import Site
from tests.conftest import require

NOW = datetime(2026, 11, 23, 9, 30, tzinfo=UTC)  # 17:30 in Asia/Shanghai
FAST = {"delay": 0, "retry_backoff": 0.01, "autothrottle": False, "retries": 2}


class PassThroughClassifier:
    """A classifier that leaves mentions as they are (keeps the tests fast)."""

    name = "pass"

    def classify(self, mentions: Sequence[Mention]) -> list[Mention]:
        """The mentions unchanged."""
        return list(mentions)


@pytest.fixture
def site() -> Iterator[Site]:
    """A local HTTP server on a random port."""
    server = Site().start()
    yield server
    server.stop()


@pytest.fixture
def clock() -> SimulatedClock:
    """A clock fixed at NOW."""
    return SimulatedClock(NOW)


@pytest.fixture(scope="module")
def dovecot() -> Iterator[Dovecot]:
    """A dovecot IMAP server for this module."""
    require(os.path.exists(DOVECOT), "dovecot-imapd is not installed (make system-deps)")
    server = Dovecot().start()
    yield server
    server.stop()


@pytest.fixture
def mailbox(dovecot: Dovecot) -> Iterator[IMAPClient]:
    """A logged-in client on an emptied INBOX."""
    client = IMAPClient("127.0.0.1", port=dovecot.port, ssl=False)
    client.login(USER, PASSWORD)
    client.select_folder("INBOX")
    client.delete_messages(client.search("ALL"))
    client.expunge()
    yield client
    client.logout()


@pytest.fixture
def make_ctx(tmp_path: Path, clock: SimulatedClock) -> Iterator[Callable[..., Context]]:
    """Build an Context on SQLite in tmp_path with the given sources and plans."""
    made: list[Context] = []

    def build(sources: list[dict[str, Any]], plans: list[dict[str, Any]] | None = None) -> Context:
        config = AppConfig.model_validate(
            {
                "brand": "鲜味坊",
                "sources": sources,
                "plans": plans or [{"id": "xwf", "name": "鲜味坊", "expression": "鲜味坊"}],
            }
        )
        ctx = Context(config=config, data_dir=tmp_path / "data", clock=clock)
        ctx.__dict__["classifier"] = PassThroughClassifier()
        made.append(ctx)
        return ctx

    yield build
    for ctx in made:
        ctx.close()


def source_of(ctx: Context, name: str) -> SourceConfig:
    """The configured source called name."""
    return next(s for s in ctx.config.sources if s.name == name)


def indexed(ctx: Context, source: str) -> dict[str, Mention]:
    """Every indexed mention of a source, by native id."""
    ctx.index.refresh()
    mentions, _ = ctx.index.since(None, limit=10_000)
    return {m.native_id: m for m in mentions if m.source == source}


def state_of(ctx: Context, name: str) -> Any:
    """The stored SourceState row (detached copy of its fields)."""
    from collectors.state import SourceState

    with ctx.sessions() as session:
        state = session.get(SourceState, name)
        assert state is not None
        session.expunge(state)
        return state
