"""User text inside Streamlit markdown: shown as typed, never as markup (links, images, colours)."""

from __future__ import annotations

from core.escaping import streamlit_text


def plain(text: str) -> str:
    """text for st.markdown/captions/labels, escaped by the one Streamlit escaper."""
    return streamlit_text(" ".join(text.split()))
