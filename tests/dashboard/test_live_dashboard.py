"""The dashboard reads while `yuqing run` writes: real processes, real browser."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from core.context import Context
from core.index.protocol import SearchQuery
from core.index.sqlite import SQLiteMentionIndex
from core.models import Mention
from sentiment.corrections import service as corrections
from tests.dashboard.conftest import (
    button,
    click,
    page_text,
    select_option,
    start_dashboard,
    type_into,
    wait_for,
    wait_text,
)

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


def shown_options(driver: Any) -> list[Any]:
    """The options of the open selectbox dropdown (none when it is closed)."""
    return [o for o in driver.find_elements("css selector", "[role='option']") if o.is_displayed()]


def field(panel: Any, label: str) -> Any:
    """The selectbox with this label inside the panel."""
    path = f".//div[@data-testid='stSelectbox'][.//input[@aria-label='{label}']]"
    return wait_for(
        lambda: [b for b in panel.find_elements("xpath", path) if b.is_displayed()], 30, label
    )[0]


def chosen(panel: Any, label: str) -> str:
    """The value a selectbox of the panel shows."""
    value = field(panel, label).find_element("css selector", "input[role='combobox']")
    return str(value.get_attribute("value"))


def open_dropdown(driver: Any, panel: Any, label: str, clicks: int = 3) -> list[Any]:
    """Open a selectbox of the panel; its options. A click that lands while the page re-renders
    (the expander still opening, under load) opens nothing, so the box is clicked again, as a
    person would, up to `clicks` times, each waiting 10 s for the options."""
    for attempt in range(1, clicks + 1):
        click(driver, field(panel, label).find_element("css selector", "button[aria-haspopup]"))
        try:
            return list(wait_for(lambda: shown_options(driver), 10, f"the options of {label}"))
        except AssertionError:
            if attempt == clicks:
                raise
    raise AssertionError(f"no click on {label}")


def stored_correction(config: Path, data: Path) -> tuple[str, str, Mention | None]:
    """The one correction stored: field, new value and the mention as the index holds it."""
    ctx = Context.load(config, data)
    try:
        with ctx.sessions() as session:
            [row] = corrections.history(session)
        return row.field, row.after, ctx.index.get(row.mention_id)
    finally:
        ctx.close()


def correction_panel(driver: Any) -> Any:
    """Open the 人工校正 expander; the element to look for its fields in (the sidebar's filters
    have fields of the same names)."""
    path = "//details[.//summary[.//p[contains(., '人工校正')]]]"
    panel = wait_for(lambda: driver.find_elements("xpath", path), 30, "人工校正")[0]
    click(driver, panel.find_element("tag name", "summary"))
    return panel


@pytest.mark.browser
def test_feed_fills_while_service_writes(tmp_path: Path, browser: object) -> None:
    config = tmp_path / "yuqing.yaml"
    config.write_text(CONFIG, encoding="utf-8")
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
        type_into(browser, "操作人", "李娜")
        click(browser, button(browser, "保存校正"))
        text = wait_text(browser, lambda t: "已校正（操作人 李娜）" in t, "the saved correction")
        assert f"是否投诉 {now} → {flipped}" in text
        changed, after, mention = stored_correction(config, data)
        assert (changed, after) == ("complaint", "true" if flipped == "是" else "false")
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
        type_into(browser, "操作人", "李娜")
        click(browser, button(browser, "保存校正"))
        text = wait_for(
            lambda: (t := page_text(browser)) and "已校正（操作人 李娜）" in t and t,
            60,
            "the saved correction",
        )
        assert "情感 负面 → 中性" in text and "人工校正" in text
        index = SQLiteMentionIndex(data / "mentions.db")
        found = index.search(SearchQuery(text="退款")).mentions
        index.close()
        assert [m.sentiment.label if m.sentiment else None for m in found] == ["neutral"]
    finally:
        dashboard.terminate()
        dashboard.wait(timeout=20)
