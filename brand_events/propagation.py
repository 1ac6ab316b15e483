"""Propagation (传播路径): the repost/reply tree of an event's mentions.

A mention's parent is the member it reposts or replies to (`repost_of`/`reply_to`, native ids
on the same source). Weibo gives every repost the *original* as `repost_of`; the text's
"//@name:" chain names the repost it was made from, so the parent is that author's earlier
repost of the same original when there is one.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from core.models import Mention, mention_id

_CHAIN = re.compile(r"//\s*@([^:：\s]{1,30})[:：]")
KEY_NODES = 5


@dataclass
class KeyNode:
    """A mention many others spread from."""

    mention_id: str
    native_id: str
    author: str | None
    followers: int
    descendants: int
    depth: int


@dataclass
class Propagation:
    """Shape of the tree: how deep, how broad, who carried it, where the brand spoke."""

    linked: int = 0  # members with a parent inside the event
    roots: int = 0
    depth: int = 0
    breadth: int = 0
    key_nodes: list[KeyNode] = field(default_factory=list)
    own_posts: list[str] = field(default_factory=list)  # mention ids by own accounts
    parents: dict[str, str] = field(default_factory=dict)  # mention id → parent mention id


def parent_of(
    mention: Mention, members: dict[str, Mention], by_author: dict[str, list[Mention]]
) -> str | None:
    """The member this mention was reposted/replied from, or None."""
    target = mention.repost_of or mention.reply_to
    if not target:
        return None
    direct = mention_id(mention.source, target)
    chain = _CHAIN.search(mention.text)
    if chain and mention.repost_of:
        earlier = [
            m
            for m in by_author.get(chain.group(1), [])
            if m.id != mention.id
            and m.published_at <= mention.published_at
            and (m.repost_of == mention.repost_of or m.native_id == mention.repost_of)
        ]
        if earlier:
            return max(earlier, key=lambda m: m.published_at).id
    return direct if direct in members else None


def trace(mentions: Sequence[Mention], own_accounts: Iterable[str] = ()) -> Propagation:
    """The propagation tree of an event's mentions."""
    members = {m.id: m for m in mentions}
    by_author: dict[str, list[Mention]] = defaultdict(list)
    for m in mentions:
        if m.author.name:
            by_author[m.author.name].append(m)
    parents = {}
    for m in mentions:
        parent = parent_of(m, members, by_author)
        if parent is not None and parent != m.id:
            parents[m.id] = parent
    children: dict[str, list[str]] = defaultdict(list)
    for child, parent in parents.items():
        children[parent].append(child)
    roots = [m.id for m in mentions if m.id not in parents]
    depth_of: dict[str, int] = {}
    level_sizes: dict[int, int] = defaultdict(int)
    stack = [(root, 0) for root in roots]
    while stack:
        node, depth = stack.pop()
        if node in depth_of:
            continue
        depth_of[node] = depth
        level_sizes[depth] += 1
        stack.extend((child, depth + 1) for child in children.get(node, []))
    own = {a.casefold() for a in own_accounts}
    result = Propagation(
        linked=len(parents),
        roots=len(roots),
        depth=max(depth_of.values(), default=0),
        breadth=max((n for d, n in level_sizes.items() if d > 0), default=0),
        own_posts=[m.id for m in mentions if _is_own(m, own)],
        parents=parents,
    )
    result.key_nodes = _key_nodes(members, children, depth_of)
    return result


def _is_own(mention: Mention, own: set[str]) -> bool:
    names = {(mention.author.name or "").casefold(), (mention.author.id or "").casefold()}
    return bool(own & names)


def _key_nodes(
    members: dict[str, Mention], children: dict[str, list[str]], depth_of: dict[str, int]
) -> list[KeyNode]:
    descendants: dict[str, int] = {}
    for node in sorted(depth_of, key=lambda n: -depth_of[n]):  # leaves first
        descendants[node] = sum(1 + descendants.get(c, 0) for c in children.get(node, []))
    ranked = sorted((n for n in descendants if descendants[n]), key=lambda n: -descendants[n])
    return [
        KeyNode(
            mention_id=n,
            native_id=members[n].native_id,
            author=members[n].author.name,
            followers=members[n].author.followers or 0,
            descendants=descendants[n],
            depth=depth_of[n],
        )
        for n in ranked[:KEY_NODES]
    ]
