"""The province map: mentions or negative share per province (IP属地), drawn as SVG."""

from __future__ import annotations

import html
import json
import math
from functools import cache
from pathlib import Path
from typing import Any

GEOJSON = Path(__file__).resolve().parent / "geo" / "china_provinces.geojson"


@cache
def outlines() -> dict[str, Any]:
    """The 34 province outlines (feature id = short name such as 广东)."""
    return dict(json.loads(GEOJSON.read_text(encoding="utf-8")))


def province_names() -> list[str]:
    """Short names of every province on the map."""
    return [str(f["id"]) for f in outlines()["features"]]


def province_rows(counts: dict[str, int], negatives: dict[str, int]) -> list[dict[str, Any]]:
    """Per province: mentions, negative mentions, negative share (every province, zeros too)."""
    rows = []
    for name in province_names():
        total = counts.get(name, 0)
        bad = negatives.get(name, 0)
        rows.append(
            {"省份": name, "提及量": total, "负面": bad, "负面占比": bad / total if total else None}
        )
    return rows


REDS = ((255, 245, 240), (252, 187, 161), (251, 106, 74), (203, 24, 29), (103, 0, 13))
NO_DATA = "#e9ecef"
WIDTH, HEIGHT = 640, 500
INSET_LAT = 17.0  # polygons south of this (南海诸岛) go into the inset box


def colour(fraction: float) -> str:
    """A colour of the Reds scale for 0..1."""
    fraction = min(max(fraction, 0.0), 1.0) * (len(REDS) - 1)
    low = int(min(fraction, len(REDS) - 2))
    mix = fraction - low
    rgb = [round(a + (b - a) * mix) for a, b in zip(REDS[low], REDS[low + 1], strict=True)]
    return "#{:02x}{:02x}{:02x}".format(*rgb)


def _rings(geometry: dict[str, Any]) -> list[list[list[float]]]:
    polygons = geometry["coordinates"]
    if geometry["type"] == "Polygon":
        polygons = [polygons]
    return [ring for polygon in polygons for ring in polygon]


def _path(rings: list[list[list[float]]], frame: tuple[float, float, float, float]) -> str:
    """SVG path data of rings projected into frame (x0, y0 lon/lat origin, scale, x offset)."""
    lon0, lat0, scale, dx = frame
    squash = math.cos(math.radians(35))
    parts = []
    for ring in rings:
        points: list[tuple[int, int]] = []
        for lon, lat in ring:
            point = (round(dx + (lon - lon0) * squash * scale), round((lat0 - lat) * scale))
            if not points or point != points[-1]:
                points.append(point)
        if len(points) >= 3:
            parts.append("M" + "L".join(f"{x},{y}" for x, y in points) + "Z")
    return "".join(parts)


@cache
def shapes() -> dict[str, tuple[str, str]]:
    """Per province: (main map path, 南海诸岛 inset path), projected once per process."""
    main_frame = (73.0, 54.0, WIDTH * 0.93 / ((136 - 73) * math.cos(math.radians(35))), 0.0)
    inset_scale = main_frame[2] * 0.45
    inset_frame = (105.0, 25.0, inset_scale, WIDTH - 120.0)
    found = {}
    for feature in outlines()["features"]:
        rings = _rings(feature["geometry"])
        north = [r for r in rings if max(p[1] for p in r) >= INSET_LAT]
        south = [r for r in rings if max(p[1] for p in r) < INSET_LAT or feature["id"] == "海南"]
        found[str(feature["id"])] = (_path(north, main_frame), _path(south, inset_frame))
    return found


def province_svg(rows: list[dict[str, Any]], measure: str) -> str:
    """The province map of one measure (提及量 or 负面占比) as SVG, 南海诸岛 in an inset."""
    share = measure == "负面占比"
    values = [r[measure] for r in rows if r[measure] is not None]
    top = 1.0 if share else float(max(values, default=0) or 1)
    paths, insets = [], []
    for row in rows:
        main, inset = shapes().get(row["省份"], ("", ""))
        value = row[measure]
        fill = NO_DATA if value is None or (not share and not value) else colour(value / top)
        shown = f"{value:.0%}" if share and value is not None else f"{row['提及量']:,} 条"
        counts = f"提及 {row['提及量']:,} 条 · 负面 {row['负面']:,} 条"
        hover = f"{row['省份']}：{measure} {shown} · {counts}"
        title = f"<title>{html.escape(hover)}</title>"
        paths.append(
            f'<path d="{main}" fill="{fill}" stroke="#fff" stroke-width="0.6">{title}</path>'
        )
        if inset:
            insets.append(f'<path d="{inset}" fill="{fill}" stroke="#999" stroke-width="0.3"/>')
    low, high = ("0%", "100%") if share else ("0", f"{top:,.0f}")
    stops = "".join(
        f'<stop offset="{i / (len(REDS) - 1):.2f}" stop-color="{colour(i / (len(REDS) - 1))}"/>'
        for i in range(len(REDS))
    )
    legend = (
        f'<defs><linearGradient id="reds">{stops}</linearGradient></defs>'
        f'<rect x="20" y="{HEIGHT - 30}" width="160" height="10" fill="url(#reds)"/>'
        f'<text x="20" y="{HEIGHT - 36}" font-size="12" font-family="sans-serif" fill="#555">'
        f"{measure}　{low} – {high}</text>"
    )
    box = (
        f'<rect x="{WIDTH - 130}" y="{HEIGHT - 150}" width="120" height="140" fill="none" '
        'stroke="#adb5bd" stroke-width="0.8"/>'
        f'<text x="{WIDTH - 70}" y="{HEIGHT - 16}" font-size="11" text-anchor="middle" '
        'font-family="sans-serif" fill="#555">南海诸岛</text>'
    )
    inset_group = f'<g transform="translate(0,{HEIGHT - 150})">{"".join(insets)}</g>'
    body = "".join(paths) + box + inset_group + legend
    return (
        f'<svg viewBox="0 0 {WIDTH} {HEIGHT}" width="100%" role="img" aria-label="地域分布" '
        f'xmlns="http://www.w3.org/2000/svg">{body}</svg>'
    )
