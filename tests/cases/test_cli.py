"""`yuqing case …` and `yuqing playbook …` end to end, with --now, on both databases."""

from __future__ import annotations

from pathlib import Path

from typer.testing import CliRunner

from core.context import Context
from core.enums import Category, Channel
from core.models import Mention
from crisis_playbooks import runtime
from crisis_playbooks.audit import service as audit
from crisis_playbooks.cases import service
from crisis_playbooks.cli import case_app, playbook_app
from crisis_playbooks.recovery import service as recovery
from crisis_playbooks.tasks import service as tasks
from tests.cases.conftest import db, local

runner = CliRunner()


def run(app, *args: str):  # type: ignore[no-untyped-def]
    result = runner.invoke(app, list(args))
    return result


def test_case_lifecycle_from_the_shell(setup: list[str]) -> None:
    opened = run(
        case_app,
        "open",
        "--title",
        "外卖吃出异物",
        "--severity",
        "high",
        "--owner",
        "李娜",
        "--actor",
        "王主管",
        "--now",
        "2026-11-20T17:00",
        *setup,
    )
    assert opened.exit_code == 0, opened.output
    assert "已立案：案件 #1 外卖吃出异物" in opened.output
    bad = run(case_app, "update", "1", "--status", "closed", "--now", "2026-11-20T17:05", *setup)
    assert bad.exit_code == 2
    assert "不能从「新建」直接变更为「已关闭」" in bad.output
    good = run(
        case_app,
        "update",
        "1",
        "--status",
        "acknowledged",
        "--note",
        "已受理",
        "--actor",
        "李娜",
        "--now",
        "2026-11-20T17:05",
        *setup,
    )
    assert good.exit_code == 0, good.output
    started = run(
        case_app, "start-playbook", "1", "food_safety", "--now", "2026-11-20T17:06", *setup
    )
    assert "9 步" in started.output, started.output
    done = run(
        case_app, "task", "1", "1", "--note", "已截图存档", "--now", "2026-11-20T17:30", *setup
    )
    assert done.exit_code == 0, done.output
    run(
        case_app,
        "recovery",
        "1",
        "--break-cause",
        "后厨卫生",
        "--contacted",
        "--satisfaction",
        "4",
        "--tier",
        "key",
        "--now",
        "2026-11-20T18:00",
        *setup,
    )
    bad_day = run(case_app, "recovery", "1", "--follow-up-on", "2026-13-01", *setup)
    assert bad_day.exit_code == 2 and "不是有效日期：'2026-13-01'" in bad_day.output
    board = run(case_app, "list", "--now", "2026-11-23T10:30", *setup)
    assert "外卖吃出异物" in board.output and "逾期" in board.output
    assert "完成 1 /" in board.output  # done steps, skipped ones apart (CaseCard.tasks_zh)
    shown = run(case_app, "show", "1", "--now", "2026-11-23T10:30", *setup)
    assert "首次响应 已超时" in shown.output and "已截图存档" in shown.output
    assert "挽回等级: 重点客户" in shown.output and "已致歉: 否" in shown.output
    assert "主动联系时间: 2026-11-20 18:00" in shown.output
    assert "李娜 将状态从 新建 改为 已受理" in shown.output
    assert "True" not in shown.output and "win_back_tier" not in shown.output
    checked = run(case_app, "check", "--now", "2026-11-23T10:30", *setup)
    assert checked.exit_code == 0, checked.output
    with db(setup) as session:
        case = service.get_or_raise(session, case_id=1)
        assert case.opened_at == local(2026, 11, 20, 17) and case.owner == "李娜"
        assert case.acknowledged_at == local(2026, 11, 20, 17, 5)
        assert tasks.get_all(session, case_id=1)[0].completed_by is not None
        record = recovery.get(session, case_id=1)
        assert record is not None and record.proactive_contact_at == local(2026, 11, 20, 18)
        actors = {e.actor for e in audit.get_all(session, case_id=1)}
        assert {"王主管", "李娜", "system"} <= actors
        assert case.first_response_met is False


