"""The brand's own accounts do not complain about the brand.

An official reply to a complaint ("经核实……不排除是您自己放入的异物") reads like a complaint to
the model: it names the defect, the order, the dispute. Counted as one, it inflated an event's
投诉占比 and the complaint rules during the very crisis it answered. The configured classifier is
wrapped so that a post by an own account (top-level `own_accounts` or a plan's) is never flagged
and files under no complaint category, flagged or not (其他: the category is a complaint's; the
statement on an outage showed 商品质量 in the feed, a school's unflagged statement on a closed
campus 售后/退换货); its sentiment and urgency stay as the model read them,
and a person can still set the flag or a category by a correction (corrections are applied after
classification).
"""

from __future__ import annotations

from collections.abc import Sequence

from core.brand_words import BrandWords
from core.config import CoreConfig
from core.enums import Category
from core.models import Complaint, Mention
from core.own_accounts import OwnAccounts
from core.pipeline.classifier import BrandAware, Classifier


class OwnPostsAreNotComplaints:
    """A classifier whose output never flags a post of the brand's own accounts."""

    def __init__(self, inner: Classifier, own: OwnAccounts) -> None:
        self.inner = inner
        self.own = own
        self.name = inner.name

    def classify(self, mentions: Sequence[Mention]) -> list[Mention]:
        """The inner classifier's copies, own posts' complaint flag cleared."""
        return [self._settled(m) for m in self.inner.classify(mentions)]

    def _settled(self, mention: Mention) -> Mention:
        complaint = mention.complaint
        flagged = complaint is not None and complaint.flag
        filed = mention.category not in (None, Category.OTHER)
        if not (flagged or filed) or not self.own.is_own(mention):
            return mention
        update: dict[str, object] = {"category": Category.OTHER}
        if flagged:
            update["complaint"] = Complaint(flag=False, probability=0.0)
        return mention.model_copy(update=update)


def for_brand_of(classifier: Classifier, config: CoreConfig) -> Classifier:
    """The classifier as a deployment of this config runs it (ingest, replay, `yuqing classify`
    with a config): keywords never hold the brand's names, own accounts' posts are never
    flagged as complaints."""
    if isinstance(classifier, BrandAware):
        classifier = classifier.for_brand(BrandWords.from_config(config))
    own = OwnAccounts.of(config)
    return OwnPostsAreNotComplaints(classifier, own) if own else classifier
