"""The workflow store (system of record): SQLAlchemy 2 on SQLite by default, PostgreSQL by URL.

Domain packages declare their tables on `Base` in their own models modules and list the
module in MODEL_MODULES so `init_db` creates them.
"""

from __future__ import annotations

import importlib
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, create_engine, event
from sqlalchemy.orm import DeclarativeBase, Session, sessionmaker

MODEL_MODULES: list[str] = [
    "collectors.state",
    "alerting.models",
    "crisis_playbooks.models",
]


class Base(DeclarativeBase):
    """Declarative base shared by every workflow table."""


def database_url(configured: str | None, data_dir: Path) -> str:
    """The configured URL, or an SQLite file in the data directory."""
    if configured:
        return configured
    data_dir.mkdir(parents=True, exist_ok=True)
    return f"sqlite:///{(data_dir / 'yuqing.db').resolve()}"


def make_engine(url: str) -> Engine:
    """An engine; SQLite gets WAL, a busy timeout and foreign keys so readers never block."""
    if url.startswith("sqlite"):
        engine = create_engine(url, connect_args={"timeout": 30, "check_same_thread": False})
        event.listen(engine, "connect", _sqlite_pragmas)
        return engine
    return create_engine(url, pool_pre_ping=True)


def _sqlite_pragmas(dbapi_connection: Any, _record: Any) -> None:
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA busy_timeout=30000")
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.close()


def init_db(engine: Engine) -> None:
    """Import every domain's models and create missing tables."""
    for module in MODEL_MODULES:
        importlib.import_module(module)
    Base.metadata.create_all(engine)


def make_session_factory(engine: Engine) -> sessionmaker[Session]:
    """Sessions that keep loaded objects usable after commit."""
    return sessionmaker(engine, expire_on_commit=False)
