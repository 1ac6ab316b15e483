"""Mask personal data in quoted complaints: phones, ID and bank-card numbers, emails, addresses."""

from __future__ import annotations

import re
from collections.abc import Callable

_NO_DIGIT_BEFORE = r"(?<![0-9A-Za-z])"
_NO_DIGIT_AFTER = r"(?![0-9A-Za-z])"

_EMAIL = re.compile(r"([A-Za-z0-9._%+\-])[A-Za-z0-9._%+\-]*@([A-Za-z0-9\-]+(?:\.[A-Za-z0-9\-]+)+)")
# Resident ID (身份证): region, a plausible birth date, sequence and check character.
_ID_CARD = re.compile(
    _NO_DIGIT_BEFORE
    + r"(\d{3})\d{3}(?:19|20)\d{2}(?:0[1-9]|1[0-2])(?:0[1-9]|[12]\d|3[01])\d{3}([0-9Xx])"
    + _NO_DIGIT_AFTER
)
# Bank cards: 16–19 digits, optionally grouped by spaces or dashes.
_BANK_CARD = re.compile(_NO_DIGIT_BEFORE + r"\d(?:[ \-]?\d){15,18}" + _NO_DIGIT_AFTER)
# Mainland mobiles, with optional +86 and separators (138 1234 5678, 138-1234-5678).
_MOBILE = re.compile(
    _NO_DIGIT_BEFORE + r"((?:\+?86[ \-]?)?1[3-9]\d)[ \-]?(\d{4})[ \-]?(\d{4})" + _NO_DIGIT_AFTER
)
_LANDLINE = re.compile(_NO_DIGIT_BEFORE + r"(0\d{2,3})[ \-](\d{3,4})(\d{4})" + _NO_DIGIT_AFTER)
# Street-level address: keep the district/city, hide road, building and room numbers.
_ADDRESS = re.compile(
    r"([\u4e00-\u9fa5]{1,12}(?:省|市|区|县|镇|乡))"
    r"([\u4e00-\u9fa5A-Za-z0-9\-]{1,20}?(?:路|街|道|巷|弄|胡同|大道|村|小区|花园|苑|广场|大厦)"
    r"[\u4e00-\u9fa5A-Za-z0-9\-#]{0,16}?(?:\d+\s*(?:号|栋|幢|楼|单元|室|层))+)"
)


def _mask_email(match: re.Match[str]) -> str:
    return f"{match.group(1)}***@{match.group(2)}"


def _mask_id(match: re.Match[str]) -> str:
    return f"{match.group(1)}{'*' * 14}{match.group(2)}"


def _mask_card(match: re.Match[str]) -> str:
    digits = re.sub(r"\D", "", match.group(0))
    return f"{digits[:4]} **** **** {digits[-4:]}"


def _mask_mobile(match: re.Match[str]) -> str:
    return f"{match.group(1)}****{match.group(3)}"


def _mask_landline(match: re.Match[str]) -> str:
    return f"{match.group(1)}-****{match.group(3)}"


def _mask_address(match: re.Match[str]) -> str:
    return f"{match.group(1)}****"


# Order matters: longer digit runs (ID, card) first so a phone rule never eats part of them.
_RULES: list[tuple[re.Pattern[str], Callable[[re.Match[str]], str]]] = [
    (_EMAIL, _mask_email),
    (_ID_CARD, _mask_id),
    (_BANK_CARD, _mask_card),
    (_MOBILE, _mask_mobile),
    (_LANDLINE, _mask_landline),
    (_ADDRESS, _mask_address),
]


def mask_personal_data(text: str) -> str:
    """Replace personal data in text with partially hidden forms (138****5678, a***@x.com)."""
    for pattern, replace in _RULES:
        text = pattern.sub(replace, text)
    return text
