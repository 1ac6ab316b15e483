"""Post text inside the server-drawn SVG charts stays text in a real browser.

The charts reach the page through st.markdown, which reads markdown inside inline HTML: an
author named `![](http://…/p.png)**粗**` turned into an <img> and a <strong> inside the
hover <title> of the event timeline.
"""

from __future__ import annotations

import html
import json
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from app.cli import app
from brand_events.listing import read_events
from core.context import Context
from dashboard.charts import bars_svg, plain
from tests.dashboard.conftest import start_dashboard, wait_for, wait_text

PIXEL = "http://127.0.0.1:9/pixel.png"
AUTHOR = f"![]({PIXEL})**粗体**[点我](http://evil.cn)"
LONG_NAME = "B" * 100  # no space to break at (100: the longest name ingest keeps)


def test_plain_leaves_no_markdown_or_html() -> None:
    hostile = f"{AUTHOR} <img src=x onerror=alert(1)> </title></svg>\n\n## 标题"
    shown = plain(hostile)
    assert "<" not in shown and ">" not in shown and "\n" not in shown, shown
    assert html.unescape(shown) == " ".join(hostile.split()), "the same text, on one line"


def name(i: int) -> str:
    """The i-th author: markdown in the name, the first and most followed one a very long word."""
    return LONG_NAME if i == 0 else f"{AUTHOR}{i}"


def hostile_event(tmp_path: Path) -> tuple[Path, str]:
    """A data dir holding one event of posts by authors with markdown or very long names; its id."""
    now = datetime.now(UTC)
    lines = [
        json.dumps(
            {
                "source": "weibo",
                "native_id": f"ev{i}",
                "author": {
                    "id": f"a{i}",
                    "name": name(i),
                    "followers": 9_000_000 if i == 14 else 500_000,
                },
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
        browser.set_window_size(900, 1400)  # a laptop with the sidebar open
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
        assert any(f"{AUTHOR}1" in hover for hover in hovers), hovers
        injected = browser.find_elements("css selector", "svg img, svg strong, svg a")
        assert not injected, [e.get_attribute("outerHTML") for e in injected]
        table = browser.find_element("css selector", "[data-testid='stMain'] table")
        assert LONG_NAME in table.text
        main = browser.find_element("css selector", "[data-testid='stMainBlockContainer']")
        widths = browser.execute_script(
            "return [arguments[0].getBoundingClientRect().width,"
            " arguments[1].getBoundingClientRect().width]",
            table,
            main,
        )
        assert widths[0] <= widths[1], f"the table ({widths[0]}px) is wider than the page"
    finally:
        dashboard.terminate()


def test_long_bar_labels_are_cut_and_whole_in_the_hover() -> None:
    word = "a" * 5000
    chart = html.unescape(
        bars_svg([(word, 3, f"{word}：3 次"), ("退款", 2, "退款：2 次")], "#d64545")
    )
    assert ">aaaaaaaaa…</text>" in chart and f"<title>{word}：3 次</title>" in chart
    assert ">退款</text>" in chart
