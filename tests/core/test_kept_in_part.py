"""Nothing dropped silently: pictures are stored as media, a broken quote costs only the quote."""

from __future__ import annotations

import json
import sqlite3
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from core.context import Context
from core.index.engines.mapping import from_source, mappings, to_document
from core.index.sqlite import SQLiteMentionIndex
from core.models import Author, Mention
from core.pipeline.quotes import split_quote
from tests.core.conftest import mention

PICTURES = ["https://wx3.sinaimg.cn/large/a.jpg", "https://imgsa.baidu.com/forum/b.jpg"]
OWN = "发票到现在还没开，已经催了三次了。"


def test_media_round_trips_through_sqlite_and_older_rows_load(tmp_path: Path) -> None:
    index = SQLiteMentionIndex(tmp_path / "m.db")
    stored = mention("1", "[图片]", media=PICTURES)
    index.upsert_many([stored, mention("2", "鲜味坊退款")])
    assert index.get(stored.id).media == PICTURES  # type: ignore[union-attr]
    index.close()
    # a row written before `media` existed: its document has no such key
    db = sqlite3.connect(tmp_path / "m.db")
    doc = json.loads(db.execute("SELECT doc FROM mentions WHERE id=?", (stored.id,)).fetchone()[0])
    del doc["media"], doc["repairs"]
    with db:
        db.execute("UPDATE mentions SET doc=? WHERE id=?", (json.dumps(doc), stored.id))
    db.close()
    reopened = SQLiteMentionIndex(tmp_path / "m.db")
    old = reopened.get(stored.id)
    assert old is not None and (old.media, old.repairs, old.text) == ([], [], "[图片]")
    reopened.close()


def test_engine_documents_keep_media_without_a_mapping_change() -> None:
    stored = mention("1", "[图片]", media=PICTURES, repairs=["引用部分乱码，已删除"])
    doc = to_document(stored, seq=1, now=datetime(2026, 11, 23, tzinfo=UTC))
    assert doc["media"] == PICTURES
    assert from_source(json.loads(json.dumps(doc))) == stored
    layout = mappings("yuqing_cjk")
    # dynamic: false keeps unmapped fields in _source, so existing monthly indices need no
    # mapping update (and no reindex) to store and return media and repairs
    assert layout["dynamic"] is False and "media" not in layout["properties"]


def test_split_quote_finds_every_mail_clients_marker() -> None:
    for marker in (
        "------------------ 原始邮件 ------------------",
        "-----原始邮件-----",
        "-----Original Message-----",
        '在 2026-11-22 10:00:00，"鲜味坊客服" <kefu@xianweifang.cn> 写道：',
        "On Sun, Nov 22, 2026 at 10:00 AM Kefu <kefu@xianweifang.cn> wrote:",
        "发件人: 鲜味坊客服",
        "> 您好，请提供订单号",
    ):
        assert split_quote(f"{OWN}\n\n{marker}\n旧内容") == (OWN, f"{marker}\n旧内容")
    assert split_quote(OWN) == (OWN, "")


def test_garbled_quote_is_dropped_and_recorded_but_garbled_own_text_is_rejected(
    ctx: Context,
) -> None:
    broken = f"{OWN}\n\n-----原始邮件-----\n主题: 锟斤拷锟斤拷\n锟斤拷锟窖撅拷锟秸碉拷锟斤拷"
    report = ctx.pipeline.process(
        [mention("q", broken), mention("g", "锟斤拷锟斤拷\n-----原始邮件-----\n鲜味坊")]
    )
    assert [m.native_id for m in report.new] == ["q"]
    kept = ctx.index.get(report.new[0].id)
    assert kept is not None and kept.text == OWN
    assert len(kept.repairs) == 1 and "乱码" in kept.repairs[0]
    assert [ref for ref, _ in report.repaired] == ["q"]
    assert [ref for ref, _ in report.rejected] == ["g"] and "乱码" in report.rejected[0][1]
    assert "部分修复 1 条" in report.summary()


def test_an_over_long_text_is_cut_and_says_so(ctx: Context) -> None:
    report = ctx.pipeline.process([mention("long", "鲜味坊" * 8000)])
    kept = report.new[0]
    assert len(kept.text) == 20_000
    assert kept.repairs == ["正文 24000 字，超过 20000 字的部分未保存"]
    # Counted once, as a cut (not also as a repair).
    assert report.truncated == [("long", 24000)] and report.repaired == []
    assert "截断 1 条" in report.summary() and "部分修复" not in report.summary()


def test_picture_and_emoticon_posts_are_not_taken_for_copies(ctx: Context) -> None:
    # One author throughout: only the same author's repeated content collapses (issue 14).
    def post(native_id: str, text: str, **fields: Any) -> Mention:
        return mention(native_id, text, author=Author(id="reader"), **fields)

    batch = [
        post("p1", "[图片]", media=["https://imgsa.baidu.com/forum/1.jpg"]),
        post("p2", "[图片]", media=["https://imgsa.baidu.com/forum/2.jpg"]),
        post("p3", "[图片]", media=["https://imgsa.baidu.com/forum/1.jpg"]),  # same picture
        post("e1", "[怒][怒]"),
        post("e2", "[怒][怒]"),  # a second reaction, not copied text
        post("t1", "鲜味坊退款[怒]"),
        post("t2", "鲜味坊退款[怒]"),  # copied words stay a duplicate
    ]
    report = ctx.pipeline.process(batch)
    assert sorted(m.native_id for m in report.new) == ["e1", "e2", "p1", "p2", "t1"]
    assert report.duplicates == 2


def test_a_repeat_of_a_repaired_mention_is_not_repaired_again(ctx: Context) -> None:
    long = mention("long", "鲜味坊" * 8000)
    broken = mention(
        "q", f"{OWN}\n\n-----原始邮件-----\n主题: 锟斤拷锟斤拷\n锟斤拷锟窖撅拷锟秸碉拷锟斤拷"
    )
    first = ctx.pipeline.process([long, broken])
    assert [r for r, _ in first.repaired] == ["q"] and [r for r, _ in first.truncated] == ["long"]

    again = ctx.pipeline.process([long, broken])  # the next run of a source sees them again

    assert again.duplicates == 2 and not again.new
    assert again.repaired == [] and again.truncated == []
    assert "部分修复" not in again.summary() and "截断" not in again.summary()
