"""The one PII masker: phones, ID and bank-card numbers, QQ numbers, emails, addresses.

Used for reports, exports and (unless `alerting.mask_personal_data: false`) alert messages.
Full-width digits and separators (１３８．１２３４．５６７８) are read as their ASCII twins.
"""

from __future__ import annotations

import re
from collections.abc import Callable

_NO_DIGIT_BEFORE = r"(?<![0-9A-Za-z])"
_NO_DIGIT_AFTER = r"(?![0-9A-Za-z])"

_EMAIL = re.compile(r"([A-Za-z0-9._%+\-])[A-Za-z0-9._%+\-]*@([A-Za-z0-9\-]+(?:\.[A-Za-z0-9\-]+)+)")
_FULL_WIDTH = str.maketrans("０１２３４５６７８９＋－．　＠", "0123456789+-. @")
# Resident ID (身份证): region, a plausible birth date, sequence and check character.
_ID_CARD = re.compile(
    _NO_DIGIT_BEFORE
    + r"(\d{3})\d{3}(?:19|20)\d{2}(?:0[1-9]|1[0-2])(?:0[1-9]|[12]\d|3[01])\d{3}([0-9Xx])"
    + _NO_DIGIT_AFTER
)
# First-generation 15-digit ID: region, YYMMDD, sequence.
_ID_CARD_15 = re.compile(
    _NO_DIGIT_BEFORE
    + r"(\d{3})\d{3}\d{2}(?:0[1-9]|1[0-2])(?:0[1-9]|[12]\d|3[01])\d{2}(\d)"
    + _NO_DIGIT_AFTER
)
_QQ = re.compile(r"((?:QQ|qq|Qq|扣扣)\s*(?:号码?)?\s*[:：]?\s*)([1-9]\d)\d{1,7}(\d{2})(?!\d)")
# Bank cards: 16–19 digits, optionally grouped by spaces or dashes.
_BANK_CARD = re.compile(_NO_DIGIT_BEFORE + r"\d(?:[ \-]?\d){15,18}" + _NO_DIGIT_AFTER)
# Mainland mobiles, with optional +86 and separators (138 1234 5678, 138-1234-5678, 138.1234.5678).
_MOBILE = re.compile(
    _NO_DIGIT_BEFORE + r"((?:\+?86[ \-]?)?1[3-9]\d)[ \-.]?(\d{4})[ \-.]?(\d{4})" + _NO_DIGIT_AFTER
)
_LANDLINE = re.compile(_NO_DIGIT_BEFORE + r"(0\d{2,3})[ \-](\d{3,4})(\d{4})" + _NO_DIGIT_AFTER)
# Street-level address: keep the district/city, hide road, building and room numbers.
_ADDRESS = re.compile(
    r"([\u4e00-\u9fa5]{1,12}(?:省|市|区|县|镇|乡))"
    r"([\u4e00-\u9fa5A-Za-z0-9\-]{1,20}?(?:路|街|道|巷|弄|胡同|大道|村|小区|花园|苑|广场|大厦)"
    r"[\u4e00-\u9fa5A-Za-z0-9\-#]{0,16}?(?:\d+\s*(?:号|栋|幢|楼|单元|室|层))+)"
)
# Without 省/市/区: keep the road or estate name, hide the house, building and room numbers.
_STREET_NUMBER = re.compile(
    r"((?:路|街|巷|弄|胡同|大道|小区|花园|苑|大厦|公寓))"
    r"((?:\s*[\dA-Za-z\-]+\s*(?:号院|号楼|号|栋|幢|楼|单元|室|层|座))+)"
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


def _mask_id15(match: re.Match[str]) -> str:
    return f"{match.group(1)}{'*' * 11}{match.group(2)}"


def _mask_qq(match: re.Match[str]) -> str:
    return f"{match.group(1)}{match.group(2)}****{match.group(3)}"


# Order matters: longer digit runs (ID, card) first so a phone rule never eats part of them.
_RULES: list[tuple[re.Pattern[str], Callable[[re.Match[str]], str]]] = [
    (_EMAIL, _mask_email),
    (_ID_CARD, _mask_id),
    (_BANK_CARD, _mask_card),
    (_ID_CARD_15, _mask_id15),
    (_QQ, _mask_qq),
    (_MOBILE, _mask_mobile),
    (_LANDLINE, _mask_landline),
    (_ADDRESS, _mask_address),
    (_STREET_NUMBER, _mask_address),
]


def mask_personal_data(text: str) -> str:
    """Replace personal data in text with partially hidden forms (138****5678, a***@x.com)."""
    text = text.translate(_FULL_WIDTH)
    for pattern, replace in _RULES:
        text = pattern.sub(replace, text)
    return text
