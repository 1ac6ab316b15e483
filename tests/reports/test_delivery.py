"""Delivery: e-mail to a local SMTP server, the `report` CLI, the scheduled weekly job."""

from __future__ import annotations

from email.message import EmailMessage
from pathlib import Path
from typing import Any

import pytest
import yaml
from apscheduler.schedulers.background import BackgroundScheduler
from typer.testing import CliRunner

from core.context import Context
from core.errors import NotConfigured
from reports.cli import report_app
from reports.config import Period
from reports.period import last_full
from reports.render import render_html
from reports.scheduled import job_id, register_jobs, run_scheduled_report
from reports.service import build_data, email_report, generate, plain_text
from reports.store import list_reports
from tests.reports.conftest import ContextFactory
from tests.reports.factories import NOW, PLAN, TZ, two_weeks
from tests.support.receivers import SmtpInbox


def mail_settings(port: int) -> dict[str, Any]:
    return {
        "recipients": ["boss@example.com", "pr@example.com"],
        "smtp": {"host": "127.0.0.1", "port": port, "sender": "yuqing@example.com"},
    }


def check_report_mail(message: EmailMessage, title: str) -> None:
    assert title in message["Subject"] and "示例品牌" in message["Subject"]
    text = message.get_body(("plain",))
    html = message.get_body(("html",))
    assert text is not None and "提及总量" in text.get_content()
    assert html is not None and 'src="cid:chart-trend@yuqing"' in html.get_content()
    images = [p for p in message.walk() if p.get_content_type() == "image/png"]
    assert "<chart-trend@yuqing>" in [p["Content-ID"] for p in images]
    pdfs = [p for p in message.iter_attachments() if p.get_content_type() == "application/pdf"]
    assert len(pdfs) == 1 and pdfs[0].get_filename().endswith(".pdf")
    assert pdfs[0].get_content()[:5] == b"%PDF-"


def test_email_arrives_with_pdf_attachment(make_ctx: ContextFactory, smtp_inbox: SmtpInbox) -> None:
    ctx = make_ctx(reports=mail_settings(smtp_inbox.port))
    ctx.index.upsert_many(two_weeks())
    report = generate(ctx, last_full(Period.WEEKLY, NOW, TZ), plan=PLAN)
    assert email_report(ctx, report) == ["boss@example.com", "pr@example.com"]
    [message] = smtp_inbox.messages
    assert smtp_inbox.recipients == [["boss@example.com", "pr@example.com"]]
    check_report_mail(message, "舆情周报")
    assert message.get_body(("plain",)).get_content().count("\n- ") >= 3  # type: ignore[union-attr]
    # The plan by its name, not its id: the reader knows 示例, not acme.
    assert message["Subject"].startswith("【示例品牌 · 监测方案 示例】舆情周报")
    assert '<div class="brand">示例品牌 · 监测方案 示例</div>' in report.html


def test_a_report_of_several_plans_says_it_counts_them_all(make_ctx: ContextFactory) -> None:
    """Without --plan the numbers are those of every plan (示例 and 其他): the header says so
    instead of passing them off as the brand's alone."""
    ctx = make_ctx()
    ctx.index.upsert_many(two_weeks())
    data = build_data(ctx, last_full(Period.WEEKLY, NOW, TZ))
    html = render_html(data, {}, TZ)
    assert '<div class="brand">示例品牌 · 全部监测方案：示例、其他</div>' in html
    assert plain_text(data).startswith("示例品牌 · 全部监测方案：示例、其他 舆情周报")


def test_email_without_recipients_says_what_to_configure(make_ctx: ContextFactory) -> None:
    ctx = make_ctx()
    report = generate(ctx, last_full(Period.DAILY, NOW, TZ))
    with pytest.raises(NotConfigured, match=r"reports\.recipients 为空"):
        email_report(ctx, report)


def write_config(tmp_path: Path, **reports: Any) -> Path:
    path = tmp_path / "yuqing.yaml"
    config = {
        "brand": "示例品牌",
        "timezone": "Asia/Shanghai",
        "plans": [{"id": PLAN, "name": "示例", "expression": "示例"}],
    }
    if reports:
        config["reports"] = reports
    path.write_text(yaml.safe_dump(config, allow_unicode=True), "utf-8")
    return path


def seed(config: Path, data_dir: Path) -> None:
    ctx = Context.load(config, data_dir)
    ctx.index.upsert_many(two_weeks())
    ctx.close()


