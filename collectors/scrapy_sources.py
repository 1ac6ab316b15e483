"""The Scrapy-backed source types: options of each mapped onto its spider's settings."""

from __future__ import annotations

from typing import Any

from collectors.keywords import search_terms
from collectors.options import OptionReader
from collectors.scrapy_bridge import ScrapyCollector
from collectors.spiders.forum import PRESETS, REQUIRED_SELECTORS, ForumSpider
from collectors.spiders.heimao import SIGN_KEY as HEIMAO_SIGN_KEY
from collectors.spiders.heimao import HeimaoSpider
from collectors.spiders.rss import RssSpider
from collectors.spiders.tieba import TiebaSpider
from collectors.spiders.weibo_search import WeiboSearchSpider
from collectors.spiders.weibo_user import WeiboUserSpider
from core.context import Context
from core.enums import Channel

WEIBO_LOGIN_URLS = (
    "passport.weibo.com",
    "passport.weibo.cn",
    "login.sina.com.cn",
    "/signin/",
    "/login",
)
BAIDU_LOGIN_URLS = ("wappass.baidu.com", "passport.baidu.com", "/captcha")


class WeiboSearchCollector(ScrapyCollector):
    """weibo_search: options keywords (default: from the plans), cookie, max_pages."""

    type_name = "weibo_search"
    spider_cls = WeiboSearchSpider
    default_base_url = "https://m.weibo.cn"
    block_url_markers = WEIBO_LOGIN_URLS

    @classmethod
    def spider_settings(cls, reader: OptionReader, ctx: Context) -> dict[str, Any]:
        """WEIBO_KEYWORDS from options.keywords or the plans' expressions."""
        keywords = reader.strings("keywords") or search_terms(
            p.expression for p in ctx.config.plans
        )
        if not keywords:
            reader.report(
                "keywords", "缺少搜索关键词：请填写 keywords，或配置带 expression 的监测方案"
            )
        return {"WEIBO_KEYWORDS": keywords}


class WeiboUserCollector(ScrapyCollector):
    """weibo_user: options uids (required), comments (true), comment_pages (2), cookie."""

    type_name = "weibo_user"
    spider_cls = WeiboUserSpider
    default_base_url = "https://m.weibo.cn"
    block_url_markers = WEIBO_LOGIN_URLS

    @classmethod
    def spider_settings(cls, reader: OptionReader, ctx: Context) -> dict[str, Any]:
        """WEIBO_UIDS, WEIBO_COMMENTS, WEIBO_COMMENT_PAGES."""
        uids = reader.strings("uids", required=True)
        if not all(uid.isdigit() for uid in uids):
            reader.report("uids", "微博用户 id 须为数字（weibo.com/u/<uid> 中的数字）")
        return {
            "WEIBO_UIDS": uids,
            "WEIBO_COMMENTS": reader.boolean("comments", True),
            "WEIBO_COMMENT_PAGES": reader.integer("comment_pages", 2, minimum=1),
        }


class TiebaCollector(ScrapyCollector):
    """tieba: options forums and/or keywords, thread_pages (3), lzl (true), lzl_pages (2)."""

    type_name = "tieba"
    spider_cls = TiebaSpider
    default_base_url = "https://tieba.baidu.com"
    block_url_markers = BAIDU_LOGIN_URLS
    block_text_markers = ("百度安全验证", "请输入验证码")

    @classmethod
    def spider_settings(cls, reader: OptionReader, ctx: Context) -> dict[str, Any]:
        """TIEBA_FORUMS, TIEBA_KEYWORDS, TIEBA_THREAD_PAGES, TIEBA_LZL, TIEBA_LZL_PAGES."""
        forums, keywords = reader.strings("forums"), reader.strings("keywords")
        if not forums and not keywords:
            reader.report("forums", "缺少：请填写 forums（贴吧名）和/或 keywords")
        return {
            "TIEBA_FORUMS": forums,
            "TIEBA_KEYWORDS": keywords,
            "TIEBA_THREAD_PAGES": reader.integer("thread_pages", 3, minimum=1),
            "TIEBA_LZL": reader.boolean("lzl", True),
            "TIEBA_LZL_PAGES": reader.integer("lzl_pages", 2, minimum=1),
        }


class ForumCollector(ScrapyCollector):
    """forum: options start_urls (required), preset (discuz), selectors, encoding, thread_pages."""

    type_name = "forum"
    spider_cls = ForumSpider
    default_base_url = ""
    block_url_markers = ("mod=logging&action=login", "/login")
    block_text_markers = ("您需要先登录才能继续本操作", "请输入验证码后继续")

    @classmethod
    def spider_settings(cls, reader: OptionReader, ctx: Context) -> dict[str, Any]:
        """FORUM_START_URLS, FORUM_PRESET, FORUM_SELECTORS, FORUM_ENCODING, FORUM_THREAD_PAGES."""
        preset = reader.string("preset")
        if preset and preset not in PRESETS:
            reader.report("preset", f"未知的预设 {preset!r}（可用：{', '.join(PRESETS)}）")
        selectors = {str(k): str(v) for k, v in reader.mapping("selectors").items()}
        missing = [
            k for k in REQUIRED_SELECTORS if k not in {**PRESETS.get(preset or "", {}), **selectors}
        ]
        if missing:
            reader.report("selectors", f"缺少 {', '.join(missing)}（或使用 preset: discuz）")
        return {
            "FORUM_START_URLS": reader.urls("start_urls", required=True),
            "FORUM_PRESET": preset,
            "FORUM_SELECTORS": selectors,
            "FORUM_ENCODING": reader.encoding("encoding"),
            "FORUM_THREAD_PAGES": reader.integer("thread_pages", 3, minimum=1),
        }


class HeimaoCollector(ScrapyCollector):
    """heimao: options company_ids (黑猫 couid) and/or keywords, sign_key, cookie, max_pages."""

    type_name = "heimao"
    spider_cls = HeimaoSpider
    default_base_url = "https://tousu.sina.com.cn"
    block_url_markers = ("login.sina.com.cn", "passport.weibo")

    @classmethod
    def spider_settings(cls, reader: OptionReader, ctx: Context) -> dict[str, Any]:
        """HEIMAO_COMPANY_IDS, HEIMAO_KEYWORDS, HEIMAO_SIGN_KEY (the site's signing key)."""
        companies, keywords = reader.strings("company_ids"), reader.strings("keywords")
        if not companies and not keywords:
            reader.report(
                "company_ids", "缺少：请填写 company_ids（黑猫投诉的 couid）和/或 keywords"
            )
        return {
            "HEIMAO_COMPANY_IDS": companies,
            "HEIMAO_KEYWORDS": keywords,
            "HEIMAO_SIGN_KEY": reader.string("sign_key", HEIMAO_SIGN_KEY),
        }


class RssCollector(ScrapyCollector):
    """rss: options urls (required; RSS/Atom/RSSHub routes), channel (news), encoding."""

    type_name = "rss"
    spider_cls = RssSpider
    default_base_url = ""

    @classmethod
    def spider_settings(cls, reader: OptionReader, ctx: Context) -> dict[str, Any]:
        """RSS_URLS, RSS_CHANNEL, RSS_ENCODING."""
        channel = reader.string("channel", Channel.NEWS.value) or Channel.NEWS.value
        if channel not in {c.value for c in Channel}:
            reader.report(
                "channel", f"未知的频道 {channel!r}（可用：{', '.join(c.value for c in Channel)}）"
            )
        return {
            "RSS_URLS": reader.urls("urls", required=True),
            "RSS_CHANNEL": channel,
            "RSS_ENCODING": reader.encoding("encoding"),
        }