def test_open_from_mention_and_unknown_ids(setup: list[str]) -> None:
    ctx = Context.load(setup[1], setup[3])
    complaint = Mention(
        source="weibo",
        channel=Channel.WEIBO,
        native_id="88",
        text="鲜味坊客服态度太差，推诿了三次",
        category=Category.SERVICE_ATTITUDE,
        published_at=local(2026, 11, 23, 9),
    )
    ctx.index.upsert_many([complaint])
    ctx.close()
    opened = run(case_app, "open", "--mention", complaint.id, "--now", "2026-11-23T10:00", *setup)
    assert opened.exit_code == 0, opened.output
    assert "已立案" in opened.output and "建议预案「服务态度投诉发酵处置预案」" in opened.output
    missing = run(case_app, "open", "--mention", "nope", *setup)
    assert missing.exit_code == 2 and "nope" in missing.output
    nothing = run(case_app, "open", *setup)
    assert nothing.exit_code == 2 and "--title" in nothing.output
    unknown = run(case_app, "show", "42", *setup)
    assert unknown.exit_code == 2 and "案件 #42 不存在" in unknown.output


def test_now_without_zone_is_local_time(setup: list[str]) -> None:
    run(case_app, "open", "--title", "naive", "--now", "2026-11-23T09:00", *setup)
    run(case_app, "open", "--title", "utc", "--now", "2026-11-23T09:00:00+00:00", *setup)
    with db(setup) as session:
        assert service.get_or_raise(session, case_id=1).opened_at == local(2026, 11, 23, 9)
        assert service.get_or_raise(session, case_id=2).opened_at == local(2026, 11, 23, 17)
    assert run(case_app, "open", "--title", "t", "--now", "yesterday", *setup).exit_code != 0


def test_playbook_validate_and_list(tmp_path: Path) -> None:
    listed = run(playbook_app, "list")
    assert listed.exit_code == 0 and "food_safety" in listed.output
    # an 80-column terminal cuts no id or name, and rule types read in Chinese
    lines = listed.output.splitlines()
    for playbook in runtime.library(Context.load(None, tmp_path)).values():
        assert f"{playbook.id}  {playbook.name}" in lines
    assert "预警类型：高危单条、声量激增" in listed.output and "urgent_mention" not in listed.output
    assert run(playbook_app, "validate").exit_code == 0
    broken = tmp_path / "broken.yaml"
    broken.write_text(
        "id: x\nname: 坏预案\nsteps:\n  - id: a\n    title: t\n    owner: pr\n    due: soon\n",
        encoding="utf-8",
    )
    result = run(playbook_app, "validate", str(broken))
    assert result.exit_code == 2
    assert "broken.yaml" in result.output and "steps[0].due" in result.output


def test_opening_a_case_for_an_alert_twice_says_it_is_the_same_case(setup: list[str]) -> None:
    from alerting.enums import AlertStatus
    from alerting.models import Alert
    from core.enums import Severity

    at = local(2026, 11, 23, 9)
    with db(setup) as session:
        session.add(
            Alert(
                id=7,
                rule="food",
                rule_type="frequency",
                key="k",
                severity=Severity.CRITICAL,
                status=AlertStatus.OPEN,
                title="食品安全投诉激增",
                opened_at=at,
                updated_at=at,
                last_fired_at=at,
                count=3,
                sample_mention_ids=[],
                plans=[],
            )
        )
        session.commit()
    first = run(case_app, "open", "--alert", "7", "--now", "2026-11-23T09:05", *setup)
    assert first.exit_code == 0, first.output
    assert first.output.startswith("已立案：案件 #1")
    again = run(case_app, "open", "--alert", "7", "--now", "2026-11-23T09:10", *setup)
    assert again.exit_code == 0, again.output
    assert again.output.startswith("该预警已有未结案件，未重复立案：案件 #1"), again.output
