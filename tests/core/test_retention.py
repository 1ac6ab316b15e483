"""Index retention: old mentions go in short transactions, recent ones and search stay intact."""

from __future__ import annotations

import sqlite3
from datetime import timedelta
from pathlib import Path

import pytest
from sqlalchemy import func, select, update
from sqlalchemy.orm import Session
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
from core.models import Author
from core.pipeline.dedup_tables import NearBand, NearGroup
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
    for table in ("mention_plans", "mention_keywords"):
        assert db.execute(f"SELECT COUNT(*) FROM {table}").fetchone()[0] == 5, table
    for fts in ("mention_fts", "mention_chars"):  # rows with tokens left (no scan: no stored rows)
        db.execute(f"CREATE VIRTUAL TABLE temp.{fts}_rows USING fts5vocab(main, {fts}, instance)")
        assert db.execute(f"SELECT COUNT(DISTINCT doc) FROM temp.{fts}_rows").fetchone()[0] == 5
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
    from core.config_loading import load_config

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
    assert declined.exit_code == 1 and "4 条提及发布于" in declined.output
    done = runner.invoke(app, [*args, "--yes"])
    assert done.exit_code == 0, done.output
    assert "已删除 4 条提及" in done.output
    refused = runner.invoke(app, ["index", "prune", "--older-than", "7d", "--data-dir", str(data)])
    assert isinstance(refused.exception, ConfigError) and "62d" in str(refused.exception)


OLD_TEXT = "鲜味坊外卖的酸菜鱼里吃出一只蟑螂，门店还不承认，大家帮忙转发维权"
NEW_TEXT = "鲜味坊骑手把汤洒了一地还骂人，投诉三次没人管，客服电话也打不通"


def _bands_by_group(session: Session) -> dict[str, int]:
    rows = session.execute(
        select(NearGroup.group_id, func.count())
        .join(NearBand, NearBand.near_group == NearGroup.id)
        .group_by(NearGroup.group_id)
    )
    return {str(group): int(count) for group, count in rows}


def test_retention_forgets_near_groups_first_seen_before_the_cutoff(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    config = AppConfig.model_validate({"index": {"retention": "90d"}})
    ctx = Context(config=config, data_dir=tmp_path / "var", clock=SimulatedClock(T0))
    by = [Author(id=f"u{i}", name=f"u{i}") for i in range(6)]
    first = ctx.pipeline.process(
        [mention("a", OLD_TEXT, 0, author=by[0]), mention("b", NEW_TEXT, 1, author=by[1])]
    ).new
    old_group, new_group = first[0].group_id, first[1].group_id
    with ctx.sessions.begin() as session:
        session.execute(
            update(NearGroup)
            .where(NearGroup.group_id == old_group)
            .values(first_seen=T0 - timedelta(days=120))
        )
        session.execute(
            update(NearGroup)
            .where(NearGroup.group_id == new_group)
            .values(first_seen=T0 - timedelta(days=10))
        )
        held = _bands_by_group(session)
    assert held[old_group] > 0 and held[new_group] > 0

    with caplog.at_level("INFO", logger="core.retention"):
        done = retention.prune(ctx)
    assert done is not None and (done.near_groups, done.near_bands) == (1, held[old_group])
    assert (
        "已清理 1 个首次出现于" in caplog.text
        and f"（{held[old_group]} 条分段索引）" in caplog.text
    )
    with ctx.sessions() as session:
        left = _bands_by_group(session)
        assert left == {new_group: held[new_group]}
        assert session.scalar(select(func.count()).select_from(NearGroup)) == 1

    copies = ctx.pipeline.process(
        [
            mention("c", OLD_TEXT.replace("蟑螂", "苍蝇"), 2, author=by[2]),
            mention("d", NEW_TEXT.replace("骂人", "骂顾客"), 3, author=by[3]),
        ]
    ).new
    assert copies[0].group_id != old_group  # a forgotten text starts a new group
    assert copies[1].group_id == new_group  # a recent group still gathers its near copies
    again = retention.prune(ctx)
    assert again is not None and (again.near_groups, again.near_bands) == (0, 0)
    ctx.close()
