"""Post text inside the server-drawn SVG charts stays text in a real browser.

The charts reach the page through st.markdown, which reads markdown inside inline HTML: an
author named `![](http://…/p.png)**粗**` turned into an <img> and a <strong> inside the
hover <title> of the event timeline.
"""

from __future__ import annotations

import html
import json
import re
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from app.cli import app
from brand_events.listing import read_events
from core.context import Context
from dashboard.charts import plain
from tests.dashboard.conftest import start_dashboard, wait_for, wait_text

PIXEL = "http://127.0.0.1:9/pixel.png"
AUTHOR = f"![]({PIXEL})**粗体**[点我](http://evil.cn)"


def test_plain_leaves_no_markdown_or_html() -> None:
    hostile = f"{AUTHOR} <img src=x onerror=alert(1)> </title></svg>\n\n## 标题"
    shown = plain(hostile)
    assert not set("<>[]()!*#\n") & set(re.sub(r"&#\d+;", "", shown)), shown
    assert html.unescape(shown) == " ".join(hostile.split()), "the same text, on one line"


def hostile_event(tmp_path: Path) -> tuple[Path, str]:
    """A data dir holding one event of 15 posts by authors with markdown names; its id."""
    now = datetime.now(UTC)
    lines = [
        json.dumps(
            {
                "source": "weibo",
                "native_id": f"ev{i}",
                "author": {"id": f"a{i}", "name": f"{AUTHOR}{i}", "followers": 500_000},
                "text": f"鲜味坊 外卖 吃出 虫子 食物中毒 住院 第{i}位顾客",
                "published_at": (now - timedelta(minutes=30 - i)).isoformat(),
            },
            ensure_ascii=False,
        )
        for i in range(15)
    ]
    stream = tmp_path / "in.jsonl"
    stream.write_text("\n".join(lines), encoding="utf-8")
    data = tmp_path / "var"
    result = CliRunner().invoke(app, ["ingest", str(stream), "--data-dir", str(data)])
    assert result.exit_code == 0, result.output
    ctx = Context.load(None, data)
    with ctx.sessions() as session:
        (event,) = read_events(session)
    ctx.close()
    return data, event.id


@pytest.mark.browser
def test_event_timeline_hover_shows_the_author_name_as_typed(tmp_path: Path, browser: Any) -> None:
    data, event_id = hostile_event(tmp_path)
    dashboard, url = start_dashboard(None, data)
    try:
        browser.get(f"{url}/event_detail?event={event_id}")
        wait_text(browser, lambda t: "事件脉络" in t, "the event timeline")
        chart = browser.find_element("css selector", ".st-key-event-timeline")
        hovers = wait_for(
            lambda: [
                t.get_attribute("textContent")
                for t in chart.find_elements("css selector", "svg text title")
            ],
            message="the key posts' hover texts",
        )
        assert any(f"{AUTHOR}0" in hover for hover in hovers), hovers
        injected = browser.find_elements("css selector", "svg img, svg strong, svg a")
        assert not injected, [e.get_attribute("outerHTML") for e in injected]
    finally:
        dashboard.terminate()
