"""Index retention: old mentions go in short transactions, recent ones and search stay intact."""

from __future__ import annotations

import sqlite3
from datetime import timedelta
from pathlib import Path

import pytest
from typer.testing import CliRunner

from app.cli import app
from app.config import AppConfig
from app.service import Service
from core import retention
from core.context import Context
from core.errors import ConfigError
from core.index import sqlite as sqlite_index
from core.index.protocol import SearchQuery
from core.index.sqlite import SQLiteMentionIndex
from core.timeutil import SimulatedClock
from tests.core.conftest import T0, mention

DAY = 24 * 60


def aged(count: int, days_old: float, word: str) -> list:
    """count mentions published days_old before T0, each with a plan and a keyword."""
    return [
        mention(
            f"{word}{i}", f"{word}外卖洒了 {i}", -days_old * DAY, plans=["xwf"], keywords=[word]
        )
        for i in range(count)
    ]


def test_prune_deletes_old_rows_everywhere_in_chunks(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(sqlite_index, "PRUNE_CHUNK", 7)
    index = SQLiteMentionIndex(tmp_path / "m.db")
    index.upsert_many([*aged(30, 400, "旧"), *aged(5, 10, "新")])

    assert index.prune_before(T0 - timedelta(days=365)) == 30

    assert index.count(SearchQuery()) == 5
    assert index.count(SearchQuery(text="旧外卖")) == 0 and index.count(SearchQuery(text="新")) == 5
    assert index.count(SearchQuery(plans=["xwf"])) == 5
    db = sqlite3.connect(tmp_path / "m.db")
    for table in ("mention_plans", "mention_keywords", "mention_fts"):
        assert db.execute(f"SELECT COUNT(*) FROM {table}").fetchone()[0] == 5, table
    db.close()
    assert index.prune_before(T0 - timedelta(days=365)) == 0
    index.upsert_many(aged(1, 1, "再"))  # the index keeps working after a prune
    assert index.count(SearchQuery()) == 6
    index.close()


def test_retention_pass_uses_the_configured_age(tmp_path: Path) -> None:
    config = AppConfig.model_validate({"index": {"retention": "90d"}})
    ctx = Context(config=config, data_dir=tmp_path / "var", clock=SimulatedClock(T0))
    ctx.index.upsert_many([*aged(3, 120, "旧"), *aged(2, 60, "新")])
    done = retention.prune(ctx)
    assert done is not None and done.removed == 3 and done.cutoff == T0 - timedelta(days=90)
    assert ctx.index.count(SearchQuery()) == 2
    service = Service(ctx)
    retention.register_jobs(service.scheduler, ctx)
    job = service.scheduler.get_job(retention.JOB_ID)
    assert job is not None and "hour='3'" in str(job.trigger) and "minute='30'" in str(job.trigger)
    ctx.close()
    off = Context(config=AppConfig(), data_dir=tmp_path / "off")
    assert retention.prune(off) is None
    off.close()


def test_too_short_a_retention_is_refused_with_the_reason(tmp_path: Path) -> None:
    config = tmp_path / "yuqing.yaml"
    config.write_text("index:\n  retention: 30d\n", encoding="utf-8")
    from core.config import load_config

    with pytest.raises(ConfigError) as error:
        load_config(config)
    assert "index.retention" in str(error.value) and "至少设为 62d" in str(error.value)


def test_prune_command_counts_asks_and_deletes(tmp_path: Path) -> None:
    """Ages are measured from the real clock: 3 years old goes, published at T0 stays."""
    data = tmp_path / "var"
    index = SQLiteMentionIndex(data / "mentions.db")
    index.upsert_many([*aged(4, 3 * 365, "旧"), *aged(1, 0, "新")])
    index.close()
    runner = CliRunner()
    args = ["index", "prune", "--older-than", "400d", "--data-dir", str(data)]
    declined = runner.invoke(app, args, input="n\n")
    assert declined.exit_code == 1 and "4 mentions published before" in declined.output
    done = runner.invoke(app, [*args, "--yes"])
    assert done.exit_code == 0, done.output
    assert "deleted 4 mentions" in done.output
    refused = runner.invoke(app, ["index", "prune", "--older-than", "7d", "--data-dir", str(data)])
    assert isinstance(refused.exception, ConfigError) and "62d" in str(refused.exception)
