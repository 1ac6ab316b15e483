"""Mention cards show a post's pictures as links, never as inline images."""

from __future__ import annotations

from datetime import UTC, datetime

from core.models import Mention
from dashboard.widgets import media_links


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
    assert '&quot;onmouseover=&quot;x"' in shown  # quotes escaped: stays inside href
    no_media = mention.model_copy(update={"media": []})
    assert media_links(no_media) == ""
