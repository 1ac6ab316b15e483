"""Which plans the stored mentions were tagged with, and the audit log of `yuqing plans rematch`.

One table, `plan_matchings`: a row per full tagging of the store — the plans the first ingest
ran with (the baseline), and every rematch (who, when, the window, what changed). The newest
row that covers every stored mention (a baseline, or a rematch without `--since`) holds the
fingerprint of the plans the store is tagged with; when yuqing.yaml's plans differ from it,
`yuqing check` and 舆情态势 say 方案已修改，历史提及未重新匹配.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Sequence
from datetime import datetime
from typing import TYPE_CHECKING

from sqlalchemy import Boolean, Integer, String, Text, select
from sqlalchemy.orm import Mapped, Session, mapped_column

from core.db import Base
from core.dbtypes import UTCDateTime

if TYPE_CHECKING:
    from core.config import Plan
    from core.context import Context

BASELINE = "baseline"
REMATCH = "rematch"
STALE_ZH = "方案已修改，历史提及未重新匹配"
STALE_FIX_ZH = (
    "：yuqing.yaml 的监测方案与已入库提及归类时所用的不同，新增或修改的方案只统计此后入库的"
    "提及；运行 yuqing plans rematch（可加 --since、--dry-run）按当前方案重新匹配"
)


class PlanMatching(Base):
    """One tagging of stored mentions with the plans of the time (an audit log entry)."""

    __tablename__ = "plan_matchings"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    kind: Mapped[str] = mapped_column(String(20))  # baseline | rematch
    actor: Mapped[str] = mapped_column(String(100))
    at: Mapped[datetime] = mapped_column(UTCDateTime())
    fingerprint: Mapped[str] = mapped_column(String(64))
    whole: Mapped[bool] = mapped_column(Boolean, default=True)  # every stored mention
    since: Mapped[datetime | None] = mapped_column(UTCDateTime(), default=None)
    checked: Mapped[int] = mapped_column(Integer, default=0)
    retagged: Mapped[int] = mapped_column(Integer, default=0)
    text: Mapped[str] = mapped_column(Text, default="")  # what changed, in Chinese


def fingerprint(plans: Sequence[Plan]) -> str:
    """A digest of what decides a mention's plans: each plan's id, expression, exclusions,
    channels, regions and official accounts (their posts are the plan's; not its name or role,
    which tag nothing)."""
    shown = sorted(
        (
            p.id,
            p.expression,
            sorted(p.exclude),
            sorted(map(str, p.channels)),
            sorted(p.regions),
            sorted(p.own_accounts),
        )
        for p in plans
    )
    return hashlib.sha256(json.dumps(shown, ensure_ascii=False).encode()).hexdigest()[:16]


def tagged_with(session: Session) -> str | None:
    """The fingerprint of the plans every stored mention was last tagged with (None: unknown)."""
    return session.scalar(
        select(PlanMatching.fingerprint)
        .where(PlanMatching.whole.is_(True))
        .order_by(PlanMatching.id.desc())
        .limit(1)
    )


def remember_baseline(session: Session, plans: Sequence[Plan], at: datetime) -> None:
    """Record the plans ingest tags with when nothing is recorded yet (the first run, or the
    first after an upgrade); flushed, not committed."""
    if tagged_with(session) is None:
        session.add(
            PlanMatching(kind=BASELINE, actor="系统", at=at, fingerprint=fingerprint(plans))
        )
        session.flush()


def is_stale(session: Session, plans: Sequence[Plan]) -> bool:
    """Whether the configured plans differ from those the stored mentions were tagged with."""
    recorded = tagged_with(session)
    return recorded is not None and recorded != fingerprint(plans)


def record(session: Session, entry: PlanMatching) -> None:
    """Append a rematch to the log (flushed, not committed)."""
    session.add(entry)
    session.flush()


def entries(session: Session, limit: int = 20) -> list[PlanMatching]:
    """The newest log entries first."""
    query = select(PlanMatching).order_by(PlanMatching.id.desc()).limit(limit)
    return list(session.scalars(query))


def stale_note(ctx: Context) -> str | None:
    """The Chinese note for `yuqing check` and 舆情态势 when the configured plans differ from
    those the stored mentions were tagged with (None when they match or nothing is stored)."""
    from sqlalchemy.exc import SQLAlchemyError

    from core.errors import ConfigError
    from core.store_read import EMBEDDED_STORE

    if not ctx.config.database.url and not (ctx.data_dir / EMBEDDED_STORE).exists():
        return None
    try:
        with ctx.sessions() as session:
            stale = is_stale(session, ctx.config.plans)
    except (SQLAlchemyError, ConfigError):  # an unreachable store is reported on its own
        return None
    return STALE_ZH + STALE_FIX_ZH if stale else None
