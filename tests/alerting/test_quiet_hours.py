"""Quiet hours (免打扰时段): a rule's messages wait and go out as one digest when the span ends;
the alert opens at once; 紧急 goes through unless held explicitly; two workers send once."""

from __future__ import annotations

import json
import threading
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import select
from typer.testing import CliRunner

from alerting.cli import alerts_app
from alerting.digest import delivery_state_zh, release_held
from alerting.engine import AlertEngine
from alerting.enums import AlertStatus, DeliveryStatus
from alerting.loader import RuleFileError, parse_rule
from alerting.models import Alert, Delivery
from alerting.quiet_hours import QuietHours
from bench.synthetic import PassThroughClassifier, make_mention
from core.context import Context
from core.enums import Category, Severity
from core.pipeline.classifier import CLASSIFIERS
from tests.alerting.conftest import MONDAY, TZ, advance, make_ctx
from tests.alerting.test_cli import replay_app
from tests.alerting.test_rule_routing import complaints
from tests.support.receivers import HttpReceiver, SmtpInbox

runner = CliRunner()
NIGHT = MONDAY + timedelta(hours=23)  # Monday 23:00 Beijing time


def at(day: int, hour: int, minute: int = 0) -> datetime:
    """MONDAY + day days, at hour:minute Beijing time."""
    return MONDAY + timedelta(days=day, hours=hour, minutes=minute)


def test_the_span_and_when_it_ends() -> None:
    night = QuietHours.model_validate("22:00-08:00")
    assert night.ends_after(at(0, 23), TZ) == at(1, 8)
    assert night.ends_after(at(1, 7, 59), TZ) == at(1, 8)
    assert night.ends_after(at(1, 8), TZ) is None and night.ends_after(at(1, 12), TZ) is None
    assert night.ends_after(at(0, 22), TZ) == at(1, 8)
    # the span belongs to the day it starts on: Saturday night runs into Sunday morning
    weekend = QuietHours.model_validate({"hours": "22:00-08:00", "days": ["周六", "sun"]})
    assert weekend.ends_after(at(4, 23), TZ) is None  # Friday night
    assert weekend.ends_after(at(5, 3), TZ) is None  # Saturday 03:00 (Friday's span)
    assert weekend.ends_after(at(5, 23), TZ) == at(6, 8)
    assert weekend.ends_after(at(7, 3), TZ) == at(7, 8)  # Monday 03:00 (Sunday's span)
    lunch = QuietHours.model_validate("12:00-13:30")
    assert lunch.ends_after(at(0, 12, 45), TZ) == at(0, 13, 30)
    assert lunch.ends_after(at(0, 13, 30), TZ) is None
    whole = QuietHours.model_validate({"hours": "00:00-24:00", "days": ["周日"]})
    assert whole.ends_after(at(6, 15), TZ) == at(7, 0)
    assert night.label() == "免打扰 22:00-08:00（紧急预警仍即时发送）"
    assert weekend.label() == "免打扰 22:00-08:00（周六、周日；紧急预警仍即时发送）"


@pytest.mark.parametrize(
    ("value", "said"),
    [
        ("22-8", "'22-8' 看不懂；写成 \"22:00-08:00\""),
        ("25:00-08:00", "'25:00-08:00' 里的时间不存在"),
        ("24:00-08:00", "时间不存在"),
        ("08:00-08:00", "开始和结束相同"),
        ({"hours": "22:00-08:00", "days": ["周八"]}, "不认识的星期 '周八'；可写：mon（周一）"),
        ({"hours": "22:00-08:00", "hold": True}, "hold"),
    ],
)
def test_a_bad_span_is_refused_with_what_to_write(value: Any, said: str) -> None:
    spec = {"name": "night", "type": "frequency", "threshold": 3, "quiet_hours": value}
    with pytest.raises(RuleFileError) as caught:
        parse_rule(spec, "rules/night.yaml")
    message = str(caught.value)
    assert message.startswith("rules/night.yaml（规则 night）: quiet_hours")
    assert said in message


def rule(name: str, category: Category, **options: Any) -> Any:
    spec = {"name": name, "type": "frequency", "threshold": 3, "window": "10m", "title": name}
    return parse_rule({**spec, "filter": {"categories": [category.value]}, **options}, "test")


def night_ctx(data_dir: Path, receiver: HttpReceiver) -> Context:
    hook = {"name": "ops", "type": "webhook", "options": {"endpoint": receiver.url("/ops")}}
    return make_ctx(data_dir, NIGHT, notifiers=[hook], grouping={"enabled": False})


def titles(receiver: HttpReceiver) -> list[str]:
    return [r.json["title"] for r in receiver.requests]


def statuses(ctx: Context) -> dict[int | None, list[str]]:
    with ctx.sessions() as session:
        rows = session.scalars(select(Delivery).order_by(Delivery.id)).all()
        found: dict[int | None, list[str]] = {}
        for row in rows:
            found.setdefault(row.alert_id, []).append(str(row.status))
        return found


