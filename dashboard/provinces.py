"""The province map: mentions or negative share per province (IP属地), drawn without tiles."""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path
from typing import Any

import plotly.graph_objects as go

GEOJSON = Path(__file__).resolve().parent / "geo" / "china_provinces.geojson"
CENTRE = {"lon": 104.5, "lat": 36.0}


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


def province_map(rows: list[dict[str, Any]], measure: str) -> go.Figure:
    """A choropleth of one measure (提及量 or 负面占比) on a blank background (no map tiles)."""
    share = measure == "负面占比"
    shown = [r for r in rows if r[measure] is not None]
    fig = go.Figure(
        go.Choroplethmap(
            geojson=outlines(),
            locations=[r["省份"] for r in shown],
            z=[r[measure] for r in shown],
            featureidkey="id",
            colorscale="Reds",
            zmin=0,
            zmax=1 if share else None,
            marker={"line": {"color": "#ffffff", "width": 0.6}},
            colorbar={
                "title": {"text": measure},
                "tickformat": ".0%" if share else ",d",
                "len": 0.6,
                "thickness": 12,
            },
            customdata=[[r["提及量"], r["负面"]] for r in shown],
            hovertemplate="%{location}<br>提及 %{customdata[0]:,} 条 · 负面 %{customdata[1]:,} 条"
            "<extra></extra>",
        )
    )
    fig.update_layout(
        map={"style": "white-bg", "center": CENTRE, "zoom": 2.6},
        height=460,
        margin={"l": 0, "r": 0, "t": 0, "b": 0},
    )
    return fig
