"""Where the author's own words end in a reply: the quoted earlier message starts there.

Mail clients mark the quote differently: Foxmail/QQ "---------- 原始邮件 ----------" (18
dashes each side), Outlook "-----原始邮件-----" or "-----Original Message-----" (then
"发件人:"/"From:"), NetEase "在 2026-11-22 10:00:00，"某某" <a@b.cn> 写道：",
Gmail "On …, … wrote:", and ">"-prefixed lines. The author's own words end at the first.
"""

from __future__ import annotations

import re

_QUOTE_START = re.compile(
    r"^\s*(?:"
    r"-{2,}\s*(?:原始邮件|原邮件|转发邮件|Original Message|Forwarded message)\s*-{2,}"
    r"|在.{0,120}写道\s*[:：]"
    r"|On\s.{0,160}\swrote:"
    r"|(?:发件人|From)\s*[:：]\s*\S"
    r"|>"
    r")",
    re.IGNORECASE,
)


def split_quote(text: str) -> tuple[str, str]:
    """(the author's own text, the quoted rest); the rest is "" when nothing is quoted."""
    lines = text.split("\n")
    for number, line in enumerate(lines):
        if _QUOTE_START.match(line):
            return "\n".join(lines[:number]).strip(), "\n".join(lines[number:]).strip()
    return text, ""
