"""The 预警中心 page (Streamlit AppTest): lists open alerts, deep link, ack and resolve."""

from __future__ import annotations

import html
from datetime import timedelta
from pathlib import Path

import pytest
import streamlit as st
import yaml
from streamlit.testing.v1 import AppTest

from alerting import service
from alerting.engine import AlertEngine
from alerting.enums import AlertStatus
from alerting.loader import parse_rule
from alerting.rule_health import record
from bench.synthetic import burst
from tests.alerting.conftest import MONDAY, make_ctx
from tests.support.receivers import HttpReceiver

PAGE = str(Path(__file__).resolve().parents[2] / "dashboard" / "views" / "alerts.py")


@pytest.fixture
def alert_id(data_dir: Path, monkeypatch: pytest.MonkeyPatch) -> int:
    """One urgent alert stored in data_dir; the page reads the same stores."""
    ctx = make_ctx(data_dir, MONDAY + timedelta(hours=12))
    engine = AlertEngine(ctx, send=False)
    ctx.pipeline.add_listener(engine.listen)
    ctx.pipeline.process(burst(MONDAY + timedelta(hours=12), size=2))
    with ctx.sessions() as session:
        (alert,) = service.get_all(session)
    ctx.close()
    monkeypatch.delenv("YUQING_CONFIG", raising=False)
    monkeypatch.setenv("YUQING_DATA_DIR", str(data_dir))
    st.cache_resource.clear()
    return alert.id


def stored(data_dir: Path, alert_id: int) -> tuple[str, str | None, str | None]:
    """The alert's status and who acknowledged and resolved it, read from the store."""
    ctx = make_ctx(data_dir)
    with ctx.sessions() as session:
        alert = service.get(session, alert_id=alert_id)
        assert alert is not None
        row = (alert.status, alert.acknowledged_by, alert.resolved_by)
    ctx.close()
    return row


def test_page_lists_alert_and_acknowledges_then_resolves(alert_id: int, data_dir: Path) -> None:
    app = AppTest.from_file(PAGE, default_timeout=60)
    app.query_params["alert"] = str(alert_id)
    app.run()
    assert not app.exception
    assert any("高危舆情" in e.label for e in app.expander)
    assert any("食物中毒" in m.value for m in app.markdown)
    app.sidebar.text_input[0].set_value("李娜")
    app.button(key=f"ack-{alert_id}").click().run()
    assert not app.exception
    app.button(key=f"resolve-{alert_id}").click().run()
    assert stored(data_dir, alert_id) == (AlertStatus.RESOLVED, "李娜", "李娜")


def test_an_acknowledgement_without_an_operator_is_refused(alert_id: int, data_dir: Path) -> None:
    """The 操作人 box started as 值班专员: alerts were acknowledged in the name of nobody."""
    app = AppTest.from_file(PAGE, default_timeout=60)
    app.query_params["alert"] = str(alert_id)
    app.run()
    operator = next(t for t in app.sidebar.text_input if t.label == "操作人")
    assert operator.value == "", "no made-up name is offered"
    app.button(key=f"ack-{alert_id}").click().run()
    assert not app.exception
    assert [e.value for e in app.error] == [
        "请先在侧栏填写操作人，预警的确认、解决和误报会记入审计日志。"
    ]
    assert stored(data_dir, alert_id) == (AlertStatus.OPEN, None, None), "nothing written"
    app.button(key=f"false-{alert_id}").click().run()
    assert stored(data_dir, alert_id) == (AlertStatus.OPEN, None, None), "误报 refused too"
    next(t for t in app.sidebar.text_input if t.label == "操作人").set_value("  李娜 ").run()
    app.button(key=f"ack-{alert_id}").click().run()
    assert not app.exception and not app.error
    assert stored(data_dir, alert_id) == (AlertStatus.ACKNOWLEDGED, "李娜", None)
    assert any(c.value == "确认人：李娜" for c in app.caption)


