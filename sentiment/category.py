"""Complaint category: a trained linear model combined with domain lexicon cues.

The model (heads model, sentiment/train.py) learnt from 黑猫 finance labels, cosmetics
aspects and review texts the rules labelled (weak supervision); the cross-industry cues of
sentiment/lexicons.py add to its log-probabilities, so a defect in an industry absent from
training (异响, 无法充电) still comes out product_quality. Non-complaints get `other`.
"""

from __future__ import annotations

import numpy as np
from numpy.typing import NDArray

from core.enums import Category, SentimentLabel
from core.repost_text import own_words
from sentiment.appliances import APPLIANCE_VISIT, appliance_cues, is_appliance
from sentiment.couriers import IMPERSONATOR, courier_cues, impersonation_cues, is_courier
from sentiment.devices import device_cues, is_device
from sentiment.education import HOURS_DEDUCTED, education_cues, is_education
from sentiment.estates import estate_cues, is_estate
from sentiment.games import game_cues, is_game
from sentiment.gyms import gym_cues, is_gym
from sentiment.lexicons import (
    CANCELLED,
    CATEGORY_CUES,
    CHARGES,
    CLAIM_REASONS,
    COMPLAINT_MARKERS,
    DEMANDED_REMEDY,
    EXPIRED_NOT_FOOD,
    FINANCE_CONTEXT,
    LUGGAGE,
    NEVER_ORDERED,
    PART_FAILURES,
    PART_FITTINGS,
    PLAN_CHANGES,
    REFUND_PENDING,
    REMEDY_WORDS,
    REPAIR_REFUSALS,
    SAFETY_PARTS,
    TELECOM_CONTEXT,
    TRANSIT_DAMAGE,
    TRAVEL_CONTEXT,
    TRAVEL_VAGUE_QUALITY,
    TRIP_CANCELLED,
    TRIPS,
    VAGUE_QUALITY,
)
from sentiment.rides import is_ride, ride_cues

COMPLAINT_CATEGORIES: tuple[Category, ...] = tuple(CATEGORY_CUES)
# Whether a text is one of these industries' (its words, the finance words that overrule them):
# the model never read them, so there it never decides a category alone.
_UNREAD_INDUSTRIES = (
    is_education,
    is_device,
    is_appliance,
    is_courier,
    is_ride,
    is_estate,
    is_game,
    is_gym,
)
_VISIT_CATEGORIES = (Category.AFTER_SALES_REFUND, Category.PRODUCT_QUALITY)
MODEL_LABELS: tuple[Category, ...] = (*COMPLAINT_CATEGORIES, Category.OTHER)
RULE_CONFIDENT = 2

# Food-safety outranks everything: a poisoning that also mentions a refund is a safety case.
_PRIORITY = {category: rank for rank, category in enumerate(COMPLAINT_CATEGORIES)}
# Each cue word's (category, weight) pairs: a text's few words are scored in one pass.
_CUES_OF_WORD: dict[str, list[tuple[Category, int]]] = {}
for _category, _cues in CATEGORY_CUES.items():
    for _word, _weight in _cues.items():
        _CUES_OF_WORD.setdefault(_word, []).append((_category, _weight))


def found_cue_scores(found: set[str]) -> dict[Category, int]:
    """cue_scores(found, CATEGORY_CUES): category cue weights summed over the words found,
    in CATEGORY_CUES order, categories summing to 0 left out."""
    totals: dict[Category, int] = {}
    for word in found:
        for category, weight in _CUES_OF_WORD.get(word, ()):
            totals[category] = totals.get(category, 0) + weight
    if len(totals) < 2:
        return {c: t for c, t in totals.items() if t}
    return {c: totals[c] for c in COMPLAINT_CATEGORIES if totals.get(c)}


def rule_scores(text: str) -> dict[Category, int]:
    """Sum of cue weights per category found in the (normalised) text."""
    scores: dict[Category, int] = {}
    for category, cues in CATEGORY_CUES.items():
        total = sum(weight for word, weight in cues.items() if word in text)
        if total:
            scores[category] = total
    return scores


def rule_category(text: str, label: SentimentLabel) -> Category | None:
    """The rule decision, or None when the lexicon is not confident or it is no complaint.

    Negative texts need one strong cue; neutral ones two (or a complaint marker such as 投诉);
    positive ones a complaint marker.
    """
    scores = rule_scores(text)
    if not scores:
        return None
    best = max(scores, key=lambda c: (scores[c], -_PRIORITY[c]))
    strong = scores[best] >= RULE_CONFIDENT
    if Category.FOOD_SAFETY_HEALTH in scores and scores[Category.FOOD_SAFETY_HEALTH] >= 2:
        best, strong = Category.FOOD_SAFETY_HEALTH, True
    marked = any(marker in text for marker in COMPLAINT_MARKERS)
    if label == SentimentLabel.NEGATIVE:
        complaint = True
    elif label == SentimentLabel.NEUTRAL:
        complaint = marked or scores[best] >= 2 * RULE_CONFIDENT
    else:
        complaint = marked
    if strong and complaint:
        return best
    return None


