"""The default classifier: hashed n-gram sentiment, complaint and category models with
cross-industry lexicon cues, explainable urgency and tf·idf keywords. Models load once per
process (lazy singleton, sentiment.model.load_models); the per-text rules are
sentiment.decisions."""

from __future__ import annotations

import logging
from collections.abc import Iterable, Sequence
from dataclasses import replace
from pathlib import Path

from core.brand_words import BrandWords
from core.enums import Channel
from core.errors import YuqingError
from core.models import Complaint, Mention, Sentiment
from sentiment.complaint_cues import complaint_cue_words
from sentiment.decisions import COMPLAINT_THRESHOLD, decide
from sentiment.features import fold_batch, normalize_folded
from sentiment.gc_pause import cyclic_gc_paused
from sentiment.keywords import extract_keywords_batch, keywords_without_brand
from sentiment.model import LinearHashModel, load_models
from sentiment.urgency import score_urgency

log = logging.getLogger(__name__)
BATCH = 2048


class LinearClassifier:
    """Default classifier (registry name "default")."""

    name = "default"

    def __init__(
        self,
        exclude_keywords: Iterable[str] = (),
        adapter: LinearHashModel | None = None,
        data_dir: Path | None = None,
        brand: BrandWords | None = None,
    ) -> None:
        self.exclude_keywords = frozenset(w.lower() for w in exclude_keywords)
        self.adapter = adapter
        self.data_dir = data_dir  # set: the adapter follows DATA_DIR/models/adapted.npz
        self.brand = brand  # set: keywords never hold the brand's names or their fragments
        self._stamp: tuple[int, int] | None = None

    def for_deployment(self, data_dir: Path) -> LinearClassifier:
        """This classifier with the adaptation model stored in data_dir (if any) applied; a
        newer file (re-adaptation by `yuqing run` or `yuqing train adapt`) is picked up at the
        next batch."""
        classifier = LinearClassifier(self.exclude_keywords, data_dir=data_dir, brand=self.brand)
        classifier.refresh_adapter()
        return classifier

    def for_brand(self, brand: BrandWords) -> LinearClassifier:
        """This classifier with keywords that leave the brand's names out."""
        classifier = LinearClassifier(self.exclude_keywords, self.adapter, self.data_dir, brand)
        classifier._stamp = self._stamp
        return classifier

    def refresh_adapter(self) -> LinearHashModel | None:
        """Reload the deployment's adaptation model when its file changed (atomic swap)."""
        if self.data_dir is None:
            return self.adapter
        from sentiment.adaptation.service import adapted_path, load_adapter

        try:
            stat = adapted_path(self.data_dir).stat()
            stamp: tuple[int, int] | None = (stat.st_mtime_ns, stat.st_size)
        except FileNotFoundError:
            stamp = None
        if stamp != self._stamp:
            try:
                self.adapter = load_adapter(self.data_dir) if stamp else None
            except YuqingError:
                if self._stamp is None:
                    raise  # at start: the operator must fix or delete the file
                log.exception("自适应模型文件无法读取，继续使用上一版")
            self._stamp = stamp
        return self.adapter

    def classify(self, mentions: Sequence[Mention]) -> list[Mention]:
        """Classified copies of the mentions, same order."""
        out: list[Mention] = []
        with cyclic_gc_paused():
            for start in range(0, len(mentions), BATCH):
                out.extend(self._classify_batch(mentions[start : start + BATCH]))
        return out

    def _classify_batch(self, mentions: Sequence[Mention]) -> list[Mention]:
        folded = fold_batch([m.full_text for m in mentions])
        normalized = [normalize_folded(t) for t in folded]
        models = load_models()
        adapter = self.refresh_adapter()
        if adapter is not None:
            models = replace(models, adapter=adapter)
        platform = [m.channel == Channel.COMPLAINT_PLATFORM for m in mentions]
        decided = decide(normalized, folded, models, platform)
        keywords = (
            extract_keywords_batch(folded, exclude=self.exclude_keywords)
            if self.brand is None
            else keywords_without_brand(folded, self.brand, self.exclude_keywords)
        )
        out = []
        for i, (mention, text) in enumerate(zip(mentions, folded, strict=True)):
            p, label = decided.p_positive[i], decided.labels[i]
            p_complaint = decided.p_complaint[i]
            update = {
                "sentiment": Sentiment(label=label, score=p),
                "category": decided.categories[i],
                "complaint": Complaint(
                    flag=p_complaint >= COMPLAINT_THRESHOLD,
                    probability=p_complaint,
                    cues=complaint_cue_words(text, decided.found[i]),
                    resolved=decided.recovered[i] and p_complaint < COMPLAINT_THRESHOLD,
                ),
                "urgency": score_urgency(
                    mention, text, label, p, decided.evidences[i], decided.found[i]
                ),
                "keywords": keywords[i],
            }
            out.append(mention.model_copy(update=update))
        return out
