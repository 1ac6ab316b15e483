"""Domain sections of yuqing.yaml: each domain declares its top-level key as a `Section`; the
app registers them and `config_model()` assembles the whole model on the kernel's CoreConfig."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache
from typing import Any, Generic, TypeVar, cast

from pydantic import Field, create_model

from core.config import CoreConfig
from core.registry import Registry

S = TypeVar("S")


@dataclass(frozen=True)
class Section(Generic[S]):
    """A top-level yuqing.yaml key owned by a domain, e.g. `Section("alerting", AlertingConfig)`.

    `annotation` is what pydantic validates (a model, or e.g. `list[SourceConfig]`); `of()`
    reads the section back, typed, from a loaded config.
    """

    key: str
    annotation: Any
    default: Callable[[], S]

    def of(self, config: CoreConfig) -> S:
        """This section of a loaded config."""
        return cast(S, getattr(config, self.key))


SECTIONS: Registry[Section[Any]] = Registry("配置段")


def config_model() -> type[CoreConfig]:
    """The whole yuqing.yaml model: the kernel's keys plus every registered domain section."""
    return _assemble(tuple(SECTIONS.names()))


@lru_cache(maxsize=8)
def _assemble(keys: tuple[str, ...]) -> type[CoreConfig]:
    fields: dict[str, Any] = {
        key: (SECTIONS.get(key).annotation, Field(default_factory=SECTIONS.get(key).default))
        for key in keys
    }
    return create_model("AppConfig", __base__=CoreConfig, **fields)
