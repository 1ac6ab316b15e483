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
import logging
import operator
import re
import unicodedata
from collections.abc import Sequence

from sqlalchemy import func, select
from sqlalchemy.orm import InstrumentedAttribute, Session, sessionmaker

from core.db import (
    LOOKUP_CHUNK,
    driver_run,
    driver_time,
    in_key_order,
    is_key_conflict,
    lookup,
)
from core.models import Mention, utcnow
from core.pipeline.dedup_tables import AuthorCopy, SimilarityGroup
from core.pipeline.neardup import NearMatcher, NearText

log = logging.getLogger(__name__)

SPLIT_ATTEMPTS = 5  # a key conflict with a concurrent batch is retried this often
MIN_GROUP_TEXT = 4  # shorter remainders ("转发微博" → "") are too generic to group on
_SPACE = re.compile(r"\s+")
_REPOST_CHAIN = re.compile(r"//\s*@[^:：\s]{1,30}[:：]")
_AT = re.compile(r"@[\w\-\u4e00-\u9fff]{1,30}")
_HASHTAG = re.compile(r"#[^#\n]{1,40}#")
_URL = re.compile(r"https?://\S+")
_BRACKET_EMOJI = re.compile(r"\[[\u4e00-\u9fffA-Za-z]{1,8}\]")
_REPOST_WORDS = re.compile(r"转发微博|轉發微博|repost|转发|回复")
_PUNCT_RUN = re.compile(r"([^\w\s])\1+")
# The run's character (as the template r"\1", which Python 3.11 expands by a Python function
# made at every sub call): a C callable, half the time on the stream's texts.
_RUN_CHAR = operator.methodcaller("group", 1)
_BRACKETED = re.compile(r"\[[^\[\]]{1,12}\]")  # "[图片]", "[表情]", Weibo's "[怒]"
_WORD_CHAR = re.compile(r"[^\s\W_]")  # neither space, punctuation nor "_"


def _is_emoji(char: str) -> bool:
    return unicodedata.category(char) == "So" or "\U0001f000" <= char <= "\U0001faff"


class _EmojiTable(dict[int, int | None]):
    """str.translate table: code point → None (dropped from group texts) or itself, decided
    at a character's first sight (at most every code point); later lookups stay in C."""

    def __missing__(self, code: int) -> int | None:
        char = chr(code)
        value = None if _is_emoji(char) or char == "\ufe0f" else code
        self[code] = value
        return value


_EMOJI_TABLE = _EmojiTable()


# Characters that are never emoji (ASCII and Latin-1 up to ¥, ·, general punctuation up to
# ‧, CJK punctuation and brackets, CJK ideographs, full-width forms; tests/core check each
# against _is_emoji): a text made only of them is returned as it is, found by one C-level
# search instead of a per-character translate (1 text in 300 of the stream holds an emoji).
_NEVER_EMOJI = "\x00-\xa5\xb7\u2010-\u2027\u3000-\u3003\u3008-\u3011\u4e00-\u9fff\uff01-\uff60"
_MAY_BE_EMOJI = re.compile(f"[^{_NEVER_EMOJI}]")


def _without_emoji(text: str) -> str:
    """Text without emoji and variation selectors."""
    if _MAY_BE_EMOJI.search(text) is None:
        return text
    return text.translate(_EMOJI_TABLE)


def copy_text(text: str) -> str:
    """The text as a flood check compares it: NFKC, case folded, whitespace removed."""
    return _copy_text_of_nfkc(unicodedata.normalize("NFKC", text))


def _copy_text_of_nfkc(text: str) -> str:
    return _SPACE.sub("", text).casefold()


def group_text(text: str) -> str:
    """The text without repost markers, @names, #topics#, links and emoji; digits and
    punctuation stay, so "退款1.5元"/"退款15元" and "好吃！"/"好吃？" stay apart."""
    return _group_text_of_nfkc(unicodedata.normalize("NFKC", text))


def _group_text_of_nfkc(text: str) -> str:
    # Each pattern runs only where it may match: every match holds the string checked first
    # (checked on the text as the earlier removals left it).
    if "http" in text:
        text = _URL.sub("", text)
    if "//" in text:
        text = _REPOST_CHAIN.sub("", text)
    if "#" in text:
        text = _HASHTAG.sub("", text)
    if "@" in text:
        text = _AT.sub("", text)
    if "[" in text:
        text = _BRACKET_EMOJI.sub("", text)
    if "转" in text or "轉" in text or "回" in text or "repost" in text:
        text = _REPOST_WORDS.sub("", text)
    text = _without_emoji(text)
    text = _PUNCT_RUN.sub(_RUN_CHAR, _SPACE.sub("", text).casefold())
    return text.strip(":：,，/")


def _sha1(*parts: str) -> str:
    return hashlib.sha1("\x1f".join(parts).encode()).hexdigest()


def author_key(mention: Mention) -> str | None:
    """Who wrote it, as the flood check knows them (None when the source gives no author)."""
    return mention.author.id or mention.author.name or None


