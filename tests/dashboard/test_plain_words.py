"""What users read on the dashboard: names in Chinese, not configuration ids (AppTest over the
demo incident's stores)."""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
import streamlit as st
from streamlit.testing.v1 import AppTest

from alerting import service as alert_service
from collectors.registry import COLLECTORS
from core.models import Mention
from dashboard.charts import trend_svg
from dashboard.source_names import TYPE_LABELS, WEBHOOK_TYPE
from dashboard.widgets import mention_html
from tests.dashboard.demo_incident import Stores
from tests.support.pages import serve, write_config

APP = str(Path(__file__).resolve().parents[2] / "app" / "dashboard_main.py")


@pytest.fixture
def app(incident: Stores, monkeypatch: pytest.MonkeyPatch) -> Iterator[AppTest]:
    """The dashboard app on the replayed incident's stores."""
    serve(monkeypatch, incident.config, incident.data)
    at = AppTest.from_file(APP, default_timeout=60)
    at.session_state["operator"] = "李娜"  # typed in the sidebar: a case change names a person
    at.run()
    assert not at.exception, at.exception
    yield at
    st.cache_resource.clear()
    st.cache_data.clear()


def text_of(at: AppTest) -> str:
    """Every text a user reads on the page, tooltips of metrics included."""
    parts = [e.value for e in [*at.markdown, *at.caption, *at.info, *at.warning, *at.success]]
    parts += [e.label for e in at.expander]
    parts += [f"{m.label} {m.value} {m.proto.help}" for m in at.metric]
    return "\n".join(str(p) for p in parts)


def rule_names(incident: Stores) -> dict[str, str]:
    """Each fired alert's rule name → its rule type."""
    with incident.ctx.sessions() as session:
        return {a.rule: a.rule_type for a in alert_service.get_all(session)}


def test_alert_pages_name_rules_by_their_titles(app: AppTest, incident: Stores) -> None:
    fired = rule_names(incident)
    assert {"urgent-mention", "own-post-reaction"} <= set(fired)
    app.switch_page("../dashboard/views/alerts.py").run()
    assert not app.exception, app.exception
    shown = text_of(app)
    assert "规则「高危舆情」（高危单条）" in shown
    assert "规则「官方账号发文引发大量互动」（官方发文互动激增）" in shown
    # The rule name stays at hand for whoever edits the rule files: in the caption's help.
    help_texts = [c.proto.help for c in app.caption]
    assert any("urgent-mention" in h for h in help_texts)
    app.switch_page("../dashboard/views/cases.py").run()
    assert not app.exception, app.exception
    assert "规则「高危舆情」" in text_of(app)
    app.switch_page("../dashboard/views/overview.py").run()
    assert not app.exception, app.exception
    assert "「官方发文互动激增」类预警" in text_of(app)
    for page in ("alerts", "cases", "overview"):
        app.switch_page(f"../dashboard/views/{page}.py").run()
        shown = text_of(app)
        assert not [n for n in [*fired, *fired.values()] if n in shown], page


def test_report_form_names_plans(app: AppTest) -> None:
    """监测方案 lists the plan's name (鲜味坊), not its id (xwf)."""
    app.switch_page("../dashboard/views/reports.py").run()
    assert not app.exception, app.exception
    plans = next(s for s in app.selectbox if s.label == "监测方案")
    assert plans.options == ["全部方案", "鲜味坊"]
    plans.select("xwf").run()  # by value: the id still goes to the generator
    assert next(s for s in app.selectbox if s.label == "监测方案").value == "xwf"
    next(b for b in app.button if b.label == "生成报告").click().run()
    assert not app.exception and not app.error, app.error
    assert any(s.value.startswith("已生成") for s in app.success)


def visible(card: str) -> str:
    """A card's text as the browser shows it (tags and their attributes left out)."""
    return re.sub(r"<[^>]+>", "", card)


