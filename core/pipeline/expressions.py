"""Monitoring-plan keyword expressions (监测方案关键词表达式).

Grammar (loosest binding first)::

    or      := and   (OR-op and)*          OR-op:  |  ｜  OR
    and     := unary (AND-op? unary)*      AND-op: +  ＋  AND   (whitespace also means AND)
    unary   := NOT-op unary | primary      NOT-op: !  ！  NOT
    primary := ( or ) | "phrase" | word    parentheses: ( ) or （ ）; quotes: "..." or “...”

A word is a run of characters that are not operators, parentheses, quotes or whitespace;
quote a phrase that contains any of them ("iPhone 15", "C++"). The words AND, OR and NOT
are operators only in upper case and standing alone; ``and``/``or``/``not`` are plain words.
Matching is a case-insensitive substring test after NFKC normalisation (全角 = 半角).
Contract used by the pipeline: ``compile_expression(text) -> Expression`` with ``.matches(text)``.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass, field

from core.errors import ConfigError
from core.textforms import nfkc_batch

_OPERATORS = {"+": "AND", "＋": "AND", "|": "OR", "｜": "OR", "!": "NOT", "！": "NOT"}
_PARENS = {"(": "(", "（": "(", ")": ")", "）": ")"}
_QUOTES = {'"': '"', "“": "”"}
_WORD_OPERATORS = {"AND", "OR", "NOT"}
_SPECIAL = set(_OPERATORS) | set(_PARENS) | set(_QUOTES) | {"”"}


class ExpressionSyntaxError(ConfigError):
    """An expression could not be parsed; `position` is the 0-based character offset."""

    def __init__(self, message: str, position: int) -> None:
        super().__init__(f"第 {position + 1} 个字符：{message}")
        self.position = position
        self.reason = message


def fold(text: str) -> str:
    """NFKC + casefold: the form both terms and texts are compared in."""
    return unicodedata.normalize("NFKC", text).casefold()


def fold_batch(texts: Sequence[str]) -> list[str]:
    """[fold(t) for t in texts], NFKC done for the batch at once."""
    return [text.casefold() for text in nfkc_batch(texts)]


@dataclass(frozen=True)
class Term:
    """A word or quoted phrase; matches when it occurs as a substring."""

    word: str

    def evaluate(self, folded: str) -> bool:
        """True when the (folded) text contains the word."""
        return self.word in folded


@dataclass(frozen=True)
class Not:
    """Negation of a sub-expression."""

    child: Node

    def evaluate(self, folded: str) -> bool:
        """True when the child does not match."""
        return not self.child.evaluate(folded)


@dataclass(frozen=True)
class AllOf:
    """Conjunction (AND, +)."""

    children: tuple[Node, ...]

    def evaluate(self, folded: str) -> bool:
        """True when every child matches."""
        return all(child.evaluate(folded) for child in self.children)


@dataclass(frozen=True)
class AnyOf:
    """Disjunction (OR, |)."""

    children: tuple[Node, ...]

    def evaluate(self, folded: str) -> bool:
        """True when some child matches."""
        return any(child.evaluate(folded) for child in self.children)


Node = Term | Not | AllOf | AnyOf


@dataclass(frozen=True)
class Token:
    """A lexical token: kind is WORD, AND, OR, NOT, (, ) or END."""

    kind: str
    text: str
    position: int


@dataclass(frozen=True)
class Expression:
    """A compiled expression."""

    source: str
    root: Node
    terms: tuple[str, ...] = field(default=())

    def matches(self, text: str) -> bool:
        """True when the text satisfies the expression (case-insensitive substrings)."""
        return self.root.evaluate(fold(text))

    def matches_folded(self, folded: str) -> bool:
        """matches() of a text already fold()ed (one fold serves every plan)."""
        return self.root.evaluate(folded)


def tokenize(source: str) -> list[Token]:
    """Split an expression into tokens; raises ExpressionSyntaxError on an open quote."""
    tokens: list[Token] = []
    i = 0
    while i < len(source):
        char = source[i]
        if char.isspace():
            i += 1
        elif char in _OPERATORS:
            tokens.append(Token(_OPERATORS[char], char, i))
            i += 1
        elif char in _PARENS:
            tokens.append(Token(_PARENS[char], char, i))
            i += 1
        elif char in _QUOTES:
            end = source.find(_QUOTES[char], i + 1)
            if end < 0:
                raise ExpressionSyntaxError(f"引号没有闭合，缺少 {_QUOTES[char]}", i)
            phrase = source[i + 1 : end]
            if not phrase.strip():
                raise ExpressionSyntaxError("引号内为空", i)
            tokens.append(Token("WORD", phrase, i))
            i = end + 1
        elif char == "”":
            raise ExpressionSyntaxError("多余的右引号 ”", i)
        else:
            start = i
            while i < len(source) and not source[i].isspace() and source[i] not in _SPECIAL:
                i += 1
            word = source[start:i]
            kind = word if word in _WORD_OPERATORS else "WORD"
            tokens.append(Token(kind, word, start))
    tokens.append(Token("END", "", len(source)))
    return tokens


class _Parser:
    """Recursive-descent parser over the token list."""

    def __init__(self, tokens: list[Token]) -> None:
        self.tokens = tokens
        self.index = 0
        self.terms: list[str] = []

    @property
    def current(self) -> Token:
        return self.tokens[self.index]

    def advance(self) -> Token:
        token = self.tokens[self.index]
        self.index += 1
        return token

    def parse_or(self) -> Node:
        children = [self.parse_and()]
        while self.current.kind == "OR":
            self.advance()
            children.append(self.parse_and())
        return children[0] if len(children) == 1 else AnyOf(tuple(children))

    def parse_and(self) -> Node:
        children = [self.parse_unary()]
        while self.current.kind in {"AND", "NOT", "WORD", "("}:
            if self.current.kind == "AND":
                self.advance()
            children.append(self.parse_unary())
        return children[0] if len(children) == 1 else AllOf(tuple(children))

    def parse_unary(self) -> Node:
        if self.current.kind == "NOT":
            self.advance()
            return Not(self.parse_unary())
        return self.parse_primary()

    def parse_primary(self) -> Node:
        token = self.current
        if token.kind == "WORD":
            self.advance()
            word = fold(token.text).strip()
            self.terms.append(word)
            return Term(word)
        if token.kind == "(":
            self.advance()
            node = self.parse_or()
            if self.current.kind != ")":
                raise ExpressionSyntaxError(
                    f"缺少右括号 ')'，与第 {token.position + 1} 个字符的 '(' 配对",
                    self.current.position,
                )
            self.advance()
            return node
        if token.kind == ")":
            previous = self.tokens[self.index - 1] if self.index else None
            if previous is not None and previous.kind == "(":
                raise ExpressionSyntaxError("括号内缺少关键词", token.position)
            if previous is not None and previous.kind in {"AND", "OR", "NOT"}:
                raise ExpressionSyntaxError(
                    f"'{previous.text}' 后缺少关键词",
                    token.position,
                )
            raise ExpressionSyntaxError("多余的右括号 ')'", token.position)
        if token.kind == "END":
            raise ExpressionSyntaxError("表达式不完整，缺少关键词", token.position)
        raise ExpressionSyntaxError(
            f"'{token.text}' 前缺少关键词",
            token.position,
        )


def compile_expression(source: str, exclude: Sequence[str] = ()) -> Expression:
    """Parse an expression; `exclude` words (排除词) are ANDed in as NOT (a | b | ...)."""
    if not source.strip():
        raise ExpressionSyntaxError("表达式为空", 0)
    parser = _Parser(tokenize(source))
    root = parser.parse_or()
    if parser.current.kind != "END":
        token = parser.current
        if token.kind == ")":
            raise ExpressionSyntaxError("多余的右括号 ')'", token.position)
        raise ExpressionSyntaxError(f"多余的 '{token.text}'", token.position)
    excluded = tuple(Term(fold(word).strip()) for word in exclude if word.strip())
    if excluded:
        root = AllOf((root, Not(AnyOf(excluded))))
    return Expression(source=source, root=root, terms=tuple(parser.terms))
