"""Exceptions a spider raises when a page is not what it should be (handled by a middleware)."""

from __future__ import annotations


class PageBlocked(Exception):
    """The page is a login wall, a captcha or an empty-but-200 answer: the site blocks us."""


class MalformedPage(Exception):
    """The page cannot be parsed (broken JSON, unexpected layout): count it as a failure."""
