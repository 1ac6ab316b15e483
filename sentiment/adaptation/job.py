"""Automatic re-adaptation inside `yuqing run`: when enough new corrections arrived (or a day
passed since the last training with any new one), re-fit and swap the model file in; and the
status the CLI and dashboard show."""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from datetime import datetime, timedelta, tzinfo
from pathlib import Path
from typing import TYPE_CHECKING, Any
from zoneinfo import ZoneInfo

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from core.enums import Severity
from core.timeutil import local_minute, zone_zh
from sentiment.adaptation.service import (
    LEARNT_FIELDS,
    MIN_CORRECTIONS,
    AdaptReport,
    adapt_from_store,
    adapted_path,
    human_labels,
    load_adapter,
)
from sentiment.corrections.enums import CorrectedField
from sentiment.corrections.models import LabelCorrection
from sentiment.corrections.service import fill_channels, training_labels

if TYPE_CHECKING:
    from core.context import Context

log = logging.getLogger(__name__)
JOB_ID = "sentiment-readapt"
CHECK_MINUTES = 10
NEW_CORRECTIONS = 20  # this many new corrections re-train at the next check
MAX_AGE = timedelta(days=1)  # fewer re-train once the model is this old
FIELD_ZH = {"sentiment": "情感", "complaint": "是否投诉", "category": "类别", "urgency": "紧急程度"}
# The configured zone's default (AppConfig.timezone), for a caller that does not pass its own.
DEFAULT_TZ = ZoneInfo("Asia/Shanghai")


@dataclass(frozen=True)
class AdaptationStatus:
    """The deployment's adaptation model as the CLI and dashboard show it."""

    corrections: dict[str, int]  # mentions with a standing correction, per field (all four)
    pending: int  # learnt-field audit rows (corrections and undos) newer than the model
    trained_at: datetime | None
    trained_on: dict[str, int]  # labels per field the model was fitted on
    effect: dict[str, dict[str, float]]  # field → held_back, before, after
    path: Path
    urgency_raised: int = 0  # urgency corrections to a higher level (stored, not learnt)
    urgency_lowered: int = 0
    next_training: dict[str, int] = field(default_factory=dict)  # labels the next fit uses
    tz: tzinfo = DEFAULT_TZ

    def lines(self) -> list[str]:
        """The status in Chinese, one fact a line, each number saying what it counts."""
        counts = "，".join(f"{FIELD_ZH[k]} {v} 条" for k, v in self.corrections.items())
        out = [f"已存校正（按提及计，每项取最新一次，已撤销的不算）：{counts}"]
        implied = self.next_training.get("complaint", 0) - self.corrections.get("complaint", 0)
        used = "，".join(f"{FIELD_ZH[k]} {v} 条" for k, v in self.next_training.items())
        if implied > 0:
            used += f"（是否投诉含 {implied} 条由类别校正推出的“是投诉”）"
        out.append(f"下次训练将用：{used}")
        if self.trained_at is None:
            out.append(f"自适应模型：尚未训练（某项至少 {MIN_CORRECTIONS} 条校正后训练）")
        else:
            trained = "，".join(f"{FIELD_ZH[k]} {v} 条" for k, v in self.trained_on.items())
            stamp = f"{local_minute(self.trained_at, self.tz)}（{zone_zh(self.tz)}）"
            out.append(f"自适应模型：训练于 {stamp}，当时用了 {trained}")
            out.append(f"训练后新增的校正与撤销记录：{self.pending} 条（下次训练时用上）")
        for name, cell in self.effect.items():
            out.append(
                f"留出校正上的{FIELD_ZH[name]}准确率（{int(cell['held_back'])} 条）："
                f"基础模型 {cell['before']:.2f} → 自适应 {cell['after']:.2f}"
            )
        if self.trained_at is not None and not self.effect:
            out.append("留出校正太少，尚未测量效果")
        urgent = self.corrections.get("urgency", 0)
        if urgent:
            same = urgent - self.urgency_raised - self.urgency_lowered
            out.append(
                f"紧急程度校正 {urgent} 条：上调 {self.urgency_raised} 条，"
                f"下调 {self.urgency_lowered} 条，其余 {same} 条未改级别"
                "（已保存，不参与训练；不自动调整阈值，请据此检查预警规则）"
            )
        return out


