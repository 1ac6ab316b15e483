"""Collector registry: `sources[].type` names a Collector class, imported only when used."""

from __future__ import annotations

from collections.abc import Callable
from importlib import import_module
from typing import TYPE_CHECKING

from core.registry import Registry

if TYPE_CHECKING:
    from collectors.base import Collector

COLLECTORS: Registry[type[Collector]] = Registry("数据源类型")


def _scrapy(name: str) -> Callable[[], type[Collector]]:
    """A loader for one of the Scrapy-based collectors (Scrapy is imported on first use)."""

    def load() -> type[Collector]:
        from collectors import scrapy_sources

        cls: type[Collector] = getattr(scrapy_sources, name)
        return cls

    return load


def _replay() -> type[Collector]:
    from collectors.replay import ReplayCollector

    return ReplayCollector


def _email() -> type[Collector]:
    from collectors.email_imap import ImapCollector

    return ImapCollector


COLLECTORS.add_lazy("replay", _replay)
COLLECTORS.add_lazy("email", _email)
for _type, _class in {
    "weibo_search": "WeiboSearchCollector",
    "weibo_user": "WeiboUserCollector",
    "tieba": "TiebaCollector",
    "forum": "ForumCollector",
    "heimao": "HeimaoCollector",
    "rss": "RssCollector",
}.items():
    COLLECTORS.add_lazy(_type, _scrapy(_class))


def _browser(module: str, name: str) -> Callable[[], type[Collector]]:
    """A loader for a browser-session collector (Playwright is imported on first use)."""

    def load() -> type[Collector]:
        cls: type[Collector] = getattr(import_module(f"collectors.browser.{module}"), name)
        return cls

    return load


for _type, _class in {
    "xiaohongshu": "XiaohongshuCollector",
    "douyin": "DouyinCollector",
    "bilibili": "BilibiliCollector",
    "zhihu": "ZhihuCollector",
}.items():
    COLLECTORS.add_lazy(_type, _browser(_type, _class))


def collector_class(type_name: str) -> type[Collector]:
    """The Collector class for a source type; UnknownKeyError lists the known types."""
    return COLLECTORS.get(type_name)