# A bare repost ("转发微博", "//@某人:") says nothing of its own: no complaint category of its
# own either (the reports count a repost under the post it passes on).
_REPOST_MAX = 300  # longer texts always have words of their own


def is_bare_repost(text: str) -> bool:
    """The text is a repost marker, an @ chain or punctuation, and nothing else."""
    return bool(text) and len(text) <= _REPOST_MAX and not own_words(text)


RULE_WEIGHT = 1.0  # logit per cue-weight point added to the model's category log-probability
SAFETY_OVERRIDE = 2
# The model decides alone when it is this sure (texts like its training corpora); below, the
# cross-industry cues add their weight (industries it never saw: cars, telecom, airlines).
MODEL_CONFIDENT = 0.5


def category_log_probabilities(logits: NDArray[np.float64]) -> NDArray[np.float64]:
    """log sigmoid of one-vs-rest category logits (a row, or a row per text)."""
    return np.asarray(-np.logaddexp(0.0, -logits), dtype=np.float64)


def decide_category(logits: NDArray[np.float64], found: set[str], complaint: bool) -> Category:
    """Category of one text from the model's one-vs-rest logits (MODEL_LABELS order) and the
    lexicon cues found; texts that are no complaint are `other`."""
    return BatchCategories(logits[None, :]).decide(0, found, complaint)


class BatchCategories:
    """decide_category() for a batch of texts' logits, its numpy work done once per batch."""

    def __init__(self, logits: NDArray[np.float64]) -> None:
        self.log_p = category_log_probabilities(logits)
        self.sure = (np.exp(self.log_p.max(axis=1)) >= MODEL_CONFIDENT).tolist()
        self.best = self.log_p.argmax(axis=1).tolist()

    def decide(self, row: int, found: set[str], complaint: bool) -> Category:
        """The category of text `row` (see decide_category)."""
        if not complaint:
            return Category.OTHER
        found, ruled_out = context_cues(found)
        scores = found_cue_scores(found)
        if scores.get(Category.FOOD_SAFETY_HEALTH, 0) >= SAFETY_OVERRIDE:
            return Category.FOOD_SAFETY_HEALTH
        if Category.FOOD_SAFETY_HEALTH not in ruled_out and is_part_failure(found):
            return Category.FOOD_SAFETY_HEALTH
        best = MODEL_LABELS[self.best[row]]
        # The model never read travel, telecom, school, phone, appliance owners', couriers',
        # passengers', home owners', players' or gym members' texts: there it never decides alone.
        unread = is_travel(found) or is_telecom(found)
        unread = unread or any(holds(found, FINANCE_CONTEXT) for holds in _UNREAD_INDUSTRIES)
        sure = self.sure[row] and not unread
        if not ((not scores or sure) and best not in ruled_out):
            # The model is unsure (the cross-industry cues add their weight), or its choice is
            # ruled out by the text's context (the next best one then).
            log_p = self.log_p[row].copy()
            for category, points in scores.items():
                log_p[MODEL_LABELS.index(category)] += RULE_WEIGHT * points
            for category in ruled_out:
                log_p[MODEL_LABELS.index(category)] = -np.inf
            best = MODEL_LABELS[int(np.argmax(log_p))]
        if not sure:
            best = money_matter(best, found)
        for cue, category in _DECIDING_CUES.items():
            if cue in found and not _other_grievance(found, category):
                return category
        if best is Category.PRODUCT_QUALITY and not found.isdisjoint(REPAIR_REFUSALS):
            return Category.AFTER_SALES_REFUND  # the defect needed a repair that was refused
        return best


# What a text counts as whatever the model read, when no other grievance is named strongly: a
# cancelled trip (not a fee, nor rudeness) is the trip not made, as a delay is (the model read 取消
# as an order cancelled, 价格); class hours deducted (课时都扣掉了) are charged, not a poor class;
# a caller posing as the brand (冒充客服) is a scam, not the brand's 客服 (round 29); 杀熟 (an old
# customer quoted more than a new one) is a price, never a defect (round 31).
_DECIDING_CUES = {
    TRIP_CANCELLED: Category.DELIVERY_LOGISTICS,
    HOURS_DEDUCTED: Category.CONTRACT_PRICING,
    IMPERSONATOR: Category.PRIVACY_FRAUD,
    "杀熟": Category.CONTRACT_PRICING,
}


