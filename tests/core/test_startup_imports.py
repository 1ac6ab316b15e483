"""Small commands start fast: they do not import the heavy stacks they never use.

Each command runs as `yuqing` does (a fresh process) with `-X importtime`, which lists every
module the process imported; the heavy ones below cost 0.1–0.5 s of start-up each.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

CONFIG = "brand: 鲜味坊\nplans:\n  - id: xwf\n    name: 鲜味坊\n    expression: 鲜味坊\n"


def _where(tmp_path: Path) -> list[str]:
    config = tmp_path / "yuqing.yaml"
    config.write_text(CONFIG, encoding="utf-8")
    return ["--data-dir", str(tmp_path / "data"), "--config", str(config)]


def create_store(tmp_path: Path) -> None:
    """Create the data dir's stores, every table included, as `yuqing ingest` does (the
    commands below only read: they refuse a data dir without stores)."""
    stream = tmp_path / "one.jsonl"
    stream.write_text(
        '{"source": "weibo", "native_id": "1", "text": "鲜味坊退款难",'
        ' "published_at": "2026-11-20T10:00:00+08:00"}\n',
        encoding="utf-8",
    )
    done = subprocess.run(
        [sys.executable, "-m", "app", "ingest", str(stream), "--no-alerts", *_where(tmp_path)],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr[-2000:]


def imported_modules(args: list[str], tmp_path: Path) -> set[str]:
    """Every module a `yuqing ARGS` process imported (it must succeed)."""
    where = _where(tmp_path)
    done = subprocess.run(
        [sys.executable, "-X", "importtime", "-m", "app", *args, *where],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr[-2000:]
    lines = [line.split("|") for line in done.stderr.splitlines() if line.startswith("import time")]
    return {parts[-1].strip() for parts in lines if len(parts) == 3}


@pytest.mark.parametrize(
    ("args", "unwanted"),
    [
        (["search", "退款", "--limit", "5"], {"sqlalchemy", "numpy", "apprise"}),
        (
            ["case", "list"],
            # the board's plain rows (crisis_playbooks.board); the other case commands' flows
            # load only when they run
            {"apprise", "brand_events.tracker", "numpy", "sqlalchemy", "alerting.notifications"},
        ),
        (
            ["sources", "list"],
            # read with stdlib sqlite3 on the embedded store (core.store_read): no ORM at all
            {"scrapy", "collectors.runner", "collectors.webhook.server", "numpy", "sqlalchemy"},
        ),
        (
            ["events", "list", "--json"],
            # plain rows through core.store_read (brand_events.listing): no ORM either
            {"brand_events.tracker", "sentiment.keywords", "apprise", "sqlalchemy"},
        ),
    ],
)
def test_small_commands_leave_heavy_stacks_unloaded(
    args: list[str], unwanted: set[str], tmp_path: Path
) -> None:
    create_store(tmp_path)
    loaded = imported_modules(args, tmp_path)
    assert "app.cli" in loaded  # the listing is real
    assert loaded & unwanted == set()


def test_a_current_store_opens_without_every_domains_models(tmp_path: Path) -> None:
    # `user list` opens the store through the ORM (events and cases list read plain rows)
    create_store(tmp_path)  # creates and stamps the store
    loaded = imported_modules(["user", "list"], tmp_path)
    assert "core.accounts.models" in loaded and "sqlalchemy" in loaded
    assert (
        loaded
        & {
            "brand_events.models",
            "crisis_playbooks.models",
            "alerting.models",
            "sentiment.corrections.models",
        }
        == set()
    )


@pytest.mark.parametrize("args", [["events", "list", "--json"], ["case", "list"]])
def test_lists_read_an_existing_store_without_the_orm(args: list[str], tmp_path: Path) -> None:
    create_store(tmp_path)  # the store exists, with every table
    assert (tmp_path / "data" / "yuqing.db").exists()

    loaded = imported_modules(args, tmp_path)

    assert "sqlite3" in loaded and "sqlalchemy" not in loaded
