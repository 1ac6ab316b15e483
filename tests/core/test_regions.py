"""Region (IP属地) normalisation: every site's spelling becomes one short name."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from core.models import Mention
from core.regions import normalize_region


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("发布于 广东", "广东"),  # Weibo post region_name
        ("来自广东", "广东"),  # Weibo comment source
        ("来自 陕西", "陕西"),
        ("IP属地:广东", "广东"),  # Tieba floor tail
        ("IP属地：广东省", "广东"),
        ("北京市", "北京"),
        ("广西壮族自治区", "广西"),
        ("内蒙古自治区", "内蒙古"),
        ("宁夏回族自治区", "宁夏"),
        ("新疆维吾尔自治区", "新疆"),
        ("香港特别行政区", "香港"),
        # Hong Kong, Macao, Taiwan: one name whatever the site prints
        ("发布于 香港", "香港"),  # Weibo post region_name
        ("来自中国香港", "香港"),  # Weibo comment source
        ("IP属地:中国香港", "香港"),  # Tieba floor tail
        ("IP属地：中国 香港", "香港"),
        ("中国香港特别行政区", "香港"),
        ("发布于 澳门", "澳门"),
        ("IP属地:中国澳门", "澳门"),
        ("澳門", "澳门"),
        ("发布于 台湾", "台湾"),
        ("IP属地:中国台湾", "台湾"),
        ("台湾省", "台湾"),
        ("中國臺灣", "台湾"),
        ("中国", "中国"),  # the country alone stays as printed
        ("  上海  ", "上海"),
        ("海外", "海外"),
        ("IP属地未知", "未知"),
        ("美国", "美国"),
        ("", None),
        ("发布于 ", None),
        (None, None),
    ],
)
def test_normalize_region(raw: str | None, expected: str | None) -> None:
    assert normalize_region(raw) == expected


def test_mention_json_accepts_and_normalises_region() -> None:
    record = {
        "source": "webhook",
        "native_id": "1",
        "text": "退款",
        "published_at": datetime(2026, 5, 1, tzinfo=UTC).isoformat(),
        "region": "IP属地：广东省",
    }
    mention = Mention.model_validate(record)

    assert mention.region == "广东"
    assert Mention.model_validate_json(mention.model_dump_json()).region == "广东"
    assert Mention.model_validate({**record, "region": None}).region is None
    assert Mention.model_validate({k: v for k, v in record.items() if k != "region"}).region is None


def test_every_sources_hong_kong_is_one_region_for_filters() -> None:
    from core.regions import short_regions

    printed = [
        "发布于 香港",
        "来自中国香港",
        "IP属地:中国香港",
        "中国香港",
    ]  # Weibo, Tieba, webhook
    stored = {
        Mention(
            source="s", native_id=str(n), text="x", published_at=datetime(2026, 5, 1), region=raw
        ).region
        for n, raw in enumerate(printed)
    }
    assert stored == {"香港"}
    assert short_regions(["中国香港", "香港特别行政区"]) == ["香港"]
