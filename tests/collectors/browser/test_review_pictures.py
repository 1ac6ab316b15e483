"""Posts and comments of pictures only, on each platform through a real headless Chromium: kept
as [图片] with their picture URLs in media (never dropped, never without the pictures)."""

from __future__ import annotations

import json
from collections.abc import Callable
from datetime import timedelta
from typing import Any

import pytest

from collectors.runner import run_source
from collectors.state import SourceStatus
from tests.collectors.browser.review_kit import COMMENT_API, source
from tests.collectors.browser_site import Reply, Request, json_reply
from tests.collectors.conftest import NOW, indexed, source_of

pytestmark = pytest.mark.browser

AT = int((NOW - timedelta(minutes=10)).timestamp())
PICTURE = {
    "xiaohongshu": "http://sns-webpic-qc.xhscdn.com/202611/c1.jpg",
    "douyin": "https://p3-sign.douyinpic.com/tos-cn-i/c1.jpeg",
    "bilibili": "https://i0.hdslb.com/bfs/new_dyn/c1.jpg",
    "zhihu": "https://pic1.zhimg.com/v2-c1_r.jpg",
}
PICTURE_ONLY: dict[str, tuple[str, Callable[[dict[str, Any]], None]]] = {
    "xiaohongshu": (
        "6650c3d4000000000c000077",
        lambda body: body["data"]["comments"].append({
            "id": "6650c3d4000000000c000077", "content": "", "create_time": AT * 1000,
            "ip_location": "湖南", "user_info": {"user_id": "u-p", "nickname": "晒图党"},
            "pictures": [{"height": 1080, "width": 1440, "url_pre": PICTURE["xiaohongshu"],
                          "url_default": PICTURE["xiaohongshu"]}],
            "sub_comments": [],
        }),
    ),
    "douyin": (
        "7410000000000000077",
        lambda body: body["comments"].append({
            "cid": "7410000000000000077", "text": "", "create_time": AT, "reply_id": "0",
            "user": {"uid": "9", "nickname": "晒图党"}, "ip_label": "湖南",
            "image_list": [{"origin_url": {"url_list": [PICTURE["douyin"]]}}],
        }),
    ),
    "bilibili": (
        "2500000077",
        lambda body: body["data"]["replies"].append({
            "rpid": 2500000077, "parent": 0, "ctime": AT, "like": 0, "rcount": 0,
            "member": {"mid": "9", "uname": "晒图党", "official_verify": {"type": -1}},
            "content": {"message": "", "pictures": [{"img_src": PICTURE["bilibili"]}]},
            "reply_control": {"location": "IP属地：湖南"},
        }),
    ),
    "zhihu": (
        "1100000077",
        lambda body: body["data"].append({
            "id": "1100000077", "type": "comment", "created_time": AT, "like_count": 0,
            "content": f'<p><img src="data:image/svg+xml;utf8,x" '
                       f'data-original="{PICTURE["zhihu"]}"></p>',
            "author": {"id": "m9", "name": "晒图党"}, "reply_comment_id": "0",
            "comment_tag": [{"type": "ip_info", "text": "IP 属地湖南"}],
        }),
    ),
}  # fmt: skip


@pytest.mark.parametrize("platform", sorted(PICTURE_ONLY))
def test_a_comment_of_pictures_only_keeps_its_pictures(
    platform, sites, cdp_url, make_ctx, tmp_path
):
    comment_id, add = PICTURE_ONLY[platform]
    first: dict[str, str] = {}

    def hook(request: Request, original: Callable[[], Reply]) -> Reply | None:
        if COMMENT_API[platform] not in request.path:
            return None
        raw = original().body
        if first["id"] not in str(raw):
            return None
        body = json.loads(raw)
        add(body)
        return json_reply(body)

    site = sites(platform, hook)
    first["id"] = site.posts[0].comments[0].id
    ctx = make_ctx([source(platform, site, cdp_url, tmp_path)])
    run = run_source(ctx, source_of(ctx, platform))

    assert run.status == SourceStatus.OK, (run.error, run.warnings)
    found = indexed(ctx, platform)
    picture = found[comment_id]
    assert picture.text == "[图片]" and picture.media == [PICTURE[platform]]
    assert picture.reply_to == site.posts[0].id


def test_a_note_of_pictures_only_keeps_its_pictures(sites, cdp_url, make_ctx, tmp_path):
    def hook(request: Request, original: Callable[[], Reply]) -> Reply | None:
        if request.path != "/api/sns/web/v1/feed":
            return None
        body = json.loads(original().body)
        card = body["data"]["items"][0]["note_card"]
        card.update(title="", desc="")
        card["image_list"] = [
            {"url_pre": "http://sns-webpic-qc.xhscdn.com/202611/n1.jpg!pre",
             "url_default": "http://sns-webpic-qc.xhscdn.com/202611/n1.jpg"},
            {"info_list": [{"image_scene": "WB_DFT",
                            "url": "http://sns-webpic-qc.xhscdn.com/202611/n2.jpg"}]},
        ]  # fmt: skip
        return json_reply(body)

    site = sites("xiaohongshu", hook)
    ctx = make_ctx([source("xiaohongshu", site, cdp_url, tmp_path)])
    run = run_source(ctx, source_of(ctx, "xiaohongshu"))

    assert run.status == SourceStatus.OK, (run.error, run.warnings)
    note = indexed(ctx, "xiaohongshu")[site.posts[0].id]
    assert note.text == "[图片]"
    assert note.media == [
        "http://sns-webpic-qc.xhscdn.com/202611/n1.jpg",
        "http://sns-webpic-qc.xhscdn.com/202611/n2.jpg",
    ]
