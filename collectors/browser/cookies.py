"""Cookies exported from a logged-in browser: JSON (Playwright / Cookie-Editor) or cookies.txt."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from core.errors import ConfigError

_SAME_SITE = {"lax": "Lax", "strict": "Strict", "none": "None", "no_restriction": "None"}


def load_cookies(path: Path, where: str) -> list[dict[str, Any]]:
    """Cookies in Playwright's form; a Chinese ConfigError when the file is missing or unusable."""
    try:
        text = path.read_text(encoding="utf-8-sig")
    except OSError as exc:
        raise ConfigError(f"{where}: 无法读取 cookies 文件 {path}（{exc.strerror}）") from None
    stripped = text.lstrip()
    cookies = _from_json(stripped, path, where) if stripped[:1] in "[{" else _from_netscape(text)
    if not cookies:
        raise ConfigError(f"{where}: cookies 文件 {path} 中没有可用的 cookie（请重新导出）")
    return cookies


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
