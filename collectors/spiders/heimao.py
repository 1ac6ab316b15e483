"""heimao: 黑猫投诉 (tousu.sina.com.cn) complaints about a company (couid) or a keyword.

Requests follow the public scrapers of the site's JSON list APIs (none of it is checked
against the live site here):
`/api/company/received_complaints?ts=&rs=&signature=&couid=&type=1&page_size=&page=`
→ result.data.complaints[], and `/api/index/s?ts=&rs=&signature=&keywords=&page_size=&page=`
→ result.data.lists[]. `ts` is the time in ms, `rs` 16 random letters/digits, `signature`
the SHA-256 hex of every other query value plus a fixed key (HEIMAO_SIGN_KEY, option
`sign_key`), sorted as JavaScript's `Array.sort` sorts them and concatenated. Two signed
URLs copied from browsers in public repositories match `signature()` (see the tests).

Each entry has `main` {sn, title (may carry <span class="code-red">), summary, issue
(投诉问题), appeal (诉求), cotitle (投诉对象, may be a link), cost (涉诉金额), status,
timestamp (unix seconds; created_at in some answers), url} and `author` {title, wb_uid}.
`status` is a code; the names below come from one public script, not from the site.
result.status.code != 0 is a refusal (public scrapers report 10005 when login or a valid
signature is missing, 10017 "log in to see more"): the source is blocked.
"""

from __future__ import annotations

import hashlib
import random
import string
import time
from collections.abc import AsyncIterator, Iterable, Iterator
from typing import Any
from urllib.parse import quote, urlencode

from scrapy import Request
from scrapy.http import Response

from collectors.items import RawPost
from collectors.page_problems import MalformedPage, PageBlocked
from collectors.spiders.base import YuqingSpider, json_of
from core.enums import Channel

COMPANY_PATH = "/api/company/received_complaints"
KEYWORD_PATH = "/api/index/s"
PAGE_SIZE = 10
SIGN_KEY = "$d6eb7ff91ee257475%"  # the constant in the site's JS, as public scrapers quote it
RS_ALPHABET = string.digits + string.ascii_letters
STATUS_NAMES = {1: "通过审核", 3: "待分配", 4: "处理中", 6: "已回复", 7: "已完成", 8: "已关闭"}
REFUSALS = {10005: "需要登录 cookie 或签名不被接受", 10017: "需要登录才能查看更多"}


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
        """One signed list page."""
        key = str(self.setting("SIGN_KEY") or SIGN_KEY)
        query = signed_query(list_params(path, value, page), key, time.time_ns() // 10**6)
        return Request(
            f"{self.base_url}{path}?{query}",
            callback=self.parse,
            cb_kwargs={"path": path, "value": value, "page": page},
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


def list_params(path: str, value: str, page: int) -> dict[str, str]:
    """The query of a list page before signing, in the order the site's own pages send it."""
    target = {"couid": value, "type": "1"} if path == COMPANY_PATH else {"keywords": value}
    return {**target, "page_size": str(PAGE_SIZE), "page": str(page)}


def signature(values: Iterable[str], key: str) -> str:
    """SHA-256 hex of the values and the key, sorted (UTF-16 code units, like JS) and joined."""
    parts = sorted([*values, key], key=lambda text: text.encode("utf-16-be"))
    return hashlib.sha256("".join(parts).encode("utf-8")).hexdigest()


def signed_query(params: dict[str, str], key: str, ts: int, rs: str | None = None) -> str:
    """`ts=&rs=&signature=` and then params, URL-encoded (UTF-8)."""
    rs = rs or "".join(random.choices(RS_ALPHABET, k=16))
    stamp = {"ts": str(ts), "rs": rs}
    sign = signature([*stamp.values(), *params.values()], key)
    return urlencode({**stamp, "signature": sign, **params}, quote_via=quote)


def result_data(response: Response) -> dict[str, Any]:
    """`result.data` of an answer; PageBlocked when the API refuses, MalformedPage when broken."""
    if not response.body.strip():
        raise PageBlocked("黑猫接口返回 200 但内容为空")
    if is_web_page(response):
        title = response.css("title::text").get(default="").strip()
        raise PageBlocked(f"黑猫接口返回了网页而不是 JSON（{title or '无标题'}：登录页或验证码页）")
    body = json_of(response)
    result = body.get("result") if isinstance(body, dict) else None
    if not isinstance(result, dict):
        raise MalformedPage("缺少 result")
    status = result.get("status") or {}
    code = status.get("code", 0)
    if code != 0:
        hint = REFUSALS.get(code) if isinstance(code, int) else None
        raise PageBlocked(
            f"黑猫接口拒绝请求 (code={code}, msg={status.get('msg') or '无'})"
            + (f": {hint}" if hint else "")
        )
    data = result.get("data")
    if not isinstance(data, dict):
        raise MalformedPage("缺少 result.data")
    return data


def is_web_page(response: Response) -> bool:
    """An HTML page where the JSON API answer should be (a login wall or a captcha)."""
    kind = (response.headers.get(b"Content-Type") or b"").decode("latin-1").lower()
    return "html" in kind or response.body.lstrip()[:1] == b"<"


def complaint(entry: dict[str, Any]) -> RawPost:
    """A RawPost for one complaint: summary plus 投诉问题, 诉求, 投诉对象, 涉诉金额, 状态 lines."""
    main, author = entry["main"], entry.get("author") or {}
    details = {
        "投诉问题": str(main.get("issue") or ""),
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
        extra={**details, "timestamp": str(main.get("timestamp") or main.get("created_at") or "")},
    )


def status_text(raw: object) -> str:
    """A complaint status: its name for a known code, "状态码 N" for another, text as it is."""
    if raw in (None, ""):
        return ""
    if isinstance(raw, int) or str(raw).isdigit():
        code = int(str(raw))
        return STATUS_NAMES.get(code, f"状态码 {code}")
    return str(raw)
