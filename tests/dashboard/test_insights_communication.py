"""舆情分析 says under 投诉类别构成 how many complaints name a communication failure (沟通不畅:
无人回应, 推诿 …) — the same reading as the 周报's (real classifier and index, page in AppTest)."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from pathlib import Path

import pytest
import streamlit as st
from streamlit.testing.v1 import AppTest
from typer.testing import CliRunner

from app.cli import app

APP = str(Path(__file__).resolve().parents[2] / "app" / "dashboard_main.py")
POSTS = {
    "a": "鲜味坊客服一直不回复，投诉了三次也没人处理，太气人了",
    "b": "鲜味坊外卖电话打不通，门店和平台互相推诿，退款到现在没到",
    "c": "鲜味坊的酸菜鱼吃出虫子，要求退款赔偿",
    "d": "鲜味坊米饭夹生，菜是凉的，投诉",
}


def test_the_analysis_page_names_the_share_of_communication_failures(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    config, data = tmp_path / "yuqing.yaml", tmp_path / "var"
    config.write_text("brand: 鲜味坊\n", encoding="utf-8")
    stamp = datetime.now(UTC).isoformat()
    stream = tmp_path / "in.jsonl"
    stream.write_text(
        "\n".join(
            json.dumps(
                {"source": "t", "native_id": n, "text": t, "published_at": stamp},
                ensure_ascii=False,
            )
            for n, t in POSTS.items()
        ),
        encoding="utf-8",
    )
    args = ["--config", str(config), "--data-dir", str(data)]
    result = CliRunner().invoke(app, ["ingest", str(stream), *args])
    assert result.exit_code == 0, result.output
    monkeypatch.setenv("YUQING_CONFIG", str(config))
    monkeypatch.setenv("YUQING_DATA_DIR", str(data))
    st.cache_resource.clear()
    st.cache_data.clear()
    try:
        at = AppTest.from_file(APP, default_timeout=60).run()
        at.switch_page("../dashboard/views/insights.py").run()
        assert not at.exception, at.exception
        [line] = [c.value for c in at.caption if "提到沟通问题" in c.value]
        assert line.startswith("投诉中 50%（4 条原帖中的 2 条）提到沟通问题：")
        assert "无人回应" in line and "推诿" in line
    finally:
        st.cache_resource.clear()
        st.cache_data.clear()
