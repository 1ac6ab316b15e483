"""`yuqing export` pages through a real OpenSearch node: no mention lost or given twice where a
page ends inside a run of equal publication times, within a month and across months."""

from __future__ import annotations

import json
import uuid
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from typer.testing import CliRunner

from app.cli import app
from bench.synthetic import PassThroughClassifier, make_mention
from core.config import IndexConfig
from core.context import Context
from core.index.engines import open_engine_index
from core.index.paging import PAGE, walk
from core.index.protocol import SearchQuery
from core.models import Mention
from core.pipeline.classifier import CLASSIFIERS
from tests.index.conftest import drop_engine_index, engine_index

pytestmark = pytest.mark.engine

runner = CliRunner()
# Two seconds before March (UTC, the months' index names): runs of ties on both sides of the
# month change, where the engine reads two monthly indices.
EDGE = datetime(2026, 2, 28, 23, 59, 58, tzinfo=UTC)


def ties(sizes: list[int], start: datetime = EDGE) -> list[Mention]:
    """Runs of mentions sharing one second each (sizes[i] at start + i s), ids not in time
    order (written newest run first, ids counting down)."""
    out: list[Mention] = []
    for run, size in reversed(list(enumerate(sizes))):
        at = start + timedelta(seconds=run)
        out += [make_mention(f"r{run:02d}-{n:04d}", at, f"同一时刻 {run} {n}") for n in range(size)]
    return out


def order(mentions: list[Mention]) -> list[str]:
    return [m.id for m in sorted(mentions, key=lambda m: (m.published_at, m.id))]


def test_walk_across_page_ends_inside_ties_and_a_month_change(opensearch_url: str) -> None:
    # With pages of 4: a run of 9 spans three pages, runs of 4 and 3 end exactly on or just
    # before a page end, single mentions between; from the third run on it is March.
    mentions = ties([1, 9, 4, 1, 3, 5, 2, 8, 1])
    index = engine_index("opensearch", opensearch_url)
    try:
        assert not index.upsert_many(mentions).errors
        index.refresh()
        assert len(index.monthly_indices()) == 2
        for page in (3, 4, 5, 9, 100):
            got = [m.id for m in walk(index, SearchQuery(), page=page)]
            assert got == order(mentions), f"page={page}"
        since = EDGE + timedelta(seconds=1)  # from inside the run of 9
        got = [m.id for m in walk(index, SearchQuery(since=since), page=4)]
        assert got == order([m for m in mentions if m.published_at >= since])
    finally:
        drop_engine_index(index)


@pytest.fixture
def engine_config(tmp_path: Path, opensearch_url: str) -> Iterator[Path]:
    CLASSIFIERS.add("passthrough", PassThroughClassifier)
    prefix = f"yqt-{uuid.uuid4().hex[:10]}"
    config = tmp_path / "yuqing.yaml"
    config.write_text(
        "brand: 鲜味坊\nclassifier: {model: passthrough}\n"
        f"index: {{backend: opensearch, urls: ['{opensearch_url}'], index_prefix: {prefix},"
        " replicas: 0}\n",
        encoding="utf-8",
    )
    yield config
    CLASSIFIERS.discard("passthrough")
    cleanup = open_engine_index(
        IndexConfig(backend="opensearch", urls=[opensearch_url], index_prefix=prefix)
    )
    drop_engine_index(cleanup)


def test_export_cli_writes_every_mention_once_over_several_pages(
    engine_config: Path, tmp_path: Path
) -> None:
    # 2,600 mentions: a run of 700 at one second straddles the first page end (1,000), a run
    # of 1,200 covers the second page end entirely.
    mentions = ties([150, 700, 1, 300, 1200, 249])
    assert len(mentions) == 2600 > 2 * PAGE
    data_dir = tmp_path / "var"
    ctx = Context.load(engine_config, data_dir)
    assert not ctx.index.upsert_many(mentions).errors
    ctx.index.refresh()
    with ctx.sessions():  # the workflow store marks the data dir as yuqing's
        pass
    ctx.close()
    out = tmp_path / "export.jsonl"
    common = ["--config", str(engine_config), "--data-dir", str(data_dir)]
    result = runner.invoke(app, ["export", "--no-mask", "--out", str(out), *common])
    assert result.exit_code == 0, result.output
    lines = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    exported = [Mention.model_validate(line).id for line in lines]
    assert len(exported) == len(set(exported)) == 2600
    assert exported == order(mentions)
    assert "已导出 2600 条提及" in result.output