def status(session: Session, data_dir: Path, tz: tzinfo = DEFAULT_TZ) -> AdaptationStatus:
    """Standing corrections per field, what the next training would use, the model's meta,
    and how many corrections and undos it has not seen. Times are shown in `tz`."""
    fields = [f.value for f in LEARNT_FIELDS]
    standing = {f.value: len(training_labels(session, f)) for f in CorrectedField}
    labels, _ = human_labels(session)
    adapter = load_adapter(data_dir)
    meta: dict[str, Any] = adapter.meta if adapter is not None else {}
    seen = int(meta.get("last_correction_id", 0))
    pending = session.scalar(
        select(func.count())
        .select_from(LabelCorrection)
        .where(LabelCorrection.field.in_(fields), LabelCorrection.id > seen)
    )
    trained_at = datetime.fromisoformat(meta["trained_at"]) if "trained_at" in meta else None
    raised, lowered = urgency_directions(session)
    return AdaptationStatus(
        corrections=standing,
        pending=int(pending or 0),
        trained_at=trained_at,
        trained_on={f: int(meta.get(f"{f}_corrections", 0)) for f in fields},
        effect=dict(meta.get("effect", {})),
        path=adapted_path(data_dir),
        urgency_raised=raised,
        urgency_lowered=lowered,
        next_training=labels.counts(),
        tz=tz,
    )


def urgency_directions(session: Session) -> tuple[int, int]:
    """(raised, lowered): the latest urgency correction per mention against the level before."""
    raised = lowered = 0
    for row in training_labels(session, CorrectedField.URGENCY):
        before = session.scalar(
            select(LabelCorrection.before)
            .where(
                LabelCorrection.mention_id == row.mention_id,
                LabelCorrection.field == CorrectedField.URGENCY.value,
            )
            .order_by(LabelCorrection.at, LabelCorrection.id)
            .limit(1)
        )
        if before is None or before not in Severity._value2member_map_:
            continue
        step = Severity(row.value).rank - Severity(before).rank
        raised, lowered = raised + (step > 0), lowered + (step < 0)
    return raised, lowered


def due(pending: int, trained_at: datetime | None, now: datetime | None) -> bool:
    """Debounce: ≥ NEW_CORRECTIONS new ones, or any new one once the model is MAX_AGE old
    (or there is none yet)."""
    if pending >= NEW_CORRECTIONS:
        return True
    if pending == 0:
        return False
    if trained_at is None or now is None:
        return trained_at is None
    return now - trained_at >= MAX_AGE


class Readapter:
    """The scheduled check; remembers the last attempt so a fit that wrote nothing (too few
    corrections per field) is not repeated until more arrive."""

    def __init__(self, ctx: Context) -> None:
        self.ctx = ctx
        self.tried_pending: int | None = None

    def __call__(self) -> AdaptReport | None:
        """Re-train when due; failures are logged and retried at the next check."""
        try:
            return self.run_once()
        except Exception:
            log.exception("自适应模型重新训练失败，下次检查时重试")
            return None

    def run_once(self) -> AdaptReport | None:
        """One check: re-train and swap the file in when due."""
        now = self.ctx.clock()
        with self.ctx.sessions() as session:
            current = status(session, self.ctx.data_dir)
            if not due(current.pending, current.trained_at, now):
                return None
            if current.trained_at is None and self.tried_pending == current.pending:
                return None
            self.tried_pending = current.pending
            filled = fill_channels(session, self.ctx.index)
            if said := filled.message_zh():
                log.info("旧校正补记渠道：%s", said)
            report = adapt_from_store(session, self.ctx.data_dir, now=now, index=self.ctx.index)
        if report.path is None:
            log.info(
                "新增校正 %d 条，但每项都少于 %d 条，暂不训练", current.pending, MIN_CORRECTIONS
            )
            return report
        log.info(
            "自适应模型已重新训练并替换：情感 %d 条、是否投诉 %d 条、类别 %d 条校正"
            "（新增 %d 条），用时 %.1f 秒",
            report.sentiment_corrections,
            report.complaint_corrections,
            report.category_corrections,
            current.pending,
            report.seconds,
        )
        for name, cell in report.effect.items():
            log.info(
                "留出校正上的%s准确率：基础模型 %.2f → 自适应 %.2f（%d 条）",
                FIELD_ZH[name],
                cell["before"],
                cell["after"],
                int(cell["held_back"]),
            )
        return report


def register_jobs(scheduler: Any, ctx: Context) -> None:
    """Check for new corrections every CHECK_MINUTES (on the leader worker only)."""
    scheduler.add_job(
        Readapter(ctx),
        "interval",
        minutes=CHECK_MINUTES,
        id=JOB_ID,
        replace_existing=True,
        coalesce=True,
        max_instances=1,
    )
