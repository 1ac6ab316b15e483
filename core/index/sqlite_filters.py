"""SQL pieces of the embedded index: filter clauses, grouping columns, labels, time helpers."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import UTC, datetime, tzinfo
from typing import Any

from core.enums import Severity
from core.index.protocol import BrandSide, SearchQuery, SplitField

_COLUMN = {
    SplitField.CHANNEL: "m.channel",
    SplitField.SOURCE: "m.source",
    SplitField.SENTIMENT: "m.sentiment",
    SplitField.CATEGORY: "m.category",
    SplitField.URGENCY: "m.urgency_rank",
    SplitField.AUTHOR: "m.author",
    SplitField.REGION: "m.region",
}
_LEVELS = list(Severity)


def epoch(moment: datetime) -> float:
    """Seconds since the epoch (naive = UTC)."""
    return (moment if moment.tzinfo else moment.replace(tzinfo=UTC)).timestamp()


def tz_offset(tz: tzinfo | None) -> float:
    """The zone's current UTC offset in seconds, fixed for a whole histogram."""
    if tz is None:
        return 0.0
    delta = datetime.now(tz).utcoffset()
    return delta.total_seconds() if delta else 0.0


def group_of(field: SplitField | None) -> tuple[str, str]:
    """(group expression, join) for a split field."""
    if field is None:
        return "''", ""
    if field == SplitField.PLAN:
        return "p.plan", "JOIN mention_plans p ON p.rid = m.rid"
    if field == SplitField.KEYWORD:
        return "k.keyword", "JOIN mention_keywords k ON k.rid = m.rid"
    return _COLUMN[field], ""


def label(field: SplitField | None, value: Any) -> str:
    """The counts key of a group value: urgency ranks become level names, missing becomes ''."""
    if value is None or value == "":
        return ""
    if field == SplitField.URGENCY:
        return str(_LEVELS[int(value)])
    return str(value)


def unfiltered(query: SearchQuery) -> bool:
    """True when a query has no filter besides its text."""
    lists = (query.plans, query.channels, query.sources, query.sentiments, query.categories)
    return (
        not any(lists)
        and not query.regions
        and query.brand_side is None
        and not query.ids
        and not query.id_prefix
        and query.min_urgency is None
        and query.complaint is None
        and query.resolved is None
        and query.since is None
        and query.until is None
        and query.collected_since is None
    )


def filters(
    query: SearchQuery,
    plans_per_row: bool = False,
    rid_bounds: tuple[int | None, int | None] = (None, None),
) -> tuple[str, list[Any]]:
    """The WHERE clause of every filter except the text, on `mentions m`; `rid_bounds` is the
    window's row-id range (time layout), which narrows the competitor mentions read."""
    clauses: list[str] = ["1=1"]
    params: list[Any] = []

    def within(column: str, values: Sequence[Any]) -> None:
        if values:
            clauses.append(f"{column} IN ({','.join('?' * len(values))})")
            params.extend(str(v) for v in values)

    within("m.channel", query.channels)
    within("m.source", query.sources)
    within("m.sentiment", query.sentiments)
    within("m.category", query.categories)
    within("m.region", query.regions)
    within("m.id", query.ids)
    if query.id_prefix:  # a range, not LIKE: no wildcard in what a person typed counts
        clauses.append("m.id >= ? AND m.id < ?")
        params.extend([query.id_prefix, query.id_prefix + "\U0010ffff"])
    if query.plans:
        marks = ",".join("?" * len(query.plans))
        if plans_per_row:  # same predicate, probed per mention of a small or ordered scan
            clauses.append(
                "EXISTS (SELECT 1 FROM mention_plans mp"
                f" WHERE mp.plan IN ({marks}) AND mp.rid = m.rid)"
            )
        else:
            clauses.append(f"m.rid IN (SELECT rid FROM mention_plans WHERE plan IN ({marks}))")
        params.extend(query.plans)
    if query.brand_side is not None:
        clause, values = _not_rival(query.brand_side, rid_bounds)
        clauses.append(clause)
        params.extend(values)
    if query.min_urgency is not None:
        clauses.append("m.urgency_rank >= ?")
        params.append(Severity(query.min_urgency).rank)
    if query.complaint is not None:  # NULL (not classified) matches neither value
        clauses.append("m.complaint = ?")
        params.append(int(query.complaint))
    if query.resolved is not None:  # NULL (not classified) matches neither value
        # A literal, not a parameter: only then can the planner use the partial index.
        clauses.append("m.resolved = 1" if query.resolved else "m.resolved = 0")
    if query.since is not None:
        clauses.append("m.published >= ?")
        params.append(epoch(query.since))
    if query.until is not None:
        clauses.append("m.published < ?")
        params.append(epoch(query.until))
    if query.collected_since is not None:
        clauses.append("m.collected >= ?")
        params.append(epoch(query.collected_since))
    return " AND ".join(clauses), params


def _not_rival(side: BrandSide, bounds: tuple[int | None, int | None]) -> tuple[str, list[Any]]:
    """The clause leaving out a competitor's mentions (of a rival plan and of no own plan):
    their row ids, read from the plan index within the window's row-id range where known."""
    narrow, extra = "", []
    for sign, bound in ((">=", bounds[0]), ("<", bounds[1])):
        if bound is not None:
            narrow += f" AND rid {sign} ?"
            extra.append(bound)
    rivals, own = ",".join("?" * len(side.rivals)), ",".join("?" * len(side.own))
    sql = (
        f"m.rid NOT IN (SELECT rid FROM mention_plans WHERE plan IN ({rivals}){narrow}"
        f" EXCEPT SELECT rid FROM mention_plans WHERE plan IN ({own}){narrow})"
    )
    return sql, [*side.rivals, *extra, *side.own, *extra]
