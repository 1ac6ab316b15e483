"""Ticking a step that is already done: nothing changes, the first completer stays."""

from __future__ import annotations

from typer.testing import CliRunner

from crisis_playbooks.audit import service as audit
from crisis_playbooks.audit.enums import EventKind
from crisis_playbooks.cli import case_app
from crisis_playbooks.tasks import service as tasks
from tests.cases.conftest import db, local

runner = CliRunner()


def test_ticking_a_done_step_again_keeps_who_completed_it(setup: list[str]) -> None:
    def shell(*args: str) -> str:
        result = runner.invoke(case_app, [*args, *setup])
        assert result.exit_code == 0, result.output
        return "".join(result.output.split())  # the console wraps long lines

    shell("open", "--title", "疑似食物中毒", "--now", "2026-12-02T03:00")
    shell("start-playbook", "1", "food_safety", "--now", "2026-12-02T03:00")
    shell("task", "1", "2", "--actor", "李娜", "--now", "2026-12-02T03:55")
    again = shell(
        "task", "1", "2", "--actor", "王强", "--note", "已通知门店", "--now", "2026-12-02T04:10"
    )
    assert "已由李娜于12-0203:55完成，未改动" in again
    assert "备注未记录" in again and "caseupdate1--note" in again
    plain = shell("task", "1", "2", "--actor", "王强", "--now", "2026-12-02T04:12")
    assert "已由李娜于12-0203:55完成" in plain and "备注" not in plain
    with db(setup) as session:
        step = tasks.get(session, task_id=2)
        assert step.completed_by == "李娜" and step.completed_at == local(2026, 12, 2, 3, 55)
        assert step.note == ""
        ticks = audit.get_all(session, case_id=1, kinds=[EventKind.TASK_CHANGED])
        assert [(e.actor, e.after) for e in ticks] == [("李娜", "done")]
