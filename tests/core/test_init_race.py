"""Two processes opening a fresh store at once (`yuqing run` creating its tables while the
dashboard or a command opens the same data dir) both create the missing tables; the loser of
that race read "无法连接：table recovery_records already exists" and stopped."""

from __future__ import annotations

import threading
from pathlib import Path

from sqlalchemy import Engine, inspect

from app.domains import install
from core.db import init_db, make_engine


def open_together(engines: list[Engine]) -> list[BaseException]:
    """init_db on every engine at the same moment; what each raised."""
    failures: list[BaseException] = []
    start = threading.Barrier(len(engines))

    def open_store(engine: Engine) -> None:
        start.wait()
        try:
            init_db(engine)
        except BaseException as exc:  # collected and asserted by the caller
            failures.append(exc)

    threads = [threading.Thread(target=open_store, args=(e,)) for e in engines]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return failures


def test_stores_opened_at_once_all_come_up(tmp_path: Path) -> None:
    install()
    for attempt in range(5):
        url = f"sqlite:///{tmp_path / f'yuqing-{attempt}.db'}"
        engines = [make_engine(url) for _ in range(6)]
        assert open_together(engines) == []
        assert "recovery_records" in inspect(engines[0]).get_table_names()
        for engine in engines:
            engine.dispose()
