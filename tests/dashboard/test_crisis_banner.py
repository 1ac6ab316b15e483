"""The crisis banner on 舆情态势 (Streamlit AppTest, real stores): before a case is opened it says
that opening one is the next step and where, not 「下一步截止 —」, and its mention count says
from when it counts and that it counts every mention, not only the crisis's own."""

from __future__ import annotations

import html
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from streamlit.testing.v1 import AppTest

from alerting.enums import AlertStatus
from alerting.models import Alert
from core.context import Context
from core.enums import Severity
from tests.support.pages import page_data

APP = str(Path(__file__).resolve().parents[2] / "app" / "dashboard_main.py")  # 舆情态势 first
TITLE = "高危舆情：门店后厨视频曝光"


@pytest.fixture
def data_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """Two posts of the last hour and an open critical alert no case handles yet."""
    at = (datetime.now(UTC) - timedelta(minutes=30)).isoformat()
    records = [
        {"source": "weibo", "native_id": "1", "text": "鲜味坊后厨视频太恶心了", "published_at": at},
        {"source": "weibo", "native_id": "2", "text": "鲜味坊今天的面条", "published_at": at},
    ]
    with page_data(tmp_path, monkeypatch, records) as data:
        ctx = Context.load(None, str(data))
        moment = datetime.now(UTC)
        with ctx.sessions() as session:
            session.add(
                Alert(
                    rule="urgent-mention", rule_type="urgent_mention", key="food_safety_health",
                    severity=Severity.CRITICAL, status=AlertStatus.OPEN, title=TITLE,
                    summary="后厨视频", opened_at=moment, updated_at=moment,
                    last_fired_at=moment, fire_count=1,
                    window_start=moment - timedelta(minutes=40),
                )
            )  # fmt: skip
            session.commit()
        ctx.close()
        yield data


def test_the_banner_says_to_open_a_case_and_what_it_counts(data_dir: Path) -> None:
    at = AppTest.from_file(APP, default_timeout=60).run()
    assert not at.exception, at.exception
    tiles = {m.label: m for m in at.metric}
    step = tiles["下一步"]
    assert step.value == "尚未立案"
    captions = [html.unescape(c.value) for c in at.caption]  # '#' is written &#35;
    assert "立案并启动预案：点「预警 #1」，再点「立案」" in captions
    counted = tiles["首帖以来全部提及"]
    assert counted.value == "2"
    started = (datetime.now(UTC) - timedelta(minutes=40)).astimezone(ZoneInfo("Asia/Shanghai"))
    explained = next(c for c in captions if c.startswith("前三项统计"))
    assert started.strftime("%m-%d %H:") in explained
    assert "本次危机第一条相关帖子的发布时间" in explained and "不只本次危机的帖子" in explained
    # 待处理事项 says the same next step instead of a bare dash.
    assert any(c.startswith("下一步：立案并启动预案") and c.endswith("尚未立案") for c in captions)
