"""Dedup stage: copies are counted, floods collapse.

A mention is one (source, native id): re-deliveries of an id are duplicates (the pipeline
drops them before this stage). Here, two further keys are looked up, each on its primary key:

- the *copy key* (source, author, text with digits and punctuation kept): one author posting
  the same text again collapses into the first post (a flood, counted as spam);
- the *group key* (text without 转发/@/#话题#/emoji/links/whitespace): posts of the same text by
  different authors are all stored and share `group_id` (the id of the group's first mention).

A text whose group key is new may still be a near copy of a known group's first text (a word
changed, a sentence added): core.pipeline.neardup finds it by MinHash bands and it joins that
group. Texts that differ only in digits or punctuation never join each other's group.

Pictures are part of the content (two different screenshots captioned "[图片]" are two posts);
a reaction of emoticons only ("[怒]") is never a copy of another one.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from collections.abc import Sequence
from typing import cast

from sqlalchemy import Table, bindparam, func, insert, select, update
from sqlalchemy.orm import InstrumentedAttribute, Session, sessionmaker

from core.db import LOOKUP_CHUNK, lookup
from core.models import Mention, utcnow
from core.pipeline.dedup_tables import AuthorCopy, SimilarityGroup
from core.pipeline.neardup import NearMatcher, NearText

MIN_GROUP_TEXT = 4  # shorter remainders ("转发微博" → "") are too generic to group on
_SPACE = re.compile(r"\s+")
_REPOST_CHAIN = re.compile(r"//\s*@[^:：\s]{1,30}[:：]")
_AT = re.compile(r"@[\w\-\u4e00-\u9fff]{1,30}")
_HASHTAG = re.compile(r"#[^#\n]{1,40}#")
_URL = re.compile(r"https?://\S+")
_BRACKET_EMOJI = re.compile(r"\[[\u4e00-\u9fffA-Za-z]{1,8}\]")
_REPOST_WORDS = re.compile(r"转发微博|轉發微博|repost|转发|回复")
_PUNCT_RUN = re.compile(r"([^\w\s])\1+")
_FOLD = re.compile(r"[\s\W_]+", re.UNICODE)
_BRACKETED = re.compile(r"\[[^\[\]]{1,12}\]")  # "[图片]", "[表情]", Weibo's "[怒]"


def _is_emoji(char: str) -> bool:
    return unicodedata.category(char) == "So" or "\U0001f000" <= char <= "\U0001faff"


_DROPPED: dict[str, bool] = {}  # character → dropped from group texts (at most every code point)


def _without_emoji(text: str) -> str:
    """Text without emoji and variation selectors, deciding once per distinct character."""
    dropped = []
    for char in set(text):
        drop = _DROPPED.get(char)
        if drop is None:
            drop = _DROPPED[char] = _is_emoji(char) or char == "\ufe0f"
        if drop:
            dropped.append(ord(char))
    return text.translate(dict.fromkeys(dropped)) if dropped else text


def copy_text(text: str) -> str:
    """The text as a flood check compares it: NFKC, case folded, whitespace removed."""
    return _SPACE.sub("", unicodedata.normalize("NFKC", text)).casefold()


def group_text(text: str) -> str:
    """The text without repost markers, @names, #topics#, links and emoji; digits and
    punctuation stay, so "退款1.5元"/"退款15元" and "好吃！"/"好吃？" stay apart."""
    text = unicodedata.normalize("NFKC", text)
    for pattern in (_URL, _REPOST_CHAIN, _HASHTAG, _AT, _BRACKET_EMOJI, _REPOST_WORDS):
        text = pattern.sub("", text)
    text = _without_emoji(text)
    text = _PUNCT_RUN.sub(r"\1", _SPACE.sub("", text).casefold())
    return text.strip(":：,，/")


def _sha1(*parts: str) -> str:
    return hashlib.sha1("\x1f".join(parts).encode()).hexdigest()


def author_key(mention: Mention) -> str | None:
    """Who wrote it, as the flood check knows them (None when the source gives no author)."""
    return mention.author.id or mention.author.name or None


def copy_digest(mention: Mention) -> str | None:
    """Key of (source, author, text, pictures); None for anonymous mentions and emoticon-only
    reactions (never collapsed)."""
    author = author_key(mention)
    pictures = "\x1f".join(sorted(mention.media))
    if author is None or not (pictures or _FOLD.sub("", _BRACKETED.sub("", mention.full_text))):
        return None
    return _sha1(mention.source, author, copy_text(mention.full_text), pictures)


def group_digest(mention: Mention, text: str | None = None) -> str | None:
    """Key of the group text (computed unless given) and pictures; None when too little is left
    to group on."""
    text = group_text(mention.full_text) if text is None else text
    pictures = "\x1f".join(sorted(mention.media))
    if len(text) < MIN_GROUP_TEXT and not pictures:
        return None
    return _sha1(text, pictures)


class ContentDeduper:
    """Collapses one author's repeated text and gives copies by others a shared group id."""

    def __init__(self, sessions: sessionmaker[Session]) -> None:
        self.sessions = sessions

    def split(self, mentions: Sequence[Mention]) -> tuple[list[Mention], list[Mention]]:
        """(kept with group_id set, floods collapsed) — also within the batch; records keys."""
        copies = {m.id: copy_digest(m) for m in mentions}
        texts = {m.id: group_text(m.full_text) for m in mentions}
        groups = {m.id: group_digest(m, texts[m.id]) for m in mentions}
        with self.sessions.begin() as session:
            owners = lookup(session, AuthorCopy.digest, AuthorCopy.mention_id, copies.values())
            known = lookup(
                session, SimilarityGroup.digest, SimilarityGroup.group_id, groups.values()
            )
            kept, floods = self._collapse(session, mentions, copies, owners)
            near_texts = {
                m.id: NearText.of(texts[m.id])
                for m in kept
                if groups[m.id] and groups[m.id] not in known and not m.media
            }
            near = NearMatcher(session, list(near_texts.values()))
            grown: dict[str, int] = {}
            fresh: list[dict[str, object]] = []
            grouped = [
                self._grouped(m, groups[m.id], known, grown, fresh, near, near_texts.get(m.id))
                for m in kept
            ]
            _insert(session, SimilarityGroup, fresh)
            near.save()
            _increment(session, SimilarityGroup.digest, SimilarityGroup.size, grown)
            return grouped, floods

    @staticmethod
    def _collapse(
        session: Session,
        mentions: Sequence[Mention],
        copies: dict[str, str | None],
        owners: dict[str, str],
    ) -> tuple[list[Mention], list[Mention]]:
        kept: list[Mention] = []
        floods: list[Mention] = []
        repeats: dict[str, int] = {}
        fresh: list[dict[str, object]] = []
        for mention in mentions:
            digest = copies[mention.id]
            owner = owners.get(digest) if digest else None
            if digest and owner is not None and owner != mention.id:
                floods.append(mention)
                repeats[digest] = repeats.get(digest, 0) + 1
                continue
            if digest and owner is None:
                fresh.append({"digest": digest, "mention_id": mention.id, "repeats": 0})
                owners[digest] = mention.id
            kept.append(mention)
        _insert(session, AuthorCopy, fresh)
        _increment(session, AuthorCopy.digest, AuthorCopy.repeats, repeats)
        return kept, floods

    @staticmethod
    def _grouped(
        mention: Mention,
        digest: str | None,
        known: dict[str, str],
        grown: dict[str, int],
        fresh: list[dict[str, object]],
        near: NearMatcher,
        text: NearText | None,
    ) -> Mention:
        if digest is None:
            return mention.model_copy(update={"group_id": None})
        group = known.get(digest)
        if group is None:
            group = near.match(text) if text else None
            if group is None:
                group = mention.id
                if text:
                    near.start(group, text)
            fresh.append({"digest": digest, "group_id": group, "size": 1})
            known[digest] = group
        else:
            grown[digest] = grown.get(digest, 0) + 1
        return mention.model_copy(update={"group_id": group})


