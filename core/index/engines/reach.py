"""What `yuqing check` asks the configured cluster before anything starts: can it be reached
with these credentials, and does it hold monthly indices under `index.index_prefix`?"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from core.errors import MentionIndexError
from core.index.engines import open_client

if TYPE_CHECKING:
    from core.config import IndexConfig

MONTHLY = re.compile(r"^(?P<prefix>.+)-\d{4}\.\d{2}$")  # yuqing-mentions-2026.05


def index_findings(config: IndexConfig) -> tuple[str | None, str | None]:
    """(problem, note): why the cluster cannot be used (unreachable, credentials refused), or
    a note when it holds no monthly index under the prefix but does under others (a prefix
    that differs from the one the mentions were migrated into reads an empty index)."""
    if config.backend not in ("opensearch", "elasticsearch"):
        return None, None
    try:
        client = open_client(config)
        client.version()
        months = client.index_stats("*-1*,*-2*")
    except MentionIndexError as exc:
        return str(exc), None
    prefixes = {m["prefix"] for name in months if (m := MONTHLY.match(name))}
    if config.index_prefix in prefixes or not prefixes:
        return None, None  # found, or a new cluster (the first write creates the months)
    others = "、".join(sorted(prefixes)[:5])
    return None, (
        f"index.index_prefix：集群中没有 {config.index_prefix}-年.月 的索引，但有前缀 {others} 的；"
        "如果提及是写在那里的，请把 index_prefix 改成同一个（否则看板和检索都是空的）；"
        "新部署可忽略，首次写入时会创建"
    )
