"""The dashboard reads while `yuqing run` writes: real processes, real browser."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest

from core.context import Context
from core.index.protocol import SearchQuery
from core.index.sqlite import SQLiteMentionIndex
from core.models import Mention
from sentiment.corrections import service as corrections
from tests.dashboard.browser_panel import (
    chosen,
    correction_panel,
    open_dropdown,
    save_correction_as,
    shown_options,
)
from tests.dashboard.conftest import (
    click,
    page_text,
    select_option,
    start_dashboard,
    wait_for,
    wait_text,
)
from tests.support.pages import write_config

CONFIG = """
brand: 鲜味坊
plans:
  - {id: xwf, name: 鲜味坊, expression: '鲜味坊'}
sources:
  - name: demo
    type: replay
    interval: 1s
    options: {history: 1d, rate_per_hour: 120, incident_after: 5s, batch_size: 200}
dashboard: {refresh: 2s}
"""


def metric(text: str, label: str) -> int:
    """The number shown under a st.metric label."""
    found = re.search(rf"{label}\s*\n\s*([\d,]+)", text)
    return int(found.group(1).replace(",", "")) if found else -1


def stored_corrections(config: Path, data: Path) -> tuple[dict[str, str], Mention | None]:
    """The corrections stored (field → new value) on their one mention, as the index holds it."""
    ctx = Context.load(config, data)
    try:
        with ctx.sessions() as session:
            rows = corrections.history(session)
        assert len({row.mention_id for row in rows}) == 1, rows
        return {row.field: row.after for row in rows}, ctx.index.get(rows[0].mention_id)
    finally:
        ctx.close()


@pytest.mark.browser
def test_feed_fills_while_service_writes(tmp_path: Path, browser: object) -> None:
    config = write_config(tmp_path, CONFIG)
    data = tmp_path / "var"
    service = subprocess.Popen(
        [sys.executable, "-m", "app", "run", "--config", str(config), "--data-dir", str(data)],
        stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
    )  # fmt: skip
    dashboard, url = start_dashboard(config, data)
    try:
        reader = SQLiteMentionIndex(data / "mentions.db")
        counts = [
            wait_for(lambda: reader.count(SearchQuery()), 120, "the service to index mentions")
        ]
        browser.get(url + "/feed")  # type: ignore[attr-defined]
        text = wait_for(
            lambda: (t := page_text(browser)) and metric(t, "提及量") > 0 and t, 90, "feed metrics"
        )
        assert "实时舆情 · 鲜味坊" in text and "最新提及" in text
        assert "Traceback" not in text and "Error" not in text
        first_shown = metric(text, "提及量")
        # The incident starts 5 s after launch; the page refreshes by itself and shows it.
        text = wait_for(
            lambda: (t := page_text(browser)) and "酸菜鱼里吃出了一只虫子" in t and t,
            90,
            "incident",
        )
        assert metric(text, "提及量") >= first_shown
        # 人工校正 while the feed refreshes itself and the service writes: pick the third card,
        # keep a dropdown open across a refresh that brings new mentions, save, and the
        # correction is stored on the picked mention.
        panel = correction_panel(browser)
        third = open_dropdown(browser, panel, "要校正的提及")[2]
        picked = third.text.strip()
        click(browser, third)
        wait_text(browser, lambda _: chosen(panel, "要校正的提及") == picked, "the pick")
        now = chosen(panel, "是否投诉")
        flipped = "否" if now == "是" else "是"
        open_dropdown(browser, panel, "是否投诉")
        before = metric(page_text(browser), "提及量")
        wait_for(lambda: metric(page_text(browser), "提及量") > before, 90, "new mentions")
        option = [o for o in shown_options(browser) if o.text.strip() == flipped]
        assert option, "a refresh closed the open dropdown"
        click(browser, option[0])
        wait_text(browser, lambda _: chosen(panel, "是否投诉") == flipped, f"是否投诉 {flipped}")
        assert chosen(panel, "要校正的提及") == picked
        text = save_correction_as(browser, "李娜")
        assert f"是否投诉 {now} → {flipped}" in text
        changed, mention = stored_corrections(config, data)
        assert changed["complaint"] == ("true" if flipped == "是" else "false")
        # 不是投诉 brings category 其他 along (the classifier's rule), unless it was 其他 already.
        assert set(changed) <= ({"complaint", "category"} if flipped == "否" else {"complaint"})
        assert changed.get("category", "other") == "other"
        assert mention is not None and mention.author.name and mention.author.name in picked
        assert (mention.title or mention.text)[:20].replace("\n", " ") in picked
        counts.append(reader.count(SearchQuery()))
        assert counts[-1] >= counts[0]
        assert reader.count(SearchQuery(text="食物中毒")) >= 1
        reader.close()
    finally:
        dashboard.terminate()
        service.terminate()
        dashboard.wait(timeout=20)
        _, err = service.communicate(timeout=60)
    assert service.returncode in (0, -15), err.decode(errors="replace")[-2000:]
    assert b"database is locked" not in err


@pytest.mark.browser
def test_search_page_finds_substring(tmp_path: Path, browser: object) -> None:
    data = tmp_path / "var"
    stream = tmp_path / "in.jsonl"
    stream.write_text(
        '{"source":"weibo","native_id":"1","text":"鲜味坊申请退款一直没到账","published_at":"2030-01-01T00:00:00Z"}\n'
        '{"source":"weibo","native_id":"2","text":"鲜味坊很好吃","published_at":"2030-01-01T00:00:00Z"}\n',
        encoding="utf-8",
    )
    subprocess.run(
        [sys.executable, "-m", "app", "ingest", str(stream), "--data-dir", str(data)], check=True
    )
    dashboard, url = start_dashboard(None, data)
    try:
        browser.get(url + "/search")  # type: ignore[attr-defined]
        wait_for(lambda: "搜索内容" in page_text(browser), 60, "search page")
        box = browser.find_element("css selector", "input[aria-label^='搜索内容']")  # type: ignore[attr-defined]
        box.send_keys("退款\n")
        text = wait_for(
            # Streamlit keeps the previous run's elements until the rerun finishes.
            lambda: (t := page_text(browser)) and "共找到 1 条" in t and "很好吃" not in t and t,
            60,
            "search result without the non-matching mention",
        )
        assert "申请退款一直没到账" in text
        # 人工校正 in the browser: the refund complaint is not neutral, staff say so.
        select_option(browser, "情感", "中性", scope=correction_panel(browser))
        text = save_correction_as(browser, "李娜")
        assert "情感 负面 → 中性" in text and "人工校正" in text
        index = SQLiteMentionIndex(data / "mentions.db")
        found = index.search(SearchQuery(text="退款")).mentions
        index.close()
        assert [m.sentiment.label if m.sentiment else None for m in found] == ["neutral"]
    finally:
        dashboard.terminate()
        dashboard.wait(timeout=20)
