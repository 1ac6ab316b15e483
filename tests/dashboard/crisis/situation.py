"""The crisis journey, first stage: 态势 shows the crisis, 预警中心 acknowledges its alert."""

from __future__ import annotations

from alerting import service as alerts
from tests.dashboard.conftest import button, click, nav_to, type_into, wait_text
from tests.dashboard.crisis import FOOD_ALERT_TITLE, OPERATOR, Journey, fresh_text


def situation_and_alert(run: Journey) -> None:
    """态势: the banner and the pinned own post; 预警中心: the alert, acknowledged."""
    browser, ctx, alert_id, seen = run.browser, run.ctx, run.alert_id, run.seen
    # 态势: the crisis banner is up, the brand's own reply is flagged and pinned.
    text = wait_text(
        browser,
        # The page renders top-down: wait for its last block (the pinned own post) too.
        lambda t: (
            "舆情态势 · 鲜味坊" in t
            and "危机进行中" in t
            and "置顶" in t
            and "提及 @鲜味坊官方" in t
        ),
        "the situation page with the crisis banner",
    )
    seen.append(text)
    banner = fresh_text(browser, ".st-key-crisis-banner", "以来全部提及")
    assert FOOD_ALERT_TITLE in banner and "紧急级" in banner and "以来全部提及" in banner
    started = banner.split(" 开始，")[0][-11:]  # MM-DD HH:MM
    assert f"开始 {started}" in text, "the banner and 待处理事项 date the crisis alike"
    assert "官方账号发文引发大量互动：@鲜味坊官方" in text and "提及 @鲜味坊官方" in text
    own_card = fresh_text(browser, ".yq-mention", "不排除是您自己放入的异物")
    assert own_card.startswith("官方"), own_card
    assert "负面概率" in text and "粉丝 126 万，认证用户" in text and "发布不到 1 分钟转评" in text
    assert "待处理事项" in text and "尚未立案" in text
    pending_home = int(text.split("未处理预警\n")[1].split("\n")[0])

    # 预警中心: the food-safety alert, acknowledged by the operator.
    nav_to(browser, "预警中心")
    text = wait_text(
        browser,
        # The card is drawn top-down: wait for its delivery line (未配置通知渠道) too.
        lambda t: (
            f"#{alert_id} {FOOD_ALERT_TITLE}" in t
            and "酸菜鱼里吃出了一只虫子" in t
            and "未配置通知渠道" in t
        ),
        "the food-safety alert with its sample mentions and delivery line",
    )
    assert "紧急" in text and "高危单条" in text and "未配置通知渠道" in text
    assert f"待处理\n{pending_home}\n" in text, "the same count as the situation page"
    seen.append(text)
    type_into(browser, "操作人", OPERATOR)
    click(browser, button(browser, "确认", key=f"ack-{alert_id}"))
    wait_text(browser, lambda t: f"确认人：{OPERATOR}" in t, "the acknowledgement")
    with ctx.sessions() as session:
        alert = alerts.get(session, alert_id=alert_id)
        assert alert.status == "acknowledged" and alert.acknowledged_by == OPERATOR
