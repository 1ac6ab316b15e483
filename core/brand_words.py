"""The brand's own names as words: what nearly every mention says and so never tells anything.

The names come from config: `brand`, each plan's name, the own accounts (top-level and each
plan's), and the plain alternatives of a plan's expression (`鲜味坊|XWF`). A word is a brand
fragment when it is part of such a name but not of what is left once the brand itself is taken
out ("鲜味" of 鲜味坊 is, "外卖" of 鲜味坊外卖 is not). Keywords are taken from text with the
names masked (`mask`), so no word is read across a name's edge (颜面 of 花颜面膜, 银行信用 of
招财银行信用卡).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import lru_cache
from typing import Self

from core.config import CoreConfig
from core.own_accounts import OwnAccounts

_ALTERNATIVE = re.compile(r"^[\w\u4e00-\u9fff\-]+$")


class BrandWords:
    """Recognises the brand's names and their fragments in words and text."""

    def __init__(self, core: Iterable[str], aliases: Iterable[str] = ()) -> None:
        self.core = sorted({c.casefold() for c in core if len(c) >= 2}, key=len, reverse=True)
        names = {a.casefold() for a in [*self.core, *aliases] if len(a) >= 2}
        self.names = sorted(names, key=len, reverse=True)
        self._rests = {n: self._without_core(n) for n in self.names}
        self._pattern = _alternatives(self.names)
        self._core_pattern = _alternatives(self.core)

    @classmethod
    def from_config(cls, config: CoreConfig) -> Self:
        """The names of config `brand` and of every plan."""
        core = [config.brand, *(p.name for p in config.plans)]
        aliases = sorted(OwnAccounts.of(config).names())
        for plan in config.plans:
            aliases += [
                a.strip() for a in plan.expression.split("|") if _ALTERNATIVE.match(a.strip())
            ]
        return cls(core, aliases)

    def _without_core(self, name: str) -> str:
        for core in self.core:
            name = name.replace(core, "\x00")
        return name

    @lru_cache(maxsize=65536)  # noqa: B019 — one instance per tracker, words repeat a lot
    def is_fragment(self, word: str) -> bool:
        """True when word is (part of) a brand name rather than an ordinary word."""
        folded = word.casefold()
        for name in self.names:
            if folded in name and folded not in self._rests[name]:
                return True
            if name in folded and len(folded) - len(name) < 2:
                return True
        return False

    def in_names(self, word: str) -> bool:
        """True for a brand fragment and for any word inside a name (信用卡 of 招财银行信用卡)."""
        folded = word.casefold()
        return self.is_fragment(word) or any(folded in name for name in self.names)

    def strip(self, text: str, by: str = "") -> str:
        """Text with every brand name taken out (replaced by `by`)."""
        for name in self.names:
            text = re.sub(re.escape(name), by, text, flags=re.IGNORECASE)
        return text

    def mask(self, text: str) -> str:
        """Text with every brand name replaced by a space: no word spans a name's edge."""
        return self._pattern.sub(" ", text) if self._pattern is not None else text

    def mask_core(self, text: str) -> str:
        """Text with the brand itself (config `brand`, plan names) replaced by a space: what an
        alias adds stays a word (外卖 of 鲜味坊外卖), none spans the brand's edge (颜面 of
        花颜面膜)."""
        return self._core_pattern.sub(" ", text) if self._core_pattern is not None else text


def _alternatives(names: list[str]) -> re.Pattern[str] | None:
    """One case-insensitive pattern matching any of the names (longest first)."""
    return re.compile("|".join(map(re.escape, names)), re.IGNORECASE) if names else None
