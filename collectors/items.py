"""The item every spider yields: a post as found on the page, before cleaning into a Mention."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

from core.enums import Channel


@dataclass
class RawPost:
    """One post, reply, comment or complaint; `text` may be HTML, counts may read "12.3万".

    `reply_to` / `repost_of` hold the *native* id of the parent on the same site (a Weibo
    mid, a Tieba post id, a thread id), never a mention id.
    """

    native_id: str
    channel: Channel
    text: str
    published_at: datetime | None
    url: str | None = None
    title: str | None = None
    author_id: str | None = None
    author_name: str | None = None
    followers: int | str | None = None
    verified: bool = False
    region: str | None = None  # IP属地 as printed ("发布于 广东"); the Mention normalises it
    reposts: int | str | None = None
    comments: int | str | None = None
    likes: int | str | None = None
    views: int | str | None = None
    reply_to: str | None = None
    repost_of: str | None = None
    media: list[str] = field(default_factory=list)  # picture URLs (absolute)
    extra: dict[str, str] = field(default_factory=dict)
