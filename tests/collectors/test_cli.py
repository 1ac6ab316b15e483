"""`yuqing sources list | run | reset` on a config file with a local RSS feed."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml
from typer.testing import CliRunner

from collectors.cli import sources_app
from core.context import Context
from core.lease_view import SOURCE_PREFIX
from core.leases import LeaseKeeper
from tests.collectors.conftest import FAST
from tests.collectors.site import Page, fixture

runner = CliRunner()


def use_sources(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, sources: list[Any]) -> None:
    """Point the CLI (YUQING_CONFIG, YUQING_DATA_DIR) at a config holding these sources."""
    config = tmp_path / "yuqing.yaml"
    config.write_text(yaml.safe_dump({"sources": sources}, allow_unicode=True), encoding="utf-8")
    monkeypatch.setenv("YUQING_CONFIG", str(config))
    monkeypatch.setenv("YUQING_DATA_DIR", str(tmp_path / "data"))
    monkeypatch.setenv("YUQING_CLASSIFIER__MODEL", "snownlp")  # the light classifier


def test_list_run_reset(site, tmp_path, monkeypatch):
    site.route("/feed", fixture("atom_news.xml", content_type="application/xml"))
    site.route("/blocked", Page(b"", 403, "text/html"))
    sources = [
        {
            "name": "news",
            "type": "rss",
            "backfill": "3650d",
            "options": {**FAST, "urls": [site.url + "/feed"]},
        },
        {"name": "walled", "type": "rss", "options": {**FAST, "urls": [site.url + "/blocked"]}},
    ]
    use_sources(tmp_path, monkeypatch, sources)

    ran = runner.invoke(sources_app, ["run", "news"])
    blocked = runner.invoke(sources_app, ["run", "walled"], env={"COLUMNS": "250"})
    listed = runner.invoke(sources_app, ["list"], env={"COLUMNS": "250"})
    skipped = runner.invoke(sources_app, ["run", "walled"])
    reset = runner.invoke(sources_app, ["reset", "walled"])
    unknown = runner.invoke(sources_app, ["run", "nope"])

    assert ran.exit_code == 0 and "新增 1 条" in ran.output, ran.output
    assert blocked.exit_code == 1 and "拒绝 0 条，0 页" in blocked.output
    assert "被目标站点拦截：HTTP 403：" in blocked.output
    assert "更新 cookie 或放慢频率" in blocked.output  # what to do, not only what happened
    assert "yuqing sources reset walled" in blocked.output
    assert "正常" in listed.output and "被封锁/冷却中" in listed.output
    assert (
        skipped.exit_code == 1 and "冷却至 " in skipped.output and "（北京时间）" in skipped.output
    )
    assert reset.exit_code == 0
    assert (
        runner.invoke(sources_app, ["run", "walled"]).exit_code == 1
    )  # runs again (and is blocked)
    assert "没有名为 'nope' 的数据源" in str(unknown.exception)


def test_a_lost_feed_shows_as_partial_with_its_count(site, tmp_path, monkeypatch):
    site.route("/feed", fixture("atom_news.xml", content_type="application/xml"))
    urls = [site.url + "/feed", site.url + "/gone"]  # the second route was removed: 404
    sources = [
        {"name": "news", "type": "rss", "backfill": "3650d", "options": {**FAST, "urls": urls}}
    ]
    use_sources(tmp_path, monkeypatch, sources)

    ran = runner.invoke(sources_app, ["run", "news"])
    listed = runner.invoke(sources_app, ["list"], env={"COLUMNS": "300"})

    assert ran.exit_code == 0 and "部分成功(有损失)" in ran.output, ran.output
    assert "新增 1 条" in ran.output and "1 处损失" in ran.output and "HTTP 404" in ran.output
    row = next(line for line in listed.output.splitlines() if "news" in line)
    assert "部分成功" in row and "1/1" in row and "HTTP 404" in listed.output


def test_run_now_leaves_a_source_a_worker_holds_unless_forced(site, tmp_path, monkeypatch):
    site.route("/feed", fixture("atom_news.xml", content_type="application/xml"))
    feed = {**FAST, "urls": [site.url + "/feed"]}
    source = {"name": "news", "type": "rss", "backfill": "3650d", "options": feed}
    use_sources(tmp_path, monkeypatch, [source])
    ctx = Context.load(tmp_path / "yuqing.yaml", tmp_path / "data")
    worker = LeaseKeeper(ctx.sessions, ["news"], worker="host-a:4242:abcdef")
    assert worker.may_collect("news")  # a running `yuqing run` is responsible for it

    refused = runner.invoke(sources_app, ["run", "news"])
    assert refused.exit_code != 0 and "新增" not in refused.output
    assert "数据源 news 正由工作进程 host-a:4242 负责采集" in str(refused.exception)
    assert "加 --force 仍然立即运行" in str(refused.exception)
    assert worker.holder(SOURCE_PREFIX + "news") == "host-a:4242:abcdef"  # still the worker's

    forced = runner.invoke(sources_app, ["run", "news", "--force"])
    assert forced.exit_code == 0 and "新增 1 条" in forced.output, forced.output

    worker.release_all()  # the worker stopped: a manual run holds the source while it runs
    ran = runner.invoke(sources_app, ["run", "news"])
    assert ran.exit_code == 0, ran.output
    assert worker.holder(SOURCE_PREFIX + "news") is None  # and gives it back afterwards
    ctx.close()
