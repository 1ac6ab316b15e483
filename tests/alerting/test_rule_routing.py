"""A rule's own `notifiers`: its messages go to the channels it names (real HTTP receivers)."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path
from typing import Any

import yaml
from typer.testing import CliRunner

from alerting.engine import AlertEngine
from alerting.loader import parse_rule
from app.cli import app
from bench.synthetic import make_mention
from core.context import Context
from core.enums import Category
from tests.alerting.conftest import MONDAY, advance, make_ctx
from tests.support.receivers import HttpReceiver

NOON = MONDAY + timedelta(hours=12)


def complaints(ctx: Context, category: Category, n: int, tag: str) -> None:
    """n complaints of the category published just now, indexed and announced."""
    now = ctx.clock()
    ctx.pipeline.process(
        [
            make_mention(
                f"{tag}{i}", now - timedelta(seconds=10 + i), f"{tag} {i}", category=category
            )
            for i in range(n)
        ]
    )


def rule(name: str, category: Category, **options: Any) -> Any:
    spec = {"name": name, "type": "frequency", "threshold": 3, "window": "10m"}
    return parse_rule({**spec, "filter": {"categories": [category.value]}, **options}, "test")


def paths(receiver: HttpReceiver) -> list[tuple[str, str]]:
    return [(r.path, r.json["title"]) for r in receiver.requests]


def test_a_rule_with_notifiers_goes_only_there_and_escalates_by_the_tiers(
    data_dir: Path, receiver: HttpReceiver
) -> None:
    hooks = [
        {"name": name, "type": "webhook", "options": {"endpoint": receiver.url(f"/{name}")}}
        for name in ("frontline", "quality")
    ]
    tiers = [
        {"tier": "front_line", "after": "0m", "notifiers": ["frontline"]},
        {"tier": "team_lead", "after": "10m", "notifiers": ["frontline"]},
    ]
    ctx = make_ctx(data_dir, NOON, notifiers=hooks, escalation=tiers, grouping={"enabled": False})
    food = rule("food", Category.FOOD_SAFETY_HEALTH, title="食品安全", notifiers=["quality"])
    refund = rule("refund", Category.AFTER_SALES_REFUND, title="退款")
    engine = AlertEngine(ctx, [food, refund])
    complaints(ctx, Category.FOOD_SAFETY_HEALTH, 3, "吃坏肚子")
    complaints(ctx, Category.AFTER_SALES_REFUND, 3, "退款不到账")
    engine.tick()
    assert sorted(paths(receiver)) == [
        ("/frontline", "【较重】新预警：退款"),
        ("/quality", "【较重】新预警：食品安全"),
    ]
    receiver.requests.clear()
    advance(ctx, timedelta(minutes=11))
    engine.tick()  # nobody acknowledged: the next tier hears of both, as configured
    assert sorted(p for p, _ in paths(receiver)) == ["/frontline", "/frontline"]


def test_check_refuses_a_rule_naming_an_unknown_notifier(tmp_path: Path) -> None:
    rules = tmp_path / "rules"
    rules.mkdir()
    (rules / "food.yaml").write_text(
        "name: food\ntype: frequency\nthreshold: 3\nnotifiers: [wecom-quality]\n",
        encoding="utf-8",
    )
    config = tmp_path / "yuqing.yaml"
    data = {
        "plans": [{"id": "xwf", "name": "鲜味坊", "expression": "鲜味坊"}],
        "dashboard": {"public_url": "http://10.0.0.5:8501"},
        "alerting": {
            "rules_dir": "rules",
            "notifiers": [{"name": "wecom-leads", "type": "wecom", "options": {"key": "k"}}],
        },
    }
    config.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    result = CliRunner().invoke(
        app, ["check", "--config", str(config), "--data-dir", str(tmp_path)]
    )
    assert result.exit_code == 2
    assert (
        "预警规则 food（rules/food.yaml）: notifiers 引用了未定义的通知渠道 'wecom-quality'；"
        "在 alerting.notifiers 里定义，已定义：wecom-leads"
    ) in " ".join(result.output.split()).replace("； ", "；")
