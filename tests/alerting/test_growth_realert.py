"""持续扩大 during a night-long crisis: told again when it really grew, less and less often.

The bank week's 暴力催收 story (day 5, 19:40) kept its 高危舆情 alert open all night, and the
service lead's phone said 持续扩大 every 35 minutes until the morning."""

from __future__ import annotations

from datetime import timedelta
from itertools import pairwise
from pathlib import Path

from sqlalchemy import select
from typer.testing import CliRunner

from alerting.engine import AlertEngine
from alerting.enums import AlertEvent, DeliveryStatus
from alerting.lifecycle import Outcome
from alerting.loader import parse_rule
from alerting.models import Alert, Delivery
from alerting.rules import Rule
from app.cli import app
from bench.synthetic import make_mention
from core.context import Context
from core.enums import Category, Severity
from tests.alerting.conftest import MONDAY, advance, make_ctx
from tests.alerting.test_lifecycle import ingest, webhook_config

EVENING = MONDAY + timedelta(hours=20)


def urgent(**options: object) -> Rule:
    """The built-in 高危舆情 settings that matter here."""
    spec = {"name": "urgent-mention", "type": "urgent_mention", "min_urgency": "critical"}
    return parse_rule(spec | options, "test")


def night(ctx: Context, engine: AlertEngine, hours: int = 12) -> None:
    """A critical complaint every 5 minutes from 20:00 on, ticking each minute."""
    for minute in range(hours * 60):
        if minute % 5 == 0:
            at = ctx.clock() - timedelta(seconds=5)
            text = f"催收打电话骚扰我家人，我要报警 {minute}"
            mention = make_mention(
                f"n{minute}", at, text, category=Category.PRIVACY_FRAUD, urgency=Severity.CRITICAL
            )
            ingest(ctx, [mention])
        advance(ctx, timedelta(minutes=1))
        engine.tick()


