"""In-place upgrades of stored values renamed between versions (the workflow store).

`init_db` adds missing columns; values renamed in a vocabulary change (e.g. the alert
severity "warning" that is now "medium") are rewritten here. A model module declares its
renames once with `rename_values`; they run after every `Base.metadata.create_all`, i.e.
each time a store is opened, inside the same transaction, and touch only old rows.
"""

from __future__ import annotations

import logging
from collections.abc import Mapping
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