def test_an_incident_shows_its_alerts_together_and_one_ack_covers_them(
    data_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from tests.alerting.test_incidents import crisis_rules
    from tests.alerting.test_lifecycle import food

    ctx = make_ctx(data_dir, MONDAY + timedelta(hours=12))
    engine = AlertEngine(ctx, crisis_rules(), send=False)
    ctx.pipeline.add_listener(engine.listen)
    ctx.pipeline.process(burst(MONDAY + timedelta(hours=12), size=0))
    ctx.pipeline.process(food(4, 1, ctx))
    engine.tick()
    with ctx.sessions() as session:
        urgent, frequency = sorted(service.get_all(session), key=lambda a: a.id)
    ctx.close()
    monkeypatch.delenv("YUQING_CONFIG", raising=False)
    monkeypatch.setenv("YUQING_DATA_DIR", str(data_dir))
    st.cache_resource.clear()

    app = AppTest.from_file(PAGE, default_timeout=60)
    app.query_params["alert"] = str(frequency.id)
    app.session_state["operator"] = "王芳"  # typed on another page of the session
    app.run()
    assert not app.exception
    labels = [e.label for e in app.expander]
    assert all(f"预警组 #{urgent.incident_id}" in label for label in labels) and len(labels) == 2
    notes = [i.value for i in app.info]
    assert any(f"主预警 #{urgent.id}" in n and f"#{urgent.id}" in n for n in notes)
    app.button(key=f"ack-{frequency.id}").click().run()
    assert not app.exception
    again = make_ctx(data_dir)
    with again.sessions() as session:
        statuses = {a.rule: a.status for a in service.get_all(session)}
    again.close()
    assert statuses == {"urgent": AlertStatus.ACKNOWLEDGED, "food": AlertStatus.ACKNOWLEDGED}

    app.button(key=f"false-{urgent.id}").click().run()  # 误报: the whole incident goes
    assert not app.exception
    again = make_ctx(data_dir)
    with again.sessions() as session:
        settled = [(a.status, a.false_alarm, a.resolved_by) for a in service.get_all(session)]
    again.close()
    assert settled == [(AlertStatus.RESOLVED, True, "王芳")] * 2


def test_held_messages_and_skipped_rules_are_shown(
    data_dir: Path, receiver: HttpReceiver, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The alert of a rule in its quiet hours is on the page at once, saying when its message
    goes out; rule files the running service skipped are named in a red box."""
    hook = {"name": "ops", "type": "webhook", "options": {"endpoint": receiver.url("/ops")}}
    config = data_dir / "yuqing.yaml"
    config.write_text(
        yaml.safe_dump({"brand": "鲜味坊", "alerting": {"notifiers": [hook]}}, allow_unicode=True),
        encoding="utf-8",
    )
    ctx = make_ctx(data_dir, MONDAY + timedelta(hours=23), notifiers=[hook])
    night = parse_rule(
        {"name": "night", "type": "frequency", "threshold": 2, "title": "夜间投诉",
         "quiet_hours": "22:00-08:00"},
        "test",
    )  # fmt: skip
    engine = AlertEngine(ctx, [night])
    ctx.pipeline.process(burst(MONDAY + timedelta(hours=22, minutes=50), size=3))
    engine.tick()
    with ctx.sessions() as session:
        (alert,) = service.get_all(session)
        assert [d.status for d in service.deliveries(session, alert_id=alert.id)] == ["held"]
    record(ctx, ["预警规则文件有误：rules/typo.yaml（规则 typo）: windw：未知的键"])
    ctx.close()
    assert receiver.requests == []
    monkeypatch.setenv("YUQING_CONFIG", str(config))
    monkeypatch.setenv("YUQING_DATA_DIR", str(data_dir))
    st.cache_resource.clear()
    app = AppTest.from_file(PAGE, default_timeout=60)
    app.run()
    assert not app.exception
    (box,) = app.error
    shown = html.unescape(box.value)  # streamlit_text escapes . and : (no auto-links)
    assert "跳过了 1 处有问题的规则" in shown and "rules/typo.yaml（规则 typo）: windw" in shown
    captions = " ".join(c.value for c in app.caption)
    assert "免打扰中，将于" in captions and "08:00 发送" in captions
    cells = [str(v) for frame in app.dataframe for v in frame.value["状态"]]
    assert cells and all(c.startswith("免打扰中，将于") for c in cells)
