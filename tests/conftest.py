"""Shared test configuration: CI=true turns every 'tool missing' skip into a failure."""

from __future__ import annotations

import os
from collections.abc import Iterator

import pytest

from app.domains import install
from tests.postgres import PostgresServer, find_bindir

# Every test process sees the product as `yuqing` does: all domains registered.
install()

IN_CI = os.environ.get("CI", "").lower() in {"1", "true", "yes"}


def require(condition: bool, reason: str) -> None:
    """Skip locally when an optional tool is missing; in CI a missing tool is a failure."""
    if condition:
        return
    if IN_CI:
        pytest.fail(f"required in CI: {reason}")
    pytest.skip(reason)


@pytest.fixture(scope="session")
def pg_server() -> Iterator[PostgresServer | None]:
    """One throwaway PostgreSQL server for the whole session (None when not installed: tests
    that need it call `require`, which fails in CI)."""
    bindir = find_bindir()
    if bindir is None:
        yield None
        return
    server = PostgresServer(bindir)
    server.start()
    try:
        yield server
    finally:
        server.stop()


def pytest_sessionfinish(session: pytest.Session, exitstatus: int) -> None:
    """In CI a skipped test is a failure: every tool the suite needs must be installed there."""
    reporter = session.config.pluginmanager.get_plugin("terminalreporter")
    skipped = reporter.stats.get("skipped", []) if reporter else []
    if IN_CI and skipped and exitstatus == 0:
        names = ", ".join(getattr(report, "nodeid", "?") for report in skipped[:10])
        print(f"\nCI=true: {len(skipped)} test(s) skipped, which CI does not allow: {names}")
        session.exitstatus = pytest.ExitCode.TESTS_FAILED
