"""SLA and overdue-task notices carry case titles as text: a title can quote a post.

An event's title is a clause of its posts, an event_growth alert is titled with it and a case
opened from the alert takes the alert's title: post text reached DingTalk/Feishu markdown.
"""

from __future__ import annotations

from pathlib import Path

from core.context import Context
from core.enums import Severity
from crisis_playbooks import runtime
from tests.cases.conftest import Recorder, local, make_case, start_playbook

QUOTED = "快看[官方回应](www.evil.cn)真相 **已召回** <at user_id=all>"


def test_sla_and_task_notices_show_the_case_title_as_text(tmp_path: Path) -> None:
    ctx = Context.load(None, tmp_path / "var")
    recorder = Recorder()
    with ctx.sessions() as session:
        case = make_case(session, title=QUOTED, owner="[王](www.evil.cn)", severity=Severity.HIGH)
        start_playbook(session, case, runtime.library(ctx)["kol_media_complaint"])
        session.commit()
    runtime.run_checks(ctx, now=local(2026, 11, 23, 11, 45), send=recorder)
    ctx.close()
    assert any("SLA" in n.title for n in recorder.notices) and len(recorder.notices) > 1
    for notice in recorder.notices:
        shown = notice.title + notice.body_markdown
        assert "](" not in shown and "**已召回" not in shown and "<at" not in shown, shown
    assert any("官方回应" in n.title for n in recorder.notices)
