"""All training corpora as one table of examples with per-task labels (None = unknown).

Every corpus becomes rows of (industry, text, sentiment, complaint, category), each label
derived from what its authors published (see /work/shared/data/README.md):
- the four review corpora: polarity; a negative review is a complaint, a positive one not;
- bank / stock forum posts: 3-class sentiment; negative bank posts are complaints, stock
  losses are not complaints about a company (unknown), neutral/positive posts are not;
- COVID Weibo emotions: happy → positive, neutral → neutral, angry/sad/fear → negative;
  happy/neutral posts are not complaints; the rest is unknown;
- cosmetics aspects: negative aspects only → negative complaint whose category follows the
  first negative aspect; all positive → positive, no complaint; mixed reviews are left out;
- 黑猫 finance complaints: all complaints, negative, category mapped from their labels.
"""

from __future__ import annotations

import csv
from collections.abc import Iterator
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path

from core.enums import Category

NEG, NEU, POS = 0, 1, 2


class Industry(StrEnum):
    """Where a training corpus comes from (the leave-one-industry-out unit)."""

    FINANCE = "finance"
    BANKING = "banking"
    COSMETICS = "cosmetics"
    STOCK = "stock"
    WEIBO = "weibo"
    FOOD_DELIVERY = "food_delivery"
    HOTEL = "hotel"
    SHOPPING = "shopping"


# Industries whose corpus was filed on a complaint platform (黑猫投诉): `classify` decides such
# posts with the platform's complaint floor (channel complaint_platform), so benches do too.
FILED_ON_PLATFORM: tuple[Industry, ...] = (Industry.FINANCE,)


@dataclass(frozen=True)
class Example:
    """One text with whatever labels its corpus gives (None = unknown for that task)."""

    industry: Industry
    text: str
    sentiment: int | None  # NEG / NEU / POS
    complaint: int | None
    category: Category | None
    source: str


HEIMAO_CATEGORY: dict[str, Category] = {
    "催收行为": Category.PRIVACY_FRAUD,
    "合同条款": Category.CONTRACT_PRICING,
    "定价收费": Category.CONTRACT_PRICING,
    "营销宣传": Category.CONTRACT_PRICING,
    "客户服务": Category.SERVICE_ATTITUDE,
    "其他": Category.OTHER,
}
COSMETICS_ASPECT: dict[str, Category] = {
    "物流": Category.DELIVERY_LOGISTICS,
    "服务": Category.SERVICE_ATTITUDE,
    "价格": Category.CONTRACT_PRICING,
    "真伪": Category.PRODUCT_QUALITY,
}
# 黑猫 客户服务 complaints asking for money back are after-sales cases, the rest service.
REFUND_WORDS = ("退款", "退费", "退还", "退回", "理赔", "赔付", "退保")
EMOTION_SENTIMENT = {"happy": POS, "neutral": NEU, "angry": NEG, "sad": NEG, "fear": NEG}
THREE_CLASS = {"negative": NEG, "neutral": NEU, "positive": POS}
REVIEWS = {
    "waimai_10k": Industry.FOOD_DELIVERY,
    "chnsenticorp_htl": Industry.HOTEL,
    "online_shopping_10_cats": Industry.SHOPPING,
    "weibo_senti_sample": Industry.WEIBO,
}


def _rows(path: Path) -> Iterator[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as handle:
        yield from csv.DictReader(handle)


def _reviews(path: Path, industry: Industry, name: str) -> Iterator[Example]:
    for row in _rows(path):
        text, label = (row.get("review") or "").strip(), (row.get("label") or "").strip()
        if not text or label not in {"0", "1"}:
            continue
        positive = label == "1"
        complaint: int | None = 0 if positive else 1
        if industry == Industry.WEIBO and not positive:
            complaint = None
        yield Example(industry, text, POS if positive else NEG, complaint, None, name)


def _three_class(path: Path, industry: Industry, name: str) -> Iterator[Example]:
    for row in _rows(path):
        text, value = (row.get("text") or "").strip(), THREE_CLASS.get(row.get("sentiment", ""))
        if not text or value is None:
            continue
        complaint: int | None = 0 if value != NEG else 1
        if industry == Industry.STOCK and value == NEG:
            complaint = None
        yield Example(industry, text, value, complaint, None, name)


def _emotion(path: Path) -> Iterator[Example]:
    for row in _rows(path):
        text, emotion = (row.get("text") or "").strip(), row.get("emotion", "")
        if not text or emotion not in EMOTION_SENTIMENT:
            continue
        value = EMOTION_SENTIMENT[emotion]
        complaint = 0 if value != NEG else None
        yield Example(Industry.WEIBO, text, value, complaint, None, "weibo_covid_emotion")


def _cosmetics(path: Path) -> Iterator[Example]:
    for row in _rows(path):
        text = (row.get("text") or "").strip()
        aspects = (row.get("aspects") or "").split("|")
        polarities = (row.get("polarities") or "").split("|")
        if not text or len(aspects) != len(polarities):
            continue
        negative = [a for a, p in zip(aspects, polarities, strict=True) if p == "负面"]
        if negative and "正面" in polarities:
            continue  # mixed review ("很好，遮暇差一些，总体还不错"): neither label is safe
        if negative:
            category = COSMETICS_ASPECT.get(negative[0], Category.PRODUCT_QUALITY)
            yield Example(Industry.COSMETICS, text, NEG, 1, category, "cosmetics_aspects")
        elif all(p == "正面" for p in polarities):
            yield Example(Industry.COSMETICS, text, POS, 0, None, "cosmetics_aspects")
        else:
            yield Example(Industry.COSMETICS, text, NEU, 0, None, "cosmetics_aspects")


def _heimao(path: Path) -> Iterator[Example]:
    for row in _rows(path):
        text, name = (row.get("text") or "").strip(), row.get("label_name", "")
        if text and name in HEIMAO_CATEGORY:
            category = HEIMAO_CATEGORY[name]
            if category == Category.SERVICE_ATTITUDE and any(w in text for w in REFUND_WORDS):
                category = Category.AFTER_SALES_REFUND
            yield Example(Industry.FINANCE, text, NEG, 1, category, "heimao_finance")


def load_examples(data_root: Path) -> list[Example]:
    """Every corpus found under data_root (sentiment/ and complaints/ subfolders)."""
    sentiment, complaints = data_root / "sentiment", data_root / "complaints"
    out: list[Example] = []
    for name, industry in REVIEWS.items():
        for candidate in (sentiment / f"{name}.train.csv", sentiment / f"{name}.csv"):
            if candidate.exists():
                out.extend(_reviews(candidate, industry, name))
                break
    readers = (
        (sentiment / "bank_reviews.csv", lambda p: _three_class(p, Industry.BANKING, "bank")),
        (sentiment / "stock_forum.csv", lambda p: _three_class(p, Industry.STOCK, "stock")),
        (sentiment / "weibo_covid_emotion.csv", _emotion),
        (sentiment / "cosmetics_aspects.csv", _cosmetics),
        (complaints / "heimao_finance.train.csv", _heimao),
    )
    for path, reader in readers:
        if path.exists():
            out.extend(reader(path))
    return out
