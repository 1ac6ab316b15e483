"""Region and other breakdown labels come from posts: the report charts draw them as text."""

from __future__ import annotations

from reports.charts import share_chart
from reports.models import ShareRow


def test_share_chart_draws_dollar_signs_as_text() -> None:
    rows = [
        ShareRow(key=label, label=label, count=3, prev_count=1, share=0.5, prev_share=0.2)
        for label in ("$\\foo{$", "$x^2$ 海外", "广东")
    ]  # mathtext refused the first (ValueError: no report) and drew the second as math
    png = share_chart(rows, "本周", "上周")
    assert png.startswith(b"\x89PNG")
