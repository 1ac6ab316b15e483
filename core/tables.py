"""Which domains declare workflow tables: loaders `init_db` calls before creating tables."""

from __future__ import annotations

from collections.abc import Callable

from core.registry import Registry

# Loaders that import a domain's models module (and so declare its tables on core.db.Base).
TABLES: Registry[Callable[[], None]] = Registry("数据表")
