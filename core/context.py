"""Context: the configured stores, classifier and pipeline of one process, built lazily.

The kernel's context: every domain receives one. It knows the config sections and the
classifiers only through the registries the app fills at start (`app.domains.install`).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING

from core.config import CoreConfig, load_config
from core.index import MentionIndex, open_index
from core.pipeline.classifier import Classifier, get_classifier
from core.pipeline.plans import PlanMatcher
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
    ) -> Context:
        """Read the config file and prepare (not yet open) the stores under data_dir."""
        path = Path(config_path) if config_path else None
        directory = Path(data_dir) if data_dir else DEFAULT_DATA_DIR
        return cls(config=load_config(path), data_dir=directory, config_path=path, clock=clock)

    @cached_property
    def index(self) -> MentionIndex:
        """The mention index of `index.backend`."""
        self.data_dir.mkdir(parents=True, exist_ok=True)
        return open_index(self.config.index, self.data_dir)

    @cached_property
    def engine(self) -> Engine:
        """The workflow-store engine, with every domain's tables created."""
        from core.db import database_url, init_db, make_engine

        engine = make_engine(database_url(self.config.database.url, self.data_dir))
        init_db(engine)
        return engine

    @cached_property
    def sessions(self) -> sessionmaker[Session]:
        """Session factory for the workflow store."""
        from core.db import make_session_factory

        return make_session_factory(self.engine)

    @cached_property
    def classifier(self) -> Classifier:
        """The configured classifier, with this data dir's adapted model when there is one;
        posts of the brand's own accounts are never flagged as complaints."""
        from core.own_accounts import OwnAccounts
        from core.pipeline.own_posts import OwnPostsAreNotComplaints

        classifier = get_classifier(self.config.classifier.model, self.data_dir)
        own = OwnAccounts.of(self.config)
        return OwnPostsAreNotComplaints(classifier, own) if own else classifier

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
        return pipeline

    def close(self) -> None:
        """Close the stores that were opened."""
        if "index" in self.__dict__:
            self.index.close()
        if "engine" in self.__dict__:
            self.engine.dispose()
