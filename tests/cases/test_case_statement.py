"""案件详情 shows the brand's statement already posted in the crisis on the playbook's
first-response step (the phone fire's playbook asked for a holding statement an hour after the
brand's 情况说明 had gone out), and no longer once the step is ticked."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
import streamlit as st
from streamlit.testing.v1 import AppTest

from core.context import Context
from crisis_playbooks.tasks import service as tasks
from tests.support.alerts import alert_row
from tests.support.pages import serve, write_config
from tests.support.statement_story import PLAN, SEED, poster, statement, story

APP = str(Path(__file__).resolve().parents[2] / "app" / "dashboard_main.py")
SAID = "官方账号已在本事件中发文"


@pytest.fixture
def crisis(db_url: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Context]:
    """A spreading story, the brand's statement in it and an urgent alert on its first post."""
    config = {"brand": "鲜味坊", "database": {"url": db_url}, "plans": [{"id": "xwf", **PLAN}]}
    path = write_config(tmp_path, config)
    serve(monkeypatch, path, tmp_path / "var")
    ctx = Context.load(path, tmp_path / "var")
    post = poster(datetime.now(UTC) - timedelta(hours=3))
    seed, *rest = story(post)
    ctx.pipeline.process([seed, *rest])
    ctx.pipeline.process([statement(post)])
    voices = [m for m in rest if m.native_id.startswith("v")]
    alert = alert_row(
        datetime.now(UTC),
        title="高危舆情：鲜味坊酸菜鱼吃出蟑螂",
        summary=SEED[:80],
        count=4,
        sample_mention_ids=[seed.id, *(v.id for v in voices)],
        plans=["xwf"],
    )
    with ctx.sessions() as session:
        session.add(alert)
        session.commit()
    yield ctx
    ctx.close()
    st.cache_resource.clear()


def test_first_response_step_shows_what_the_brand_already_said(crisis: Context) -> None:
    at = AppTest.from_file(APP, default_timeout=60)
    at.session_state["operator"] = "李娜"
    at.run()
    at.switch_page("../dashboard/views/cases.py").run()
    next(b for b in at.button if b.label == "立案").click().run()
    at.switch_page("../dashboard/views/case_detail.py").run()
    assert not at.exception, at.exception
    assert not any(SAID in i.value for i in at.info), "no playbook started yet: no step to show"
    at.button(key="start-playbook").click().run()
    assert not at.exception, at.exception
    shown = [i.value for i in at.info if SAID in i.value]
    assert len(shown) == 1
    assert "@鲜味坊官方" in shown[0] and "关于网友反映的酸菜鱼异物问题" in shown[0]
    with crisis.sessions() as session:
        steps = tasks.get_all(session, case_id=1)
    (statement,) = [s for s in steps if s.step_id == "holding_statement"]
    at.checkbox(key=f"task-{statement.id}").check().run()
    assert not any(SAID in i.value for i in at.info), "done: the hint has served its purpose"
