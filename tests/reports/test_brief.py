"""舆情简报: a scheduled report also goes to chat groups (reports.notifiers) as one short
message — verdict, headline numbers, what needs attention, a link that opens the report on the
dashboard — through the alert delivery queue, to a real local HTTP receiver."""

from __future__ import annotations

import html
from pathlib import Path
from typing import Any

import pytest
import streamlit as st
import yaml
from streamlit.testing.v1 import AppTest
from typer.testing import CliRunner

from alerting.enums import DeliveryStatus
from alerting.models import Delivery
from app.check import problems
from app.cli import app
from core.context import Context
from reports.config import Period
from reports.scheduled import run_scheduled_report
from tests.reports.conftest import ContextFactory
from tests.reports.factories import two_weeks
from tests.reports.test_dashboard_page import PAGE
from tests.support.receivers import HttpReceiver

runner = CliRunner()


def hook(receiver: HttpReceiver) -> dict[str, Any]:
    return {"name": "pr-group", "type": "webhook", "options": {"endpoint": receiver.url("/hook")}}


def settings(receiver: HttpReceiver) -> dict[str, Any]:
    return {
        "alerting": {"notifiers": [hook(receiver)]},
        "reports": {"notifiers": ["pr-group"]},
        "dashboard": {"public_url": "https://yuqing.brand.cn"},
    }


def test_the_scheduled_weekly_report_reaches_the_group_as_a_brief(
    make_ctx: ContextFactory, receiver: HttpReceiver
) -> None:
    ctx = make_ctx(**settings(receiver))
    ctx.index.upsert_many(two_weeks())

    report = run_scheduled_report(ctx, Period.WEEKLY)

    assert report is not None
    [request] = receiver.requests
    title, message = request.json["title"], request.json["message"]
    assert title.startswith("【示例品牌") and "舆情周报 2026-11-16 至 2026-11-22" in title
    assert "核心结论" in message and report.data.verdict is not None
    assert report.data.verdict.lines[0] in message
    assert "提及总量：" in message and "负面占比：" in message and "口碑指数：" in message
    link = f"https://yuqing.brand.cn/reports?report={report.directory.name}"
    assert f"[查看完整报告]({link})" in message and "在舆情控制台查看" not in message
    attention = report.data.attention
    assert attention and f"1. {attention[0].text}" in message
    assert message.count("\n1. ") + message.count("\n2. ") + message.count("\n3. ") <= 3
    with ctx.sessions() as session:
        [row] = session.query(Delivery).all()
        assert (row.notifier, row.status, row.severity) == ("pr-group", DeliveryStatus.SENT, "low")


def test_an_empty_week_says_so(make_ctx: ContextFactory, receiver: HttpReceiver) -> None:
    ctx = make_ctx(**settings(receiver))

    run_scheduled_report(ctx, Period.WEEKLY)

    [request] = receiver.requests
    assert "本周没有提及" in request.json["message"]


def test_an_unknown_group_name_is_refused_with_the_names_there_are(
    make_ctx: ContextFactory, receiver: HttpReceiver
) -> None:
    ctx = make_ctx(
        alerting={"notifiers": [hook(receiver)]}, reports={"notifiers": ["pr-gruop", "ceo"]}
    )
    assert problems(ctx) == [
        "reports.notifiers[0]：未定义的通知渠道 'pr-gruop'；是不是 pr-group？"
        "已定义（alerting.notifiers）：pr-group",
        "reports.notifiers[1]：未定义的通知渠道 'ceo'；已定义（alerting.notifiers）：pr-group",
    ]


def write_config(folder: Path, **sections: Any) -> Path:
    config = folder / "yuqing.yaml"
    raw = {"brand": "示例品牌", "plans": [{"id": "acme", "name": "示例", "expression": "示例"}]}
    config.write_text(yaml.safe_dump(raw | sections, allow_unicode=True), "utf-8")
    return config


def test_report_notify_sends_the_brief_now(tmp_path: Path, receiver: HttpReceiver) -> None:
    config = write_config(tmp_path, **settings(receiver))
    data_dir = tmp_path / "var"
    ctx = Context.load(config, data_dir)
    ctx.index.upsert_many(two_weeks())
    ctx.close()
    args = ["--config", str(config), "--data-dir", str(data_dir), "--now", "2026-11-24T09:00"]

    result = runner.invoke(app, ["report", "weekly", "--notify", *args])

    assert result.exit_code == 0, result.output
    assert "简报已发到 pr-group" in result.output
    assert len(receiver.requests) == 1


def test_notify_without_groups_says_what_to_configure(tmp_path: Path) -> None:
    config = write_config(tmp_path)
    data_dir = tmp_path / "var"
    ctx = Context.load(config, data_dir)
    ctx.index.upsert_many(two_weeks())
    ctx.close()
    args = ["--config", str(config), "--data-dir", str(data_dir)]

    result = runner.invoke(app, ["report", "weekly", "--notify", *args])

    assert result.exit_code != 0
    assert not (data_dir / "reports").exists()  # refused before rendering
    assert "reports.notifiers 为空" in str(result.exception)


@pytest.fixture
def two_reports(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Two stored weekly reports; the dashboard's env vars name their data dir."""
    config = write_config(tmp_path)
    data_dir = tmp_path / "var"
    for now in ("2026-11-17T09:00", "2026-11-24T09:00"):
        args = ["--config", str(config), "--data-dir", str(data_dir), "--now", now]
        if now.startswith("2026-11-17"):
            ctx = Context.load(config, data_dir)
            ctx.index.upsert_many(two_weeks())
            ctx.close()
        assert runner.invoke(app, ["report", "weekly", *args]).exit_code == 0
    monkeypatch.setenv("YUQING_CONFIG", str(config))
    monkeypatch.setenv("YUQING_DATA_DIR", str(data_dir))
    st.cache_resource.clear()
    return sorted(p.name for p in (data_dir / "reports").iterdir())


def test_the_link_in_the_brief_opens_that_report(two_reports: list[str]) -> None:
    older, newer = two_reports
    page = AppTest.from_file(PAGE, default_timeout=120)
    page.query_params["report"] = older
    page.run()
    assert not page.exception
    assert older in page.selectbox[-1].value.directory.name

    gone = AppTest.from_file(PAGE, default_timeout=120)
    gone.query_params["report"] = "weekly-2020-01-06"
    gone.run()
    assert "没有找到报告 weekly-2020-01-06" in html.unescape(gone.warning[0].value)
    assert gone.selectbox[-1].value.directory.name == newer
    st.cache_resource.clear()
