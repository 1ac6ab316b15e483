"""Login in a real browser: a notification's deep link survives the login form, the account
name becomes the actor, a viewer (管理层) reads but cannot act, logout asks again."""

from __future__ import annotations

from typing import Any

import pytest

from alerting import service as alerts
from core.accounts import service as accounts
from core.accounts.enums import Role
from tests.dashboard.conftest import button, click, start_dashboard, type_into, wait_text
from tests.dashboard.crisis import FOOD_ALERT_TITLE
from tests.dashboard.demo_incident import Stores

OPERATOR_PASSWORD = "xianwei-2026!"
VIEWER_PASSWORD = "weekly-report-7"


def log_in(browser: Any, username: str, password: str) -> None:
    wait_text(browser, lambda t: "yuqing 舆情监测 · 登录" in t, "the login form")
    type_into(browser, "用户名", username)
    type_into(browser, "密码", password)
    click(browser, button(browser, "登录"))


@pytest.mark.browser
def test_login_keeps_the_deep_link_and_names_the_actor(incident: Stores, browser: Any) -> None:
    ctx, alert_id = incident.ctx, incident.alert_id
    with ctx.sessions() as session:
        for username, name, role, password in [
            ("lina", "李娜", Role.OPERATOR, OPERATOR_PASSWORD),
            ("boss", "王总", Role.VIEWER, VIEWER_PASSWORD),
        ]:
            accounts.create(
                session, username=username, display_name=name, role=role, password=password,
                now=ctx.clock(),
            )  # fmt: skip
        session.commit()
    dashboard, url = start_dashboard(incident.config, incident.data)
    try:
        browser.get(f"{url}/alerts?alert={alert_id}")  # the link in the DingTalk message
        text = wait_text(browser, lambda t: "登录" in t and "用户名" in t, "the login form")
        assert FOOD_ALERT_TITLE not in text, "nothing is shown before the login"

        log_in(browser, "lina", "wrong-password")
        wait_text(browser, lambda t: "用户名或密码错误" in t, "the refusal")

        log_in(browser, "lina", OPERATOR_PASSWORD)
        text = wait_text(browser, lambda t: f"#{alert_id} {FOOD_ALERT_TITLE}" in t, "the alert")
        assert "李娜 · 处置人员" in text
        assert not browser.find_elements("css selector", "input[aria-label='操作人']")
        click(browser, button(browser, "确认", key=f"ack-{alert_id}"))
        wait_text(browser, lambda t: "确认人：李娜" in t, "the acknowledgement")
        with ctx.sessions() as session:
            alert = alerts.get(session, alert_id=alert_id)
            assert alert is not None and alert.acknowledged_by == "李娜"

        click(browser, button(browser, "退出登录", key="logout"))
        log_in(browser, "boss", VIEWER_PASSWORD)
        text = wait_text(browser, lambda t: "王总 · 只读" in t, "the viewer's session")
        assert "不能确认预警或修改案件" in text
        resolve = button(browser, "解决", key=f"resolve-{alert_id}")
        assert not resolve.is_enabled(), "a viewer cannot resolve"
        with ctx.sessions() as session:
            account = accounts.get(session, username="boss")
            assert account is not None and account.last_login_at is not None
    finally:
        dashboard.terminate()
        dashboard.wait(timeout=20)
