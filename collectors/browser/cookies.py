"""Cookies exported from a logged-in browser: JSON (Playwright / Cookie-Editor), cookies.txt,
or the `Cookie:` request header copied from the browser's developer tools."""

from __future__ import annotations

import json
import re
from datetime import UTC, datetime, tzinfo
from pathlib import Path
from typing import Any

from core.errors import ConfigError

_SAME_SITE = {"lax": "Lax", "strict": "Strict", "none": "None", "no_restriction": "None"}
_HEADER_PAIR = re.compile(r"^[^\s=;]+=[^;]*$")
FORMATS = (
    "支持 Cookie-Editor 导出的 JSON、cookies.txt（Netscape 格式），"
    "或开发者工具中复制的请求头 Cookie 值（name=value; name2=value2）"
)
_READ_ERRORS = {
    FileNotFoundError: "文件不存在",
    PermissionError: "没有读取权限",
    IsADirectoryError: "这是一个目录，应为导出的 cookies 文件",
}


def load_cookies(path: Path, where: str, domain: str | None = None) -> list[dict[str, Any]]:
    """Cookies in Playwright's form; a Chinese ConfigError when the file is missing or unusable.

    `domain` is given to the cookies of a pasted `Cookie:` header (which names no domain)."""
    try:
        text = path.read_text(encoding="utf-8-sig")
    except OSError as exc:
        why = next((zh for kind, zh in _READ_ERRORS.items() if isinstance(exc, kind)), None)
        raise ConfigError(
            f"{where}: 无法读取 cookies 文件 {path}（{why or exc.strerror}）"
        ) from None
    except UnicodeDecodeError:
        raise ConfigError(f"{where}: cookies 文件 {path} 不是文本文件（{FORMATS}）") from None
    stripped = text.strip()
    if stripped[:1] in "[{":
        cookies = _from_json(stripped, path, where)
    elif domain and _is_header(stripped):
        cookies = _from_header(stripped, domain)
    else:
        cookies = _from_netscape(text)
    if not cookies:
        raise ConfigError(f"{where}: cookies 文件 {path} 中没有可用的 cookie（{FORMATS}）")
    return cookies


def login_note(
    cookies: list[dict[str, Any]], names: tuple[str, ...], site: str, now: datetime, tz: tzinfo
) -> str | None:
    """Why these cookies cannot log in to `site`: its login cookie (one of `names`) is missing
    or expired, or every cookie expired; None when they may still log in."""
    login = [c for c in cookies if c["name"] in names]
    if names and not login:
        return (
            f"中没有{site}的登录 cookie {' / '.join(names)}：请先在浏览器中登录{site}，"
            f"再在{site}的页面上导出 cookies"
        )
    if login and all(0 < c.get("expires", 0) <= now.timestamp() for c in login):
        ends = datetime.fromtimestamp(max(c["expires"] for c in login), UTC).astimezone(tz)
        return (
            f"中的登录 cookie {login[0]['name']} 已于 {ends:%Y-%m-%d %H:%M} 过期，"
            f"请重新登录{site}后导出"
        )
    return expired_note(cookies, now, tz)


def expired_note(cookies: list[dict[str, Any]], now: datetime, tz: tzinfo) -> str | None:
    """Why these cookies cannot log in any more (all of them expired), or None."""
    if not cookies or any("expires" not in c or c["expires"] > now.timestamp() for c in cookies):
        return None
    last = datetime.fromtimestamp(max(c["expires"] for c in cookies), UTC).astimezone(tz)
    return (
        f"中的 cookie 已全部过期（最晚一个于 {last:%Y-%m-%d %H:%M} 过期），"
        "请在已登录的浏览器中重新导出"
    )


def _is_header(text: str) -> bool:
    parts = [p.strip() for p in text.removeprefix("Cookie:").strip().split(";") if p.strip()]
    return bool(parts) and "\n" not in text and all(_HEADER_PAIR.match(p) for p in parts)


def _from_header(text: str, domain: str) -> list[dict[str, Any]]:
    """`name=value; name2=value2` (the Cookie request header), for `domain`."""
    pairs = (p.strip().split("=", 1) for p in text.removeprefix("Cookie:").split(";"))
    rows = ({"name": n, "value": v, "domain": domain} for n, v in pairs if n)
    return [c for c in (_from_row(row) for row in rows) if c]


def _from_json(text: str, path: Path, where: str) -> list[dict[str, Any]]:
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise ConfigError(
            f"{where}: cookies 文件 {path} 不是有效的 JSON（第 {exc.lineno} 行）"
        ) from None
    rows = data.get("cookies", []) if isinstance(data, dict) else data
    if not isinstance(rows, list):
        raise ConfigError(f"{where}: cookies 文件 {path} 应为 cookie 列表")
    return [c for c in (_from_row(row) for row in rows if isinstance(row, dict)) if c]


def _from_row(row: dict[str, Any]) -> dict[str, Any] | None:
    if not row.get("name") or "value" not in row or not row.get("domain"):
        return None
    cookie: dict[str, Any] = {
        "name": str(row["name"]),
        "value": str(row["value"]),
        "domain": str(row["domain"]),
        "path": str(row.get("path") or "/"),
        "httpOnly": bool(row.get("httpOnly", False)),
        "secure": bool(row.get("secure", False)),
    }
    expires = row.get("expires", row.get("expirationDate"))
    if isinstance(expires, int | float) and expires > 0:
        cookie["expires"] = float(expires)
    same_site = _SAME_SITE.get(str(row.get("sameSite", "")).lower())
    if same_site:
        cookie["sameSite"] = same_site
    return cookie


def _from_netscape(text: str) -> list[dict[str, Any]]:
    """cookies.txt: domain, subdomains flag, path, secure, expiry, name, value (tab-separated)."""
    cookies = []
    for line in text.splitlines():
        http_only = line.startswith("#HttpOnly_")
        if http_only:
            line = line.removeprefix("#HttpOnly_")
        fields = line.split("\t")
        if line.startswith("#") or len(fields) != 7:
            continue
        domain, _, path, secure, expiry, name, value = fields
        cookie = _from_row(
            {"name": name, "value": value, "domain": domain, "path": path, "httpOnly": http_only}
        )
        if cookie:
            cookie["secure"] = secure.upper() == "TRUE"
            if expiry.isdigit() and int(expiry) > 0:
                cookie["expires"] = float(expiry)
            cookies.append(cookie)
    return cookies
