"""Per-text decisions of the default classifier: the rules and constants that turn the hashed
n-gram models' outputs and the lexicon cues into sentiment, complaint and category."""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass, field

import numpy as np
from numpy.typing import NDArray

from core.enums import Category, SentimentLabel
from core.models import UrgencyReason
from sentiment.adaptation.model import adapt_row
from sentiment.adjust import adjust_positive_probability, shift_logit
from sentiment.category import BatchCategories, decide_category, is_bare_repost
from sentiment.complaint_cues import (
    MATCHER,
    complaint_shift,
    is_inquiry,
    is_recovery_praise,
    is_slang_praise,
)
from sentiment.features import as_emoticons, hashed_ngrams, normalize_folded
from sentiment.forms import (
    OFFICIAL_VOICES,
    Form,
    form_polarity,
    is_reaction,
    is_sarcasm,
    only_asks,
    text_form,
)
from sentiment.lexicons import EMOTION_WORDS
from sentiment.model import LoadedModels, load_models
from sentiment.urgency import emotion_points, word_reasons

_EMOTION_WORDS = EMOTION_WORDS.keys()
COMPLAINT_THRESHOLD = 0.5
# A negative text gets a complaint category when its complaint probability reaches this
# (negative chatter about the weather or a celebrity stays `other`).
NEGATIVE_COMPLAINT_FLOOR = 0.2
EVIDENCE_SHIFT = 1.0  # urgency evidence (harm, 12315, 曝光, repeat contact) hints a complaint
COMPLAINT_TILT = 0.0  # logit towards negative when flagged (1.0 cost 1.1 points on hotel)
NEUTRAL_REACH = 0.3  # the neutral head may only overrule polarities this close to 0.5
NEUTRAL_HEAD_THRESHOLD = 0.6
# A text leaning negative (P(positive) < 0.5) inside the neutral band is labelled negative
# when its complaint probability reaches this: a complaint in mild words is not neutral.
NEGATIVE_LEAN_COMPLAINT = 0.2
# Nor may the neutral head overrule a negative lean whose complaint probability reaches this
# (None: it always may). Grouped validation inside the training side, 3 seeds: complaints
# caught 0.947 → 0.951, pos_neg 0.873 → 0.879, neutral posts called negative 0.478 → 0.506
# (0.3: 0.950 / 0.491). Issue #13 (bench/neutral_validation.py, README "Neutral decision"):
# reach 0.5, threshold 0.7, lean floor 0.1 and a head trained against polar texts too
# (sentiment.train.NEUTRAL_POLAR_PER_CORPUS) halved in-domain neutral-as-negative at the
# same overall caught, but cost bank complaints caught 0.936 → 0.830: not adopted.
NEUTRAL_HEAD_SPARES: float | None = 0.2
# The neutral head overrules a spared text anyway when it is this sure (None: never; 0.8
# cost 0.3–0.8 points of caught on validation).
NEUTRAL_HEAD_SURE: float | None = None
# A text of question/ad/news form without any complaint cue (complaint_shift < 0) may be
# overruled by the neutral head at any polarity and is never spared (False: as any text;
# True changed neutral-as-negative by ≤ 0.002 at reach 0.5 on validation).
FORM_FREES_NEUTRAL = False
# Reach of the neutral head below 0.5 (None: NEUTRAL_REACH on both sides).
NEUTRAL_REACH_NEGATIVE: float | None = None
# A post filed on a complaint platform (黑猫投诉, 聚投诉, 车质网 …: channel complaint_platform)
# is a complaint by what the platform is for, whatever its wording: its complaint probability
# is at least this, and inside the neutral band it is negative (an unseen industry's defect
# report in neutral words was missed a third of the time; README "Complaint platforms").
PLATFORM_COMPLAINT_FLOOR = 0.9
# Praise of a complaint put right (complaint_cues.is_recovery_praise: "上次投诉丢件，第二天就全额
# 赔付了，处理得挺快") is no complaint and positive: its complaint logit is at most RECOVERY_SHIFT
# (the cues' shift and the evidence do not count), P(positive) at least RECOVERY_POSITIVE.
RECOVERY_SHIFT = -3.0
RECOVERY_POSITIVE = 0.8
PRAISE_LIFT = 2.0  # logit towards positive for forum praise (complaint_cues.is_slang_praise)
# ... and away from a complaint: "快递员特别负责" was flagged at 0.73 (负责 is in many
# complaints' 谁负责/不负责), praise with no complaint cue and nothing to recover from.
PRAISE_COMPLAINT_SHIFT = -2.0
# A bystander's reaction (forms.is_reaction: "太吓人了，孩子还好吗？", "心疼孩子", no complaint cue,
# no evidence) has a complaint logit of at most this: it was flagged 0.64, 商品质量, in the demo's
# food-poisoning crisis ("太吓人了" alone 0.96). Below NEGATIVE_COMPLAINT_FLOOR: no category.
REACTION_COMPLAINT_CEILING = -2.0
# The form of a post (sentiment/forms.py, issue #13): a question asking for information or a
# news item without any complaint cue has its complaint logit moved by FORM_SHIFT and is not
# labelled negative for a mere negative lean; one that only asks (forms.only_asks: no negation,
# no 这 or 你) has its polarity logit shrunk as an inquiry's (adjust.py); a brand's reply or
# apology and an authority's notice are drawn to neutral (forms.form_polarity) and their
# complaint logit moved by BRAND_SHIFT; sarcasm read as praise is mirrored (forms.form_polarity).
FORMS = True
# Shrinking every question's polarity cost caught 0.926 -> 0.918 on grouped validation (round
# 26); shrinking only those that only ask leaves it at 0.926 (bench.neutral_validation round7).
FORM_SHRINKS = True
FORM_MAX_CHARS = 60  # a longer question or news item is a review or a story with one in it
FORM_SHIFT = -1.0
BRAND_SHIFT = -4.0


