"""The schema stamp: a store already made by this code's models opens without importing them all.

`init_db` imports every domain's models, creates missing tables and adds missing columns: on
a store that is already current that is ~0.1–0.2 s of CPU spent by every command that opens
it (`yuqing events list` would import the case, alert and correction models to read events).
After a full `init_db` the store keeps a stamp: the model files that declare its tables and a
digest of their contents (with the registered domains). When those files still hash to the
same digest, the store is current and `init_db` stops there; any edit of a model file (or
another set of domains, or another install) runs the full check once and stamps again.
"""

from __future__ import annotations

import hashlib
import json
import sys
from collections.abc import Iterable
from pathlib import Path

from sqlalchemy import Engine, inspect, text
from sqlalchemy.orm import DeclarativeBase

STAMP_TABLE = "yuqing_schema_stamp"
# core.db and the column types shape every table too.
KERNEL_MODULES = ("core.db", "core.dbtypes", "core.db_upgrade")


def digest(files: Iterable[str], domains: Iterable[str]) -> str | None:
    """Digest of the domains and the files' contents; None when a file is gone."""
    hasher = hashlib.sha256(json.dumps(sorted(domains)).encode())
    for name in sorted(files):
        try:
            content = Path(name).read_bytes()
        except OSError:
            return None
        hasher.update(name.encode() + b"\0" + hashlib.sha256(content).digest())
    return hasher.hexdigest()


def is_current(engine: Engine, domains: Iterable[str]) -> bool:
    """Whether the store's stamp matches the model files as they are now."""
    if not inspect(engine).has_table(STAMP_TABLE):
        return False
    with engine.connect() as connection:
        row = connection.execute(text(f"SELECT files, digest FROM {STAMP_TABLE} WHERE id = 1"))
        found = row.first()
    if found is None:
        return False
    files = json.loads(found[0])
    # A stamp written by another copy of the code (another checkout or install path) names
    # that copy's files: that they are unchanged says nothing about this copy's models.
    if _kernel_file() not in files:
        return False
    # A domain whose loader now imports one more model module: that module's table is new.
    if not set(loader_files(domains)) <= set(files):
        return False
    return digest(files, domains) == found[1]


def _kernel_file() -> str | None:
    """This copy's core.db source file, as model_files names it."""
    name = getattr(sys.modules.get(KERNEL_MODULES[0]), "__file__", None)
    return str(Path(name).resolve()) if name else None


def model_files(base: type[DeclarativeBase]) -> list[str]:
    """The source files of every mapped class's module, and the kernel's database modules."""
    modules = {mapper.class_.__module__ for mapper in base.registry.mappers}
    modules.update(KERNEL_MODULES)
    files = {getattr(sys.modules.get(name), "__file__", None) for name in modules}
    return sorted(str(Path(f).resolve()) for f in files if f)


def loader_files(domains: Iterable[str]) -> list[str]:
    """The files of the domains' table loaders (`Domain.models`, in each domain.py): a model
    module added to a domain is imported there, so that file changes with it."""
    from core.tables import TABLES

    modules = {TABLES.get(name).__module__ for name in domains if name in TABLES}
    files = {getattr(sys.modules.get(name), "__file__", None) for name in modules}
    return sorted(str(Path(f).resolve()) for f in files if f)


def record(engine: Engine, base: type[DeclarativeBase], domains: Iterable[str]) -> None:
    """Stamp the store as made by the current model files and table loaders (after a full
    init_db)."""
    domains = list(domains)
    files = sorted({*model_files(base), *loader_files(domains)})
    stamp = digest(files, domains)
    if stamp is None:
        return
    with engine.begin() as connection:
        connection.execute(
            text(
                f"CREATE TABLE IF NOT EXISTS {STAMP_TABLE} "
                "(id INTEGER PRIMARY KEY, files TEXT NOT NULL, digest VARCHAR(64) NOT NULL)"
            )
        )
        connection.execute(text(f"DELETE FROM {STAMP_TABLE} WHERE id = 1"))
        connection.execute(
            text(f"INSERT INTO {STAMP_TABLE} (id, files, digest) VALUES (1, :files, :digest)"),
            {"files": json.dumps(files), "digest": stamp},
        )
