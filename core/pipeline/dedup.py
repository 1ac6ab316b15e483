"""Dedup stage: the same id, or the same normalized text from the same source, is stored once.

Posts without words are compared by more than their text: a picture post ("[图片]") by its
pictures, so two different screenshots are two mentions; an emoticon-only reaction ("[怒]")
never counts as a copy of another one.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Sequence
from datetime import datetime

from sqlalchemy import DateTime, String, insert, select
from sqlalchemy.orm import Mapped, Session, mapped_column, sessionmaker

from core.db import Base
from core.models import Mention, utcnow

_FOLD = re.compile(r"[\s\W_]+", re.UNICODE)
_BRACKETED = re.compile(r"\[[^\[\]]{1,12}\]")  # "[图片]", "[表情]", Weibo's "[怒]"


class ContentHash(Base):
    """First mention seen with a given normalized text from a given source."""

    __tablename__ = "content_hashes"

    source: Mapped[str] = mapped_column(String(100), primary_key=True)
    digest: Mapped[str] = mapped_column(String(40), primary_key=True)
    mention_id: Mapped[str] = mapped_column(String(40))
    first_seen: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)


def content_digest(mention: Mention) -> str:
    """sha1 of the text with whitespace and punctuation removed and case folded.

    Pictures are part of the content; a text of emoticons only is unique to its mention.
    """
    folded = _FOLD.sub("", mention.full_text).casefold()
    extra = "\x1f".join(sorted(mention.media))
    if not extra and not _FOLD.sub("", _BRACKETED.sub("", mention.full_text)):
        extra = f"id:{mention.id}"
    content = f"{folded}\x1f{extra}" if extra else folded
    return hashlib.sha1(content.encode()).hexdigest()


class ContentDeduper:
    """Finds mentions whose text was already seen from the same source under another id."""

    def __init__(self, sessions: sessionmaker[Session]) -> None:
        self.sessions = sessions

    def split(self, mentions: Sequence[Mention]) -> tuple[list[Mention], list[Mention]]:
        """(unique, duplicates) — also dedups within the batch; records the new digests."""
        unique: list[Mention] = []
        duplicates: list[Mention] = []
        digests = {m.id: content_digest(m) for m in mentions}
        fresh: list[dict[str, object]] = []
        with self.sessions.begin() as session:
            seen = self._known(session, mentions, digests)
            for mention in mentions:
                key = (mention.source, digests[mention.id])
                owner = seen.get(key)
                if owner is not None and owner != mention.id:
                    duplicates.append(mention)
                    continue
                if owner is None:
                    fresh.append({"source": key[0], "digest": key[1], "mention_id": mention.id})
                    seen[key] = mention.id
                unique.append(mention)
            if fresh:  # one executemany instead of an ORM object per mention
                session.execute(insert(ContentHash), fresh)
        return unique, duplicates

    @staticmethod
    def _known(
        session: Session, mentions: Sequence[Mention], digests: dict[str, str]
    ) -> dict[tuple[str, str], str]:
        known: dict[tuple[str, str], str] = {}
        values = sorted(set(digests.values()))
        for start in range(0, len(values), 500):
            rows = session.execute(
                select(ContentHash.source, ContentHash.digest, ContentHash.mention_id).where(
                    ContentHash.digest.in_(values[start : start + 500])
                )
            )
            known.update({(s, d): m for s, d, m in rows})
        return known