def sigmoid_float(x: float) -> float:
    """Logistic function of one float."""
    return 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, x))))


def sentiment_label(p_positive: float, band: float) -> SentimentLabel:
    """Negative / neutral / positive from calibrated P(positive) and the neutral half-width."""
    if p_positive < 0.5 - band:
        return SentimentLabel.NEGATIVE
    if p_positive > 0.5 + band:
        return SentimentLabel.POSITIVE
    return SentimentLabel.NEUTRAL


def lean_negative(label: SentimentLabel, p_positive: float, p_complaint: float) -> SentimentLabel:
    """Negative instead of neutral for a text leaning negative that reads like a complaint."""
    lean = p_positive < 0.5 and p_complaint >= NEGATIVE_LEAN_COMPLAINT
    return SentimentLabel.NEGATIVE if label == SentimentLabel.NEUTRAL and lean else label


def neutral_overrule(
    label: SentimentLabel, p_pos: float, p_complaint: float, neutral_logit: float, found: set[str]
) -> SentimentLabel:
    """Neutral when the neutral head says so for a text it may overrule (see constants)."""
    if label == SentimentLabel.NEUTRAL:
        return label
    p_neutral = sigmoid_float(neutral_logit)
    if p_neutral < NEUTRAL_HEAD_THRESHOLD:
        return label
    form = FORM_FREES_NEUTRAL and complaint_shift(found) < 0
    reach = (
        NEUTRAL_REACH if p_pos >= 0.5 or NEUTRAL_REACH_NEGATIVE is None else NEUTRAL_REACH_NEGATIVE
    )
    near = form or abs(p_pos - 0.5) < reach
    spared = NEUTRAL_HEAD_SPARES is not None and p_complaint >= NEUTRAL_HEAD_SPARES
    spared = spared and p_pos < 0.5 and not form
    if spared and NEUTRAL_HEAD_SURE is not None and p_neutral >= NEUTRAL_HEAD_SURE:
        spared = False
    return SentimentLabel.NEUTRAL if near and not spared else label


_ASKING = (Form.QUESTION, Form.NEWS)


def form_complaint_shift(form: Form | None) -> float:
    """Complaint logit shift of a post's form (FORM_SHIFT, BRAND_SHIFT)."""
    if form is None:
        return 0.0
    return BRAND_SHIFT if form in OFFICIAL_VOICES else FORM_SHIFT


@dataclass(frozen=True)
class TextDecisions:
    """Per-text model outputs before they become Mention fields."""

    p_positive: list[float]
    labels: list[SentimentLabel]
    p_complaint: list[float]
    categories: list[Category]
    evidences: list[list[UrgencyReason]]
    found: list[set[str]]
    category_logits: list[tuple[float, ...]] = field(default_factory=list)  # after adaptation
    gates: list[float] = field(default_factory=list)  # the adapter's domain gate, 0 without
    recovered: list[bool] = field(default_factory=list)  # praise of a complaint put right