def _insert(
    session: Session, table: type[AuthorCopy] | type[SimilarityGroup], rows: list[dict[str, object]]
) -> None:
    """One multi-row Core insert (the ORM unit of work costs more than the lookups)."""
    if rows:
        now = utcnow()
        target = cast(Table, table.__table__)
        session.execute(insert(target), [{**row, "first_seen": now} for row in rows])


def _increment(
    session: Session,
    key: InstrumentedAttribute[str],
    counter: InstrumentedAttribute[int],
    by: dict[str, int],
) -> None:
    """Add to a counter column (repeats or size) of these digests: one executemany."""
    if not by:
        return
    table = cast(Table, key.class_.__table__)
    column, total = table.c[key.key], table.c[counter.key]
    statement = (
        update(table)
        .where(column == bindparam("_digest"))
        .values({total: total + bindparam("_extra")})
    )
    session.execute(statement, [{"_digest": d, "_extra": n} for d, n in by.items()])


def group_sizes(session: Session, group_ids: Sequence[str]) -> dict[str, int]:
    """How many mentions share each group id (1 for a group of its own)."""
    return {g: size for g, (size, _) in group_shapes(session, group_ids).items()}


def group_shapes(session: Session, group_ids: Sequence[str]) -> dict[str, tuple[int, int]]:
    """Per group id: (mentions in the group, distinct texts in it — more than 1 when near copies
    joined it)."""
    shapes = {g: (1, 1) for g in group_ids}
    wanted = sorted(set(group_ids))
    for start in range(0, len(wanted), LOOKUP_CHUNK):
        rows = session.execute(
            select(
                SimilarityGroup.group_id,
                func.sum(SimilarityGroup.size),
                func.count(SimilarityGroup.digest),
            )
            .where(SimilarityGroup.group_id.in_(wanted[start : start + LOOKUP_CHUNK]))
            .group_by(SimilarityGroup.group_id)
        )
        shapes.update({g: (int(size), int(texts)) for g, size, texts in rows})
    return shapes
