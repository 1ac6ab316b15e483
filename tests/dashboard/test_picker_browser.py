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
from tests.dashboard.test_live_dashboard import chosen, correction_panel

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


def _search(driver: Any, text: str) -> None:
    type_into(driver, "搜索内容（中文子串，空格=并且，-排除）", text)
    wait_text(driver, lambda t: "共找到 1 条" in t, f"the search for {text}")


def _shown(panel: Any) -> tuple[str, str]:
    """The pick's line and the caption naming the mention a save changes."""

    def read() -> tuple[str, str] | None:
        lines = [x for x in panel.text.splitlines() if x.startswith("保存将改动这条提及")]
        return (chosen(panel, "要校正的提及"), lines[0]) if lines else None

    return tuple(wait_for(read, 30, "the panel"))


@pytest.mark.browser
def test_the_pick_shows_the_mention_a_save_changes(tmp_path: Path, browser: Any) -> None:
    data = _ingest(tmp_path)
    dashboard, url = start_dashboard(None, data)
    try:
        browser.get(url + "/search")
        wait_text(browser, lambda t: "共找到 2 条" in t, "the search page")
        panel = correction_panel(browser)
        line, caption = _shown(panel)
        assert "车主a139" in line and "车主a139" in caption
        _search(browser, "变砖")
        line, caption = _shown(panel)
        assert "车主a88" in line and BRICKED[:20] in line, line  # it showed 车主a139's line
        assert "车主a88" in caption and BRICKED in caption
        _search(browser, "套路")
        line, caption = _shown(panel)
        assert "车主a139" in line and "车主a139" in caption
        _search(browser, "变砖")
        line, _ = _shown(panel)
        assert "车主a88" in line
        select_option(browser, "情感", "负面", scope=panel)
        type_into(browser, "操作人", "李娜")
        click(browser, button(browser, "保存校正"))
        wait_text(browser, lambda t: "已校正（操作人 李娜）" in t, "the saved correction")
        assert "车主a88" in chosen(panel, "要校正的提及")
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
