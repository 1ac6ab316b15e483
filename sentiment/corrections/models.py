"""The label_corrections table: every correction with who, when, before and after."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import Boolean, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from core.db import Base
from core.dbtypes import UTCDateTime


class LabelCorrection(Base):
    """One field of one mention set by a person; the text and channel are kept for training
    (a complaint-platform post is decided with the platform's complaint floor, so it is
    trained that way too). `channel` is None on rows stored before it was kept until
    `fill_channels` looks their mention up ("" when it had left the index).

    An undo (`undo` true) is audited the same way: `before` the corrected value, `after` the
    model's decision the field returned to; it ends the field's correction (not trained on).
    NULL on rows stored before undos existed reads as false."""

    __tablename__ = "label_corrections"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    mention_id: Mapped[str] = mapped_column(String(40), index=True)
    field: Mapped[str] = mapped_column(String(20))
    before: Mapped[str | None] = mapped_column(String(40), nullable=True)
    after: Mapped[str] = mapped_column(String(40))
    actor: Mapped[str] = mapped_column(String(100))
    at: Mapped[datetime] = mapped_column(UTCDateTime, index=True)
    text: Mapped[str] = mapped_column(Text, default="")
    channel: Mapped[str | None] = mapped_column(String(30), nullable=True)
    undo: Mapped[bool | None] = mapped_column(Boolean, nullable=True, default=False)
