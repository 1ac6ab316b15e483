"""Commands that only read refuse a data dir without stores (a mistyped --data-dir) and leave
it as it was; the commands that fill a store still create one."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.support.cli_run import run

READERS = [
    ["alerts", "list"],
    ["alerts", "list", "--status", "all"],
    ["alerts", "ack", "1"],
    ["search", "退款"],
    ["report", "weekly"],
    ["events", "list"],
    ["case", "list"],
    ["sources", "list"],
    ["label", "list"],
    ["user", "list"],
]


@pytest.mark.parametrize("args", READERS, ids=" ".join)
def test_a_reader_refuses_a_missing_data_dir_and_creates_nothing(
    args: list[str],
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    missing = tmp_path / "nonexist"
    code, printed = run([*args, "--data-dir", str(missing)], monkeypatch, capsys)
    assert code == 2
    assert f"数据目录 {missing} 不存在" in printed.replace("\n", ""), printed
    assert not missing.exists()


def test_an_existing_folder_without_stores_is_refused_too(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    code, printed = run(["alerts", "list", "--data-dir", str(tmp_path)], monkeypatch, capsys)
    assert code == 2 and f"数据目录 {tmp_path} 里没有 yuqing 的数据" in printed
    assert list(tmp_path.iterdir()) == []


def one_post(folder: Path) -> Path:
    """A one-line JSONL stream to ingest."""
    stream = folder / "in.jsonl"
    row = {"source": "weibo", "native_id": "1", "text": "鲜味坊退款难",
           "published_at": "2026-11-20T10:00:00+08:00"}  # fmt: skip
    stream.write_text(json.dumps(row, ensure_ascii=False), encoding="utf-8")
    return stream


def test_ingest_creates_the_store_and_readers_then_read_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    stream = one_post(tmp_path)
    data = str(tmp_path / "new")
    code, printed = run(
        ["ingest", str(stream), "--no-alerts", "--data-dir", data], monkeypatch, capsys
    )
    assert code == 0 and "新增 1 条" in printed
    code, printed = run(["alerts", "list", "--data-dir", data], monkeypatch, capsys)
    assert code == 0 and "没有预警。" in printed


def test_a_folder_whose_subfolder_holds_the_data_names_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """`make run` keeps the demo's data in var/demo; `yuqing report daily` looks in var."""
    stream = one_post(tmp_path)
    var = tmp_path / "var"
    demo = var / "demo"
    code, _ = run(
        ["ingest", str(stream), "--no-alerts", "--data-dir", str(demo)], monkeypatch, capsys
    )
    assert code == 0
    code, printed = run(["alerts", "list", "--data-dir", str(var)], monkeypatch, capsys)
    flat = printed.replace("\n", "")
    assert code == 2 and f"数据在子目录 {demo}" in flat and f"加 --data-dir {demo}" in flat
