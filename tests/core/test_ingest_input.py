"""`yuqing ingest` with misfit input: bad bytes, huge files, long texts, directories, forged ids."""

from __future__ import annotations

import gc
import json
import subprocess
import sys
import tracemalloc
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from app.cli import app
from core.context import Context
from core.intake import read_records
from core.models import mention_id

runner = CliRunner()
NOW = datetime.now(UTC).isoformat()


def line(n: int, text: str | None = None, **extra: object) -> str:
    """One mention JSON line."""
    record = {"source": "form", "native_id": f"n{n}", "text": text or f"鲜味坊第{n}单没退款"}
    return json.dumps({**record, "published_at": NOW, **extra}, ensure_ascii=False)


def ingest(*args: str) -> tuple[int, str]:
    """Run `yuqing ingest` without alert rules; (exit code, output)."""
    result = runner.invoke(app, ["ingest", *args, "--no-alerts"])
    return result.exit_code, result.output


def test_one_invalid_byte_rejects_only_its_line(tmp_path: Path) -> None:
    path = tmp_path / "big.jsonl"
    with path.open("wb") as out:
        for n in range(1, 50_002):
            raw = line(n).encode()
            if n == 25_000:
                raw = raw.replace("没退款".encode(), b"\xff\xfe")
            out.write(raw + b"\n")
    records = list(read_records(path))
    bad = [r for r in records if r.mention is None]
    assert len(records) == 50_001 and [r.ref for r in bad] == ["big.jsonl:25000"]
    assert "字节 0xff 无法解码" in (bad[0].error or "")


def test_cli_reports_bad_lines_by_number_and_stores_the_rest(tmp_path: Path) -> None:
    path = tmp_path / "in.jsonl"
    lines = [line(1).encode(), b'{"text": "\xff\xfe"}', line(3).encode(), b"{not json"]
    path.write_bytes(b"\n".join(lines) + b"\n")
    code, output = ingest(str(path), "--data-dir", str(tmp_path / "var"))
    assert code == 0, output
    assert "新增 2 条" in output and "拒绝 2 条" in output
    assert "拒绝 in.jsonl:2：不是合法的 UTF-8 文本：第 11 个字节 0xff 无法解码" in output
    assert "拒绝 in.jsonl:4：不是合法的 JSON：键名须用英文双引号括起（第 2 列）" in output


def test_rejected_lines_are_listed_in_line_order(tmp_path: Path) -> None:
    # Line 2 is refused by the pipeline (empty text) when its batch is processed, line 4 while
    # reading (not JSON): the list follows the file all the same.
    path = tmp_path / "in.jsonl"
    path.write_text("\n".join([line(1), line(2, "   "), line(3), "{not json"]), "utf-8")
    code, output = ingest(str(path), "--data-dir", str(tmp_path / "var"))
    assert code == 0 and "新增 2 条" in output and "拒绝 2 条" in output
    assert output.index("拒绝 in.jsonl:2：") < output.index("拒绝 in.jsonl:4：")


def test_a_file_with_every_line_rejected_exits_non_zero(tmp_path: Path) -> None:
    path = tmp_path / "bad.jsonl"
    path.write_text('{"text": "没有来源"}\n{not json\n', encoding="utf-8")
    code, output = ingest(str(path), "--data-dir", str(tmp_path / "var"))
    assert code == 2
    assert "新增 0 条" in output and "拒绝 2 条" in output
    assert "没有导入任何提及：2 行全部被拒绝" in output
    # Lines already stored count as taken: a re-import with one bad line still succeeds.
    good = tmp_path / "good.jsonl"
    good.write_text(line(1) + "\n", encoding="utf-8")
    assert ingest(str(good), "--data-dir", str(tmp_path / "var"))[0] == 0
    good.write_text(line(1) + "\n{not json\n", encoding="utf-8")
    code, output = ingest(str(good), "--data-dir", str(tmp_path / "var"))
    assert code == 0 and "重复 1 条" in output and "拒绝 1 条" in output


def test_reading_is_streamed(tmp_path: Path) -> None:
    path = tmp_path / "many.jsonl"
    path.write_text("\n".join(line(n) for n in range(60_000)), encoding="utf-8")
    tracemalloc.start()
    count = sum(1 for _ in read_records(path))
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    assert count == 60_000
    assert peak < 5 * 1024 * 1024  # the file is ~5 MB: reading it whole would exceed this


def test_long_text_is_cut_and_reported(tmp_path: Path) -> None:
    path = tmp_path / "long.jsonl"
    path.write_text(line(1, "鲜味坊" + "很长的投诉" * 6_000), encoding="utf-8")
    code, output = ingest(str(path), "--data-dir", str(tmp_path / "var"))
    assert code == 0, output
    assert "截断 1 条" in output
    assert "截断 long.jsonl:1：正文 30,003 字" in output


def test_a_time_in_the_future_is_fixed_and_said(tmp_path: Path) -> None:
    path = tmp_path / "future.jsonl"
    future = line(2, published_at="2099-01-01T00:00:00+08:00")
    path.write_text("\n".join([line(1, "鲜味坊" + "很长的投诉" * 6_000), future]), "utf-8")
    code, output = ingest(str(path), "--data-dir", str(tmp_path / "var"))
    assert code == 0, output
    assert "截断 1 条，另修正 1 条" in output  # the cut is counted once, as a cut
    assert "修正 future.jsonl:2：发布时间（2099-01-01T00:00:00+08:00）比采集时间晚" in output
    assert "已按采集时间记录" in output


