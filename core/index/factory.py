"""Open the configured mention index backend."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from core.errors import ConfigError

SQLITE_INDEX_FILE = "mentions.db"  # the embedded index's file in the data dir (no index.path)

if TYPE_CHECKING:
    from core.config import IndexConfig
    from core.index.protocol import MentionIndex


def open_index(config: IndexConfig, data_dir: Path) -> MentionIndex:
    """The MentionIndex for `index.backend`; engine clients are imported only when used."""
    if config.backend == "sqlite":
        from core.index.sqlite import SQLiteMentionIndex

        return SQLiteMentionIndex(
            Path(config.path) if config.path else data_dir / SQLITE_INDEX_FILE
        )
    if config.backend in {"opensearch", "elasticsearch"}:
        from core.index.engines import open_engine_index

        return open_engine_index(config)
    raise ConfigError(
        f"index.backend：未知的后端 {config.backend!r}（可选 sqlite、opensearch、elasticsearch）"
    )
