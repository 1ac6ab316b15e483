"""Collector registry: `sources[].type` names a class, imported only when a source uses it."""

from __future__ import annotations

import importlib

from collectors.base import Collector
from core.errors import ConfigError

COLLECTORS: dict[str, str] = {
    "replay": "collectors.replay:ReplayCollector",
    "weibo_search": "collectors.scrapy_sources:WeiboSearchCollector",
    "weibo_user": "collectors.scrapy_sources:WeiboUserCollector",
    "tieba": "collectors.scrapy_sources:TiebaCollector",
    "forum": "collectors.scrapy_sources:ForumCollector",
    "heimao": "collectors.scrapy_sources:HeimaoCollector",
    "rss": "collectors.scrapy_sources:RssCollector",
    "email": "collectors.email_imap:ImapCollector",
}


def register(type_name: str, target: str) -> None:
    """Register 'module:Class' under a source type name."""
    COLLECTORS[type_name] = target


def collector_class(type_name: str) -> type[Collector]:
    """The Collector class for a source type; unknown types list the known ones."""
    try:
        target = COLLECTORS[type_name]
    except KeyError:
        known = ", ".join(sorted(COLLECTORS))
        raise ConfigError(f"unknown source type {type_name!r}; known types: {known}") from None
    module_name, _, class_name = target.partition(":")
    cls: type[Collector] = getattr(importlib.import_module(module_name), class_name)
    return cls
