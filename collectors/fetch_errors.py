"""Download failures in Chinese: one line per URL saying what went wrong and what to change."""

from __future__ import annotations

from scrapy.exceptions import (
    CannotResolveHostError,
    DownloadConnectionRefusedError,
    DownloadTimeoutError,
    ResponseDataLossError,
    UnsupportedURLSchemeError,
)
from twisted.internet import error as twisted_errors

TIMEOUTS = (
    DownloadTimeoutError,
    twisted_errors.TimeoutError,
    twisted_errors.TCPTimedOutError,
    TimeoutError,
)
REFUSED = (DownloadConnectionRefusedError, twisted_errors.ConnectionRefusedError)
UNRESOLVED = (CannotResolveHostError, twisted_errors.DNSLookupError)
CUT_OFF = (
    ResponseDataLossError,
    twisted_errors.ConnectionDone,
    twisted_errors.ConnectionLost,
)


def failure_text(exception: BaseException, url: str, timeout: float, timeout_hint: str) -> str:
    """The Chinese line for a download that still failed after the retries."""
    if isinstance(exception, TIMEOUTS):
        return f"超时（{timeout:g} 秒）未响应：{url}；{timeout_hint}"
    if isinstance(exception, REFUSED):
        return f"连接被拒绝：{url}；检查地址与端口，确认站点在运行"
    if isinstance(exception, UNRESOLVED):
        return f"域名解析失败：{url}；检查域名拼写与本机网络/DNS"
    if isinstance(exception, CUT_OFF):
        return f"连接中途断开，页面不完整：{url}；站点不稳定，下次运行会重试"
    if isinstance(exception, UnsupportedURLSchemeError):
        return f"不是 http(s) 地址：{url}"
    name = type(exception).__name__
    return f"下载失败（{name}）：{url}；检查网络与代理，或稍后重试"
