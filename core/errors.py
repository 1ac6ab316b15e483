"""Named exceptions a caller can act on; each message says what to fix."""

from __future__ import annotations


class YuqingError(Exception):
    """Base of every error the CLI prints as a clean message instead of a traceback."""


class ConfigError(YuqingError):
    """The configuration file or environment is invalid; the message names file and key."""


class StoreMissing(YuqingError):
    """A command that only reads was pointed at a data dir without the stores (a mistyped path)."""


class IntakeError(YuqingError):
    """An input line or record could not be turned into a Mention."""


class MentionIndexError(YuqingError):
    """The mention index failed (unreachable engine, rejected documents)."""


class NotConfigured(YuqingError):
    """A component is switched off because its settings are missing (Scrapy's convention)."""
