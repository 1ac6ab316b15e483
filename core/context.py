"""Context: the configured stores, classifier and pipeline of one process, built lazily.

The kernel's context: every domain receives one. It knows the config sections and the
classifiers only through the registries the app fills at start (`app.domains.install`).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING

from core.config import CoreConfig
from core.config_loading import load_config
from core.errors import ConfigError, StoreMissing
from core.index import MentionIndex, open_index
from core.index.factory import SQLITE_INDEX_FILE
from core.pipeline.classifier import Classifier, get_classifier
from core.pipeline.plans import PlanMatcher
from core.store_read import EMBEDDED_STORE
from core.timeutil import Clock, system_clock

if TYPE_CHECKING:  # SQLAlchemy loads when the store opens: index-only commands start faster
    from sqlalchemy import Engine
    from sqlalchemy.orm import Session, sessionmaker

    from core.pipeline.pipeline import Pipeline

DEFAULT_DATA_DIR = Path("var")


@dataclass
class Context:
    """Everything a command or the service needs; components are created on first use."""

    config: CoreConfig
    data_dir: Path = DEFAULT_DATA_DIR
    config_path: Path | None = None
    clock: Clock = field(default=system_clock)

    @classmethod
    def load(
        cls,
        config_path: str | Path | None,
        data_dir: str | Path | None = None,
        clock: Clock = system_clock,
        *,
        existing: bool = False,
    ) -> Context:
        """Read the config file and prepare (not yet open) the stores under data_dir.

        `existing`: the command only reads (lists, searches, reports), so a data dir without
        the stores is refused (see require_store) instead of being created empty.
        """
        path = Path(config_path) if config_path else None
        directory = Path(data_dir) if data_dir else DEFAULT_DATA_DIR
        ctx = cls(config=load_config(path), data_dir=directory, config_path=path, clock=clock)
        if existing:
            ctx.require_store()
        return ctx

    def store_files(self) -> list[Path]:
        """The store files this config keeps in the data dir: the embedded workflow store and
        the SQLite index. None with a database URL: the data dir then holds at most the index,
        which a command reading only the workflow store never opens."""
        if self.config.database.url:
            return []
        files = [self.data_dir / EMBEDDED_STORE]
        if self.config.index.backend == "sqlite" and not self.config.index.path:
            files.append(self.data_dir / SQLITE_INDEX_FILE)
        return files

    def require_store(self) -> None:
        """Refuse a data dir that does not exist or holds none of the stores (a mistyped
        --data-dir would otherwise show an empty store, and get one created there)."""
        files = self.store_files()
        if not files:
            return
        fix = (
            "检查 --data-dir 或环境变量 YUQING_DATA_DIR"
            "（新的数据目录由 yuqing ingest、run 或 demo 建立）"
        )
        if not self.data_dir.is_dir():
            raise StoreMissing(f"数据目录 {self.data_dir} 不存在；{fix}")
        if not any(file.exists() for file in files):
            names = "、".join(file.name for file in files)
            # `make run` keeps the demo's data in var/demo: say so to whoever looks in var.
            inside = [d for d in sorted(self.data_dir.iterdir()) if _holds_store(d, files)]
            if inside:
                found = inside[0]
                fix = f"数据在子目录 {found}（如 yuqing demo 的演示数据）：加 --data-dir {found}"
            raise StoreMissing(
                f"数据目录 {self.data_dir} 里没有 yuqing 的数据（没有 {names}）；{fix}"
            )

    @cached_property
    def index(self) -> MentionIndex:
        """The mention index of `index.backend`."""
        self.data_dir.mkdir(parents=True, exist_ok=True)
        return open_index(self.config.index, self.data_dir)

    @cached_property
    def engine(self) -> Engine:
        """The workflow-store engine, with every domain's tables created."""
        from sqlalchemy.exc import OperationalError

        from core.db import database_url, init_db, make_engine
        from core.db_reach import unreachable_zh

        url = database_url(self.config.database.url, self.data_dir)
        engine = make_engine(url)
        try:
            init_db(engine)
        except OperationalError as exc:  # the server refused or cannot be reached
            engine.dispose()
            raise ConfigError(unreachable_zh(url, exc)) from None
        return engine

    @cached_property
    def sessions(self) -> sessionmaker[Session]:
        """Session factory for the workflow store."""
        from core.db import make_session_factory

        return make_session_factory(self.engine)

    @cached_property
    def classifier(self) -> Classifier:
        """The configured classifier, with this data dir's adapted model when there is one;
        posts of the brand's own accounts are never flagged as complaints, and keywords never
        hold the brand's names."""
        from core.pipeline.own_posts import for_brand_of

        return for_brand_of(
            get_classifier(self.config.classifier.model, self.data_dir), self.config
        )

    @cached_property
    def matcher(self) -> PlanMatcher:
        """The compiled monitoring plans."""
        return PlanMatcher.from_config(self.config.plans)

    @cached_property
    def pipeline(self) -> Pipeline:
        """The ingest pipeline writing into this context's index."""
        from core.pipeline.dedup import ContentDeduper
        from core.pipeline.listeners import LISTENERS
        from core.pipeline.pipeline import Pipeline

        pipeline = Pipeline(
            self.index, self.matcher, self.classifier, ContentDeduper(self.sessions)
        )
        for name in LISTENERS.names():  # each domain's, e.g. the event tracker
            pipeline.add_listener(LISTENERS.get(name)(self))
        self._remember_plans()
        return pipeline

    def _remember_plans(self) -> None:
        """Note the plans ingest tags with, the first time anything is ingested (plan_log)."""
        from core.pipeline.plan_log import remember_baseline

        with self.sessions.begin() as session:
            remember_baseline(session, self.config.plans, self.clock())

    def close(self) -> None:
        """Close the stores that were opened."""
        if "index" in self.__dict__:
            self.index.close()
        if "engine" in self.__dict__:
            self.engine.dispose()


def _holds_store(folder: Path, files: list[Path]) -> bool:
    """Whether a folder holds one of the store files (by name) that a data dir should."""
    return folder.is_dir() and any((folder / file.name).exists() for file in files)
