"""`yuqing search --resolved`: praise after a recovery (补救后好评), as the classifier marks it on
ingest, found by the filter and marked in the table; an older data dir gains the column."""

from __future__ import annotations

import json
import sqlite3
from datetime import UTC, datetime
from pathlib import Path

from typer.testing import CliRunner

from app.cli import app

runner = CliRunner()
PRAISE = "上次投诉快递丢件，客服第二天就全额赔付了，还打电话道歉，处理得挺快"
TEXTS = [
    PRAISE,
    "快递丢件一周了，客服一直推诿，要求赔偿",
    "快递新网点今天开业",
]


def invoke(*args: str) -> str:
    result = runner.invoke(app, list(args))
    assert result.exit_code == 0, result.output
    return result.output


def ingest(data: Path) -> None:
    """`yuqing ingest` of TEXTS (classified by the real pipeline)."""
    now = datetime.now(UTC).isoformat()
    stream = data.parent / "in.jsonl"
    records = [
        {"source": "t", "native_id": str(n), "text": text, "published_at": now}
        for n, text in enumerate(TEXTS, start=1)
    ]
    stream.write_text("\n".join(json.dumps(r, ensure_ascii=False) for r in records), "utf-8")
    invoke("ingest", str(stream), "--data-dir", str(data))


def found(data: Path, *options: str) -> list[str]:
    lines = invoke("search", "快递", *options, "--json", "--data-dir", str(data)).splitlines()
    return sorted(json.loads(line)["text"] for line in lines)


def test_search_resolved_finds_the_praise_and_marks_it(tmp_path: Path) -> None:
    data = tmp_path / "var"
    ingest(data)

    assert found(data, "--resolved") == [PRAISE]
    assert found(data, "--resolved", "--no-complaint") == [PRAISE]
    assert len(found(data)) == 3
    table = invoke("search", "快递", "--data-dir", str(data))
    assert table.count("补救后好评") == 1 and "共 3 条" in table
    only = invoke("search", "--resolved", "--data-dir", str(data))
    assert "共 1 条" in only and "补救后好评" in only and "上次投" in only


def test_resolved_with_complaint_is_refused_in_chinese(tmp_path: Path) -> None:
    data = tmp_path / "var"
    result = runner.invoke(app, ["search", "--resolved", "--complaint", "--data-dir", str(data)])

    assert result.exit_code == 2
    assert "补救后好评从不算投诉" in result.output and "--no-complaint" in result.output
    assert not (data / "mentions.db").exists()  # refused before anything was opened


def test_a_data_dir_from_before_the_column_finds_its_old_praise(tmp_path: Path) -> None:
    data = tmp_path / "var"
    ingest(data)
    db = sqlite3.connect(data / "mentions.db")  # as the previous version left it
    db.execute("DROP INDEX mentions_resolved")
    db.execute("ALTER TABLE mentions DROP COLUMN resolved")
    db.commit()
    db.close()

    assert found(data, "--resolved") == [PRAISE]  # filled from the stored documents
    db = sqlite3.connect(data / "mentions.db")
    values = dict(db.execute("SELECT json_extract(doc, '$.text'), resolved FROM mentions"))
    db.close()
    assert values == {PRAISE: 1, TEXTS[1]: 0, TEXTS[2]: 0}
