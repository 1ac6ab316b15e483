"""The crisis journey: the case walks its statuses, then is resolved over open steps and closed."""

from __future__ import annotations

from crisis_playbooks.audit import service as audit
from crisis_playbooks.audit.enums import EventKind
from crisis_playbooks.cases import service as cases
from crisis_playbooks.tasks import service as tasks
from tests.dashboard.case_ui import change_status
from tests.dashboard.crisis import OPERATOR, Journey


def walk_statuses(run: Journey) -> None:
    """已受理 → 响应中 → 补救中, each audited with its note."""
    browser, ctx = run.browser, run.ctx
    # The status machine, one step at a time.
    for status, label in [
        ("acknowledged", "已受理"),
        ("responding", "响应中"),
        ("recovering", "补救中"),
    ]:
        change_status(browser, label, note=f"进入{label}")
        with ctx.sessions() as session:
            assert cases.get_or_raise(session, case_id=1).status == status
    with ctx.sessions() as session:
        case = cases.get_or_raise(session, case_id=1)
        assert case.acknowledged_at and case.first_response_at
        changes = audit.get_all(session, case_id=1, kinds=[EventKind.STATUS_CHANGED])
        assert [(e.before, e.after, e.actor, e.text) for e in changes] == [
            ("new", "acknowledged", OPERATOR, "进入已受理"),
            ("acknowledged", "responding", OPERATOR, "进入响应中"),
            ("responding", "recovering", OPERATOR, "进入补救中"),
        ]


def resolve_and_close(run: Journey) -> None:
    """已解决 with the open steps skipped for a confirmed reason, then 已关闭."""
    browser, ctx = run.browser, run.ctx
    # Resolve (the steps still open are skipped with the confirmed reason) and close.
    reason = "顾客已接受补救，其余步骤由品控另行跟进"
    change_status(browser, "已解决", reason, force=True)
    change_status(browser, "已关闭")
    with ctx.sessions() as session:
        case = cases.get_or_raise(session, case_id=1)
        assert case.status == "closed" and case.resolved_at and case.closed_at
        assert case.closed_at >= case.resolved_at
        changes = audit.get_all(session, case_id=1, kinds=[EventKind.STATUS_CHANGED])
        # A note belongs to one change: it is not repeated on the next ones.
        assert [(e.after, e.actor, e.text) for e in changes[3:]] == [
            ("resolved", OPERATOR, reason),
            ("closed", OPERATOR, ""),
        ]
        assert all(t.status != "open" for t in tasks.get_all(session, case_id=1))
    assert "进入补救中" not in browser.find_element(
        "css selector", "input[aria-label='说明（写入时间线）']"
    ).get_attribute("value")
