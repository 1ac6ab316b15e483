"""The 数据源状态 dashboard page shows health, blocking and what to do about it."""

from __future__ import annotations

import json
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
import streamlit as st
import yaml
from streamlit.testing.v1 import AppTest
from typer.testing import CliRunner

from app.cli import app
from bench.synthetic import PassThroughClassifier, make_mention
from collectors.state import SourceState, SourceStatus
from core.context import Context
from core.timeutil import SimulatedClock

PAGE = str(Path(__file__).resolve().parents[2] / "dashboard" / "views" / "sources.py")


@pytest.fixture(autouse=True)
def fresh_caches() -> Iterator[None]:
    """Streamlit's resource cache would keep the previous test's context."""
    st.cache_resource.clear()
    yield
    st.cache_resource.clear()


def with_states(tmp_path: Path, raw: dict[str, Any], *states: SourceState) -> Path:
    """A config file holding `raw`, its data dir holding these stored source states."""
    config = tmp_path / "yuqing.yaml"
    config.write_text(yaml.safe_dump(raw, allow_unicode=True), "utf-8")
    ctx = Context.load(config, tmp_path / "var")
    with ctx.sessions.begin() as session:
        session.add_all(states)
    ctx.close()
    return config


def collected_late(config: Path) -> None:
    """25 heimao posts ingested into the config's data dir, each collected 8 minutes after it
    was posted (the store's clock at their publication: no back-fill)."""
    posted = datetime(2026, 3, 2, 10, 0, tzinfo=UTC)
    loaded = Context.load(config, config.parent / "var")
    ctx = Context(
        config=loaded.config, data_dir=config.parent / "var", clock=SimulatedClock(posted)
    )
    loaded.close()
    ctx.__dict__["classifier"] = PassThroughClassifier()
    posts = [make_mention(f"p{n}", posted, f"退款被拒第{n}次", source="heimao") for n in range(25)]
    ctx.pipeline.process(
        [m.model_copy(update={"collected_at": posted + timedelta(minutes=8)}) for m in posts]
    )
    ctx.close()


def open_page(config: Path, monkeypatch: pytest.MonkeyPatch) -> AppTest:
    """The 数据源状态 page run on this config and its data dir (tmp_path/var)."""
    monkeypatch.setenv("YUQING_CONFIG", str(config))
    monkeypatch.setenv("YUQING_DATA_DIR", str(config.parent / "var"))
    app = AppTest.from_file(PAGE, default_timeout=60).run()
    assert not app.exception
    return app


def test_blocked_source_is_explained(tmp_path, monkeypatch):
    sources = [
        {"name": "weibo", "type": "weibo_search", "options": {"keywords": ["x"]}},
        {"name": "feeds", "type": "rss", "options": {"urls": ["http://x"]}},
    ]
    blocked = SourceState(name="weibo", type="weibo_search", status=SourceStatus.BLOCKED)
    blocked.last_error, blocked.consecutive_failures = "被目标站点拦截：HTTP 418", 2
    lossy = SourceState(name="feeds", type="rss", status=SourceStatus.PARTIAL)
    lossy.losses_last_run, lossy.losses_total = 2, 5
    lossy.last_loss = "2 处损失，首个：HTTP 404 页面未取到：http://x/comments"
    pushed = SourceState(name="webhook", type="webhook", status=SourceStatus.OK)
    raw = {"sources": sources, "webhook": {"enabled": True, "secret": "s"}}
    config = with_states(tmp_path, raw, blocked, pushed, lossy)

    app = open_page(config, monkeypatch)

    table = app.dataframe[0].value
    assert list(table["数据源"]) == ["weibo", "feeds", "webhook"]  # pushed mentions too
    assert list(table["状态"]) == ["被封锁/冷却中", "部分成功(有损失)", "正常"]  # colours, no emoji
    assert table["类型"][0] == "微博搜索" and table["最近错误"][0] == "被目标站点拦截：HTTP 418"
    assert (table["本次损失"][1], table["累计损失"][1]) == (2, 5)
    assert table["最近损失"][1].startswith("2 处损失") and table["最近损失"][0] == ""
    assert "2 个数据源异常或有损失" in app.error[0].value
    assert "cookie" in app.caption[0].value
    assert "404" in app.caption[1].value  # the first loss is named under the table
    assert any("已存校正（按提及计" in c.value and "情感 0 条" in c.value for c in app.caption)


def test_a_mailbox_that_cannot_be_read_gets_mailbox_advice(tmp_path, monkeypatch):
    options = {"host": "127.0.0.1", "username": "u", "password": "p"}
    failed = SourceState(name="mailbox", type="email", status=SourceStatus.DEGRADED)
    failed.last_error = "无法连接邮箱 127.0.0.1:993：连接被拒绝：检查 host/port/ssl 与防火墙"
    raw = {"sources": [{"name": "mailbox", "type": "email", "options": options}]}
    config = with_states(tmp_path, raw, failed)

    app = open_page(config, monkeypatch)

    advice = app.caption[0].value
    assert "host/port/ssl" in advice
    assert "选择器" not in advice and "页面" not in advice


