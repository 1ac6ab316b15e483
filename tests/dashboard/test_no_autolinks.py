"""A post's text, title or author name never becomes a link on our pages (real Chromium).

Streamlit's markdown turns a bare http(s)://…, www.… or a@b.c into a link after it decodes
entities, so escaping alone let a post put a link to anywhere in the 人工校正 caption on 实时舆情
and 检索 (found in round 22). javascript: and data: were never linked (not link patterns of
GitHub markdown), nor a full-width look-alike; a card links only 原文 and its pictures, http(s)
URLs checked by safe_link."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from app.cli import app
from core.escaping import streamlit_text
from tests.dashboard.conftest import start_dashboard, wait_text
from tests.support.pages import write_config

CONFIG = "brand: 鲜味坊\ndashboard: {refresh: 60s}\n"
HOSTILE = (
    "鲜味坊 看 https://evil.cn/a?b=1 和 www.evil.cn/x 还有 javascript:alert(1) "
    "data:text/html,<b>x</b> 邮箱 evil@evil.cn ｈｔｔｐｓ：／／ｅｖｉｌ．ｃｎ http://аpple.com "
    "<https://evil.cn/b> [点我](javascript:alert(2))"
)
RECORD = {
    "source": "weibo",
    "native_id": "1",
    "text": HOSTILE,
    "title": "标题 https://evil.cn/t www.evil.cn",
    "author": {"name": "作者 https://evil.cn/u www.evil.cn javascript:alert(3)"},
    "url": "javascript:alert(4)",
}
LINKS = """return [...document.querySelectorAll('a')].map(a => a.getAttribute('href') || '')
  .filter(h => !h.startsWith('/') && !h.startsWith('#') && !h.startsWith(arguments[0]));"""


def test_streamlit_text_breaks_every_link_pattern() -> None:
    shown = streamlit_text("https://evil.cn www.evil.cn evil@evil.cn HTTP://X.cn 转发@鲜味坊官方")
    assert "https\u2060&#58;//" in shown and "HTTP\u2060&#58;//" in shown
    assert "www\u2060&#46;" in shown and "evil\u2060@" in shown
    assert "转发@鲜味坊官方" in shown, "a mention of an account is left as typed"


@pytest.mark.browser
def test_no_text_of_a_post_becomes_a_link(tmp_path: Path, browser: Any) -> None:
    config, data = write_config(tmp_path, CONFIG), tmp_path / "var"
    stream = tmp_path / "in.jsonl"
    record = {**RECORD, "published_at": datetime.now(UTC).isoformat()}
    stream.write_text(json.dumps(record, ensure_ascii=False), encoding="utf-8")
    result = CliRunner().invoke(app, ["ingest", str(stream), "--data-dir", str(data)])
    assert result.exit_code == 0, result.output
    dashboard, url = start_dashboard(config, data)
    try:
        for page, done in (("", "最新提及"), ("feed", "人工校正"), ("search", "人工校正")):
            browser.get(f"{url}/{page}")
            shown = wait_text(
                browser, lambda t, done=done: done in t and "evil" in t, f"/{page}", timeout=60
            )
            assert "作者 https://evil.cn/u" in shown.replace("\u2060", ""), "shown as typed"
            assert browser.execute_script(LINKS, url) == [], page
    finally:
        dashboard.terminate()
        dashboard.wait(timeout=20)
