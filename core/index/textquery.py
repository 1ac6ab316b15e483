"""The index's full-text query syntax and the CJK bigram tokens shared by every backend.

A query is whitespace-separated terms; every term must occur as a substring, a term with
a leading '-' must not occur; "quoted phrases" keep their spaces. Full-width letters, digits
and signs (ＸＷＦ, １２３１５, the ideographic space) count as their ASCII forms.

Only CJK characters, letters and digits are indexed: emoji and punctuation separate tokens.
A term without any of them is left out of the match; a query whose terms are all such (`😡`,
`！！！`) matches nothing (TextQuery.unsearchable) rather than everything, and so does one of
only quote marks, minus signs and spaces (`"`, `-`, `" -`: TextQuery.wordless).
"""

from __future__ import annotations

import re
import shlex
import unicodedata
from dataclasses import dataclass, field

_CJK = r"\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
_WORD = r"0-9A-Za-z\u00c0-\u024f"
_IS_CJK = re.compile(rf"[{_CJK}]")
# Full-width ASCII variants and the ideographic space (ＡＰＰ, ５００): NFKC maps them to ASCII.
# Queries and stored texts are folded alike, so "APP" finds "ＡＰＰ闪退" and the other way round;
# CJK text is left as typed.
_FULL_WIDTH = re.compile(r"[\u3000\uff01-\uff5e]+")
# The full-width forms whose folding can change a token: digits and letters. The rest (the
# ideographic space, full-width signs such as ，！（）) fold to ASCII signs and spaces, which
# separate tokens exactly as they did before folding.
_FULL_WIDTH_WORD = re.compile(r"[\uff10-\uff19\uff21-\uff3a\uff41-\uff5a]+")
_OPERATORS = ' "-\t\n\r\x0b\x0c'  # what a query holds besides its words (after folding)
_CJK_RUN = re.compile(rf"[{_CJK}]+")
# One match per token of bigram_tokens, in its order: at a CJK character followed by another
# one, their bigram; at a lone CJK character, itself; at a word's start, the word. The last
# character of a longer CJK run matches nothing (its bigram ended at it).
_GRAM = re.compile(
    rf"(?=([{_CJK}]{{2}}|(?<![{_CJK}])[{_CJK}](?![{_CJK}])|[{_WORD}]+))(?:[{_CJK}]|[{_WORD}]+)"
)


@dataclass
class TextQuery:
    """Parsed query: terms that must occur and terms that must not."""

    must: list[str] = field(default_factory=list)
    must_not: list[str] = field(default_factory=list)
    # Text was typed, but it held only quote marks, minus signs and spaces: no term at all.
    wordless: bool = False

    @property
    def empty(self) -> bool:
        """True when the query has no terms at all."""
        return not self.must and not self.must_not

    @property
    def ignored(self) -> list[str]:
        """Terms without a CJK character, letter or digit: the index cannot match them."""
        return [term for term in (*self.must, *self.must_not) if not bigram_tokens(term)]

    @property
    def unsearchable(self) -> bool:
        """True when terms were given but nothing in them can be searched (emoji, punctuation).

        The required terms decide (the excluded ones when there are none): such a query must
        match nothing, not every mention.
        """
        if self.wordless:
            return True
        group = self.must or self.must_not
        return bool(group) and not any(bigram_tokens(term) for term in group)


def parse_text_query(text: str | None) -> TextQuery:
    """Split a user query into required and excluded terms."""
    query = TextQuery()
    if not text or not text.strip():
        return query
    text = fold_full_width(text)
    try:
        parts = shlex.split(text)
    except ValueError:
        parts = text.replace('"', " ").split()
    for part in parts:
        if part.startswith("-") and len(part) > 1:
            query.must_not.append(part[1:])
        elif part and part != "-":
            query.must.append(part)
    query.wordless = all(not term.strip(_OPERATORS) for term in (*query.must, *query.must_not))
    return query