def test_the_adapted_models_training_time_is_in_the_configured_zone(tmp_path, monkeypatch):
    from sentiment.adaptation.model import new_adapter
    from sentiment.adaptation.service import adapted_path
    from sentiment.model import load_models

    config = tmp_path / "yuqing.yaml"
    config.write_text("brand: 鲜味坊\ntimezone: Europe/Berlin\n", "utf-8")
    Context.load(config, tmp_path / "var").close()
    adapter = new_adapter(load_models().heads.idf)
    adapter.meta.update(trained_at="2026-12-02T20:15:00+00:00", last_correction_id=0)
    path = adapted_path(tmp_path / "var")
    path.parent.mkdir(parents=True, exist_ok=True)
    adapter.save(path)

    app = open_page(config, monkeypatch)

    trained = [c.value for c in app.caption if "训练于" in c.value]
    assert trained and "2026-12-02 21:15（Europe/Berlin）" in trained[0], trained


def test_pushed_source_names_and_losses_are_shown_as_text(tmp_path, monkeypatch):
    pushed = SourceState(name="![](http://127.0.0.1:9/p.png)", type="webhook")
    pushed.status, pushed.losses_last_run = SourceStatus.PARTIAL, 1
    pushed.last_loss = "1 处损失，首个：[点我](http://evil.cn/comments) **速看**"
    config = with_states(tmp_path, {"webhook": {"enabled": True, "secret": "s"}}, pushed)
    app = open_page(config, monkeypatch)
    shown = " ".join(m.value for m in [*app.error, *app.caption])
    assert "127&#46;0&#46;0&#46;1" in shown and "点我" in shown
    assert "![" not in shown and "](" not in shown and "**" not in shown


# Every mention from `yuqing ingest` files: each run is listed (when, file, lines read, stored,
# duplicates, rejected lines with their reasons), not "no sources".
def ingest_lines(tmp_path: Path, name: str, lines: list[str]) -> None:
    """`yuqing ingest` one file of these lines."""
    stream = tmp_path / name
    stream.write_text("\n".join(lines) + "\n", "utf-8")
    args = ["--config", str(tmp_path / "yuqing.yaml"), "--data-dir", str(tmp_path / "var")]
    result = CliRunner().invoke(app, ["ingest", str(stream), *args])
    assert result.exit_code == 0, result.output


def post(n: int) -> str:
    stamp = datetime.now(UTC).isoformat()
    text = f"鲜味坊外卖送错了第{n}次"
    return json.dumps(
        {"source": "export", "native_id": str(n), "published_at": stamp, "text": text}
    )


def test_ingested_files_are_listed_with_what_became_of_each_line(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    config = tmp_path / "yuqing.yaml"
    config.write_text("brand: 鲜味坊\n", "utf-8")
    page = open_page(config, monkeypatch)
    assert "也没有用 yuqing ingest 导入过文件" in page.info[0].value

    ingest_lines(tmp_path, "week.jsonl", [post(1), post(2), post(2), '{"text": "坏行', post(3)])
    page = open_page(config, monkeypatch)

    assert "尚未配置数据源" not in page.info[0].value and "yuqing ingest" in page.info[0].value
    table = page.dataframe[0].value
    assert list(table["文件"]) == ["week.jsonl"] and list(table["状态"]) == ["完成"]
    counts = ["读取行数", "新增", "重复", "拒绝"]
    assert [int(table[column][0]) for column in counts] == [5, 3, 1, 1]
    (said,) = [c.value for c in page.caption if "拒绝 1 行" in c.value]
    assert "4：不是合法的 JSON" in said  # line 4 and why (file names are escaped for markdown)
    where = ["--config", str(config), "--data-dir", str(tmp_path / "var")]
    listed = CliRunner().invoke(app, ["sources", "list", *where], env={"COLUMNS": "200"})
    assert "现有提及来自 yuqing ingest 导入的文件" in listed.output
    assert "week.jsonl" in listed.output
    assert "读取 5 行：新增 3，更新 0，重复 1，拒绝 1，截断 0" in listed.output


def test_a_replayed_streams_lag_is_shown_without_saying_nothing_was_imported(tmp_path, monkeypatch):
    """A data dir a replay filled (no source configured, no file ingested) showed 尚未配置数据源…
    也没有用 yuqing ingest 导入过文件 above its sources' collection lag."""
    config = with_states(tmp_path, {"brand": "鲜味坊"})
    collected_late(config)
    page = open_page(config, monkeypatch)
    told = " ".join(info.value for info in page.info)
    assert "回放" in told and "尚未配置数据源" not in told
    # a replay's posts name their collector's type (heimao): said in Chinese
    assert any("黑猫投诉：采集延迟 中位 8 分钟" in caption.value for caption in page.caption)


def test_a_configured_sources_lag_stands_beside_its_last_success(tmp_path, monkeypatch):
    """The 采集延迟 column stood last, past the right edge of a 15-column table, and repeated
    its own name in every cell."""
    raw = {"sources": [{"name": "heimao", "type": "rss", "options": {"urls": ["http://x"]}}]}
    config = with_states(tmp_path, raw)
    collected_late(config)
    table = open_page(config, monkeypatch).dataframe[0].value
    columns = list(table.columns)
    assert columns.index("采集延迟") == columns.index("上次成功") + 1
    assert table["采集延迟"][0].startswith("中位 8 分钟 / 90% 8 分钟内")
