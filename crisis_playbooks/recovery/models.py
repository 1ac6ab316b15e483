"""The recovery_records table (one per case) and its update schema."""

from __future__ import annotations

from datetime import date, datetime

from pydantic import BaseModel, ConfigDict, Field, field_validator
from sqlalchemy import Boolean, Date, ForeignKey, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

import crisis_playbooks.cases.models  # noqa: F401  (declares cases, the target of case_id)
from core.db import Base
from core.dbtypes import UTCDateTime
from core.timeutil import as_utc
from crisis_playbooks.recovery.enums import WinBackTier


class RecoveryRecord(Base):
    """Service recovery (服务补救) of one case, as in the Virgin Atlantic example."""

    __tablename__ = "recovery_records"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    case_id: Mapped[int] = mapped_column(
        ForeignKey("cases.id", ondelete="CASCADE"), unique=True, index=True
    )
    break_cause: Mapped[str] = mapped_column(Text, default="")
    responsible: Mapped[str | None] = mapped_column(String(100), nullable=True)
    proactive_contact_at: Mapped[datetime | None] = mapped_column(UTCDateTime, nullable=True)
    apology_made: Mapped[bool] = mapped_column(Boolean, default=False)
    remedy_offered: Mapped[str] = mapped_column(Text, default="")
    remedy_accepted: Mapped[bool | None] = mapped_column(Boolean, nullable=True)
    third_parties_informed: Mapped[str] = mapped_column(Text, default="")
    follow_up_on: Mapped[date | None] = mapped_column(Date, nullable=True)
    followed_up_at: Mapped[datetime | None] = mapped_column(UTCDateTime, nullable=True)
    satisfaction: Mapped[int | None] = mapped_column(Integer, nullable=True)
    recurrence_checked: Mapped[bool] = mapped_column(Boolean, default=False)
    recurrence_note: Mapped[str] = mapped_column(Text, default="")
    win_back_tier: Mapped[str | None] = mapped_column(String(20), nullable=True)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime)

    @property
    def is_closed_out(self) -> bool:
        """Recovery is closed once the follow-up call (回访) has been made."""
        return self.followed_up_at is not None


class RecoveryUpdate(BaseModel):
    """Fields to set on the recovery record; unset fields are unchanged, None clears one."""

    model_config = ConfigDict(extra="forbid")

    break_cause: str | None = None
    responsible: str | None = None
    proactive_contact_at: datetime | None = None
    apology_made: bool | None = None
    remedy_offered: str | None = None
    remedy_accepted: bool | None = None
    third_parties_informed: str | None = None
    follow_up_on: date | None = None
    followed_up_at: datetime | None = None
    satisfaction: int | None = Field(default=None, ge=1, le=5)
    recurrence_checked: bool | None = None
    recurrence_note: str | None = None
    win_back_tier: WinBackTier | None = None

    @field_validator("proactive_contact_at", "followed_up_at")
    @classmethod
    def _aware(cls, value: datetime | None) -> datetime | None:
        return as_utc(value)


RECOVERY_LABELS_ZH: dict[str, str] = {
    "break_cause": "服务失误原因",
    "responsible": "专人负责",
    "proactive_contact_at": "主动联系时间",
    "apology_made": "已致歉",
    "remedy_offered": "补救方案",
    "remedy_accepted": "客户接受补救",
    "third_parties_informed": "已告知第三方",
    "follow_up_on": "回访日期",
    "followed_up_at": "已回访时间",
    "satisfaction": "补救后满意度(1–5)",
    "recurrence_checked": "已检查是否复发",
    "recurrence_note": "复发检查说明",
    "win_back_tier": "挽回等级",
}
