"""NFKC of user text, fast for Chinese posts: their only compatibility characters are
mostly full-width ASCII and the ideographic space, which are mapped directly (for a whole
batch at once in numpy); unicodedata does the rest."""

from __future__ import annotations

import unicodedata
from collections.abc import Sequence

# Full-width ASCII and the ideographic space: each NFKC-decomposes to one ASCII character.
_WIDE_FIRST, _WIDE_LAST, _WIDE_SHIFT = 0xFF01, 0xFF5E, 0xFEE0
_NARROW = str.maketrans(
    {chr(c): chr(c - _WIDE_SHIFT) for c in range(_WIDE_FIRST, _WIDE_LAST + 1)} | {"\u3000": " "}
)
_SEP = "\x00"


def nfkc(text: str) -> str:
    """unicodedata.normalize("NFKC", text), in half the time for the common Chinese post
    whose only compatibility characters are full-width punctuation."""
    # Mapping a character to its full decomposition leaves the NFKC form unchanged; when the
    # result is already in NFKC form, it is the NFKC form of the text.
    narrow = text.translate(_NARROW)
    if unicodedata.is_normalized("NFKC", narrow):
        return narrow
    return unicodedata.normalize("NFKC", text)


def nfkc_batch(texts: Sequence[str]) -> list[str]:
    """[nfkc(t) for t in texts], the full-width mapping done once for the batch in numpy
    (str.translate looks up every character in a dict: most of nfkc's time)."""
    if not texts:
        return []
    import numpy as np  # here: commands that only compile expressions start without numpy

    joined = _SEP.join(texts)
    codes = np.frombuffer(joined.encode("utf-32-le", "surrogatepass"), dtype=np.uint32).copy()
    codes[(codes >= _WIDE_FIRST) & (codes <= _WIDE_LAST)] -= _WIDE_SHIFT
    codes[codes == 0x3000] = 0x20
    narrow = codes.tobytes().decode("utf-32-le", "surrogatepass").split(_SEP)
    if len(narrow) != len(texts):  # a text holding the separator itself
        return [nfkc(text) for text in texts]
    return [
        n if unicodedata.is_normalized("NFKC", n) else unicodedata.normalize("NFKC", t)
        for n, t in zip(narrow, texts, strict=True)
    ]
