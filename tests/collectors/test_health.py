"""Source health read with stdlib sqlite3 (embedded store) equals the SQLAlchemy read."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import pytest

from collectors.health import read_health
from collectors.state import SourceState, SourceStatus
from core.config import DatabaseConfig
from core.context import Context
from core.store_read import EMBEDDED_STORE
from tests.conftest import require
from tests.postgres import PostgresServer

WHEN = datetime(2026, 11, 30, 8, 15, 30, 123456, tzinfo=UTC)
CONFIG = "brand: 鲜味坊\n"


def _store(ctx: Context) -> None:
    """Two sources: a blocked one with times and losses, a fresh one with defaults."""
    with ctx.sessions.begin() as session:
        blocked = SourceState(name="weibo", type="weibo_search", status=SourceStatus.BLOCKED)
        blocked.last_success_at, blocked.cooldown_until = WHEN, WHEN.replace(hour=9)
        blocked.last_error, blocked.consecutive_failures = "被目标站点拦截：HTTP 418", 2
        blocked.losses_last_run, blocked.losses_total, blocked.last_loss = 2, 5, "HTTP 404"
        blocked.items_last_run, blocked.items_total = 3, 40
        session.add(blocked)
        session.add(SourceState(name="webhook", type="webhook"))


@pytest.fixture
def config(tmp_path: Path) -> Path:
    """A minimal yuqing.yaml."""
    path = tmp_path / "yuqing.yaml"
    path.write_text(CONFIG, encoding="utf-8")
    return path


def test_sqlite3_read_equals_the_orm_read(config: Path, tmp_path: Path) -> None:
    writer = Context.load(config, tmp_path / "var")
    _store(writer)
    through_orm = read_health(writer)  # this context opened the store: SQLAlchemy
    writer.close()

    reader = Context.load(config, tmp_path / "var")
    through_sqlite3 = read_health(reader)

    assert "engine" not in reader.__dict__  # answered without opening the ORM store
    assert through_sqlite3 == through_orm
    weibo = through_sqlite3["weibo"]
    assert weibo.status is SourceStatus.BLOCKED
    assert weibo.last_success_at == WHEN and weibo.last_success_at.tzinfo is not None
    assert (weibo.losses_last_run, weibo.losses_total, weibo.items_total) == (2, 5, 40)
    assert through_sqlite3["webhook"].status is SourceStatus.PENDING
    assert through_sqlite3["webhook"].last_success_at is None


def test_a_store_never_opened_has_no_health_and_stays_uncreated(
    config: Path, tmp_path: Path
) -> None:
    ctx = Context.load(config, tmp_path / "var")

    assert read_health(ctx) == {}
    assert not (tmp_path / "var" / EMBEDDED_STORE).exists()


def test_a_configured_database_is_read_through_sqlalchemy(
    config: Path, tmp_path: Path, pg_server: PostgresServer | None
) -> None:
    require(pg_server is not None, "PostgreSQL is not installed (scripts/system-deps.sh)")
    assert pg_server is not None
    url = pg_server.create_database()
    writer = Context.load(config, tmp_path / "var")
    writer.config.database = DatabaseConfig(url=url)
    _store(writer)
    writer.close()

    reader = Context.load(config, tmp_path / "var")
    reader.config.database = DatabaseConfig(url=url)
    health = read_health(reader)
    reader.close()

    assert health["weibo"].last_success_at == WHEN
    assert health["weibo"].status is SourceStatus.BLOCKED and health["weibo"].items_total == 40
    assert not (tmp_path / "var" / EMBEDDED_STORE).exists()  # PostgreSQL, not the file
