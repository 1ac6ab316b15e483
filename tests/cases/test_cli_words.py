"""`yuqing case …` speaks Chinese both ways: Chinese values in, plain Chinese answers out."""

from __future__ import annotations

from typer.testing import CliRunner

from core.context import Context
from core.enums import Category, Channel
from core.models import Mention
from crisis_playbooks.cases import service
from crisis_playbooks.cases.enums import CaseStatus
from crisis_playbooks.cli import case_app
from crisis_playbooks.recovery import service as recovery
from crisis_playbooks.recovery.enums import WinBackTier
from crisis_playbooks.tasks import service as tasks
from crisis_playbooks.tasks.enums import TaskStatus
from tests.cases.conftest import db, local

runner = CliRunner()


def shell(setup: list[str], *args: str) -> tuple[int, str]:
    """Exit code and output, with the console's line wrapping undone."""
    result = runner.invoke(case_app, [*args, *setup])
    return result.exit_code, "".join(result.output.split())


def test_statuses_owners_and_tiers_by_their_chinese_names(setup: list[str]) -> None:
    assert shell(setup, "open", "--title", "外卖吃出异物", "--severity", "紧急")[0] == 0
    code, said = shell(setup, "update", "1", "--status", "响应中")
    assert code == 2
    assert said == "错误：案件#1不能从「新建」直接变更为「响应中」：当前状态下只能变更为「已受理」"
    code, said = shell(setup, "update", "1", "--status", "已受理", "--owner", " lina ")
    assert code == 0 and said == "案件#1：负责人改为lina；状态已受理"
    code, said = shell(setup, "update", "1", "--owner", "李娜", "--severity", "严重")
    assert code == 0 and said == "案件#1：负责人改为李娜；严重程度改为严重；状态已受理"
    code, said = shell(setup, "update", "1", "--owner", "  ")
    assert code == 2 and "负责人不能为空" in said
    assert shell(setup, "update", "1", "--status", "处理中")[0] == 0
    assert shell(setup, "recovery", "1", "--tier", "重点客户")[0] == 0
    assert "外卖吃出异物" in shell(setup, "list", "--status", "响应中")[1]
    with db(setup) as session:
        case = service.get_or_raise(session, case_id=1)
        assert case.status == CaseStatus.RESPONDING and case.owner == "李娜"
        record = recovery.get(session, case_id=1)
        assert record is not None and record.win_back_tier == WinBackTier.KEY


def test_case_from_a_mention_is_named_by_its_title_and_shows_the_playbook_name(
    setup: list[str],
) -> None:
    ctx = Context.load(setup[1], setup[3])
    complaint = Mention(
        source="complaints",
        channel=Channel.COMPLAINT_PLATFORM,
        native_id="8842",
        title="投诉鲜味坊：客服推诿三次",
        text="鲜味坊客服态度太差。\n推诿了三次，还挂我电话。",
        category=Category.SERVICE_ATTITUDE,
        published_at=local(2026, 11, 23, 9),
    )
    ctx.index.upsert_many([complaint])
    ctx.close()
    assert shell(setup, "open", "--mention", complaint.id, "--now", "2026-11-23T10:00")[0] == 0
    with db(setup) as session:
        case = service.get_or_raise(session, case_id=1)
        assert case.title == "投诉鲜味坊：客服推诿三次"
        assert case.summary == "鲜味坊客服态度太差。 推诿了三次，还挂我电话。"
        proposed = case.proposed_playbook
    assert proposed
    code, shown = shell(setup, "show", "1", "--now", "2026-11-23T10:05")
    assert code == 0 and "建议预案：服务态度投诉发酵处置预案" in shown and proposed not in shown
    assert shell(setup, "start-playbook", "1", "--now", "2026-11-23T10:06")[0] == 0
    assert shell(setup, "task", "1", "1", "--status", "跳过", "--note", "已电话致歉")[0] == 0
    code, shown = shell(setup, "show", "1", "--now", "2026-11-23T10:07")
    assert "已启动预案：服务态度投诉发酵处置预案" in shown and "建议预案" not in shown
    with db(setup) as session:
        assert tasks.get(session, task_id=1).status == TaskStatus.SKIPPED
