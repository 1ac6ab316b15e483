"""YuqingSpider: settings under one feature prefix, the crawl window, and paging decisions."""

from __future__ import annotations

import json
from collections.abc import Iterable
from datetime import datetime, tzinfo
from typing import Any, ClassVar

from scrapy import Spider
from scrapy.http import Response

from collectors.crawl_feed import feed_of
from collectors.fields import parse_time
from collectors.page_problems import MalformedPage


class YuqingSpider(Spider):
    """Base spider: `setting("PAGES")` reads `<PREFIX>_PAGES`; `since` bounds paging."""

    settings_prefix: ClassVar[str]

    def __init__(self, since: datetime, now: datetime, tz: tzinfo, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.since = since
        self.now = now
        self.tz = tz

    def setting(self, name: str, default: Any = None) -> Any:
        """The value of `<PREFIX>_<name>`."""
        return self.settings.get(f"{self.settings_prefix}_{name}", default)

    def setting_list(self, name: str) -> list[str]:
        """`<PREFIX>_<name>` as a list of texts."""
        return [str(v) for v in self.settings.getlist(f"{self.settings_prefix}_{name}")]

    @property
    def base_url(self) -> str:
        """The site root (tests point it at a local server)."""
        return str(self.setting("BASE_URL"))

    @property
    def max_pages(self) -> int:
        """List pages to read per run at most."""
        return int(self.setting("PAGES", 5))

    def when(self, raw: object) -> datetime | None:
        """Parse a site timestamp in the configured time zone."""
        return parse_time(raw, self.now, self.tz)

    def lose(self, reason: str) -> None:
        """Count something on a page that will not be collected (a post without an id)."""
        feed_of(self.crawler).lose(reason)

    def wants_more(self, page: int, times: Iterable[datetime | None]) -> bool:
        """Read the next list page: below max_pages and something on this page is in the window."""
        return page < self.max_pages and any(t is not None and t >= self.since for t in times)


def json_of(response: Response) -> Any:
    """The JSON body, or MalformedPage."""
    try:
        return json.loads(response.text)
    except (ValueError, AttributeError) as exc:
        raise MalformedPage(f"JSON 解析失败: {exc}") from None


def field_json(raw: str | None) -> dict[str, Any]:
    """A `data-field` attribute (JSON, sometimes with single quotes) as a dict."""
    if not raw:
        return {}
    for text in (raw, raw.replace("'", '"')):
        try:
            value = json.loads(text)
        except ValueError:
            continue
        return value if isinstance(value, dict) else {}
    return {}
