"""The author's region (IP属地): one short province-level name per mention, the same everywhere.

Sites print it differently: Weibo posts "发布于 广东", Weibo comments "来自广东", Tieba floors
"IP属地:广东", profile pages "IP属地：广东省". Every spelling becomes the short name used in
filters and plans: 广东, 北京, 广西, 内蒙古, 香港; foreign IPs keep the country the site shows
(美国) and placeholders stay as written (海外, 未知). Hong Kong, Macao and Taiwan are printed
both bare (Weibo "发布于 香港") and with a country prefix (Tieba "IP属地:中国香港"); both are
one name (香港, 澳门, 台湾) so a region filter finds every source's mentions.
"""

from __future__ import annotations

import re
from functools import lru_cache

_PREFIX = re.compile(r"^(?:IP\s*属地|发布于|来自)\s*[:：]?\s*", re.IGNORECASE)
# Longest first: "广西壮族自治区" loses the whole tail, "广东省" only "省".
_SUFFIX = re.compile(r"(?:壮族自治区|回族自治区|维吾尔自治区|特别行政区|自治区|省|市)$")
# "中国香港" / "中国 澳门" / "中國臺灣": the country prefix is dropped for these three only.
_COUNTRY_PREFIXED = re.compile(r"^(?:中国|中國)\s*(香港|澳门|澳門|台湾|臺灣|台灣)")
_TRADITIONAL = {"澳門": "澳门", "臺灣": "台湾", "台灣": "台湾"}


def normalize_region(raw: object) -> str | None:
    """Short region name: strip IP属地/发布于/来自 and 省/市/自治区/特别行政区; None when empty.

    "IP属地：广东省" → 广东, "发布于 北京" → 北京, "广西壮族自治区" → 广西, "海外" → 海外,
    "IP属地:中国香港" → 香港 (as "发布于 香港").
    """
    if raw is None:
        return None
    return _normalized(str(raw))


@lru_cache(maxsize=4096)
def _normalized(raw: str) -> str | None:
    """normalize_region of a string (few distinct spellings: cached, every mention parses it)."""
    text = _PREFIX.sub("", raw.strip()).strip()
    text = _COUNTRY_PREFIXED.sub(r"\1", text)
    short = _SUFFIX.sub("", text)
    short = _TRADITIONAL.get(short, short)
    return (short or text) or None


def short_regions(values: list[str]) -> list[str]:
    """Filter values as short names ("广东省" → 广东), empty ones dropped, order kept."""
    found = (normalize_region(v) for v in values)
    return list(dict.fromkeys(v for v in found if v))


# The 34 province-level divisions by their short names (what normalize_region gives).
PROVINCES = frozenset({
    "北京", "天津", "上海", "重庆", "河北", "山西", "辽宁", "吉林", "黑龙江", "江苏", "浙江",
    "安徽", "福建", "江西", "山东", "河南", "湖北", "湖南", "广东", "海南", "四川", "贵州",
    "云南", "陕西", "甘肃", "青海", "台湾", "内蒙古", "广西", "西藏", "宁夏", "新疆", "香港",
    "澳门",
})  # fmt: skip
# What sites print for an unknown or foreign IP instead of a country.
PLACEHOLDERS = frozenset({"海外", "未知", "其他"})


def unfamiliar_regions(values: list[str]) -> list[str]:
    """Short names among values that are neither a province-level division nor a placeholder
    (a typo such as 广冬, or a country: both are valid filters, worth a hint when nothing
    matches)."""
    return [v for v in short_regions(values) if v not in PROVINCES and v not in PLACEHOLDERS]
