"""Chinese for Streamlit's own widget texts: the date picker's calendar names months and weekdays
in the browser's language (navigator.language), so an English browser showed January … December
and S M T W in a Chinese dashboard. The app tells its page the language is zh-CN.

The hint under a box being typed in (「Press Enter to apply」, 「… to submit form」, 「Press
Ctrl+Enter …」 in a text area) is English in every browser: its text is hidden (also from screen
readers) and a Chinese one shown in its place. None of our boxes sets max_chars, whose counter
would share the hint's line."""

from __future__ import annotations

import streamlit as st

LOCALE = "zh-CN"
KEY = "yq-browser-locale"
# Streamlit reads navigator.language each time it draws the app, so from the run after this
# script the calendar reads 十一月, 2026年 and 一 二 三 … 日 (weeks starting on Monday).
SCRIPT = f"""<script>
(function () {{
  if (window.navigator.language === "{LOCALE}") return;
  Object.defineProperty(window.navigator, "language", {{
    get: function () {{ return "{LOCALE}"; }}, configurable: true
  }});
  Object.defineProperty(window.navigator, "languages", {{
    get: function () {{ return ["{LOCALE}", "zh"]; }}, configurable: true
  }});
}})();
</script>"""
# The block and its layout wrapper take no room (the wrapper's flex gap pushed the title down).
_HINT = "[data-testid='InputInstructions'] > span:first-child"
HINTS = {
    "": "按回车键确认",
    "[data-testid='stForm'] ": "按回车键提交",
    "[data-testid='stTextArea'] ": "按 Ctrl（Mac 为 ⌘）+ 回车键确认",
    "[data-testid='stForm'] [data-testid='stTextArea'] ": "按 Ctrl（Mac 为 ⌘）+ 回车键提交",
}
HIDDEN = (
    f"<style>.st-key-{KEY}, [data-testid='stLayoutWrapper']:has(> .st-key-{KEY})"
    " { display: none; }"
    # font-size 0: the hidden English takes no room before the Chinese that follows it.
    f" {_HINT} {{ visibility: hidden; font-size: 0; }}"
    f" {_HINT}::after {{ visibility: visible; font-size: 0.75rem; }}"
    + "".join(f' {scope}{_HINT}::after {{ content: "{text}"; }}' for scope, text in HINTS.items())
    + "</style>"
)


def chinese_widgets() -> None:
    """Make Streamlit's widgets (the date picker's calendar) read Chinese in any browser."""
    st.html(HIDDEN)
    with st.container(key=KEY):
        st.html(SCRIPT, unsafe_allow_javascript=True)
