"""What the words of an industry the models never read mean in its text: the shared shape of
sentiment/appliances.py, couriers.py, devices.py, education.py, estates.py, games.py, gyms.py,
rides.py.

Each such module lists its context (the words that mark its text), what its complaint words mean
there (category → words, each category counted as a cue word no text holds), the setting words
that said another category before (a player's 客服, an owner's 骗人) and which meanings decide
over others (a refund over the defect it remedies). `Meanings.cues` is the rule of an industry
that ships nothing and sells no data: its text is never 货物运输/物流, nor 隐私/欺诈 unless a scam
or someone's data is named strongly.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass

from core.enums import Category

# category.py's _strong_cue: a strong cue of the category (of any, when None) among the words
StrongCue = Callable[[set[str], "Category | None"], bool]


def words(text: str) -> frozenset[str]:
    """The space-separated words of a list written as one string."""
    return frozenset(text.split())


@dataclass(frozen=True)
class Meanings:
    """An industry's words and what they mean in its text (see the module docstring)."""

    cue_of: Mapping[Category, str]  # the cue word each meaning counts as
    meanings: Mapping[Category, frozenset[str]]
    setting: frozenset[str]  # does not count where a meaning is named
    decides: tuple[tuple[str, frozenset[str]], ...] = ()  # a cue over the cues it decides

    def cues(self, found: set[str], strong: StrongCue) -> tuple[set[str], tuple[Category, ...]]:
        """The cue words that count in the text and the categories it rules out."""
        meant = {self.cue_of[c] for c, said in self.meanings.items() if found & said}
        for decider, decided in self.decides:
            if decider in meant:
                meant -= decided
        if meant:
            found = found - self.setting
        found = found | meant
        ruled_out = [Category.DELIVERY_LOGISTICS]
        if not strong(found, Category.PRIVACY_FRAUD):
            ruled_out.append(Category.PRIVACY_FRAUD)
        return found, tuple(ruled_out)
