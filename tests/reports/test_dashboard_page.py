"""The 舆情报告 dashboard page: lists stored reports, shows one, generates a new one."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest
import streamlit as st
import yaml
from streamlit.testing.v1 import AppTest

from core.context import Context
from tests.reports.factories import two_weeks

PAGE = str(Path(__file__).resolve().parents[2] / "dashboard" / "views" / "reports.py")


@pytest.fixture
def page_env(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """A config and a data dir with the two-week dataset, named by the dashboard's env vars."""
    config = tmp_path / "yuqing.yaml"
    config.write_text(yaml.safe_dump({"brand": "示例品牌"}, allow_unicode=True), "utf-8")
    data_dir = tmp_path / "var"
    ctx = Context.load(config, data_dir)
    ctx.index.upsert_many(two_weeks())
    ctx.close()
    monkeypatch.setenv("YUQING_CONFIG", str(config))
    monkeypatch.setenv("YUQING_DATA_DIR", str(data_dir))
    st.cache_resource.clear()
    yield data_dir
    st.cache_resource.clear()


def test_generate_then_list_and_show(page_env: Path) -> None:
    app = AppTest.from_file(PAGE, default_timeout=120).run()
    assert not app.exception
    assert app.title[0].value == "舆情报告"
    assert "还没有报告" in app.info[0].value
    app.button[0].click().run()
    assert not app.exception
    assert "已生成" in app.success[0].value
    stored = list((page_env / "reports").iterdir())
    assert len(stored) == 1 and (stored[0] / "report.pdf").is_file()
    history = app.selectbox[-1]
    assert history.label == "历史报告" and "舆情周报" in history.options[0]
    assert [m.label for m in app.metric] == ["提及总量", "负面占比", "口碑指数", "需要关注"]
    mentions = json.loads((stored[0] / "meta.json").read_text("utf-8"))["mentions"]
    assert app.metric[0].value == f"{mentions:,}"  # grouped as the report writes it (1,013)