# What a promised refund or a charge never ordered overrules: the money's other words.
_REFUND_OVERRULES = frozenset(
    {Category.CONTRACT_PRICING, Category.DELIVERY_LOGISTICS, Category.SERVICE_ATTITUDE}
)
_UNORDERED_OVERRULES = _REFUND_OVERRULES | {Category.AFTER_SALES_REFUND, Category.PRODUCT_QUALITY}


def money_matter(best: Category, found: set[str]) -> Category:
    """A refund promised and not paid is 售后 (答应退还多扣的话费…还没退回来); a charge for
    something never ordered is an unauthorised charge, 隐私/欺诈 (没开通过的会员每月扣费),
    unless a plan was changed (套餐被升级: a contract matter). Other decisions stand. Only where
    the model is unsure: the 黑猫 finance complaints it learnt from file a card's unordered fee
    under 购销合同/价格, and a text like them keeps that label."""
    if best in _REFUND_OVERRULES and not found.isdisjoint(REFUND_PENDING):
        return Category.AFTER_SALES_REFUND
    if best in _UNORDERED_OVERRULES and is_unordered_charge(found):
        return Category.PRIVACY_FRAUD
    return best


def is_unordered_charge(found: set[str]) -> bool:
    """A charge and 'never ordered' are both named, and no plan change (see money_matter)."""
    charged = not found.isdisjoint(CHARGES)
    return charged and not found.isdisjoint(NEVER_ORDERED) and found.isdisjoint(PLAN_CHANGES)


def context_cues(found: set[str]) -> tuple[set[str], tuple[Category, ...]]:
    """The cue words that count in the text's context, and the categories it rules out.

    An expired voucher or card (券过期) is no food-safety cue. In a finance text (cards, loans,
    insurance) harm words are the reason of a claim or a debt (住院报销被拒赔), not harm the
    service did: they do not count, and 食品安全/人身安全 is ruled out unless a food-safety cue
    remains (积分换的零食吃出虫子); a card or a loan is no defective product either: 商品质量 is
    ruled out unless a defect is named (手机银行闪退, 分期买的手机充不进电), not only 用不了."""
    if "过期" in found and not found.isdisjoint(EXPIRED_NOT_FOOD):
        found = found - {"过期"}
    found = impersonation_cues(_longest_cues(found))
    if not found.isdisjoint(DEMANDED_REMEDY) and _strong_cue(found - REMEDY_WORDS):
        found = found - REMEDY_WORDS  # the remedy asked for, not the grievance
    if is_ride(found, FINANCE_CONTEXT):  # before travel: a ride to the airport is a ride
        return ride_cues(found, _strong_cue)
    if is_estate(found, FINANCE_CONTEXT):  # before school: a 学区 promised is the house's
        return estate_cues(found, _strong_cue)
    if is_game(found, FINANCE_CONTEXT):  # before a device: a game that crashes is the game's
        return game_cues(found, _strong_cue)
    if is_gym(found, FINANCE_CONTEXT):  # before school: a 私教's lessons are the card's
        return gym_cues(found, _strong_cue)
    if is_travel(found):
        return _travel_cues(found)
    if is_education(found, FINANCE_CONTEXT):
        return education_cues(found), ()
    if is_appliance(found, FINANCE_CONTEXT):
        return _appliance_cues(found)
    if is_courier(found, FINANCE_CONTEXT):
        return _courier_cues(found)
    if found.isdisjoint(FINANCE_CONTEXT):
        return device_cues(found)
    found = device_cues(found)[0]  # a swelling battery, bought on instalments
    found = found - CLAIM_REASONS
    ruled_out = []
    if not _strong_cue(found, Category.FOOD_SAFETY_HEALTH):
        ruled_out.append(Category.FOOD_SAFETY_HEALTH)
    if not _strong_cue(found - VAGUE_QUALITY, Category.PRODUCT_QUALITY):
        ruled_out.append(Category.PRODUCT_QUALITY)
    return found, tuple(ruled_out)


# What a visit's grievance is not: a fee, a late delivery or rudeness during an installation.
_NOT_VISIT = tuple(c for c in COMPLAINT_CATEGORIES if c not in _VISIT_CATEGORIES)


