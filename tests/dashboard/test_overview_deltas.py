"""舆情态势's 24-hour tiles (Streamlit AppTest): 持平 and no data are not changes, so they get no
arrow and no colour (a red ↑ 持平 环比 read as a rise)."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from streamlit.proto.Metric_pb2 import Metric
from streamlit.testing.v1 import AppTest

from tests.support.pages import page_data

PAGE = str(Path(__file__).resolve().parents[2] / "dashboard" / "views" / "overview.py")


@pytest.fixture
def data_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """Three ordinary posts of the last hour, nothing the day before."""
    at = (datetime.now(UTC) - timedelta(minutes=30)).isoformat()
    texts = {f"p{i}": f"鲜味坊今天的面条{i}" for i in range(3)}
    records = [
        {"source": "weibo", "native_id": n, "text": t, "published_at": at} for n, t in texts.items()
    ]
    with page_data(tmp_path, monkeypatch, records) as data:
        yield data


def test_flat_and_missing_changes_have_no_arrow(data_dir: Path) -> None:
    at = AppTest.from_file(PAGE, default_timeout=60).run()
    assert not at.exception, at.exception
    tiles = {m.label: m.proto for m in at.metric}
    urgent, share = tiles["高/紧急提及"], tiles["负面占比"]
    assert (urgent.body, urgent.delta) == ("0", "持平 环比")  # 0 against 0
    assert share.delta == "— 环比"  # nothing the day before to compare with
    for tile in (urgent, share):
        assert tile.direction == Metric.MetricDirection.NONE
        assert tile.color == Metric.MetricColor.GRAY
    mentions = tiles["24 小时提及量"]
    assert mentions.delta == "+新增 环比" and mentions.direction == Metric.MetricDirection.UP
