"""Login state of the browser sources as an operator gives it: `yuqing check` reads the cookies
file (missing, malformed, all expired, a pasted Cookie header) and the profile dir. No browser
needed."""

from __future__ import annotations

import json
from datetime import timedelta

from collectors.browser.collector import cookie_domain
from collectors.browser.cookies import load_cookies
from collectors.checks import problems
from tests.collectors.conftest import NOW


def cookie_editor(name: str, expires: float | None) -> list[dict[str, object]]:
    """One cookie the way the Cookie-Editor extension exports it."""
    row: dict[str, object] = {
        "domain": ".xiaohongshu.com", "hostOnly": False, "httpOnly": True, "name": name,
        "path": "/", "sameSite": "unspecified", "secure": True, "storeId": "0", "value": "040069",
        "session": expires is None,
    }  # fmt: skip
    if expires is not None:
        row["expirationDate"] = expires
    return [row]


def xhs(options: dict[str, object]) -> dict[str, object]:
    """A 小红书 source with these options."""
    return {"name": "xhs", "type": "xiaohongshu", "options": {"keywords": ["鲜味坊"], **options}}


def test_check_reports_unusable_login_state(make_ctx, tmp_path):
    expired = tmp_path / "expired.json"
    expired.write_text(json.dumps(cookie_editor("web_session", NOW.timestamp() - 3600)), "utf-8")
    broken = tmp_path / "broken.json"
    broken.write_text('[{"name": "web_session",, }]', "utf-8")
    sources = [
        {**xhs({"cookies_file": str(tmp_path / "nope.json")}), "name": "missing"},
        {**xhs({"cookies_file": str(broken)}), "name": "broken"},
        {**xhs({"cookies_file": str(expired)}), "name": "expired"},
        {**xhs({"profile_dir": str(tmp_path / "no-profile")}), "name": "noprofile"},
    ]
    found = problems(make_ctx(sources))

    assert len(found) == 4, found
    missing, bad, old, profile = found
    assert missing.startswith("sources[missing].options.cookies_file") and "文件不存在" in missing
    assert "No such file" not in missing
    assert bad.startswith("sources[broken].options.cookies_file") and "不是有效的 JSON" in bad
    assert old.startswith("sources[expired].options.cookies_file")
    assert "web_session 已于 2026-11-23 16:30 过期" in old and "重新登录小红书" in old  # UTC+8
    assert profile.startswith("sources[noprofile].options.profile_dir") and "不存在" in profile


def test_check_accepts_live_and_session_cookies_and_expiry_with_another_login(make_ctx, tmp_path):
    live = tmp_path / "live.json"
    rows = cookie_editor("web_session", (NOW + timedelta(days=30)).timestamp())
    rows += cookie_editor("a1", None)
    live.write_text(json.dumps(rows), "utf-8")
    expired = tmp_path / "expired.json"
    expired.write_text(json.dumps(cookie_editor("web_session", NOW.timestamp() - 60)), "utf-8")
    sources = [
        {**xhs({"cookies_file": str(live)}), "name": "live"},
        # the attached browser holds its own login: an old cookies file does not stop it
        {**xhs({"cookies_file": str(expired), "cdp_url": "http://127.0.0.1:9222"}), "name": "cdp"},
    ]
    assert problems(make_ctx(sources)) == []


def test_a_pasted_cookie_header_is_a_cookies_file(make_ctx, tmp_path):
    header = tmp_path / "cookie.txt"
    header.write_text("Cookie: web_session=040069abc; a1=18c2f; webId=ab12\n", "utf-8")
    assert problems(make_ctx([xhs({"cookies_file": str(header)})])) == []
    cookies = load_cookies(header, "w", cookie_domain("https://www.xiaohongshu.com"))
    assert [(c["name"], c["value"], c["domain"]) for c in cookies] == [
        ("web_session", "040069abc", ".xiaohongshu.com"),
        ("a1", "18c2f", ".xiaohongshu.com"),
        ("webId", "ab12", ".xiaohongshu.com"),
    ]
    assert cookie_domain("http://127.0.0.1:8001") == "127.0.0.1"

    garbage = tmp_path / "garbage.txt"
    garbage.write_text("请把 cookie 粘贴在这里\n", "utf-8")
    (problem,) = problems(make_ctx([xhs({"cookies_file": str(garbage)})]))
    assert (
        "没有可用的 cookie" in problem and "Cookie-Editor" in problem and "cookies.txt" in problem
    )


def test_check_names_the_login_cookie_a_cookies_file_lacks_or_lost(make_ctx, tmp_path):
    later = (NOW + timedelta(days=30)).timestamp()
    other_site = tmp_path / "weibo.json"  # exported on the wrong site: no web_session in it
    other_site.write_text(json.dumps(cookie_editor("SUB", later)), "utf-8")
    stale = tmp_path / "stale.json"  # tracking cookies live on, the session itself expired
    stale.write_text(
        json.dumps(cookie_editor("web_session", NOW.timestamp() - 60) + cookie_editor("a1", later)),
        "utf-8",
    )
    sources = [
        {**xhs({"cookies_file": str(other_site)}), "name": "wrong"},
        {**xhs({"cookies_file": str(stale)}), "name": "stale"},
    ]
    wrong, old = problems(make_ctx(sources))

    assert wrong.startswith("sources[wrong].options.cookies_file")
    assert "没有小红书的登录 cookie web_session" in wrong and "先在浏览器中登录小红书" in wrong
    assert old.startswith("sources[stale].options.cookies_file")
    assert "登录 cookie web_session 已于 2026-11-23 17:29 过期" in old
