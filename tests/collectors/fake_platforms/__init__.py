"""Fake 小红书 / 抖音 / B站 / 知乎 sites: real page and API paths, JSON shaped like the real one."""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any

from tests.collectors.browser_site import (
    FakeComment,
    FakePost,
    FakeSite,
    Reply,
    Request,
)

CAPTCHA_PAGE = "<html><head><title>安全验证</title></head><body>请拖动滑块完成验证</body></html>"


def world(now: datetime, post_id: Any, comment_id: Any) -> list[FakePost]:
    """Three posts: two in the back-fill window (4 + 1 comments), one five days old."""
    hour, minute, day = timedelta(hours=1), timedelta(minutes=1), timedelta(days=1)
    reply = FakeComment(
        comment_id(2), "同样遇到过，退款拖了一周", now - 50 * minute, "阿珍", "香港"
    )
    first = [
        FakeComment(
            comment_id(1), "鲜味坊外卖吃出头发，客服不理", now - hour, "小王", "广东", [reply]
        ),
        FakeComment(comment_id(3), "门店卫生堪忧，建议避雷", now - 40 * minute, "李四", "北京"),
        FakeComment(comment_id(4), "包装破损漏汤，差评", now - 30 * minute, "赵六", "上海"),
    ]
    second = [
        FakeComment(comment_id(5), "服务确实一般，等位太久", now - 3 * hour, "路人甲", "浙江")
    ]
    old = [FakeComment(comment_id(6), "那时候还不错", now - 4 * day, "老粉", "江苏")]
    return [
        FakePost(
            post_id(1), "鲜味坊避雷", "鲜味坊的酸菜鱼有异味，肚子疼了一晚", now - 2 * hour,
            "吃货小张", 12000, first,
        ),
        FakePost(
            post_id(2), "鲜味坊新店体验", "排队一小时，服务员态度差", now - 5 * hour,
            "探店达人", 880, second,
        ),
        FakePost(
            post_id(3), "鲜味坊老店", "三年前的老帖子，评价还行", now - 5 * day, "老用户", 10, old
        ),
    ]  # fmt: skip


def seconds(moment: datetime) -> int:
    """Epoch seconds."""
    return int(moment.timestamp())


class PlatformSite(FakeSite):
    """Shared routing: captcha redirect, signature check, login check, failing comment pages."""

    fail_comments: tuple[str, int] | None = None  # (post id, comment page) answered with 500

    def comment_slice(self, post: FakePost, page_no: int) -> tuple[list[FakeComment], bool]:
        """Top comments of one comment page, and whether more follow."""
        start = (page_no - 1) * self.page_size
        return post.comments[start : start + self.page_size], start + self.page_size < len(
            post.comments
        )

    def failing(self, post: FakePost, page_no: int) -> bool:
        """True when this comment page is set to fail."""
        return self.fail_comments == (post.id, page_no)

    def api(
        self, request: Request, message: str, refused: Reply, logged_out: Reply
    ) -> Reply | None:
        """A refusal for unsigned or logged-out calls, else None (go on)."""
        if not self.signed_ok(request, message):
            return refused
        if not self.logged_in(request):
            return logged_out
        return None


class QuerySignedSite(PlatformSite):
    """Sites whose pages append the signature as the last query parameter (a_bogus, w_rid)."""

    sign_param = "a_bogus"

    def expected_signature(self, request: Request) -> str | None:
        """The last query parameter."""
        return request.query.get(self.sign_param)

    def unsigned(self, request: Request) -> str:
        """The request path and query as the page signed it (before the signature)."""
        return request.raw_path.rsplit(f"&{self.sign_param}=", 1)[0]