def wordless_zh(text: str) -> str:
    """Why a query of only quote marks, minus signs and spaces is refused (CLI), in Chinese."""
    return (
        f"搜索词 {text!r} 里没有要检索的词：只有引号、减号或空格。请写上词语，例如 退款；"
        "要排除某个词，写在其他词之后并在词前加减号，例如 '退款 -广告'；不写搜索词则列出全部提及"
    )


def bigram_tokens(text: str) -> list[str]:
    """CJK runs become overlapping bigrams (a lone character stays a unigram); words lowercase.
    Queries are tokenised here, stored texts by token_text: the same regex serves both."""
    return [token.lower() for token in _GRAM.findall(text)]


def fold_full_width(text: str) -> str:
    """Full-width letters, digits, signs and the ideographic space as their ASCII forms."""
    return _FULL_WIDTH.sub(_nfkc, text)


def _nfkc(run: re.Match[str]) -> str:
    return unicodedata.normalize("NFKC", run.group())


def has_full_width(text: str) -> bool:
    """True when fold_full_width would change the text."""
    return _FULL_WIDTH.search(text) is not None


def token_text(text: str) -> tuple[str, str]:
    """The space-joined bigram_tokens of the text folded by fold_full_width, and its distinct
    CJK characters space-joined (the single-character table), each from one C-level regex
    pass (the index writes both for every mention; a Python loop over the runs and their
    bigrams took 1.3-1.5 times as long on the stream's texts). Only full-width digits and
    letters are folded: the signs fold to separators, as they are, and Chinese text has one
    in nearly every clause (one NFKC call each): 0.80-1.05 → 0.64-0.75 CPU-s per 30k bodies."""
    return unfolded_token_text(_FULL_WIDTH_WORD.sub(_nfkc, text))


def unfolded_token_text(text: str) -> tuple[str, str]:
    """token_text without the folding: what files written before it hold (sqlite_fold.py)."""
    # Words and bigrams are lowercased together: CJK characters have no case, and str.lower
    # maps a word character by character (no context-dependent case in the word ranges).
    grams = " ".join(_GRAM.findall(text)).lower()
    return grams, " ".join(dict.fromkeys("".join(_CJK_RUN.findall(text))))


@dataclass(frozen=True)
class TermMatch:
    """How one multi-token term is matched against stored bigram tokens.

    A CJK character that stands alone in a term beside letters or digits ("4S店", "买iPhone")
    is a lone token of the term, but in a post it is usually part of a longer run whose
    bigrams hold it ("4S店做了首保": 4s 店做 做了 …). At the term's end it is matched as the
    prefix of the next token (exact: 店* is 店 or a bigram starting with it). At its start
    nothing can match a bigram ending with it; for a required term the character is then
    required anywhere in the post and the rest as a phrase (`also_char`): every post holding
    the term is found, and rarely one holding both parts apart. Excluded terms keep the
    whole phrase (they exclude only posts where the character stands alone).
    """

    tokens: list[str]
    prefix_last: bool = False
    also_char: str | None = None


def term_match(term: str, required: bool = True) -> TermMatch | None:
    """The TermMatch of a term with two or more tokens (None for none or one token)."""
    tokens = bigram_tokens(term)
    if len(tokens) < 2:
        return None
    also_char = None
    if required and _is_lone_cjk(tokens[0]):
        also_char, tokens = tokens[0], tokens[1:]
    return TermMatch(
        tokens, prefix_last=len(tokens) > 1 and _is_lone_cjk(tokens[-1]), also_char=also_char
    )


def _is_lone_cjk(token: str) -> bool:
    return len(token) == 1 and _IS_CJK.match(token) is not None


def is_single_cjk_char(term: str) -> bool:
    """A lone CJK character cannot be found through bigrams; backends scan for it instead."""
    tokens = bigram_tokens(term)
    return len(tokens) == 1 and len(tokens[0]) == 1 and bool(_IS_CJK.match(tokens[0]))
