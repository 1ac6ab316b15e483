"""Mention cards show a post's pictures as links, never as inline images."""

from __future__ import annotations

import html
from datetime import UTC, datetime
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from core.models import Mention
from dashboard.widgets import media_links
from tests.support.pages import page_data


def test_pictures_are_numbered_links_and_unsafe_urls_are_left_out() -> None:
    mention = Mention(
        source="tb",
        native_id="1",
        text="[图片]",
        published_at=datetime(2026, 11, 23, tzinfo=UTC),
        media=[
            "https://imgsa.baidu.com/forum/w%3D580/sign=a&b/1.jpg",
            "javascript:alert(1)",
            'https://wx3.sinaimg.cn/large/2.jpg"onmouseover="x',
        ],
    )

    shown = media_links(mention)

    assert shown.count("<a ") == 2 and "<img" not in shown
    assert 'href="https://imgsa.baidu.com/forum/w%3D580/sign=a&amp;b/1.jpg"' in shown
    assert "图片1" in shown and "图片2" in shown and "javascript" not in shown
    assert '2.jpg%22onmouseover=%22x"' in shown  # quotes encoded: stays inside href
    no_media = mention.model_copy(update={"media": []})
    assert media_links(no_media) == ""


def test_search_page_cards_link_pictures_and_name_repairs(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    record = {
        "source": "tb",
        "native_id": "93011",
        "text": "[图片]",
        "media": ["https://imgsa.baidu.com/forum/pic/item/0b46f21f.jpg"],
        "repairs": ["引用的早前内容为乱码(编码错误)，已删除 80 字，保留作者本人的文字"],
        "region": "IP属地:中国香港",
        "published_at": datetime.now(UTC).isoformat(),
    }
    page = Path(__file__).resolve().parents[2] / "dashboard" / "views" / "search.py"
    with page_data(tmp_path, monkeypatch, [record]):
        at = AppTest.from_file(str(page), default_timeout=60).run()

    assert not at.exception
    (card,) = [m.value for m in at.markdown if "yq-mention" in m.value]
    rendered = html.unescape(card)  # what the browser shows of the escaped card
    assert "IP属地 香港" in rendered and "[图片]" in rendered
    assert 'href="https://imgsa.baidu.com/forum/pic/item/0b46f21f.jpg"' in card
    assert ">图片1</a>" in card and "<img" not in card
    assert "采集时已处理" in rendered and "乱码" in rendered