def test_held_at_night_sent_as_one_digest_at_eight(data_dir: Path, receiver: HttpReceiver) -> None:
    ctx = night_ctx(data_dir, receiver)
    quiet = {"quiet_hours": "22:00-08:00"}
    engine = AlertEngine(
        ctx,
        [
            rule("退款投诉", Category.AFTER_SALES_REFUND, **quiet),
            rule("物流投诉", Category.DELIVERY_LOGISTICS, **quiet),
            rule("食品安全", Category.FOOD_SAFETY_HEALTH, severity="critical", **quiet),
            rule(
                "隐私泄露",
                Category.PRIVACY_FRAUD,
                severity="critical",
                quiet_hours={"hours": "22:00-08:00", "hold_critical": True},
            ),
        ],
    )
    complaints(ctx, Category.AFTER_SALES_REFUND, 3, "退款不到账")
    complaints(ctx, Category.FOOD_SAFETY_HEALTH, 3, "吃坏肚子")
    complaints(ctx, Category.PRIVACY_FRAUD, 3, "电话被泄露")
    engine.tick()
    # the crisis does not wait; the others are open on the dashboard but their message waits
    assert titles(receiver) == ["【紧急】新预警：食品安全"]
    with ctx.sessions() as session:
        opened = {a.rule: a.status for a in session.scalars(select(Alert))}
        held = session.scalars(select(Delivery).where(Delivery.status == "held")).all()
        assert {d.title for d in held} == {"【较重】新预警：退款投诉", "【紧急】新预警：隐私泄露"}
        assert delivery_state_zh(held[0], TZ, ctx.clock()) == "免打扰中，将于 明天 08:00 发送"
        assert delivery_state_zh(held[0], TZ, at(1, 2)) == "免打扰中，将于 08:00 发送"
    assert opened == {r: AlertStatus.OPEN for r in ("退款投诉", "食品安全", "隐私泄露")}
    advance(ctx, timedelta(hours=3))  # 02:00: another rule fires, also held
    complaints(ctx, Category.DELIVERY_LOGISTICS, 3, "快递丢了")
    engine.tick()
    # the crisis's end is told at once too; the other rules' endings wait with their openings
    assert titles(receiver)[1:] == ["【紧急】预警已恢复：食品安全"]
    advance(ctx, timedelta(hours=5, minutes=59))  # 07:59: still quiet
    engine.tick()
    assert len(receiver.requests) == 2
    advance(ctx, timedelta(minutes=1))  # 08:00
    engine.tick()
    assert titles(receiver)[2:] == ["【紧急】免打扰期间的 3 条预警（汇总）"]
    body = receiver.requests[2].json["message"]
    # one line per alert: its latest state, when it began, how many messages it had
    for name, began in (("退款投诉", "03-02 23:00"), ("隐私泄露", "03-02 23:00")):
        assert f"{began} 【较重】预警已恢复：{name}（共 2 条消息）" in body.replace("紧急", "较重")
    assert "03-03 02:00 【较重】预警已恢复：物流投诉（共 2 条消息）" in body
    assert body.count("/alerts?alert=") == 3
    advance(ctx, timedelta(minutes=5))
    engine.tick()
    assert len(receiver.requests) == 3  # nothing sent twice
    rows = statuses(ctx)
    assert rows[None] == [DeliveryStatus.SENT]  # the digest
    held = [s for k, v in rows.items() if k is not None for s in v if s != "sent"]
    assert held == ["digested"] * 6
    ctx.close()


def test_the_digest_arrives_as_one_email(data_dir: Path, smtp_inbox: SmtpInbox) -> None:
    options = {
        "host": "127.0.0.1",
        "port": smtp_inbox.port,
        "security": "none",
        "from": "yuqing@example.com",
        "to": ["lead@example.com"],
    }
    mail = {"name": "mail", "type": "email", "options": options}
    ctx = make_ctx(data_dir, NIGHT, notifiers=[mail], grouping={"enabled": False})
    quiet = {"quiet_hours": "22:00-08:00"}
    engine = AlertEngine(
        ctx,
        [
            rule("退款投诉", Category.AFTER_SALES_REFUND, **quiet),
            rule("物流投诉", Category.DELIVERY_LOGISTICS, **quiet),
        ],
    )
    complaints(ctx, Category.AFTER_SALES_REFUND, 3, "退款不到账")
    engine.tick()
    advance(ctx, timedelta(hours=2))  # 01:00
    complaints(ctx, Category.DELIVERY_LOGISTICS, 3, "快递丢了")
    engine.tick()
    advance(ctx, timedelta(hours=6, minutes=59))  # 07:59
    engine.tick()
    assert smtp_inbox.messages == []  # nobody's phone buzzes at night
    advance(ctx, timedelta(minutes=1))  # 08:00
    engine.tick()
    (message,) = smtp_inbox.messages
    assert str(message["Subject"]) == "【较重】免打扰期间的 2 条预警（汇总）"
    assert smtp_inbox.recipients == [["lead@example.com"]]
    parts = {
        part.get_content_subtype(): part.get_content()
        for part in message.walk()
        if part.get_content_maintype() == "text"
    }
    plain = parts["plain"]
    assert "03-02 23:00 【较重】预警已恢复：退款投诉（共 2 条消息）" in plain
    assert "03-03 01:00 【较重】预警已恢复：物流投诉（共 2 条消息）" in plain
    assert plain.count("http://dash.example/alerts?alert=") == 2
    assert plain.count("http://dash.example/alerts?alert=") == parts["html"].count('href="http')
    advance(ctx, timedelta(minutes=5))
    engine.tick()
    assert len(smtp_inbox.messages) == 1  # sent once
    assert statuses(ctx)[None] == [DeliveryStatus.SENT]
    ctx.close()


