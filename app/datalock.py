"""One writer per data dir: `yuqing run` holds a lock file; a second one says who holds it."""

from __future__ import annotations

import fcntl
import os
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from core.errors import YuqingError

LOCK_NAME = "yuqing.lock"


class DataDirLocked(YuqingError):
    """Another process already writes this data dir."""


@contextmanager
def writer_lock(data_dir: Path) -> Iterator[None]:
    """Hold the data dir's writer lock for the block; refuse when another process holds it."""
    data_dir.mkdir(parents=True, exist_ok=True)
    path = data_dir / LOCK_NAME
    handle = path.open("a+", encoding="utf-8")
    try:
        fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except OSError:
        handle.seek(0)
        holder = handle.read().strip() or "未知"
        handle.close()
        raise DataDirLocked(
            f"数据目录 {data_dir} 已被另一个 yuqing run 使用（进程号 {holder}，锁文件 {path}）；"
            "先停止那个进程，或用 --data-dir 指定另一个目录"
        ) from None
    handle.seek(0)
    handle.truncate()
    handle.write(str(os.getpid()))
    handle.flush()
    try:
        yield
    finally:
        handle.seek(0)
        handle.truncate()
        fcntl.flock(handle, fcntl.LOCK_UN)
        handle.close()
