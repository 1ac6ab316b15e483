"""Hostile bytes at ingest: lone surrogates and control characters never crash or reach output."""

from __future__ import annotations

import io
import json
from datetime import UTC, datetime
from pathlib import Path

from rich.console import Console
from typer.testing import CliRunner

from app.cli import app
from core.escaping import console_text
from core.models import Mention
from core.pipeline.normalize import normalize

runner = CliRunner()
LONE = "\ud83d"  # the first half of 😡, as a platform that cuts text by UTF-16 units leaves it


def test_lone_surrogates_and_control_characters_are_removed_from_every_shown_field() -> None:
    mention = Mention(
        source="weibo",
        native_id="1",
        text=f"鲜味坊 退款{LONE} 太慢",
        title=f"标题{LONE}",
        author={"name": f"老王\x00\x1b[2J{LONE}", "id": f"u1\x07{LONE}"},
        url=f"https://m.weibo.cn/detail/1{LONE}",
        region=f"广东\x00{LONE}",
        media=[f"https://wx1.sinaimg.cn/1.jpg{LONE}", LONE],
        published_at=datetime(2026, 11, 30, tzinfo=UTC),
    )
    clean = normalize(mention)
    shown = (clean.text, clean.title, clean.author.name, clean.author.id, clean.url, clean.region)
    assert shown == (
        "鲜味坊 退款 太慢",
        "标题",
        "老王[2J",
        "u1",
        "https://m.weibo.cn/detail/1",
        "广东",
    )
    assert clean.media == ["https://wx1.sinaimg.cn/1.jpg"]
    clean.model_dump_json().encode("utf-8")  # encodable: the index and dedup can hash it


def test_ingest_keeps_going_past_a_lone_surrogate_escape(tmp_path: Path) -> None:
    now = datetime.now(UTC).isoformat()
    records = [
        {"source": "weibo", "native_id": "a", "text": f"鲜味坊 退款{LONE}", "published_at": now},
        {"source": "weibo", "native_id": "b", "text": "鲜味坊 好吃", "published_at": now,
         "media": [f"https://wx1.sinaimg.cn/2.jpg{LONE}"]},
    ]  # fmt: skip
    stream = tmp_path / "in.jsonl"
    stream.write_text("\n".join(json.dumps(r) for r in records), encoding="utf-8")  # \ud83d
    args = ["ingest", str(stream), "--data-dir", str(tmp_path / "var"), "--no-alerts"]
    result = runner.invoke(app, args)
    assert result.exit_code == 0, result.output
    assert "新增 2 条" in result.output


def test_a_title_and_an_author_name_past_any_real_length_are_cut_and_noted(
    tmp_path: Path,
) -> None:
    record = {
        "source": "email",
        "native_id": "big",
        "text": "鲜味坊 退款",
        "title": "长标题" * 400_000,
        "author": {"name": "名" * 200_000},
        "published_at": datetime.now(UTC).isoformat(),
    }
    stream = tmp_path / "in.jsonl"
    stream.write_text(json.dumps(record, ensure_ascii=False), encoding="utf-8")
    args = ["ingest", str(stream), "--data-dir", str(tmp_path / "var"), "--no-alerts"]
    result = runner.invoke(app, args)
    assert result.exit_code == 0, result.output
    assert "标题 1200000 字，超过 500 字的部分未保存" in result.output
    clean = normalize(Mention.model_validate(record))
    assert len(clean.title or "") == 500 and clean.author.name == "名" * 100
    assert "作者名 200000 字，超过 100 字的部分未保存" in clean.repairs


def test_console_text_drops_terminal_control_sequences() -> None:
    console = Console(file=io.StringIO(), force_terminal=True, width=120)
    console.print(console_text("老王\x1b[2J\x1b]8;;http://evil.cn\x1b\\点我\x9b"))
    printed = console.file.getvalue()  # type: ignore[attr-defined]
    assert "\x1b[2J" not in printed and "\x1b]8" not in printed and "\x9b" not in printed
    assert "老王" in printed and "点我" in printed


def test_lone_surrogates_in_ids_plans_and_the_source_are_told_in_chinese(tmp_path: Path) -> None:
    """plans, reply_to and repost_of lose the broken character with a Chinese repair note (they
    stopped the mention at the index with 'Error serializing to JSON: UnicodeEncodeError');
    a broken source or native_id (the mention's identity) is refused in Chinese."""
    now = datetime.now(UTC).isoformat()
    records = [
        {"source": "weibo", "native_id": "p", "text": "鲜味坊 退款", "published_at": now,
         "plans": [f"brand{LONE}"]},
        {"source": "weibo", "native_id": "r", "text": "鲜味坊 回复", "published_at": now,
         "reply_to": f"abc{LONE}", "repost_of": LONE},
        {"source": f"weibo{LONE}", "native_id": "s", "text": "鲜味坊 来源", "published_at": now},
        {"source": "weibo", "native_id": f"n{LONE}", "text": "鲜味坊 编号", "published_at": now},
    ]  # fmt: skip
    stream = tmp_path / "in.jsonl"
    stream.write_text("\n".join(json.dumps(r) for r in records), encoding="utf-8")  # \ud83d
    data = str(tmp_path / "var")
    result = runner.invoke(app, ["ingest", str(stream), "--data-dir", data, "--no-alerts"])
    assert result.exit_code == 0, result.output
    output = " ".join(result.output.split())  # rich wraps long lines
    assert "新增 2 条" in output and "拒绝 2 条" in output, output
    for english in ("Error serializing", "UnicodeEncodeError", "unable to parse", "Input should"):
        assert english not in output, output
    for field in ("监测方案（plans）", "回复对象（reply_to）", "转发来源（repost_of）"):
        assert f"{field}含无法保存的字符（孤立的 UTF-16 代理项" in output, output
    for ref, key in (("in.jsonl:3", "source"), ("in.jsonl:4", "native_id")):
        assert f"拒绝 {ref}：{key}：含无法保存的字符（孤立的 UTF-16 代理项" in output, output
    clean = normalize(Mention.model_validate(records[1]))
    assert (clean.reply_to, clean.repost_of) == ("abc", None)
    assert any(note.startswith("回复对象（reply_to）") for note in clean.repairs)
    assert normalize(Mention.model_validate(records[0])).plans == ["brand"]
