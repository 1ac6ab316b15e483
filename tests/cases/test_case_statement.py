"""案件详情 shows the brand's statement already posted in the crisis on the playbook's
first-response step (the phone fire's playbook asked for a holding statement an hour after the
brand's 情况说明 had gone out), and no longer once the step is ticked."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
import streamlit as st
import yaml
from streamlit.testing.v1 import AppTest

from alerting.models import Alert
from core.context import Context
from core.enums import Channel
from core.models import Author, Mention
from crisis_playbooks.tasks import service as tasks
from tests.events.test_own_statement import SEED, STATEMENT, VOICES

APP = str(Path(__file__).resolve().parents[2] / "app" / "dashboard_main.py")
SAID = "官方账号已在本事件中发文"


def post(native_id: str, text: str, at: datetime, author: str, **fields: object) -> Mention:
    return Mention(
        source="weibo",
        channel=Channel.WEIBO,
        native_id=native_id,
        text=text,
        published_at=at,
        author=Author(id=author, name=author),
        **fields,  # type: ignore[arg-type]
    )


@pytest.fixture
def crisis(db_url: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Context]:
    """A spreading story, the brand's statement in it and an urgent alert on its first post."""
    plan = {"id": "xwf", "name": "鲜味坊", "expression": "鲜味坊", "own_accounts": ["鲜味坊官方"]}
    config = {"brand": "鲜味坊", "database": {"url": db_url}, "plans": [plan]}
    path = tmp_path / "yuqing.yaml"
    path.write_text(yaml.safe_dump(config, allow_unicode=True), encoding="utf-8")
    monkeypatch.setenv("YUQING_CONFIG", str(path))
    monkeypatch.setenv("YUQING_DATA_DIR", str(tmp_path / "var"))
    st.cache_resource.clear()
    ctx = Context.load(path, tmp_path / "var")
    start = datetime.now(UTC) - timedelta(hours=3)

    def at(minutes: int) -> datetime:
        return start + timedelta(minutes=minutes)

    seed = post("s", SEED, at(0), "victim")
    reposts = [post(f"r{i}", "转发微博", at(1 + i), f"r{i}", repost_of="s") for i in range(8)]
    voices = [post(f"v{i}", text, at(10 + i), f"v{i}") for i, text in enumerate(VOICES)]
    ctx.pipeline.process([seed, *reposts, *voices])
    ctx.pipeline.process([post("o", STATEMENT, at(90), "鲜味坊官方")])
    now = datetime.now(UTC)
    with ctx.sessions() as session:
        session.add(
            Alert(
                rule="urgent",
                rule_type="urgent_mention",
                key="food",
                severity="critical",
                status="open",
                title="高危舆情：鲜味坊酸菜鱼吃出蟑螂",
                summary=SEED[:80],
                opened_at=now,
                updated_at=now,
                last_fired_at=now,
                sample_mention_ids=[seed.id, *(v.id for v in voices)],
                plans=["xwf"],
            )
        )
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
