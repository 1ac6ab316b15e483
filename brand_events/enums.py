"""Event statuses, how a mention joined its event, and kinds of amplifier."""

from __future__ import annotations

from enum import StrEnum


class EventStatus(StrEnum):
    """Where an event is in its life; FORMING events are too small to show yet."""

    FORMING = "forming"
    RISING = "rising"
    PEAKING = "peaking"
    COOLING = "cooling"
    OVER = "over"


EVENT_STATUS_ZH: dict[EventStatus, str] = {
    EventStatus.FORMING: "形成中",
    EventStatus.RISING: "上升",
    EventStatus.PEAKING: "高峰",
    EventStatus.COOLING: "回落",
    EventStatus.OVER: "已平息",
}


class JoinReason(StrEnum):
    """The evidence that put a mention into its event."""

    SEED = "seed"  # the mention started the event
    LINK = "link"  # a repost of or a reply to a member
    COPY = "copy"  # the same text as a member (similarity group)
    TOPIC = "topic"  # shares salient terms/hashtags with the event within the window
    MERGE = "merge"  # its event was merged into this one
    OUTAGE = "outage"  # tells the same failure of the service as a live outage story
    ANSWER = "answer"  # reacts to the brand's statement in the story it answered
    REACTION = "reaction"  # reacts to a live story in the news, or under its #topic#
    WITNESS = "witness"  # the story's first author's update, or a grievance saying "me too"


JOIN_REASON_ZH: dict[JoinReason, str] = {
    JoinReason.SEED: "首发",
    JoinReason.LINK: "转发/回复",
    JoinReason.COPY: "相同文本",
    JoinReason.TOPIC: "同一话题",
    JoinReason.MERGE: "事件合并",
    JoinReason.OUTAGE: "同一故障",
    JoinReason.ANSWER: "回应反响",
    JoinReason.REACTION: "事件反响",
    JoinReason.WITNESS: "亲历者",
}