def _appliance_cues(found: set[str]) -> tuple[set[str], tuple[Category, ...]]:
    """context_cues() of an appliance's text (sentiment/appliances.py): the setting (空调, 热水)
    never counts; the visit (安装, 师傅, 上门) does not where a fee, a delivery, rudeness, data or
    harm is named (师傅来了先收支架费 is the fee), and 售后 then needs a cue of its own (保修,
    退货); and the appliance named is no defect: where another grievance is named strongly,
    商品质量 needs a defect of its own (不制冷, 漏水)."""
    found, ruled_out = device_cues(appliance_cues(found))  # an order not sent (还没发货)
    if any(_strong_cue(found - APPLIANCE_VISIT, each) for each in _NOT_VISIT):
        found = found - APPLIANCE_VISIT
        if not _strong_cue(found, Category.AFTER_SALES_REFUND):
            ruled_out = (*ruled_out, Category.AFTER_SALES_REFUND)
    if _strong_cue(found) and not _strong_cue(found, Category.PRODUCT_QUALITY):
        ruled_out = (*ruled_out, Category.PRODUCT_QUALITY)
    return found, ruled_out


def _courier_cues(found: set[str]) -> tuple[set[str], tuple[Category, ...]]:
    """context_cues() of a courier's text (sentiment/couriers.py), an order not sent counted."""
    found, not_shipped = device_cues(found)
    found, ruled_out = courier_cues(found, _strong_cue)
    return found, (*not_shipped, *ruled_out)


def is_travel(found: set[str]) -> bool:
    """A travel text (a flight, a train, a suitcase) that is no finance text (a card statement
    naming a train ticket is about the card)."""
    return not found.isdisjoint(TRAVEL_CONTEXT) and found.isdisjoint(FINANCE_CONTEXT)


def is_telecom(found: set[str]) -> bool:
    """A telecom text (a plan, a bill, broadband, a number) that is no finance text."""
    return not found.isdisjoint(TELECOM_CONTEXT) and found.isdisjoint(FINANCE_CONTEXT)


def _longest_cues(found: set[str]) -> set[str]:
    """The cue words found, without those inside a longer one found that cues another category
    (退票费 is a fee, not the 退票 of a refund; 延误补偿 a compensation, not the 延误)."""
    shadowed = {
        short
        for short in found
        for long in found
        if short != long
        and short in long
        and _cue_categories(short) - _cue_categories(long)
        and _cue_categories(long)
    }
    return found - shadowed if shadowed else found


def _cue_categories(word: str) -> set[Category]:
    return {category for category, _ in _CUES_OF_WORD.get(word, ())}


def _travel_cues(found: set[str]) -> tuple[set[str], tuple[Category, ...]]:
    """context_cues() of a travel text (a flight, a train): a suitcase's damage words are transit
    damage, and 商品质量 is ruled out unless a defect of its own is named (座椅坏了, 不制冷)."""
    if not found.isdisjoint(LUGGAGE):
        found = found - TRANSIT_DAMAGE
    if not found.isdisjoint(CANCELLED) and not found.isdisjoint(TRIPS):
        found = found | {TRIP_CANCELLED}
    if _strong_cue(found - VAGUE_QUALITY - TRAVEL_VAGUE_QUALITY, Category.PRODUCT_QUALITY):
        return found, ()
    return found, (Category.PRODUCT_QUALITY,)


def _control_parts(found: set[str]) -> set[str]:
    """The control parts named for themselves: 方向盘 of 方向盘按键 (a fitting) does not count."""
    fittings = found & PART_FITTINGS
    return {p for p in found & SAFETY_PARTS if not any(f.startswith(p) for f in fittings)}


def is_part_failure(found: set[str]) -> bool:
    """A part that keeps a vehicle under control and a failure are both named (刹车…失灵)."""
    return bool(_control_parts(found)) and not found.isdisjoint(PART_FAILURES)


def part_failure_evidence(text: str, found: set[str] | None = None) -> str | None:
    """'刹车…失灵' when the text names a control part and a failure, else None."""
    scanned = SAFETY_PARTS | PART_FAILURES | PART_FITTINGS
    words = found if found is not None else {w for w in scanned if w in text}
    if not is_part_failure(words):
        return None
    return f"{min(_control_parts(words))}…{min(PART_FAILURES & words)}"


def _other_grievance(found: set[str], category: Category) -> bool:
    """A strong cue of a complaint category other than `category` is among the words found."""
    return any(_strong_cue(found, each) for each in COMPLAINT_CATEGORIES if each is not category)


def _strong_cue(found: set[str], category: Category | None = None) -> bool:
    """A strong cue of `category` (of any category when None) is among the words found."""
    if category is None:
        return any(_strong_cue(found, each) for each in COMPLAINT_CATEGORIES)
    cues = CATEGORY_CUES[category]
    return any(cues.get(word, 0) >= RULE_CONFIDENT for word in found)
