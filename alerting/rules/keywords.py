"""Keyword-expression filters served by the index's full-text search where that is exact.

The plan expression language (+ | ! ()) is richer than the index's text query (space =
AND, '-' = NOT), so an expression is reduced to alternatives of required words: the union
of one text search per alternative is a superset of the matches, and the expression itself
then decides. Only CJK words qualify: their bigram phrase search equals substring search,
whereas Latin and digit words match whole tokens only (then the window is scanned instead).
"""

from __future__ import annotations

import re
from dataclasses import replace
from itertools import product

from core.index.protocol import MentionIndex, SearchQuery
from core.models import Mention
from core.pipeline.expressions import AllOf, AnyOf, Expression, Not, Term

MAX_ALTERNATIVES = 16
_CJK_ONLY = re.compile(r"^[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]+$")

Alternatives = list[tuple[str, ...]]


def required_words(expression: Expression) -> Alternatives | None:
    """Alternatives of CJK words one of which every match contains; None when not reducible."""
    alternatives = _reduce(getattr(expression, "root", None))
    if not alternatives or any(not alt for alt in alternatives):
        return None
    if not all(_CJK_ONLY.match(word) for alt in alternatives for word in alt):
        return None
    return alternatives


def _reduce(node: object) -> Alternatives | None:
    if isinstance(node, Term):
        return [(node.word,)]
    if isinstance(node, Not):
        return [()]  # a negation requires nothing
    if isinstance(node, AnyOf):
        parts = [_reduce(child) for child in node.children]
        if any(p is None for p in parts):
            return None
        merged = [alt for p in parts if p is not None for alt in p]
        return merged if len(merged) <= MAX_ALTERNATIVES else None
    if isinstance(node, AllOf):
        parts = [_reduce(child) for child in node.children]
        if any(p is None for p in parts):
            return None
        combos = [
            tuple(w for alt in combo for w in alt) for combo in product(*[p for p in parts if p])
        ]
        return combos if len(combos) <= MAX_ALTERNATIVES else None
    return None


def candidates(
    index: MentionIndex, query: SearchQuery, alternatives: Alternatives
) -> list[Mention]:
    """Union (by id) of one text search per alternative within the query's filters."""
    found: dict[str, Mention] = {}
    for words in alternatives:
        for mention in index.search(replace(query, text=" ".join(words))).mentions:
            found.setdefault(mention.id, mention)
    return list(found.values())
