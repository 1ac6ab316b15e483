"""heimao: 黑猫投诉 (tousu.sina.com.cn) complaints about a company (couid) or a keyword.

Modelled on the site's public JSON list APIs as used by public scrapers:
`/api/company/received_complaints?couid=&type=1&page_size=&page=` → result.data.complaints[]
and `/api/index/s?keywords=&page_size=&page=` → result.data.lists[]; each entry has
`main` {sn, title, summary, appeal (诉求), cotitle (投诉对象), cost (涉诉金额), status,
timestamp, url} and `author` {title (nickname), wb_uid}. result.status.code != 0 (e.g. a
signature demanded by the live site) is treated as blocking. Assumptions: `status` may be
text ("已完成") or a code (shown as "状态码 N"); `title` may carry <span class="code-red">.
"""

from __future__ import annotations

from collections.abc import AsyncIterator, Iterator
from typing import Any
from urllib.parse import quote

from scrapy import Request
from scrapy.http import Response

from collectors.items import RawPost
from collectors.page_problems import MalformedPage, PageBlocked
from collectors.spiders.base import YuqingSpider, json_of
from core.enums import Channel

COMPANY_PATH = "/api/company/received_complaints?couid={value}&type=1&page_size={size}&page={page}"
KEYWORD_PATH = "/api/index/s?keywords={value}&type=1&page_size={size}&page={page}"
PAGE_SIZE = 10


class HeimaoSpider(YuqingSpider):
    """HEIMAO_COMPANY_IDS and HEIMAO_KEYWORDS list pages, newest first, HEIMAO_PAGES deep."""

    name = "heimao"
    settings_prefix = "HEIMAO"

    async def start(self) -> AsyncIterator[Any]:
        """Page 1 of every company and keyword."""
        for couid in self.setting_list("COMPANY_IDS"):
            yield self.page_request(COMPANY_PATH, couid, 1)
        for keyword in self.setting_list("KEYWORDS"):
            yield self.page_request(KEYWORD_PATH, keyword, 1)

    def page_request(self, path: str, value: str, page: int) -> Request:
        """One list page."""
        url = self.base_url + path.format(value=quote(value), size=PAGE_SIZE, page=page)
        return Request(
            url, callback=self.parse, cb_kwargs={"path": path, "value": value, "page": page}
        )

    def parse(
        self, response: Response, path: str = "", value: str = "", page: int = 1
    ) -> Iterator[Any]:
        """Complaints of one page, then the next page while recent."""
        data = result_data(response)
        entries = data.get("complaints") or data.get("lists") or []
        complaints = [
            complaint(e) for e in entries if isinstance(e, dict) and isinstance(e.get("main"), dict)
        ]
        for item in complaints:
            item.published_at = self.when(item.extra.pop("timestamp", None))
        yield from complaints
        if self.wants_more(page, (c.published_at for c in complaints)):
            yield self.page_request(path, value, page + 1)


def result_data(response: Response) -> dict[str, Any]:
    """`result.data` of an answer; PageBlocked when the API refuses, MalformedPage when broken."""
    if not response.body.strip():
        raise PageBlocked("黑猫接口返回 200 但内容为空")
    body = json_of(response)
    result = body.get("result") if isinstance(body, dict) else None
    if not isinstance(result, dict):
        raise MalformedPage("缺少 result")
    status = result.get("status") or {}
    if status.get("code", 0) != 0:
        raise PageBlocked(
            f"黑猫接口拒绝请求 (code={status.get('code')}, msg={status.get('msg') or '无'})"
        )
    data = result.get("data")
    if not isinstance(data, dict):
        raise MalformedPage("缺少 result.data")
    return data


def complaint(entry: dict[str, Any]) -> RawPost:
    """A RawPost for one complaint: summary plus 诉求, 投诉对象, 涉诉金额 and 状态 lines."""
    main, author = entry["main"], entry.get("author") or {}
    details = {
        "诉求": str(main.get("appeal") or ""),
        "投诉对象": str(main.get("cotitle") or ""),
        "涉诉金额": f"{main['cost']}元" if main.get("cost") not in (None, "") else "",
        "状态": status_text(main.get("status")),
    }
    lines = [f"{key}：{value}" for key, value in details.items() if value]
    url = str(main.get("url") or "")
    return RawPost(
        native_id=str(main["sn"]),
        channel=Channel.COMPLAINT_PLATFORM,
        url=f"https:{url}" if url.startswith("//") else url or None,
        title=str(main.get("title") or ""),
        text="<br>".join([str(main.get("summary") or ""), *lines]),  # fields may hold HTML
        published_at=None,
        author_id=str(author.get("wb_uid") or "") or None,
        author_name=author.get("title"),
        extra={**details, "timestamp": str(main.get("timestamp") or "")},
    )


def status_text(raw: object) -> str:
    """A complaint status as text ("已完成"), or "状态码 N" for a bare code."""
    if raw in (None, ""):
        return ""
    return f"状态码 {raw}" if isinstance(raw, int) or str(raw).isdigit() else str(raw)
