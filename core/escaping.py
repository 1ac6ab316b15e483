"""One escaping function per output, so text from posts is shown as text, never as markup.

Every place that prints user text (authors, titles, post text, case titles, URLs) goes
through the function of its output:
- `streamlit_text` for st.markdown/caption/title/info (markdown, also inside unsafe HTML),
- `chat_text` for DingTalk/WeCom/Feishu markdown and email bodies made from it,
- `html_text` for HTML (email, reports; Jinja autoescape does the same),
- `console_text` for rich console output,
- `safe_link` for any URL placed in a link, and `strip_invisible` at ingest.
"""

from __future__ import annotations

import html
import re
from urllib.parse import quote, urlsplit

from rich.markup import escape as _rich_escape

# Bidi embeddings/overrides/isolates and marks, zero-width characters, word joiner, BOM:
# invisible, and able to reorder what staff read ("12:91 03-11" for "11-30 19:21").
_INVISIBLE = re.compile(r"[\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u2069\u061c\ufeff]")
# C0/C1 controls but tab and newline: an ESC in an author name is a terminal command
# (\x1b[2J clears the screen, \x1b]8; makes a hidden link) when printed as it is.
_TERMINAL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")
# Markdown and Streamlit syntax: links/images, emphasis, code, headings, tables, directives
# (:red[...]), LaTeX ($), HTML (<), escapes (\).
_MARKDOWN = set("\\`*_{}[]()#+-.!|<>:~$&\"'=")
_STREAMLIT = {c: f"&#{ord(c)};" for c in _MARKDOWN}
# Chat clients render a markdown subset with no reliable escaping: use full-width twins.
_CHAT = str.maketrans(
    {
        "[": "［",
        "]": "］",
        "(": "（",
        ")": "）",
        "!": "！",
        "*": "＊",
        "_": "＿",
        "#": "＃",
        "`": "｀",
        "<": "＜",
        ">": "＞",
        "|": "｜",
        "~": "～",
        "\\": "＼",
        "$": "＄",
    }
)
ALLOWED_SCHEMES = ("http", "https")
# Streamlit's markdown (remark-gfm) turns http(s)://…, www.… and a@b.c in text into links
# after entities are decoded, so escaping does not stop it: a post or author name would put a
# link to anywhere on our page. An invisible word joiner inside each pattern breaks it.
_AUTOLINK = re.compile(r"(?i)(https?)(?=://)|(www)(?=\.)|([A-Za-z0-9_.+-])(?=@[-\w]+\.)")
WORD_JOINER = "\u2060"


def strip_invisible(text: str) -> str:
    """text without bidi controls and zero-width characters."""
    return _INVISIBLE.sub("", text)


def streamlit_text(text: object, one_line: bool = False) -> str:
    """User text for Streamlit markdown (with or without unsafe_allow_html): shown literally,
    and never a link (a bare URL, www. or e-mail address gets a word joiner)."""
    clean = strip_invisible(str(text))
    if one_line:
        clean = " ".join(clean.split())
    clean = _AUTOLINK.sub(lambda m: m.group() + WORD_JOINER, clean)
    return "".join(_STREAMLIT.get(c, c) for c in clean)


def chat_text(text: object, one_line: bool = True) -> str:
    """User text for chat markdown (DingTalk/WeCom/Feishu) and emails: no markup survives."""
    clean = strip_invisible(str(text)).translate(_CHAT)
    return " ".join(clean.split()) if one_line else clean


def html_text(text: object) -> str:
    """User text for HTML."""
    return html.escape(strip_invisible(str(text)), quote=True)


def console_text(text: object) -> str:
    """User text for rich console markup (`[/]` and friends print as typed)."""
    return _rich_escape(strip_invisible(_TERMINAL.sub("", str(text))))


def safe_link(url: str | None, allowed_hosts: tuple[str, ...] = ()) -> str | None:
    """An http(s) URL fit for a markdown link target, or None (javascript:, data:, spaces...).

    allowed_hosts, when given, limits the host (e.g. where images may load from).
    """
    if not url:
        return None
    url = strip_invisible(url).strip()
    try:
        parts = urlsplit(url)
    except ValueError:
        return None
    host = (parts.hostname or "").lower()
    if parts.scheme.lower() not in ALLOWED_SCHEMES or not host:
        return None
    if allowed_hosts and not any(host == h or host.endswith(f".{h}") for h in allowed_hosts):
        return None
    return quote(url, safe=":/?#@!$&'*+,;=%~-._")
