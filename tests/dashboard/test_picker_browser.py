"""人工校正 in a real browser: the 要校正的提及 box shows the mention a save changes, after a new
search too (the browser kept the previous search's line over another mention's caption)."""

from __future__ import annotations

import json
import subprocess
import sys
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest

from core.context import Context
from sentiment.corrections import service as corrections
from tests.dashboard.browser_panel import (
    chosen,
    correction_panel,
    open_panel,
    save_correction_as,
)
from tests.dashboard.conftest import (
    page_text,
    select_option,
    start_dashboard,
    type_into,
    wait_for,
    wait_text,
)

BRICKED = "驰远EV3 OTA升级后车机直接变砖，4S店说等通知"
ADVERT = "驰远X5的零首付广告全是套路，合同里全是隐藏费用"


def _ingest(tmp_path: Path) -> Path:
    """The advert complaint (newest: first on the unsearched list) and the bricked car."""
    now = datetime.now(UTC)
    posts = [("1", "车主a139", ADVERT, now - timedelta(hours=1))]
    posts.append(("2", "车主a88", BRICKED, now - timedelta(hours=2)))
    stream = tmp_path / "in.jsonl"
    lines = [
        {"source": "weibo", "native_id": n, "text": t, "published_at": at.isoformat()}
        | {"author": {"name": who}}
        for n, who, t, at in posts
    ]
    stream.write_text("\n".join(json.dumps(x, ensure_ascii=False) for x in lines), "utf-8")
    data = tmp_path / "var"
    command = [sys.executable, "-m", "app", "ingest", str(stream), "--data-dir", str(data)]
    subprocess.run(command, check=True, capture_output=True)
    return data


def _search(driver: Any, text: str, shows: str) -> None:
    """Search and wait for this search's one card (the line 共找到 1 条 is the previous
    search's too: waiting for it alone read the panel before the new search ran)."""
    type_into(driver, "搜索内容（中文子串，空格=并且，-排除）", text)

    def this_search(page: str) -> bool:
        cards = [card.text for card in driver.find_elements("css selector", ".yq-mention")]
        return "共找到 1 条" in page and len(cards) == 1 and shows[:20] in cards[0]

    wait_text(driver, this_search, f"the search for {text}")


def _shown(driver: Any, who: str) -> tuple[str, str]:
    """The pick's line and the caption naming the mention a save changes, once the caption
    names `who` (the caption is drawn after the cards: read too early, it is the last run's).
    The panel is found again on every poll (a re-render replaces it; one CI run waited 30 s on
    the element it had replaced)."""

    def read() -> tuple[str, str] | None:
        panel = open_panel(driver)
        if panel is None:
            return None
        lines = [x for x in panel.text.splitlines() if x.startswith("保存将改动这条提及")]
        return (chosen(panel, "要校正的提及"), lines[0]) if lines and who in lines[0] else None

    return tuple(wait_for(read, 30, f"the panel naming {who}"))


@pytest.mark.browser
def test_the_pick_shows_the_mention_a_save_changes(tmp_path: Path, browser: Any) -> None:
    data = _ingest(tmp_path)
    dashboard, url = start_dashboard(None, data)
    try:
        browser.get(url + "/search")
        wait_text(browser, lambda t: "共找到 2 条" in t, "the search page")
        correction_panel(browser)
        line, caption = _shown(browser, "车主a139")
        assert "车主a139" in line
        _search(browser, "变砖", BRICKED)
        line, caption = _shown(browser, "车主a88")
        assert "车主a88" in line and BRICKED[:20] in line, line  # it showed 车主a139's line
        assert BRICKED in caption
        _search(browser, "套路", ADVERT)
        line, caption = _shown(browser, "车主a139")
        assert "车主a139" in line
        _search(browser, "变砖", BRICKED)
        line, _ = _shown(browser, "车主a88")
        assert "车主a88" in line
        select_option(browser, "情感", "负面", scope=correction_panel(browser))
        save_correction_as(browser, "李娜")
        assert "车主a88" in chosen(correction_panel(browser), "要校正的提及")
        assert "Traceback" not in page_text(browser)
    finally:
        dashboard.terminate()
        dashboard.wait(timeout=20)
    ctx = Context.load(None, data)
    try:
        with ctx.sessions() as session:
            [row] = corrections.history(session)
        stored = ctx.index.get(row.mention_id)
    finally:
        ctx.close()
    assert stored is not None and stored.text == BRICKED
