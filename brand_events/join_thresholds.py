"""The thresholds of event clustering: how long an event stays open, when a post joins it on
shared words, when an event counts as bursting, and when two events merge."""

from __future__ import annotations

from datetime import timedelta

WINDOW = timedelta(hours=24)
# Posts join an event on shared words only in its first hours: what is still being said days
# later without a repost/copy link is a recurring theme (or a new event), not this event.
TOPIC_SPAN = timedelta(hours=12)
TOPIC_GAP = timedelta(hours=6)  # and only while it is still being talked about
JOIN_SCORE = 0.34  # share of the post's term weight the event supports
JOIN_MASS = 9.0  # and at least this much absolute support (about one rare and one fair term)
# A bursting event (many posts in its first hours) takes posts on fewer but rarer shared words:
# in a crisis, independent complaints and media reports each tell it in their own words.
BURST_SIZE = 10  # posts (reposts too) within BURST_SPAN of its first post
BURST_SPAN = timedelta(hours=2)
# A crisis's first minutes: a story already listed (`cluster.is_visible`) and begun this
# recently takes its own people's "me too" before it is bursting-sized (brand_events/witnesses.py).
WITNESS_LEAD = timedelta(minutes=30)
BURST_SCORE = 0.15
BURST_SHARE = 0.5  # and counts a word used half as often as its top word as central
MERGE_SCORE = 0.5
MERGE_SIMILARITY = 0.15  # profiles must overlap a little: the post alone is the main evidence
POSTING_CAP = 64  # a term in more active events than this is chatter: not used to find candidates