def told(outcomes: list[Outcome]) -> list[tuple[AlertEvent, int]]:
    """(event, minutes after 20:00) of every message."""
    return [
        (o.event, int((o.alert.notified_at - EVENING).total_seconds() // 60))  # type: ignore[operator]
        for o in outcomes
        if o.notify
    ]


def test_a_night_long_crisis_is_told_again_when_it_doubled_with_growing_gaps(
    data_dir: Path,
) -> None:
    ctx = make_ctx(data_dir, EVENING)
    outcomes: list[Outcome] = []
    engine = AlertEngine(ctx, [urgent()], send=False, sink=outcomes.append)
    ctx.pipeline.add_listener(engine.listen)
    night(ctx, engine)
    messages = told(outcomes)
    assert messages[0] == (AlertEvent.OPENED, 0)
    again = [minute for event, minute in messages if event == AlertEvent.REALERTED]
    assert 2 <= len(again) <= 5, messages  # was one every ~30 minutes: 23 in the night
    gaps = [b - a for a, b in pairwise([0, *again])]
    assert gaps == sorted(gaps) and gaps[-1] <= 4 * 60, gaps  # 30 min, 1 h, 2 h, 4 h at most
    with ctx.sessions() as session:
        assert session.scalars(select(Alert)).one().growth_notices == len(again)


def test_the_old_behaviour_is_one_setting_away(data_dir: Path) -> None:
    ctx = make_ctx(data_dir, EVENING)
    outcomes: list[Outcome] = []
    every_half_hour = {"min_growth": 1, "backoff": 1}
    engine = AlertEngine(
        ctx, [urgent(growth_realert=every_half_hour)], send=False, sink=outcomes.append
    )
    ctx.pipeline.add_listener(engine.listen)
    night(ctx, engine, hours=3)
    again = [m for e, m in told(outcomes) if e == AlertEvent.REALERTED]
    assert len(again) == 5 and all(b - a == 30 for a, b in pairwise(again))


def test_a_new_severity_is_told_at_once(data_dir: Path) -> None:
    ctx = make_ctx(data_dir, EVENING)
    outcomes: list[Outcome] = []
    rule = urgent(min_urgency="high", severity="medium")
    engine = AlertEngine(ctx, [rule], send=False, sink=outcomes.append)
    ctx.pipeline.add_listener(engine.listen)
    high = make_mention("h1", EVENING, "催收骚扰", urgency=Severity.HIGH)
    ingest(ctx, [high])
    advance(ctx, timedelta(minutes=2))
    critical = make_mention("c1", ctx.clock(), "催收骚扰，要报警", urgency=Severity.CRITICAL)
    ingest(ctx, [critical])
    assert [(o.event, o.notify) for o in outcomes] == [
        (AlertEvent.OPENED, True),
        (AlertEvent.REALERTED, True),
    ]
    assert outcomes[-1].alert.severity == Severity.CRITICAL and not outcomes[-1].growth


def test_quiet_hours_hold_a_critical_crisis_s_growth_not_its_opening(data_dir: Path) -> None:
    """The 紧急 alert itself goes out at 21:00; its 持续扩大 at night wait for 08:00."""
    ctx = make_ctx(data_dir, EVENING, notifiers=webhook_config())
    rule = urgent(quiet_hours="22:00-08:00", growth_realert={"backoff": 1})
    engine = AlertEngine(ctx, [rule])  # deliveries to a closed port: failed rows are kept
    ctx.pipeline.add_listener(engine.listen)
    advance(ctx, timedelta(hours=1))
    night(ctx, engine, hours=3)
    with ctx.sessions() as session:
        rows = list(session.scalars(select(Delivery).order_by(Delivery.id)))
    assert rows and rows[0].status != DeliveryStatus.HELD
    assert "持续扩大" not in rows[0].title
    night_rows = [r for r in rows if r.created_at >= EVENING + timedelta(hours=2)]
    assert night_rows and all(r.status == DeliveryStatus.HELD for r in night_rows), [
        (r.title, r.status) for r in rows
    ]


def test_check_refuses_a_growth_factor_below_one_in_chinese(tmp_path: Path) -> None:
    folder = tmp_path / "rules"
    folder.mkdir()
    (folder / "night.yaml").write_text(
        "name: night\ntype: frequency\nthreshold: 5\ngrowth_realert: {min_growth: 0.5}\n",
        encoding="utf-8",
    )
    config = tmp_path / "yuqing.yaml"
    config.write_text("alerting:\n  rules_dir: rules\n", encoding="utf-8")
    checked = CliRunner().invoke(
        app, ["check", "--config", str(config), "--data-dir", str(tmp_path)]
    )
    assert checked.exit_code == 2
    text = " ".join(checked.output.split())
    assert "rules/night.yaml（规则 night）: growth_realert.min_growth：应为不小于 1 的数" in text
    assert "翻一番" in text


def test_alerts_rules_shows_each_rules_growth_realert_beside_its_quiet_hours(
    tmp_path: Path,
) -> None:
    folder = tmp_path / "rules"
    folder.mkdir()
    (folder / "night.yaml").write_text(
        "name: night\ntype: frequency\nthreshold: 5\nrealert: 20m\n"
        "growth_realert: {min_growth: 3, backoff: 1.5, max_wait: 2h}\n"
        "quiet_hours: {hours: '22:00-08:00'}\n",
        encoding="utf-8",
    )
    (folder / "steady.yaml").write_text(
        "name: steady\ntype: frequency\nthreshold: 5\nrealert: 1h\n"
        "growth_realert: {min_growth: 1, backoff: 1}\n",
        encoding="utf-8",
    )
    config = tmp_path / "yuqing.yaml"
    config.write_text("alerting:\n  rules_dir: rules\n", encoding="utf-8")
    listed = CliRunner().invoke(
        app, ["alerts", "rules", "--config", str(config)], env={"COLUMNS": "400"}
    )
    assert listed.exit_code == 0, listed.output
    named = {"night", "steady", "urgent-mention", "collector-flatline"}
    rows = {
        words[1]: "".join(words)
        for line in listed.output.splitlines()
        if len(words := line.split()) > 1 and words[1] in named
    }
    assert (
        "持续扩大：数量达到上次的3倍才再提醒，间隔20分钟起逐次乘以1.5，最长2小时" in rows["night"]
    )
    assert "免打扰22:00-08:00" in rows["night"]
    assert "持续扩大：每1小时提醒一次" in rows["steady"]
    assert "持续扩大：数量翻倍才再提醒" in rows["urgent-mention"]  # the built-in default
    # a realert beyond max_wait is never stretched: its label does not promise a backoff
    assert rows["collector-flatline"].endswith("持续扩大：数量翻倍才再提醒，间隔6小时│")
