"""`yuqing reclassify`: stored mentions get the current classifier's labels (real ingest, real
SQLite index, real classifier); staff corrections stay; a dry run writes nothing; the time
window is honoured; a second run has nothing left to write."""

from __future__ import annotations

import json
from dataclasses import replace
from datetime import UTC, datetime, timedelta
from pathlib import Path

from typer.testing import CliRunner

from app.cli import app
from core.enums import Category, SentimentLabel
from core.index.protocol import SearchQuery
from core.index.sqlite import SQLiteMentionIndex
from core.models import Complaint, Mention
from tests.support.stale import stale_labels

runner = CliRunner()
COMPLAINT = "快递丢件一周了，客服一直推诿，要求赔偿"
PLAIN_PRAISE = "下单第二天就到了，包装完好，给快递小哥点赞"
CORRECTED = "外卖送到时汤洒了一半，骑手态度还行"
OLD = "快递丢件半个月了，没人处理，要求赔偿"  # published ten days ago
NOW = datetime.now(UTC)


def invoke(*args: str) -> str:
    result = runner.invoke(app, list(args))
    assert result.exit_code == 0, result.output
    return result.output


def ingest(data: Path) -> None:
    """`yuqing ingest`: the real pipeline classifies the four texts."""
    stream = data.parent / "in.jsonl"
    records = [
        {"source": "t", "native_id": str(n), "text": text, "published_at": at.isoformat()}
        for n, (text, at) in enumerate(
            [
                (COMPLAINT, NOW),
                (PLAIN_PRAISE, NOW),
                (CORRECTED, NOW),
                (OLD, NOW - timedelta(days=10)),
            ],
            start=1,
        )
    ]
    stream.write_text("\n".join(json.dumps(r, ensure_ascii=False) for r in records), "utf-8")
    invoke("ingest", str(stream), "--data-dir", str(data))


def by_text(data: Path) -> dict[str, Mention]:
    index = SQLiteMentionIndex(data / "mentions.db")
    try:
        return {m.text: m for m in index.search(SearchQuery(limit=100)).mentions}
    finally:
        index.close()


def write_old_labels(data: Path) -> dict[str, Mention]:
    """Overwrite the stored labels as an older version had left them; the current ones."""
    current = by_text(data)
    corrected = current[CORRECTED].model_copy(update={"corrected": {"sentiment": "neutral"}})
    old = [
        stale_labels(current[COMPLAINT]),
        current[PLAIN_PRAISE].model_copy(
            update={"complaint": Complaint(flag=False, probability=0.01, resolved=True)}
        ),
        stale_labels(corrected).with_corrections(),
        stale_labels(current[OLD]),
    ]
    index = SQLiteMentionIndex(data / "mentions.db")
    try:
        assert not index.upsert_many(old).errors
    finally:
        index.close()
    return current


def test_reclassify_restores_the_current_labels_and_keeps_corrections(tmp_path: Path) -> None:
    data = tmp_path / "var"
    ingest(data)
    current = write_old_labels(data)
    assert current[COMPLAINT].complaint is not None and current[COMPLAINT].complaint.flag
    assert current[PLAIN_PRAISE].complaint is not None
    assert not current[PLAIN_PRAISE].complaint.resolved

    dry = invoke("reclassify", "--dry-run", "--data-dir", str(data))
    assert "重新分析 4 条提及" in dry and "试运行，未写回" in dry, dry
    assert "情感变化 2 条，是否投诉变化 3 条，补救后好评变化 1 条，类别变化 3 条" in dry, dry
    assert "已写回" not in dry and "已产生的预警保持不变" not in dry, dry
    assert by_text(data)[COMPLAINT].category == Category.OTHER  # nothing written

    since = (NOW - timedelta(days=2)).strftime("%Y-%m-%dT%H:%M:%S")
    out = invoke("reclassify", "--since", since, "--data-dir", str(data))
    assert "重新分析 3 条提及（共读取 4 条）" in out and "已写回 3 条" in out, out
    assert "1 条在本次运行前已人工校正" in out and "已产生的预警保持不变" in out, out
    after = by_text(data)
    for text in (COMPLAINT, PLAIN_PRAISE):
        assert after[text] == current[text]
    corrected = after[CORRECTED]
    assert corrected.corrected == {"sentiment": "neutral"}
    assert corrected.sentiment is not None and corrected.sentiment.label == SentimentLabel.NEUTRAL
    assert corrected.category == current[CORRECTED].category != Category.OTHER
    assert after[OLD].category == Category.OTHER  # outside the window: left as it was

    # The window's counts (rollups) agree with the stored labels.
    index = SQLiteMentionIndex(data / "mentions.db")
    try:
        window = SearchQuery(since=NOW - timedelta(days=1), until=NOW + timedelta(hours=1))
        shown = index.search(window).mentions
        negative = sum(1 for m in shown if m.is_negative)
        assert index.count(replace(window, sentiments=[SentimentLabel.NEGATIVE])) == negative
    finally:
        index.close()

    again = invoke("reclassify", "--since", since, "--data-dir", str(data))
    assert "已写回 0 条" in again, again


def test_more_than_a_page_of_changes_is_written_and_nobody_is_said_to_correct(
    tmp_path: Path,
) -> None:
    """60 stale mentions (more than a search page of 50): all are written, none is reported
    as corrected during the run, and a run right after writes nothing."""
    data = tmp_path / "var"
    stream = tmp_path / "in.jsonl"
    records = [
        {
            "source": "t",
            "native_id": str(n),
            "text": f"{COMPLAINT}，订单号{n}",
            "published_at": NOW.isoformat(),
        }
        for n in range(60)
    ]
    stream.write_text("\n".join(json.dumps(r, ensure_ascii=False) for r in records), "utf-8")
    invoke("ingest", str(stream), "--data-dir", str(data))
    index = SQLiteMentionIndex(data / "mentions.db")
    try:
        stored = index.search(SearchQuery(limit=100)).mentions
        assert not index.upsert_many([stale_labels(m) for m in stored]).errors
    finally:
        index.close()

    out = invoke("reclassify", "--data-dir", str(data))
    assert "已写回 60 条" in out and "运行期间" not in out, out
    assert "已人工校正" not in out, out
    assert all(m.category != Category.OTHER for m in by_text(data).values())
    again = invoke("reclassify", "--data-dir", str(data))
    assert "已写回 0 条" in again and "运行期间" not in again, again