def decide(
    texts: Sequence[str],
    folded: Sequence[str],
    models: LoadedModels | None = None,
    platform: Sequence[bool] = (),
) -> TextDecisions:
    """Sentiment, complaint and category for normalised texts (one hash pass for all models).

    `platform[i]`: text i was filed on a complaint platform (PLATFORM_COMPLAINT_FLOOR)."""
    models = models or load_models()
    spec = models.sentiment.linear.spec
    cues, stripped = MATCHER.scan(folded)
    # The models read a text without its negated defect/service cues ("没有任何异响，非常满意"
    # as "，非常满意"): their n-grams learnt 异响 as negative, not 没有异响 as fine.
    if any(s is not None for s in stripped):
        texts = [
            t if s is None else normalize_folded(s) for t, s in zip(texts, stripped, strict=True)
        ]
    docs, buckets = hashed_ngrams(texts, spec)
    raw = models.sentiment.positive_probability_hashed(docs, buckets, texts)
    _read_emoticons(raw, texts, models)
    heads = models.heads.decision_hashed(docs, buckets, len(texts), bits=spec.bits)
    band = models.sentiment.neutral_band
    residual = None
    if models.adapter is not None:
        residual = models.adapter.decision_hashed(docs, buckets, len(texts), bits=spec.bits)
    out = TextDecisions([], [], [], [], [], [])
    categories = BatchCategories(heads[:, 2:])
    # Python floats and lists once per batch: indexing numpy rows per text costs more.
    rows = zip(
        folded, raw.tolist(), heads[:, :2].tolist(), heads[:, 2:].tolist(), cues, strict=True
    )
    for i, (text, p, (neutral_logit, complaint_head), logit_list, found) in enumerate(rows):
        evidence = word_reasons(text, found)
        recovered = is_recovery_praise(text, found)
        praised = not recovered and not evidence and is_slang_praise(text, found)
        shift = complaint_shift(found)  # (once: the logit and the cue both read it)
        if recovered:
            complaint_logit = min(complaint_head, 0.0) + RECOVERY_SHIFT
        else:
            complaint_logit = complaint_head + shift
            if evidence:
                complaint_logit += EVIDENCE_SHIFT
            if praised:
                complaint_logit += PRAISE_COMPLAINT_SHIFT
        cue = bool(evidence) or shift > 0
        if not recovered and not cue and is_reaction(text):
            complaint_logit = min(complaint_logit, REACTION_COMPLAINT_CEILING)
        form = text_form(text, cue, FORM_MAX_CHARS) if FORMS and text and not recovered else None
        complaint_logit += form_complaint_shift(form)
        p_complaint = sigmoid_float(complaint_logit) if text else 0.0
        filed = bool(platform) and platform[i]
        if filed:
            p_complaint = max(p_complaint, PLATFORM_COMPLAINT_FLOOR)
        emotion = 0.0 if _EMOTION_WORDS.isdisjoint(found) else emotion_points(text, found)[1]
        inquiry = is_inquiry(found) or (FORM_SHRINKS and form in _ASKING and only_asks(text))
        p_pos = adjust_positive_probability(p, text, evidence, emotion, inquiry)
        if recovered:
            p_pos = max(p_pos, RECOVERY_POSITIVE)
        elif praised:
            p_pos = shift_logit(p_pos, PRAISE_LIFT)
        p_pos = form_polarity(form, p_pos, FORMS and is_sarcasm(text, cue))
        if p_complaint >= COMPLAINT_THRESHOLD:
            p_pos = shift_logit(p_pos, -COMPLAINT_TILT)
        p_pos = round(p_pos, 4)
        label = sentiment_label(p_pos, band)
        if form is None or p_complaint >= COMPLAINT_THRESHOLD:
            label = lean_negative(label, p_pos, p_complaint)
        label = neutral_overrule(label, p_pos, p_complaint, neutral_logit, found)
        if filed and label == SentimentLabel.NEUTRAL:
            label = SentimentLabel.NEGATIVE
        logits, gate, adapted_logits = heads[i, 2:], 0.0, False
        if residual is not None and text:
            adapted = adapt_row(residual[i], label, p_pos, p_complaint, logits)
            label, p_pos, p_complaint = adapted.label, adapted.p_positive, adapted.p_complaint
            logits, gate, adapted_logits = adapted.category_logits, adapted.gate, True
            logit_list = logits.tolist()
        negative = label == SentimentLabel.NEGATIVE and p_complaint >= NEGATIVE_COMPLAINT_FLOOR
        complaint = p_complaint >= COMPLAINT_THRESHOLD or negative
        # A bare repost ("转发微博") has no complaint of its own to file under a category.
        complaint = complaint and (filed or not is_bare_repost(text))
        out.p_positive.append(p_pos)
        out.labels.append(label)
        out.p_complaint.append(round(p_complaint, 4))
        if adapted_logits:
            out.categories.append(decide_category(logits, found, complaint))
        else:
            out.categories.append(categories.decide(i, found, complaint))
        out.category_logits.append(tuple(logit_list))
        out.gates.append(gate)
        out.evidences.append(evidence)
        out.found.append(found)
        out.recovered.append(recovered)
    return out


def _read_emoticons(raw: NDArray[np.float64], texts: Sequence[str], models: LoadedModels) -> None:
    """P(positive) of the texts with an emoji of anger or disappointment, read again with it
    as the Weibo emoticon the polarity model learned (`features.as_emoticons`). Only polarity:
    the complaint and neutral heads learned an emoticon as Weibo chatter, no complaint."""
    found = [(i, e) for i, e in enumerate(map(as_emoticons, texts)) if e is not None]
    if not found:
        return
    rows, written = [i for i, _ in found], [e for _, e in found]
    docs, buckets = hashed_ngrams(written, models.sentiment.linear.spec)
    raw[rows] = models.sentiment.positive_probability_hashed(docs, buckets, written)
