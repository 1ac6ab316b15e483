"""Case tables (cases, linked alerts and mentions) and their Create/Update/Read schemas."""

from __future__ import annotations

from datetime import datetime
from typing import Annotated

from pydantic import BaseModel, BeforeValidator, ConfigDict, Field
from sqlalchemy import JSON, Boolean, ForeignKey, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from core.db import Base
from core.dbtypes import UTCDateTime
from core.enums import Severity
from crisis_playbooks.cases.enums import CaseLevels, CaseOrigin, CaseStatus


def _person(value: object) -> object:
    """A name without stray spaces; a blank one is no one (None)."""
    if isinstance(value, str):
        return value.strip() or None
    return value


# An owner typed with stray spaces ("lina ") is stored trimmed: SLA routing matches names.
OwnerName = Annotated[str | None, BeforeValidator(_person)]


class Case(CaseLevels, Base):
    """A complaint or crisis being handled: owner, severity, status and SLA timestamps."""

    __tablename__ = "cases"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    title: Mapped[str] = mapped_column(String(300))
    summary: Mapped[str] = mapped_column(Text, default="")
    brand: Mapped[str] = mapped_column(String(200), default="")
    channel: Mapped[str | None] = mapped_column(String(40), nullable=True)
    category: Mapped[str | None] = mapped_column(String(40), nullable=True)
    severity: Mapped[str] = mapped_column(String(20), default=Severity.MEDIUM.value)
    status: Mapped[str] = mapped_column(String(20), default=CaseStatus.NEW.value, index=True)
    owner: Mapped[str | None] = mapped_column(String(100), nullable=True)
    origin: Mapped[str] = mapped_column(String(20), default=CaseOrigin.MANUAL.value)
    proposed_playbook: Mapped[str | None] = mapped_column(String(100), nullable=True)
    waiting_on_customer: Mapped[bool] = mapped_column(Boolean, default=False)
    opened_by: Mapped[str] = mapped_column(String(100), default="system")
    opened_at: Mapped[datetime] = mapped_column(UTCDateTime, index=True)
    acknowledged_at: Mapped[datetime | None] = mapped_column(UTCDateTime, nullable=True)
    first_response_at: Mapped[datetime | None] = mapped_column(UTCDateTime, nullable=True)
    resolved_at: Mapped[datetime | None] = mapped_column(UTCDateTime, nullable=True)
    closed_at: Mapped[datetime | None] = mapped_column(UTCDateTime, nullable=True)
    first_response_met: Mapped[bool | None] = mapped_column(Boolean, nullable=True)
    resolution_met: Mapped[bool | None] = mapped_column(Boolean, nullable=True)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime)

    alerts: Mapped[list[CaseAlert]] = relationship(
        back_populates="case",
        cascade="all, delete-orphan",
        order_by="CaseAlert.linked_at",
        lazy="selectin",
    )
    mentions: Mapped[list[CaseMention]] = relationship(
        back_populates="case",
        cascade="all, delete-orphan",
        order_by="(CaseMention.linked_at, CaseMention.id)",
        lazy="selectin",
    )


class CaseAlert(Base):
    """An alert linked to a case (the alert id; alerts live in the alerting domain)."""

    __tablename__ = "case_alerts"
    __table_args__ = (UniqueConstraint("case_id", "alert_id"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    case_id: Mapped[int] = mapped_column(ForeignKey("cases.id", ondelete="CASCADE"), index=True)
    alert_id: Mapped[int] = mapped_column(Integer, index=True)
    title: Mapped[str] = mapped_column(String(300), default="")
    rule_type: Mapped[str | None] = mapped_column(String(60), nullable=True)
    linked_at: Mapped[datetime] = mapped_column(UTCDateTime)
    linked_by: Mapped[str] = mapped_column(String(100), default="system")
    case: Mapped[Case] = relationship(back_populates="alerts")


class CaseMention(Base):
    """A mention linked to a case, with a snapshot so the timeline reads without the index."""

    __tablename__ = "case_mentions"
    __table_args__ = (UniqueConstraint("case_id", "mention_id"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    case_id: Mapped[int] = mapped_column(ForeignKey("cases.id", ondelete="CASCADE"), index=True)
    mention_id: Mapped[str] = mapped_column(String(64), index=True)
    channel: Mapped[str | None] = mapped_column(String(40), nullable=True)
    url: Mapped[str | None] = mapped_column(String(1000), nullable=True)
    author: Mapped[str | None] = mapped_column(String(200), nullable=True)
    excerpt: Mapped[str] = mapped_column(Text, default="")
    published_at: Mapped[datetime | None] = mapped_column(UTCDateTime, nullable=True)
    extra: Mapped[dict[str, object]] = mapped_column(JSON, default=dict)
    linked_at: Mapped[datetime] = mapped_column(UTCDateTime)
    linked_by: Mapped[str] = mapped_column(String(100), default="system")
    case: Mapped[Case] = relationship(back_populates="mentions")


class CaseCreate(BaseModel):
    """What a caller gives to open a case."""

    model_config = ConfigDict(extra="forbid")

    title: str = Field(min_length=1, max_length=300)
    summary: str = ""
    brand: str = ""
    channel: str | None = None
    category: str | None = None
    severity: Severity = Severity.MEDIUM
    owner: OwnerName = None
    origin: CaseOrigin = CaseOrigin.MANUAL
    proposed_playbook: str | None = None


class CaseUpdate(BaseModel):
    """Editable fields; unset = unchanged, None clears owner/channel/category (not title,
    severity or the waiting flag). Status changes go through transitions."""

    model_config = ConfigDict(extra="forbid")

    title: str | None = Field(default=None, min_length=1, max_length=300)
    summary: str | None = None
    severity: Severity | None = None
    owner: OwnerName = None
    channel: str | None = None
    category: str | None = None
    waiting_on_customer: bool | None = None


class CaseRead(BaseModel):
    """A case as the CLI and dashboard show it."""

    model_config = ConfigDict(from_attributes=True)

    id: int
    title: str
    summary: str
    brand: str
    channel: str | None
    category: str | None
    severity: Severity
    status: CaseStatus
    owner: str | None
    origin: CaseOrigin
    proposed_playbook: str | None
    waiting_on_customer: bool
    opened_by: str
    opened_at: datetime
    first_response_at: datetime | None
    resolved_at: datetime | None
    closed_at: datetime | None
