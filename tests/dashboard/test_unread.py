"""What is new since I last looked (real browser, real stores): a post collected while 实时舆情 or
舆情态势 is open shows as 新 with the count since the page was opened — a late-crawled post
published hours before too —, the posts already there do not, and 全部标为已读 clears both."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest

from tests.dashboard.conftest import button, click, start_dashboard, wait_for, wait_text
from tests.dashboard.corrections_panel import ingest
from tests.support.pages import write_config

CONFIG = "brand: 鲜味坊\ndashboard: {refresh: 2s}\n"
OLD = "鲜味坊的面条煮得太烂了"
# Urgent: on 舆情态势 it is pinned above the feed, and the pinned card says 新 too.
NEW = "鲜味坊外卖吃出虫子，孩子食物中毒住院了，已经报警并打了12315"
# Published three hours before the page opened, collected after it (a late crawl): new to me.
LATE = "鲜味坊门店的汤是凉的"


def cards(driver: Any) -> dict[str, bool]:
    """Which of the two posts have a card, and whether it says 新 (its first badge)."""
    found = {}
    for card in driver.find_elements("css selector", ".yq-mention"):
        text = card.text
        for post in (OLD, NEW, LATE):
            if post in text:
                found[post] = text.splitlines()[0].startswith("新")
    return found


@pytest.mark.browser
@pytest.mark.parametrize("page", ["feed", ""])
def test_posts_published_since_the_page_opened_are_new(
    tmp_path: Path, browser: Any, page: str
) -> None:
    config, data = write_config(tmp_path, CONFIG), tmp_path / "var"
    ingest(data, {"1": OLD})
    dashboard, url = start_dashboard(config, data)
    try:
        browser.get(f"{url}/{page}")
        wait_text(browser, lambda t: "以来没有新增提及" in t, "the page, nothing new yet")
        wait_for(lambda: cards(browser) == {OLD: False}, 30, "the post already there, not 新")
        ingest(data, {"2": NEW})
        ingest(data, {"3": LATE}, published=datetime.now(UTC) - timedelta(hours=3))
        shown = wait_text(
            browser, lambda t: "以来新增 2 条" in t, "both new posts counted", timeout=30
        )
        assert page == "feed" or "置顶 · 需要优先处理的内容" in shown, "pinned on 舆情态势"
        marked = {OLD: False, NEW: True, LATE: True}
        wait_for(lambda: cards(browser) == marked, 30, "the new posts marked 新")
        click(browser, button(browser, "全部标为已读"))
        wait_text(browser, lambda t: "以来没有新增提及" in t, "everything read", timeout=30)
        read = {OLD: False, NEW: False, LATE: False}
        wait_for(lambda: cards(browser) == read, 30, "no 新 left")
    finally:
        dashboard.terminate()
        dashboard.wait(timeout=30)
