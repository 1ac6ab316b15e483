"""Reading the loosely typed JSON of the platforms: nested keys, epoch times, counts, HTML text."""

from __future__ import annotations

import html
import re
from datetime import UTC, datetime
from typing import Any

from collectors.fields import parse_count

_TAG = re.compile(r"<[^>]+>")
_IMG = re.compile(r"<img\b[^>]*>", re.IGNORECASE)
_IMG_SRC = re.compile(
    r"""\b(?:data-original|data-actualsrc|src)\s*=\s*["']([^"']+)["']""", re.IGNORECASE
)
_BREAK = re.compile(r"<br\s*/?>|</p>", re.IGNORECASE)


def dig(data: Any, *keys: str | int) -> Any:
    """data[k1][k2]...; None as soon as a level is missing or of the wrong kind."""
    for key in keys:
        if isinstance(key, int):
            data = data[key] if isinstance(data, list) and -len(data) <= key < len(data) else None
        else:
            data = data.get(key) if isinstance(data, dict) else None
        if data is None:
            return None
    return data


def has_path(data: Any, path: tuple[str, ...]) -> bool:
    """True when every key of path exists (the last one may hold null or an empty list)."""
    for key in path:
        if not isinstance(data, dict) or key not in data:
            return False
        data = data[key]
    return True


def as_list(value: Any) -> list[dict[str, Any]]:
    """The dict elements of a JSON list (anything else gives an empty list)."""
    return [v for v in value if isinstance(v, dict)] if isinstance(value, list) else []


def epoch(value: Any) -> datetime | None:
    """UTC time from epoch seconds or milliseconds (number or digit string)."""
    if isinstance(value, str) and value.strip().isdigit():
        value = int(value)
    if isinstance(value, bool) or not isinstance(value, int | float) or value <= 0:
        return None
    return datetime.fromtimestamp(value / 1000 if value > 1e11 else value, UTC)


def count(value: Any) -> int:
    """A non-negative count from 12, "12", "1.2万"; 0 when absent."""
    return parse_count(value) or 0


def plain(value: Any) -> str:
    """Text of an HTML fragment (search highlights, answer bodies), whitespace collapsed."""
    text = _TAG.sub("", _BREAK.sub("\n", str(value or "")))
    lines = (" ".join(line.split()) for line in html.unescape(text).splitlines())
    return "\n".join(line for line in lines if line)


def picture_urls(pictures: Any, *paths: tuple[str | int, ...]) -> list[str]:
    """The URL of each picture object: the first of `paths` that holds an http(s) string."""
    found = []
    for picture in as_list(pictures):
        for path in paths:
            url = dig(picture, *path)
            if isinstance(url, str) and url.startswith(("http://", "https://", "//")):
                found.append("https:" + url if url.startswith("//") else url)
                break
    return found


def html_pictures(fragment: Any) -> list[str]:
    """Picture URLs of the <img> tags of an HTML fragment (the full-size data-original first)."""
    found = []
    for tag in _IMG.findall(str(fragment or "")):
        urls = {
            m.group(0).split("=")[0].strip().lower(): m.group(1) for m in _IMG_SRC.finditer(tag)
        }
        url = urls.get("data-original") or urls.get("data-actualsrc") or urls.get("src")
        if url and url.startswith(("http://", "https://", "//")) and url not in found:
            found.append("https:" + url if url.startswith("//") else url)
    return found


def text_or_placeholder(text: str, images: int) -> str:
    """The text, or [图片] for an image-only post (kept, never dropped as empty)."""
    return text or ("[图片]" if images else "[无文字]")
