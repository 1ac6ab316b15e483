"""Resolving or closing a case with open checklist steps: refused with the steps named, or
forced with a reason (the open steps are then skipped with it) — from the shell."""

from __future__ import annotations

import pytest
from typer.testing import CliRunner

from crisis_playbooks.audit import service as audit
from crisis_playbooks.audit.enums import EventKind
from crisis_playbooks.cases import service
from crisis_playbooks.cases.enums import CaseStatus
from crisis_playbooks.cli import case_app
from crisis_playbooks.tasks import service as tasks
from crisis_playbooks.tasks.enums import TaskStatus
from tests.cases.conftest import db

runner = CliRunner()


def shell(*args: str) -> tuple[int, str]:
    result = runner.invoke(case_app, list(args))
    return result.exit_code, result.output


@pytest.fixture
def responding(setup: list[str]) -> list[str]:
    """Case #1 responding with the food-safety playbook started and 2 of its 9 steps done."""
    at = ["--now", "2026-11-20T17:00", *setup]
    assert shell("open", "--title", "外卖吃出异物", "--severity", "critical", *at)[0] == 0
    assert shell("start-playbook", "1", "food_safety", *at)[0] == 0
    for task_id in ("1", "2"):
        assert shell("task", "1", task_id, "--actor", "李娜", *at)[0] == 0
    for status in ("acknowledged", "responding"):
        assert shell("update", "1", "--status", status, *at)[0] == 0
    return setup


def test_resolving_with_open_steps_is_refused_with_the_steps_named(
    responding: list[str],
) -> None:
    code, output = shell("update", "1", "--status", "resolved", *responding)
    assert code == 2, output
    text = " ".join(output.split())
    assert "还有 7 个步骤未完成（「同渠道发布首次回应（占位声明）」、「私信联系当事人" in text
    assert "case task 1 3 --status skipped --note 原因" in text and "--force" in text
    code, output = shell("update", "1", "--status", "resolved", "--force", *responding)
    assert code == 2 and "强制变更须写明原因" in output
    with db(responding) as session:
        assert service.get_or_raise(session, case_id=1).status == CaseStatus.RESPONDING


def test_forced_resolve_skips_the_open_steps_with_the_reason(responding: list[str]) -> None:
    reason = "顾客撤诉，后续步骤不再需要"
    code, output = shell(
        "update", "1", "--status", "resolved", "--force", "--note", reason, "--actor", "王主管",
        *responding,
    )  # fmt: skip
    assert code == 0, output
    assert "已解决" in output
    with db(responding) as session:
        case = service.get_or_raise(session, case_id=1)
        assert case.status == CaseStatus.RESOLVED
        steps = tasks.get_all(session, case_id=1)
        assert [t.status for t in steps] == [TaskStatus.DONE] * 2 + [TaskStatus.SKIPPED] * 7
        assert all(reason in t.note and t.completed_by == "王主管" for t in steps[2:])
        assert steps[0].completed_by == "李娜"
        change = audit.get_all(session, case_id=1, kinds=[EventKind.STATUS_CHANGED])[-1]
        assert change.after == "resolved" and change.text == reason


def test_with_every_step_settled_no_force_is_needed(responding: list[str]) -> None:
    for task_id in range(3, 10):
        args = ("task", "1", str(task_id), "--status", "skipped", "--note", "不适用")
        assert shell(*args, *responding)[0] == 0
    code, output = shell("update", "1", "--status", "resolved", *responding)
    assert code == 0, output
