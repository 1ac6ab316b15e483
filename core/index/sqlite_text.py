"""Full-text matching on the embedded index: which FTS5 table drives a query, and how.

Terms of two characters or more match as phrases of CJK bigrams in `mention_fts`; a lone CJK
character matches in `mention_chars` (one token per distinct character). One table drives the
query (its MATCH also carries the excluded terms of the same table); terms of the other table
become rowid subqueries. On the time layout every FTS lookup is bounded by the rowid range of
the query window, so a time filter narrows the match itself.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from core.index.textquery import bigram_tokens, is_single_cjk_char, parse_text_query, term_match

GRAMS = "mention_fts"
CHARS = "mention_chars"
RowidRange = tuple[int | None, int | None]
# Tokens the FTS tokenizer (unicode61) stores exactly as written, so the FTS vocabulary can be
# looked up with them: ASCII words and CJK characters of Unicode 6.1 (the tokenizer's tables).
# Others (accented letters lose their accents, newer CJK characters split a token) are counted
# by their MATCH instead.
_VERBATIM = re.compile(r"[0-9a-z]+|[\u3400-\u4db5\u4e00-\u9fcb]+")


@dataclass
class TextPlan:
    """The driving table and MATCH expression, plus clauses on `m.rid` for the other terms."""

    driver: str | None = None
    match: str = ""
    clauses: list[str] = field(default_factory=list)  # "{rid} IN (…)": see on()
    params: list[Any] = field(default_factory=list)
    lone_token: str | None = None  # the whole query is this one token (its vocabulary count)

    def on(self, column: str) -> list[str]:
        """The other-table clauses applied to a row-id column (m.rid, or an FTS rowid)."""
        return [clause.format(rid=column) for clause in self.clauses]


def _phrase(tokens: list[str]) -> str:
    return '"' + " ".join(t.replace('"', '""') for t in tokens) + '"'


def _expression(positive: list[str], negative: list[str]) -> str:
    text = "(" + " AND ".join(positive) + ")"
    return text + "".join(f" NOT {n}" for n in negative)


def rowid_bounds(column: str, bounds: RowidRange) -> tuple[str, list[Any]]:
    """SQL narrowing an FTS rowid (or m.rid) to a range."""
    sql, params = "", []
    if bounds[0] is not None:
        sql += f" AND {column} >= ?"
        params.append(bounds[0])
    if bounds[1] is not None:
        sql += f" AND {column} < ?"
        params.append(bounds[1])
    return sql, params


def plan_text(text: str | None, bounds: RowidRange) -> TextPlan | None:
    """How to match a query's text; None when it has no term (terms without a searchable
    character are left out; when that leaves nothing, the plan matches no row)."""
    parsed = parse_text_query(text)
    if parsed.unsearchable:
        return TextPlan(clauses=["0"])
    terms: dict[tuple[str, bool], list[str]] = {}
    for negate, group in ((False, parsed.must), (True, parsed.must_not)):
        for term in group:
            tokens = bigram_tokens(term)
            if not tokens:
                continue
            if is_single_cjk_char(term):
                terms.setdefault((CHARS, negate), []).append(_phrase(tokens))
                continue
            match = term_match(term, required=not negate)
            if match is None:
                terms.setdefault((GRAMS, negate), []).append(_phrase(tokens))
                continue
            phrase = _phrase(match.tokens) + (" *" if match.prefix_last else "")
            terms.setdefault((GRAMS, negate), []).append(phrase)
            if match.also_char:
                terms.setdefault((CHARS, negate), []).append(_phrase([match.also_char]))
    if not terms:
        return None
    plan = TextPlan()
    if len(parsed.must) == 1 and not parsed.must_not:
        tokens = bigram_tokens(parsed.must[0])
        lone = len(tokens) == 1 and _VERBATIM.fullmatch(tokens[0]) is not None
        plan.lone_token = tokens[0] if lone else None
    for table in (GRAMS, CHARS):
        positive = terms.get((table, False), [])
        negative = terms.get((table, True), [])
        if positive and plan.driver is None:
            plan.driver, plan.match = table, _expression(positive, negative)
            continue
        narrow, extra = rowid_bounds("rowid", bounds)
        lookup = f"SELECT rowid FROM {table} WHERE {table} MATCH ?{narrow}"
        if positive:
            plan.clauses.append(f"{{rid}} IN ({lookup})")
            plan.params.extend([_expression(positive, []), *extra])
        if negative:
            plan.clauses.append(f"{{rid}} NOT IN ({lookup})")
            plan.params.extend([" OR ".join(negative), *extra])
    return plan


def as_clauses(plan: TextPlan, bounds: RowidRange) -> tuple[list[str], list[Any]]:
    """Every text condition as clauses on `m.rid` (for plans not driven by an FTS table)."""
    clauses, params = plan.on("m.rid"), list(plan.params)
    if plan.driver is not None:
        narrow, extra = rowid_bounds("rowid", bounds)
        clauses.insert(
            0, f"m.rid IN (SELECT rowid FROM {plan.driver} WHERE {plan.driver} MATCH ?{narrow})"
        )
        params[:0] = [plan.match, *extra]
    return clauses, params