def test_cli_weekly_writes_html_pdf_and_emails(tmp_path: Path, smtp_inbox: SmtpInbox) -> None:
    config, data_dir, out = (
        write_config(tmp_path, **mail_settings(smtp_inbox.port)),
        tmp_path / "var",
        tmp_path / "out",
    )
    seed(config, data_dir)
    args = [
        "weekly",
        "--config",
        str(config),
        "--data-dir",
        str(data_dir),
        "--now",
        "2026-11-23T09:00",
    ]
    result = CliRunner().invoke(report_app, [*args, "--plan", PLAN, "--out", str(out), "--email"])
    assert result.exit_code == 0, result.output
    assert "40 条提及" in result.output
    assert (out / "report.html").is_file() and (out / "report.pdf").read_bytes()[:5] == b"%PDF-"
    check_report_mail(smtp_inbox.messages[0], "舆情周报")


def test_cli_daily_monthly_and_custom_ranges(tmp_path: Path) -> None:
    config, data_dir = write_config(tmp_path), tmp_path / "var"
    seed(config, data_dir)
    common = ["--config", str(config), "--data-dir", str(data_dir), "--now", "2026-11-23T09:00"]
    runner = CliRunner()
    assert runner.invoke(report_app, ["daily", *common]).exit_code == 0
    assert runner.invoke(report_app, ["monthly", *common]).exit_code == 0
    custom = ["weekly", "--period", "weekly", "--from", "2026-11-09", "--to", "2026-11-22", *common]
    assert runner.invoke(report_app, custom).exit_code == 0
    stored = {r.directory.name: r for r in list_reports(data_dir)}
    assert set(stored) == {"daily-2026-11-22", "monthly-2026-10-01", "weekly-2026-11-09-2026-11-22"}
    assert "舆情日报" in stored["daily-2026-11-22"].html_path.read_text("utf-8")
    assert "本月无数据" in stored["monthly-2026-10-01"].html_path.read_text("utf-8")
    assert stored["weekly-2026-11-09-2026-11-22"].meta["mentions"] == 61


def test_cli_rejects_bad_input_with_a_clear_message(tmp_path: Path) -> None:
    config = write_config(tmp_path)
    common = ["--config", str(config), "--data-dir", str(tmp_path / "var")]
    store = Context.load(config, tmp_path / "var")
    store.engine  # noqa: B018 (creates the store: a report refuses a data dir without one)
    store.close()
    result = CliRunner().invoke(report_app, ["weekly", "--from", "2026-13-01", *common])
    assert "--from '2026-13-01'：日期请写成 YYYY-MM-DD" in str(result.exception)
    result = CliRunner().invoke(report_app, ["weekly", "--plan", "nope", *common])
    assert "未知的监测方案 'nope'" in str(result.exception)


def test_weekly_job_defaults_to_monday_nine_local(make_ctx: ContextFactory) -> None:
    scheduler = BackgroundScheduler(timezone=TZ)
    register_jobs(scheduler, make_ctx())
    [job] = scheduler.get_jobs()
    assert job.id == job_id(Period.WEEKLY)
    next_run = job.trigger.get_next_fire_time(None, NOW)
    assert next_run.isoformat() == "2026-11-30T09:00:00+08:00"


def test_schedules_are_configurable_and_can_be_disabled(make_ctx: ContextFactory) -> None:
    scheduler = BackgroundScheduler(timezone=TZ)
    register_jobs(scheduler, make_ctx(reports={"weekly": "30 8 * * fri", "daily": "0 7 * * *"}))
    jobs = {job.id: job for job in scheduler.get_jobs()}
    assert set(jobs) == {job_id(Period.WEEKLY), job_id(Period.DAILY)}
    friday = jobs[job_id(Period.WEEKLY)].trigger.get_next_fire_time(None, NOW)
    assert friday.isoformat() == "2026-11-27T08:30:00+08:00"
    off = BackgroundScheduler(timezone=TZ)
    register_jobs(off, make_ctx(reports={"enabled": False}))
    assert off.get_jobs() == []


def test_bad_crontab_is_rejected_by_the_config(make_ctx: ContextFactory) -> None:
    with pytest.raises(ValueError, match="不是 crontab 表达式"):
        make_ctx(reports={"weekly": "every monday"})


def test_scheduled_run_stores_and_emails_last_full_week(
    make_ctx: ContextFactory, smtp_inbox: SmtpInbox
) -> None:
    ctx = make_ctx(reports=mail_settings(smtp_inbox.port))
    ctx.index.upsert_many(two_weeks())
    report = run_scheduled_report(ctx, Period.WEEKLY)
    assert report is not None
    assert report.directory == ctx.data_dir / "reports" / "weekly-2026-11-16"
    assert (report.directory / "report.pdf").is_file()
    assert [r.directory for r in list_reports(ctx.data_dir)] == [report.directory]
    check_report_mail(smtp_inbox.messages[0], "舆情周报")


def test_scheduled_run_without_smtp_only_stores(make_ctx: ContextFactory) -> None:
    ctx = make_ctx(reports={"recipients": ["boss@example.com"]})
    report = run_scheduled_report(ctx, Period.WEEKLY)
    assert report is not None and report.data.empty and (report.directory / "report.html").is_file()
