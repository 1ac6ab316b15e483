"""`yuqing check` refuses notifiers that could never deliver, naming the option and the fix."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml
from typer.testing import CliRunner

from alerting.enums import DeliveryStatus
from alerting.notifications import Notification, notify
from app.cli import app
from tests.alerting.conftest import MONDAY, make_ctx

runner = CliRunner()
PLAN = {"id": "xwf", "name": "鲜味坊", "expression": "鲜味坊"}


def check(
    tmp_path: Path, *notifiers: dict[str, Any], public_url: str | None = None
) -> tuple[int, str]:
    """Exit code and output of `yuqing check` on a config with these notifiers."""
    config = tmp_path / "yuqing.yaml"
    data: dict[str, Any] = {"plans": [PLAN], "alerting": {"notifiers": list(notifiers)}}
    if public_url:
        data["dashboard"] = {"public_url": public_url}
    config.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    result = runner.invoke(app, ["check", "--config", str(config), "--data-dir", str(tmp_path)])
    return result.exit_code, result.output


def test_check_refuses_notifiers_without_what_they_need(tmp_path: Path) -> None:
    code, out = check(
        tmp_path,
        {"name": "客服钉钉", "type": "dingtalk"},
        {"name": "mail", "type": "email", "options": {"to": ["not-an-email"]}},
        {"name": "wx", "type": "wecom", "options": {"key": ""}},
        {"name": "fs", "type": "feishu", "options": {"token": "https://open.feishu.cn/x"}},
        {"name": "hook", "type": "webhook", "options": {"endpoint": "ops.brand.cn/hook"}},
    )
    assert code == 2, out
    lines = out.splitlines()
    for expected in (
        "alerting.notifiers[客服钉钉].options.token：缺少必填项",
        "alerting.notifiers[mail].options.host：缺少必填项",
        "alerting.notifiers[mail].options.to：'not-an-email' 不是邮箱地址",
        "alerting.notifiers[wx].options.key：缺少必填项",
        "alerting.notifiers[fs].options.token：应只填密钥本身，不是整个网址",
        "alerting.notifiers[hook].options.endpoint：'ops.brand.cn/hook' 不是 http://",
    ):
        assert any(expected in line for line in lines), expected
    assert "发现 6 处问题" in out and "检查通过" not in out
    assert "access_token=" in out  # where to find the DingTalk token


def test_email_without_recipients_is_refused(tmp_path: Path) -> None:
    code, out = check(tmp_path, {"name": "mail", "type": "email", "options": {"host": "smtp.x.cn"}})
    assert code == 2 and "alerting.notifiers[mail].options.to：缺少收件人" in out


def test_complete_notifiers_and_raw_urls_pass(tmp_path: Path) -> None:
    code, out = check(
        tmp_path,
        {"name": "ding", "type": "dingtalk", "options": {"token": "abc", "secret": "SECx"}},
        {"name": "raw", "type": "dingtalk", "options": {"url": "dingtalk://abc/"}},
        {"name": "wx", "type": "wecom", "options": {"key": "k-1"}},
        {"name": "fs", "type": "feishu", "options": {"token": "t"}},
        {
            "name": "mail",
            "type": "email",
            "options": {"host": "smtp.x.cn", "from": "a@x.cn", "to": ["pr@brand.cn"]},
        },
        {"name": "hook", "type": "webhook", "options": {"endpoint": "https://ops.brand.cn/h"}},
    )
    assert code == 0 and "检查通过" in out and "6 个通知渠道" in out, out


def test_a_delivery_to_an_incomplete_notifier_gives_up_with_the_reason(data_dir: Path) -> None:
    ctx = make_ctx(data_dir, MONDAY, notifiers=[{"name": "ding", "type": "dingtalk"}])
    (result,) = notify(ctx, Notification("t", "b", "high"))
    assert result.status == DeliveryStatus.GAVE_UP
    assert result.error and "options.token：缺少必填项" in result.error


DING = {"name": "ding", "type": "dingtalk", "options": {"token": "abc"}}


@pytest.mark.parametrize(
    "public_url",
    [
        None,
        "http://localhost:8501",
        "http://[::1]:8501/",
        "http://0.0.0.0:8501",
        "http://127.0.0.2",
    ],
)
def test_loopback_dashboard_url_with_notifiers_is_a_warning(
    tmp_path: Path, public_url: str | None
) -> None:
    code, out = check(tmp_path, DING, public_url=public_url)
    assert code == 0 and "检查通过" in out and "另有 1 条提醒" in out, out
    assert "提醒：dashboard.public_url 是本机地址" in out and "打不开" in out


def test_reachable_dashboard_url_or_no_notifiers_no_warning(tmp_path: Path) -> None:
    for notifiers, url in (
        ([DING], "http://10.0.0.8:8501"),
        ([DING], "https://yq.brand.cn"),
        ([], None),
    ):
        code, out = check(tmp_path, *notifiers, public_url=url)
        assert code == 0 and "检查通过" in out and "提醒" not in out, out


def test_the_loopback_warning_names_the_dashboard_s_own_port(tmp_path: Path) -> None:
    config = tmp_path / "yuqing.yaml"
    data = {"plans": [PLAN], "alerting": {"notifiers": [DING]}, "dashboard": {"port": 8599}}
    config.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    result = runner.invoke(app, ["check", "--config", str(config), "--data-dir", str(tmp_path)])
    assert "本机地址 http://127.0.0.1:8599" in result.output, result.output
    assert "http://内网IP:8599" in result.output and "8501" not in result.output
