"""预警中心 and `yuqing alerts list` of one monitoring plan: a desk watching two brands picks
监测方案 and sees that brand's alerts only — those whose rule names the plan, and those of
rules over every plan whose posts are the plan's (real stores, the page in AppTest)."""

from __future__ import annotations

import json
from collections.abc import Iterator, Sequence
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest
import streamlit as st
from streamlit.testing.v1 import AppTest
from typer.testing import CliRunner

from alerting import plan_scope
from alerting.enums import AlertStatus
from alerting.models import Alert
from alerting.plan_scope import alerts_of_plans
from app.cli import app
from core.context import Context
from core.enums import Severity
from core.index.protocol import SearchQuery
from tests.support.pages import serve, write_config

APP = str(Path(__file__).resolve().parents[2] / "app" / "dashboard_main.py")
CONFIG = """brand: 鲜味坊
plans:
  - {id: xwf, name: 鲜味坊, expression: 鲜味坊}
  - {id: chiyuan, name: 驰远汽车, expression: 驰远}
"""
runner = CliRunner()


def raise_alert(ctx: Context, title: str, plans: list[str], samples: list[str]) -> None:
    moment = datetime.now(UTC)
    with ctx.sessions() as session:
        session.add(
            Alert(
                rule="urgent-mention",
                rule_type="urgent_mention",
                key=title,
                severity=Severity.HIGH,
                status=AlertStatus.OPEN,
                title=title,
                summary="",
                opened_at=moment,
                updated_at=moment,
                last_fired_at=moment,
                fire_count=1,
                plans=plans,
                sample_mention_ids=samples,
            )
        )
        session.commit()


@pytest.fixture
def two_brands(tmp_path: Path) -> Iterator[tuple[Path, Path]]:
    config, data = write_config(tmp_path, CONFIG), tmp_path / "var"
    stamp = datetime.now(UTC).isoformat()
    posts = {"a": "鲜味坊的酸菜鱼吃出虫子，已经报警", "b": "驰远汽车刹车失灵，4S店推诿不管"}
    stream = tmp_path / "in.jsonl"
    stream.write_text(
        "\n".join(
            json.dumps({"source": "t", "native_id": n, "text": t, "published_at": stamp})
            for n, t in posts.items()
        ),
        encoding="utf-8",
    )
    args = ["--config", str(config), "--data-dir", str(data)]
    result = runner.invoke(app, ["ingest", str(stream), *args])
    assert result.exit_code == 0, result.output
    ctx = Context.load(config, data)
    try:
        found = ctx.index.search(SearchQuery(limit=10)).mentions
        ids = {m.text[:3]: m.id for m in found}
        raise_alert(ctx, "高危舆情：鲜味坊后厨", ["xwf"], [])
        raise_alert(ctx, "高危舆情：驰远刹车（规则限定方案）", ["chiyuan"], [])
        raise_alert(ctx, "负面激增：全部方案规则里的驰远帖子", [], [ids["驰远汽"]])
        raise_alert(ctx, "负面激增：全部方案规则里的鲜味坊帖子", [], [ids["鲜味坊"]])
    finally:
        ctx.close()
    yield config, data


def test_the_alert_page_lists_the_chosen_plans_alerts(
    two_brands: tuple[Path, Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    config, data = two_brands
    serve(monkeypatch, config, data)
    scoped: list[list[str]] = []  # the plans of each scoping (each searches the index)

    def counted(index: Any, plans: Sequence[str], alerts: Sequence[Any]) -> set[int]:
        scoped.append(list(plans))
        return alerts_of_plans(index, plans, alerts)

    monkeypatch.setattr(plan_scope, "alerts_of_plans", counted)
    try:
        at = AppTest.from_file(APP, default_timeout=60).run()
        at.switch_page("../dashboard/views/alerts.py").run()
        assert len(at.expander) == 4
        assert {m.label: m.value for m in at.metric}["待处理"] == "4"
        plans = next(m for m in at.sidebar.multiselect if m.label == "监测方案")
        plans.set_value(["chiyuan"]).run()
        assert not at.exception, at.exception
        assert scoped == [["chiyuan"]]  # tiles, list and live watch: one scoping per run
        titles = sorted(e.label.split(" · ", 1)[1] for e in at.expander)
        assert titles == [
            "负面激增：全部方案规则里的驰远帖子",
            "高危舆情：驰远刹车（规则限定方案）",
        ]
        assert {m.label: m.value for m in at.metric}["待处理"] == "2"
        status = next(m for m in at.sidebar.multiselect if m.label == "状态")
        status.set_value([AlertStatus.RESOLVED]).run()  # the tiles still count the unresolved
        assert not at.expander and {m.label: m.value for m in at.metric}["待处理"] == "2"
        assert scoped == [["chiyuan"], ["chiyuan"]]
    finally:
        st.cache_resource.clear()
        st.cache_data.clear()


def test_alerts_list_takes_a_plan_by_id_or_name(two_brands: tuple[Path, Path]) -> None:
    config, data = two_brands
    args = ["--config", str(config), "--data-dir", str(data)]

    by_name = runner.invoke(
        app, ["alerts", "list", "--plan", "鲜味坊", *args], env={"COLUMNS": "200"}
    )

    assert by_name.exit_code == 0, by_name.output
    assert "鲜味坊后厨" in by_name.output and "全部方案规则里的鲜味坊帖子" in by_name.output
    assert "驰远" not in by_name.output
    wrong = runner.invoke(app, ["alerts", "list", "--plan", "驰远", *args], env={"COLUMNS": "200"})
    assert wrong.exit_code == 2
    assert "未知的监测方案 '驰远'" in wrong.output and "chiyuan（驰远汽车）" in wrong.output