def test_directory_and_device_are_refused_in_chinese(tmp_path: Path) -> None:
    for target, words in ((tmp_path, "这是一个目录"), (Path("/dev/null"), "不是普通文件")):
        result = subprocess.run(
            [sys.executable, "-m", "app", "ingest", str(target), "--data-dir", str(tmp_path)],
            capture_output=True,
            text=True,
            timeout=120,
        )
        assert result.returncode == 2 and words in result.stderr, result.stderr
        assert "Traceback" not in result.stderr


def test_a_record_cannot_take_another_mentions_id(tmp_path: Path) -> None:
    path = tmp_path / "in.jsonl"
    victim = mention_id("form", "n1")
    forged = line(2, "篡改后的内容", id=victim, metrics={"likes": 99})
    path.write_text(line(1) + "\n" + forged + "\n", encoding="utf-8")
    code, output = ingest(str(path), "--data-dir", str(tmp_path / "var"))
    assert code == 0 and "新增 2 条" in output, output
    ctx = Context.load(None, tmp_path / "var")
    first, second = ctx.index.get(victim), ctx.index.get(mention_id("form", "n2"))
    ctx.close()
    assert first is not None and first.text == "鲜味坊第1单没退款"
    assert second is not None and second.text == "篡改后的内容"


def test_search_export_masks_personal_data(tmp_path: Path) -> None:
    path = tmp_path / "in.jsonl"
    path.write_text(line(1, "鲜味坊退款，电话13812345678"), encoding="utf-8")
    data = ["--data-dir", str(tmp_path / "var")]
    assert ingest(str(path), *data)[0] == 0
    masked = runner.invoke(app, ["search", "退款", "--json", *data]).output
    raw = runner.invoke(app, ["search", "退款", "--json", "--no-mask", *data]).output
    assert "138****5678" in masked and "13812345678" not in masked
    assert "13812345678" in raw


def test_loaded_objects_leave_the_full_collections_after_the_first_batch(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from core.pipeline.pipeline import Pipeline

    frozen: list[int] = []
    process = Pipeline.process

    def recording(self: Pipeline, *args: Any, **kwargs: Any) -> Any:
        frozen.append(gc.get_freeze_count())
        return process(self, *args, **kwargs)

    monkeypatch.setattr(Pipeline, "process", recording)
    path = tmp_path / "in.jsonl"
    path.write_text("\n".join(line(n) for n in range(1, 1_202)) + "\n", encoding="utf-8")
    code, output = ingest(str(path), "--data-dir", str(tmp_path / "var"))
    assert code == 0 and "新增 1201 条" in output, output
    # batches of 500: the first runs as before, the later ones with the loaded heap frozen
    assert len(frozen) == 3 and frozen[0] == 0 and frozen[1] > 0 and frozen[2] > 0
    assert gc.get_freeze_count() == 0  # handed back to the caller's collector


def test_ingest_collects_young_objects_less_often_and_restores_the_collector(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from app.commands.intake import GC_YOUNG
    from core.pipeline.pipeline import Pipeline

    seen: list[tuple[int, int, int]] = []
    process = Pipeline.process

    def recording(self: Pipeline, *args: Any, **kwargs: Any) -> Any:
        seen.append(gc.get_threshold())
        return process(self, *args, **kwargs)

    monkeypatch.setattr(Pipeline, "process", recording)
    before = gc.get_threshold()
    path = tmp_path / "in.jsonl"
    path.write_text("\n".join(line(n) for n in range(1, 3)) + "\n", encoding="utf-8")
    code, output = ingest(str(path), "--data-dir", str(tmp_path / "var"))
    assert code == 0 and "新增 2 条" in output, output
    assert seen and all(t[0] == GC_YOUNG for t in seen)
    assert gc.get_threshold() == before


def test_lines_the_one_pass_reader_refuses_read_as_json_loads_reads_them(tmp_path: Path) -> None:
    # A lone surrogate escape (kept by json.loads), a record without source (filled in from
    # --source), whitespace-only lines and a non-object: the line-by-line way decides them.
    lines = [
        line(1, text="鲜味坊X退款").replace("X", "\\ud800"),
        json.dumps({"native_id": "n2", "text": "鲜味坊没退款", "published_at": NOW}),
        "   \t",
        line(3),
        "[1, 2]",
        line(6, text="a\tb").replace("\\t", "\t"),
    ]
    path = tmp_path / "in.jsonl"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    records = list(read_records(path, source="form"))
    assert [r.ref for r in records] == [f"in.jsonl:{n}" for n in (1, 2, 4, 5, 6)]
    texts = [r.mention.text if r.mention else None for r in records]
    assert texts == ["鲜味坊\ud800退款", "鲜味坊没退款", "鲜味坊第3单没退款", None, None]
    assert records[1].mention is not None and records[1].mention.source == "form"
    assert records[3].error == "每行须为一个 JSON 对象（以 { 开头、} 结尾）"
    assert (records[4].error or "").startswith("不是合法的 JSON：字符串里有未转义的控制字符")
