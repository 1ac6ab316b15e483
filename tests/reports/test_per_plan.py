"""One report per monitoring plan (`reports.per_plan`): a deployment watching two brands sends
each brand's executives their own 周报 (their plan's numbers, alerts and cases) by mail and to
their own chat group, besides the report of all plans; names that do not exist are refused by
`yuqing check` instead of failing on Monday at 09:00. Real SMTP server, real HTTP receiver."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import yaml
from typer.testing import CliRunner

from app.check import problems
from app.cli import app
from core.context import Context
from reports.config import Period
from reports.scheduled import run_scheduled_report
from tests.reports.conftest import ContextFactory
from tests.reports.factories import PLAN, two_weeks
from tests.support.receivers import HttpReceiver, SmtpInbox

runner = CliRunner()


def settings(smtp_port: int, receiver: HttpReceiver) -> dict[str, Any]:
    hooks = [
        {"name": n, "type": "webhook", "options": {"endpoint": receiver.url(f"/{n}")}}
        for n in ("group-all", "group-other")
    ]
    return {
        "alerting": {"notifiers": hooks},
        "reports": {
            "recipients": ["ceo@example.com"],
            "notifiers": ["group-all"],
            "per_plan": [
                {
                    "plan": "other",
                    "recipients": ["other-vp@example.com"],
                    "notifiers": ["group-other"],
                }
            ],
            "smtp": {"host": "127.0.0.1", "port": smtp_port, "sender": "yuqing@example.com"},
        },
    }


def test_each_plan_gets_its_own_scheduled_report(
    make_ctx: ContextFactory, smtp_inbox: SmtpInbox, receiver: HttpReceiver
) -> None:
    ctx = make_ctx(**settings(smtp_inbox.port, receiver))
    ctx.index.upsert_many(two_weeks())

    first = run_scheduled_report(ctx, Period.WEEKLY)

    assert first is not None and first.data.plan is None
    assert smtp_inbox.recipients == [["ceo@example.com"], ["other-vp@example.com"]]
    subjects = [m["Subject"] for m in smtp_inbox.messages]
    assert "监测方案 其他" not in subjects[0] and "监测方案 其他" in subjects[1]
    by_path = {r.path: r.json for r in receiver.requests}
    assert set(by_path) == {"/group-all", "/group-other"}
    assert "监测方案 其他" in by_path["/group-other"]["title"]
    assert "weekly-2026-11-16-other" in by_path["/group-other"]["message"]
    stored = sorted(p.name for p in (ctx.data_dir / "reports").iterdir())
    assert stored == ["weekly-2026-11-16", "weekly-2026-11-16-other"]
    # the plan's report counts its own mentions only (one of the week's is plan "other")
    other = json.loads((ctx.data_dir / "reports" / stored[1] / "meta.json").read_text())
    assert other["plan"] == "other" and other["mentions"] == 1


def test_names_in_per_plan_are_checked(make_ctx: ContextFactory, receiver: HttpReceiver) -> None:
    hook = {"name": "pr-group", "type": "webhook", "options": {"endpoint": receiver.url("/h")}}
    ctx = make_ctx(
        alerting={"notifiers": [hook]},
        reports={
            "plan": "acm",
            "recipients": ["ceo"],
            "per_plan": [
                {"plan": "othr", "notifiers": ["pr-gruop"], "recipients": ["vp@example.com"]},
                {"plan": "other", "recipients": [], "notifiers": []},
                {"plan": "other", "recipients": ["a@example.com"]},
            ],
        },
    )
    found = problems(ctx)
    assert "reports.recipients[0]：'ceo' 不是邮箱地址；写作 name@example.com，每项一个地址" in found
    assert (
        f"reports.plan：未知的监测方案 'acm'；是不是 {PLAN}？已配置：{PLAN}（示例）、other（其他）"
        in found
    )
    assert any(
        p.startswith("reports.per_plan[0].plan：未知的监测方案 'othr'；是不是 other？")
        for p in found
    )
    assert any(
        p.startswith(
            "reports.per_plan[0].notifiers[0]：未定义的通知渠道 'pr-gruop'；是不是 pr-group？"
        )
        for p in found
    )
    assert "reports.per_plan[1]：没有 recipients 也没有 notifiers，这份报告发不给任何人" in found


def test_the_cli_mails_a_plans_report_to_that_plans_recipients(
    tmp_path: Path, smtp_inbox: SmtpInbox, receiver: HttpReceiver
) -> None:
    raw = {
        "brand": "示例品牌",
        "timezone": "Asia/Shanghai",
        "plans": [
            {"id": PLAN, "name": "示例", "expression": "示例"},
            {"id": "other", "name": "其他", "expression": "其他"},
        ],
        **settings(smtp_inbox.port, receiver),
    }
    config = tmp_path / "yuqing.yaml"
    config.write_text(yaml.safe_dump(raw, allow_unicode=True), encoding="utf-8")
    data_dir = tmp_path / "var"
    ctx = Context.load(config, data_dir)
    ctx.index.upsert_many(two_weeks())
    ctx.close()
    args = ["--config", str(config), "--data-dir", str(data_dir), "--now", "2026-11-23T10:00"]

    result = runner.invoke(app, ["report", "weekly", "--plan", "other", "--email", *args])

    assert result.exit_code == 0, result.output
    assert "已发送至 other-vp@example.com" in result.output
    assert smtp_inbox.recipients == [["other-vp@example.com"]]
