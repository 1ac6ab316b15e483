"""What the index settings must respect, each problem said in one Chinese line: a retention
long enough for alert baselines and monthly reports, an index prefix the search engines accept."""

from __future__ import annotations

from datetime import timedelta

MIN_RETENTION = timedelta(days=62)


def retention_problem(keep: timedelta) -> str | None:
    """Why a retention period is too short to keep alerting and reports working, or None."""
    if keep >= MIN_RETENTION:
        return None
    return (
        f"{keep.days}d 太短：预警基线要回看 4 周，月报要和上月比较；至少设为 {MIN_RETENTION.days}d"
    )


_INDEX_NAME_FORBIDDEN = set('\\/*?"<>|,#: ')


def index_prefix_problem(prefix: str) -> str | None:
    """Why OpenSearch/Elasticsearch would refuse indices named `<prefix>-2026.05`, or None."""
    if not prefix:
        return "不能为空（例如 yuqing-mentions）"
    bad = sorted({c for c in prefix if c in _INDEX_NAME_FORBIDDEN}, key=prefix.index)
    if bad:
        shown = "、".join("空格" if c == " " else c for c in bad)
        return f"{prefix!r} 含索引名不允许的字符 {shown}（只用小写字母、数字、- 和 _）"
    if prefix != prefix.lower():
        return f"{prefix!r} 含大写字母，索引名只能小写（改成 {prefix.lower()!r}）"
    if prefix[0] in "-_+.":
        return f"{prefix!r} 不能以 {prefix[0]} 开头（改成以字母或数字开头）"
    if len(prefix.encode()) > 200:
        return f"{prefix!r} 太长（索引名最多 255 字节，前缀请少于 200 字节）"
    return None
