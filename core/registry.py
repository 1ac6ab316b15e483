"""One registry shape for every plugin kind: rules, notifiers, collectors, classifiers.

A domain registers what it contributes under a key (the name a config file uses). Heavy
plugins register a loader instead of the object, so naming a key costs no import until
a config actually uses it (start-up stays fast).
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterator
from typing import Generic, TypeVar

from core.errors import ConfigError

T = TypeVar("T")


class UnknownKeyError(ConfigError):
    """A config names a key no package registered; the message lists the known keys."""


# Re-entrant: a loader's import may look up another registry.
_LOADING = threading.RLock()


class Registry(Generic[T]):
    """Register by key, look up, list. `kind` is the Chinese noun used in error messages."""

    def __init__(self, kind: str) -> None:
        self.kind = kind
        self._items: dict[str, T] = {}
        self._loaders: dict[str, Callable[[], T]] = {}

    def add(self, key: str, item: T) -> T:
        """Register item under key; registering a taken key is a programming error."""
        self._check_free(key)
        self._items[key] = item
        return item

    def add_lazy(self, key: str, loader: Callable[[], T]) -> None:
        """Register a loader called (once) the first time key is looked up."""
        self._check_free(key)
        self._loaders[key] = loader

    def register(self, key: str) -> Callable[[T], T]:
        """Decorator form of add: `@RULES.register("spike")`."""

        def decorate(item: T) -> T:
            return self.add(key, item)

        return decorate

    def get(self, key: str) -> T:
        """The item under key; UnknownKeyError (in Chinese, with the known keys) otherwise."""
        if key in self._items:
            return self._items[key]
        with _LOADING:  # two sources starting at once must not both see the loader gone
            if key in self._items:
                return self._items[key]
            loader = self._loaders.get(key)
            if loader is None:
                known = "、".join(self.names()) or "（无）"
                raise UnknownKeyError(f"未知的{self.kind} {key!r}；可用：{known}")
            item = loader()
            self._items[key] = item
            del self._loaders[key]
            return item

    def discard(self, key: str) -> None:
        """Forget key (tests and plugins that unload); unknown keys are ignored."""
        self._items.pop(key, None)
        self._loaders.pop(key, None)

    def __contains__(self, key: object) -> bool:
        return key in self._items or key in self._loaders

    def __iter__(self) -> Iterator[str]:
        return iter(self.names())

    def names(self) -> list[str]:
        """Every registered key, sorted."""
        return sorted({*self._items, *self._loaders})

    def _check_free(self, key: str) -> None:
        if key in self:
            raise ValueError(f"{self.kind} {key!r} is registered twice")
