"""Which keywords of negative mentions may head a 负面话题 in the report: subjects people
complain about, not the brand's own name, the names in @mentions and repost chains, or words
that only carry tone.

A keyword is left out when it is
* a brand name, plan keyword or a fragment of one — core.brand_words' `BrandWords` (config
  `brand`, plan names, own accounts and the plain alternatives of the plan expressions), plus
  every word inside those names ("外卖" of 鲜味坊外卖: the plan matches it, so nearly every mention
  has it);
* a stopword (sentiment.lexicons), a quantity ("三个", "半小时") or a word of `NOT_TOPICS`;
* not a word that can name a subject (sentiment.word_kinds' `words_of_substance`: no adverb,
  pronoun, time word or fragment where two words meet);
* mostly found only inside @names and //@ repost chains ("厨娘" of //@江南小厨娘:) — judged on
  the sample mentions fetched for its quotes (`said`).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from brand_events.titles import AT_NAMES
from core.brand_words import BrandWords
from core.config import CoreConfig
from sentiment.lexicons import STOPWORDS
from sentiment.word_kinds import NOT_TOPICS, QUANTITY, words_of_substance


@dataclass(frozen=True)
class TopicTerms:
    """The keyword filter of one report (the brand names come from config)."""

    brand: BrandWords

    @classmethod
    def from_config(cls, config: CoreConfig) -> TopicTerms:
        """The filter for the configured brand and plans."""
        return cls(BrandWords.from_config(config))

    def allowed(self, word: str) -> bool:
        """False for brand names and their fragments, stopwords, quantities and tone words."""
        if word in STOPWORDS or word in NOT_TOPICS or QUANTITY.match(word):
            return False
        return not self.brand.in_names(word)

    def of_substance(self, candidates: Iterable[str]) -> set[str]:
        """The candidates that can name a subject (`words_of_substance`), looked up at once."""
        return words_of_substance(candidates)

    def said(self, word: str, text: str) -> bool:
        """True when word occurs in text outside @names, repost chains and brand names."""
        return word.casefold() in self.brand.strip(AT_NAMES.sub(" ", text)).casefold()
