"""The scheduled SLA/overdue check: job registration, real delivery through alerting's webhook."""

from __future__ import annotations

import json
from collections.abc import Iterator
from datetime import datetime
from pathlib import Path

import pytest
import yaml
from apscheduler.schedulers.background import BackgroundScheduler

from core.context import Context
from core.enums import Severity
from core.timeutil import SimulatedClock
from crisis_playbooks import runtime
from crisis_playbooks.audit.enums import EventKind
from crisis_playbooks.scheduled import JOB_ID, check_job, register_jobs
from crisis_playbooks.sla.enums import ClockKind, ClockThreshold
from tests.cases.conftest import Recorder, local, make_case, start_playbook
from tests.support.receivers import HttpReceiver


@pytest.fixture
def ctx(db_url: str, tmp_path: Path, receiver: HttpReceiver) -> Iterator[Context]:
    config = {
        "brand": "鲜味坊",
        "database": {"url": db_url},
        "dashboard": {"public_url": "http://dash.example"},
        "alerting": {
            "notifiers": [
                {"name": "ops", "type": "webhook", "options": {"endpoint": receiver.url("/hook")}}
            ]
        },
        "cases": {"check_interval": "30s", "escalation_targets": ["ops"]},
    }
    path = tmp_path / "yuqing.yaml"
    path.write_text(yaml.safe_dump(config, allow_unicode=True), encoding="utf-8")
    context = Context.load(path, tmp_path / "var", clock=SimulatedClock(local(2026, 11, 23, 10)))
    yield context
    context.close()


def advance(ctx: Context, moment: datetime) -> None:
    """Move the context's simulated clock to `moment`."""
    clock = ctx.clock
    assert isinstance(clock, SimulatedClock)
    clock.advance_to(moment)


def test_register_jobs_adds_one_interval_job(ctx: Context) -> None:
    scheduler = BackgroundScheduler()
    scheduler.start(paused=True)
    try:
        register_jobs(scheduler, ctx)
        register_jobs(scheduler, ctx)  # idempotent
        jobs = scheduler.get_jobs()
    finally:
        scheduler.shutdown(wait=False)
    assert [job.id for job in jobs] == [JOB_ID]
    assert jobs[0].trigger.interval.total_seconds() == 30


def test_breach_is_delivered_once_through_the_webhook(ctx: Context, receiver: HttpReceiver) -> None:
    with ctx.sessions() as session:
        case = make_case(session, title="外卖吃出异物", severity=Severity.HIGH)
    advance(ctx, local(2026, 11, 23, 12, 30))
    check_job(ctx)
    check_job(ctx)
    titles = [request.json.get("title", "") for request in receiver.requests]
    assert len(titles) == 1 and "已超时" in titles[0] and f"#{case.id}" in titles[0]
    assert "case_detail?case_id=" in json.dumps(receiver.requests[0].json, ensure_ascii=False)


def test_run_checks_with_a_test_double(ctx: Context) -> None:
    recorder = Recorder()
    with ctx.sessions() as session:
        case = make_case(session, title="大V 曝光", severity=Severity.HIGH)
        playbook = runtime.library(ctx)["kol_media_complaint"]
        start_playbook(session, case, playbook, now=local(2026, 11, 23, 10))
        session.commit()
    summary = runtime.run_checks(ctx, now=local(2026, 11, 23, 11, 45), send=recorder)
    assert summary.sla_notices == 1 and summary.overdue_tasks == 2
    assert (
        runtime.run_checks(ctx, now=local(2026, 11, 23, 11, 50), send=recorder).overdue_tasks == 0
    )
    assert len(recorder.notices) == 3


def test_breach_notices_give_targets_and_due_times_in_words(
    ctx: Context, receiver: HttpReceiver
) -> None:
    with ctx.sessions() as session:
        case = make_case(session, title="疑似食物中毒", severity=Severity.CRITICAL)
        playbook = runtime.library(ctx)["food_safety"]
        start_playbook(session, case, playbook, now=local(2026, 11, 23, 10))
        session.commit()
    advance(ctx, local(2026, 11, 24, 10, 30))  # both clocks of a critical case breached
    check_job(ctx)
    sent = json.dumps([r.json for r in receiver.requests], ensure_ascii=False)
    assert "首次响应时限**：1 小时（全天候计时；已用 2450%，截止 11-23 11:00）" in sent
    assert "解决时限**：24 小时（全天候计时；已用 102%，截止 11-24 10:00）" in sent
    assert "1 day" not in sent and "0:00:00" not in sent
    # task deadlines in the configured zone (Asia/Shanghai by default), with the delay
    assert "截止时间**：11-23 11:00（已逾期 23 小时 30 分钟）" in sent
    assert "+00:00" not in sent


def test_check_at_a_future_now_is_a_rehearsal_that_sends_and_stores_nothing(
    ctx: Context, receiver: HttpReceiver, tmp_path: Path
) -> None:
    from typer.testing import CliRunner

    from crisis_playbooks.audit import service as audit
    from crisis_playbooks.cases import service
    from crisis_playbooks.cli import case_app
    from crisis_playbooks.sla import service as sla

    with ctx.sessions() as session:
        case = make_case(session, title="疑似食物中毒", severity=Severity.CRITICAL)
        case_id = case.id
    where = ["--config", str(tmp_path / "yuqing.yaml"), "--data-dir", str(tmp_path / "var")]
    runner = CliRunner()
    rehearsal = runner.invoke(case_app, ["check", "--now", "2099-01-01T09:00", *where])
    assert rehearsal.exit_code == 0, rehearsal.output
    assert "试运行" in rehearsal.output and "未发送，也未记录" in rehearsal.output
    assert f"【SLA 超时】案件 #{case_id}" in rehearsal.output
    assert "届时将有 SLA 提醒 2 条" in rehearsal.output
    assert receiver.requests == []
    with ctx.sessions() as session:
        breach = ClockThreshold.BREACH
        assert not sla.was_sent(session, case_id=case_id, clock=ClockKind.RESOLUTION, level=breach)
        assert audit.get_all(session, case_id=case_id, kinds=[EventKind.SLA_NOTICE]) == []
        assert service.get_or_raise(session, case_id=case_id).resolution_met is None
    # the breach that really happened (a past --now) is still notified, once
    real = runner.invoke(case_app, ["check", "--now", "2026-11-24T10:30", *where])
    assert real.exit_code == 0 and "SLA 提醒 2 条" in real.output and "试运行" not in real.output
    assert len(receiver.requests) == 2
    assert "试运行" in runner.invoke(case_app, ["check", "--help"]).output