def copy_digest(mention: Mention, nfkc_text: str | None = None) -> str | None:
    """Key of (source, author, text, pictures); None for anonymous mentions and emoticon-only
    reactions (never collapsed). nfkc_text: the full text in NFKC when already at hand."""
    author = author_key(mention)
    pictures = "\x1f".join(sorted(mention.media))
    if author is None or not (pictures or _has_words(mention.full_text)):
        return None
    if nfkc_text is None:
        nfkc_text = unicodedata.normalize("NFKC", mention.full_text)
    return _sha1(mention.source, author, _copy_text_of_nfkc(nfkc_text), pictures)


def _has_words(text: str) -> bool:
    """Whether anything but space, punctuation and "_" is left outside "[…]"."""
    return _WORD_CHAR.search(_BRACKETED.sub("", text) if "[" in text else text) is not None


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
        """(kept, floods collapsed) — also within the batch; records keys. Sets `group_id` on
        the mentions in place (the caller passes mentions it owns: the pipeline's copies)."""
        copies: dict[str, str | None] = {}
        texts: dict[str, str] = {}
        groups: dict[str, str | None] = {}
        for mention in mentions:
            full = unicodedata.normalize("NFKC", mention.full_text)
            copies[mention.id] = copy_digest(mention, full)
            texts[mention.id] = text = _group_text_of_nfkc(full)
            groups[mention.id] = group_digest(mention, text)
        for attempt in range(1, SPLIT_ATTEMPTS):
            try:
                return self._split(mentions, copies, texts, groups)
            except Exception as exc:
                # Another batch (a source of this worker or another worker) registered one of
                # our new keys between our lookup and our insert: look again, join its rows.
                if not is_key_conflict(exc):
                    raise
                log.info("另一批次同时登记了相同的文本，重新查询后重试（第 %d 次）", attempt)
        return self._split(mentions, copies, texts, groups)

    def _split(
        self,
        mentions: Sequence[Mention],
        copies: dict[str, str | None],
        texts: dict[str, str],
        groups: dict[str, str | None],
    ) -> tuple[list[Mention], list[Mention]]:
        """One attempt of split, in one transaction (rolled back whole on a key conflict)."""
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
            fresh: list[tuple[object, ...]] = []
            for mention in kept:
                digest = groups[mention.id]
                mention.group_id = self._group(
                    mention.id, digest, known, grown, fresh, near, near_texts.get(mention.id)
                )
            _insert(session, SimilarityGroup, ("digest", "group_id", "size"), fresh)
            near.save()
            _increment(session, SimilarityGroup.digest, SimilarityGroup.size, grown)
            return kept, floods

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
        fresh: list[tuple[object, ...]] = []
        for mention in mentions:
            digest = copies[mention.id]
            owner = owners.get(digest) if digest else None
            if digest and owner is not None and owner != mention.id:
                floods.append(mention)
                repeats[digest] = repeats.get(digest, 0) + 1
                continue
            if digest and owner is None:
                fresh.append((digest, mention.id, 0))
                owners[digest] = mention.id
            kept.append(mention)
        _insert(session, AuthorCopy, ("digest", "mention_id", "repeats"), fresh)
        _increment(session, AuthorCopy.digest, AuthorCopy.repeats, repeats)
        return kept, floods

    @staticmethod
    def _group(
        mention_id: str,
        digest: str | None,
        known: dict[str, str],
        grown: dict[str, int],
        fresh: list[tuple[object, ...]],
        near: NearMatcher,
        text: NearText | None,
    ) -> str | None:
        """The mention's group id: its digest's, a near copy's, or a new group of its own."""
        if digest is None:
            return None
        group = known.get(digest)
        if group is None:
            group = near.match(text) if text else None
            if group is None:
                group = mention_id
                if text:
                    near.start(group, text)
            fresh.append((digest, group, 1))
            known[digest] = group
        else:
            grown[digest] = grown.get(digest, 0) + 1
        return group


def _insert(
    session: Session,
    table: type[AuthorCopy] | type[SimilarityGroup],
    columns: tuple[str, ...],
    rows: list[tuple[object, ...]],
) -> None:
    """One multi-row insert of these columns and `first_seen` (now), as driver SQL
    (SQLAlchemy's per-row parameter work cost more than the insert), in key order (see
    core.db.in_key_order)."""
    if not rows:
        return
    stamp = driver_time(session, utcnow())
    marks = ", ".join(["?"] * (len(columns) + 1))
    sql = f"INSERT INTO {table.__tablename__} ({', '.join(columns)}, first_seen) VALUES ({marks})"
    driver_run(session, sql, [(*row, stamp) for row in in_key_order(rows)])


def _increment(
    session: Session,
    key: InstrumentedAttribute[str],
    counter: InstrumentedAttribute[int],
    by: dict[str, int],
) -> None:
    """Add to a counter column (repeats or size) of these digests: one executemany, in key
    order."""
    table, name, total = key.class_.__tablename__, key.key, counter.key
    sql = f"UPDATE {table} SET {total} = {total} + ? WHERE {name} = ?"
    driver_run(session, sql, [(n, d) for d, n in sorted(by.items())])


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
