"""In-place upgrades of stores written by older versions (the workflow store).

`init_db` adds missing columns; values renamed in a vocabulary change (e.g. the alert
severity "warning" that is now "medium") are rewritten here, and tables whose layout changed
in a way a new column cannot express (another primary key) are rebuilt. A model module
declares them once (`rename_values`, `rebuild_when`); they run after every
`Base.metadata.create_all`, i.e. each time a store is opened and before missing columns are
added, inside the same transaction, and touch only stores of the older layout.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Mapping
from typing import Any

from sqlalchemy import Column, Connection, MetaData, event, inspect, update

log = logging.getLogger(__name__)


def rename_values(column: Any, renames: Mapping[str, str]) -> None:
    """Rewrite old values of a mapped column (`Alert.severity`) to new ones when a store opens."""
    target: Column[Any] = column.property.columns[0] if hasattr(column, "property") else column
    table = target.table
    metadata: MetaData = table.metadata  # type: ignore[attr-defined]
    pairs = dict(renames)

    def rewrite(_metadata: MetaData, connection: Connection, **_kw: Any) -> None:
        if not inspect(connection).has_table(table.name):  # type: ignore[attr-defined]
            return  # create_all was asked for other tables only
        for old, new in pairs.items():
            changed = connection.execute(
                update(table).where(target == old).values({target.name: new})
            ).rowcount
            if changed:
                log.info(
                    "工作流数据库：%s.%s 的取值 %r → %r，共 %d 行",
                    table.name,  # type: ignore[attr-defined]
                    target.name,
                    old,
                    new,
                    changed,
                )

    event.listen(metadata, "after_create", rewrite)


def rebuild_when(
    metadata: MetaData,
    older: Callable[[Connection], bool],
    rebuild: Callable[[Connection], None],
) -> None:
    """Run rebuild(connection) when a store opens and older(connection) says it has the older
    layout (rebuild must leave the current one, so it runs once per store)."""

    def upgrade(_metadata: MetaData, connection: Connection, **_kw: Any) -> None:
        if older(connection):
            rebuild(connection)

    event.listen(metadata, "after_create", upgrade)