def test_cards_name_the_source_type_not_its_config_name(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    config = write_config(
        tmp_path,
        "brand: 鲜味坊\nsources:\n"
        "  - {name: xwf-weibo, type: weibo_search, options: {keywords: [鲜味坊]}}\n"
        "  - {name: xwf-xhs, type: xiaohongshu, options: {keywords: [鲜味坊]}}\n",
    )
    serve(monkeypatch, config, tmp_path / "var")
    base = Mention(
        source="xwf-weibo", native_id="1", text="鲜味坊退款难", published_at=datetime.now(UTC)
    )
    shown = {
        source: visible(mention_html(base.model_copy(update={"source": source})))
        for source in ("xwf-weibo", "xwf-xhs", "webhook", "demo")
    }
    assert " · 微博搜索 · " in shown["xwf-weibo"] and "xwf-weibo" not in shown["xwf-weibo"]
    assert " · 小红书 · " in shown["xwf-xhs"]
    assert " · Webhook 推送 · " in shown["webhook"]
    assert "demo" not in shown["demo"]  # a pushed name: the channel badge says where from
    assert 'title="数据源 demo"' in mention_html(base.model_copy(update={"source": "demo"}))
    st.cache_resource.clear()


def test_every_collector_type_has_a_chinese_name() -> None:
    """数据源状态 shows the type of each source: none shows as a raw id."""
    assert set(COLLECTORS.names()) | {WEBHOOK_TYPE} <= set(TYPE_LABELS)


def test_incident_cards_do_not_show_the_source_name(app: AppTest) -> None:
    app.switch_page("../dashboard/views/search.py").run()
    assert not app.exception, app.exception
    cards = [visible(m.value) for m in app.markdown if "yq-mention" in m.value]
    assert cards and not [c for c in cards if "demo" in c]


def test_figures_that_are_not_changes_have_no_arrow(app: AppTest) -> None:
    """st.metric draws an arrow at its delta: a share (负面 64%) or the time used of an SLA
    is not a change, so it sits in a caption under the figure."""
    app.switch_page("../dashboard/views/overview.py").run()
    assert not app.exception, app.exception
    own = next(m for m in app.metric if m.label == "提及 @鲜味坊官方（24 小时）")
    assert not own.proto.delta
    assert any(c.value.startswith("其中负面 ") for c in app.caption)
    app.switch_page("../dashboard/views/cases.py").run()
    next(b for b in app.button if b.label == "立案").click().run()
    app.switch_page("../dashboard/views/case_detail.py").run()
    assert not app.exception, app.exception
    sla = [m for m in app.metric if m.label.startswith("SLA ")]
    assert len(sla) == 2 and not [m for m in sla if m.proto.delta]
    used = [c.value for c in app.caption if c.value.startswith("已用 ")]
    assert len(used) == 2 and all(" · 截止 " in u for u in used)


def test_case_cards_count_skipped_steps_apart_from_done(app: AppTest, incident: Stores) -> None:
    """One step done and one skipped read 完成 1 · 跳过 1, not 任务 2/9."""
    from crisis_playbooks.tasks import service as tasks

    app.switch_page("../dashboard/views/cases.py").run()
    next(b for b in app.button if b.label == "立案").click().run()
    app.switch_page("../dashboard/views/cases.py").run()
    assert any(c.value.endswith(" · 尚无任务") for c in app.caption)
    app.switch_page("../dashboard/views/case_detail.py").run()
    app.button(key="start-playbook").click().run()
    with incident.ctx.sessions() as session:
        steps = tasks.get_all(session, case_id=1)
    app.checkbox(key=f"task-{steps[0].id}").check().run()
    app.text_input(key=f"skip-note-{steps[1].id}").input("已由总部统一处理").run()
    app.button(key=f"skip-{steps[1].id}").click().run()
    assert not app.exception, app.exception
    app.switch_page("../dashboard/views/cases.py").run()
    assert any(c.value.endswith(f" · 任务 完成 1 · 跳过 1 / {len(steps)}") for c in app.caption)


def axis_labels(markup: str) -> list[str]:
    """The texts an SVG chart draws."""
    return re.findall(r"<text [^>]*>([^<]*)</text>", markup)


@pytest.mark.parametrize(("largest", "ticks"), [(1, "0 1 2"), (5, "0 3 6"), (30, "0 25 50")])
def test_count_axes_have_whole_ticks_and_titles(largest: int, ticks: str) -> None:
    """A trend whose busiest hour has 1 or 5 mentions drew 0 / 0.5 / 1 and 0 / 2.5 / 5."""
    start = datetime(2026, 12, 2, tzinfo=UTC)
    rows = [
        {"time": start + timedelta(hours=h), "总量": n, "负面": n, "中性": 0, "正面": 0,
         "负面占比": 1.0 if n else None}
        for h, n in enumerate([0, largest])
    ]  # fmt: skip
    labels = axis_labels(trend_svg(rows, timedelta(hours=1)))
    assert [t for t in labels if t.isdigit()] == ticks.split()
    assert "条数" in labels and "占比" in labels


def test_replayed_sources_lag_is_named_in_chinese(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The gym week replayed with no source configured: 数据源状态 listed each source's lag as
    heimao, rss, tieba, weibo_search — the collector types' ids."""
    from tests.support.pages import page_data

    at = datetime.now(UTC) - timedelta(minutes=30)
    records = [
        {
            "source": source,
            "native_id": f"{source}-{n}",
            "text": "悦动健身闭店，预付卡余额不退",
            "published_at": at.isoformat(),
            "collected_at": (at + timedelta(minutes=8)).isoformat(),
        }
        for source in ("heimao", "weibo_search")
        for n in range(3)
    ]
    with page_data(tmp_path, monkeypatch, records):
        page = AppTest.from_file(APP, default_timeout=60).run()
        page.switch_page("../dashboard/views/sources.py").run()
        assert not page.exception, page.exception
        lines = [c.value for c in page.caption if "采集延迟" in c.value]
    assert [line.split("：")[0] for line in lines] == ["黑猫投诉", "微博搜索"], lines
