"""The embedded workflow store's SQLite settings, as every connection of a process gets them."""

from __future__ import annotations

from pathlib import Path

from core.db import CACHE_KIB, WAL_CHECKPOINT_PAGES, make_engine


def test_every_connection_gets_wal_checkpoint_and_page_cache(tmp_path: Path) -> None:
    engine = make_engine(f"sqlite:///{tmp_path / 'yuqing.db'}")
    try:
        for _ in range(2):  # a second pooled connection is set up the same way
            with engine.connect() as conn:
                raw = conn.connection.dbapi_connection
                assert raw is not None
                pragma = {
                    name: raw.execute(f"PRAGMA {name}").fetchone()[0]
                    for name in ("journal_mode", "cache_size", "wal_autocheckpoint")
                }
                assert pragma == {
                    "journal_mode": "wal",
                    "cache_size": -CACHE_KIB,  # negative: KiB, not pages
                    "wal_autocheckpoint": WAL_CHECKPOINT_PAGES,
                }
    finally:
        engine.dispose()