def test_a_single_held_message_goes_out_as_itself(data_dir: Path, receiver: HttpReceiver) -> None:
    ctx = night_ctx(data_dir, receiver)
    engine = AlertEngine(
        ctx, [rule("退款投诉", Category.AFTER_SALES_REFUND, quiet_hours="22:00-08:00")]
    )
    complaints(ctx, Category.AFTER_SALES_REFUND, 3, "退款不到账")
    engine.tick()
    assert receiver.requests == []
    advance(ctx, timedelta(hours=9))
    engine.tick()  # 08:00: the held opening first, then the resolution (no longer quiet)
    assert titles(receiver) == ["【较重】新预警：退款投诉", "【较重】预警已恢复：退款投诉"]
    ctx.close()


def test_two_workers_release_the_night_once(data_dir: Path, receiver: HttpReceiver) -> None:
    ctx = night_ctx(data_dir, receiver)
    quiet = {"quiet_hours": "22:00-08:00"}
    engine = AlertEngine(
        ctx,
        [
            rule("退款投诉", Category.AFTER_SALES_REFUND, **quiet),
            rule("物流投诉", Category.DELIVERY_LOGISTICS, **quiet),
        ],
    )
    complaints(ctx, Category.AFTER_SALES_REFUND, 3, "退款不到账")
    complaints(ctx, Category.DELIVERY_LOGISTICS, 3, "快递丢了")
    engine.tick()
    assert receiver.requests == []
    advance(ctx, timedelta(hours=9))
    workers = [night_ctx(data_dir, receiver) for _ in range(2)]
    for worker in workers:
        worker.clock = ctx.clock
    start = threading.Barrier(2)
    sent: list[list[int]] = []

    def release(worker: Context) -> None:
        start.wait()
        sent.append(release_held(worker))

    threads = [threading.Thread(target=release, args=(w,)) for w in workers]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(60)
    assert sorted(len(ids) for ids in sent) == [0, 1]
    assert titles(receiver) == ["【较重】免打扰期间的 2 条预警（汇总）"]
    for worker in (*workers, ctx):
        worker.close()


@pytest.fixture
def passthrough() -> Any:
    CLASSIFIERS.add("passthrough", PassThroughClassifier)
    yield
    CLASSIFIERS.discard("passthrough")


def test_listing_and_replay_say_when_messages_wait(tmp_path: Path, passthrough: None) -> None:
    (tmp_path / "rules").mkdir()
    night = {
        "name": "night-refunds",
        "type": "frequency",
        "threshold": 3,
        "window": "10m",
        "title": "退款投诉",
        "quiet_hours": "22:00-08:00",
    }
    (tmp_path / "rules" / "night.yaml").write_text(json.dumps(night), encoding="utf-8")
    config = tmp_path / "yuqing.yaml"
    config.write_text(
        "brand: 鲜味坊\nclassifier: {model: passthrough}\n"
        "alerting: {eval_interval: 1m, builtin_rules: false, rules_dir: rules}\n",
        encoding="utf-8",
    )
    listed = runner.invoke(alerts_app, ["rules", "--config", str(config)])
    assert listed.exit_code == 0, listed.output
    cells = "".join(listed.output.replace("│", " ").split())  # the table wraps the 说明 cell
    assert (
        "退款投诉；持续扩大：数量翻倍才再提醒，间隔30分钟起逐次乘以2，最长4小时；"
        "免打扰22:00-08:00（紧急预警仍即时发送）" in cells
    )
    stream = tmp_path / "stream.jsonl"
    burst = [make_mention(f"n{i}", NIGHT + timedelta(minutes=i), f"退款 {i}") for i in range(4)]
    stream.write_text("\n".join(m.model_dump_json() for m in burst) + "\n", encoding="utf-8")
    out = tmp_path / "alerts.jsonl"
    args = ["replay", str(stream), "--alerts-out", str(out), "--config", str(config)]
    result = runner.invoke(replay_app(), args, env={"YUQING_DATA_DIR": ""})
    assert result.exit_code == 0, result.output
    (fired,) = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert fired["notified"] is True and fired["held_until"] == "2026-03-03T00:00:00+00:00"
    assert "会通知（免打扰中，将于 明天 08:00 发送，与其他消息汇总）" in result.output
    assert Severity(fired["severity"]) == Severity.MEDIUM
