"""Text pipeline for raw citizen messages (pure; no Django).

The same functions run at training and at prediction time, so a model never sees text normalised one way
during training and another way in production:

* :func:`normalise` — Unicode NFKC (full-width letters, digits and punctuation become half-width), HTML tags
  and entities removed, whitespace runs collapsed, Latin letters lower-cased, long digit runs (phone numbers,
  ID numbers, amounts, dates) folded to a placeholder so they do not become thousands of useless features.
* :func:`tokens` — word segmentation with rjieba; text that is *already segmented* (space-separated words,
  as some training corpora are shipped) is split on whitespace instead, so those words are kept as given.
* :func:`compact` — the normalised text without any whitespace, the input of character n-grams; identical
  for raw and pre-segmented text of the same message.
"""

from __future__ import annotations

import html
import re
import unicodedata
from collections.abc import Iterable
from functools import lru_cache

_TAG = re.compile(r"<[^>]{0,200}>")
_ENTITY_NBSP = re.compile(r"&nbsp;?", re.IGNORECASE)
_SPACE = re.compile(r"\s+")
_DIGITS = re.compile(r"\d{3,}")  # 3+ digits: phone / id / amount / year → placeholder; 1–2 digits are kept (A1区)
_URL = re.compile(r"(?:https?://|www\.)\S+", re.IGNORECASE)
_PUNCT_ONLY = re.compile(r"^[\W_]+$")

NUMBER = "0"  # the placeholder for long digit runs
URL = "url"


def normalise(text: str | None) -> str:
    """Clean one raw message: markup, entities, width forms, whitespace, long numbers."""
    if not text:
        return ""
    s = _ENTITY_NBSP.sub(" ", text)
    s = html.unescape(s)
    s = _TAG.sub(" ", s)
    s = unicodedata.normalize("NFKC", s)
    s = _URL.sub(f" {URL} ", s)
    s = _DIGITS.sub(NUMBER, s)
    s = s.lower()
    return _SPACE.sub(" ", s).strip()


_CJK_GAP = re.compile(r"(?<=[\u3000-\u9fff\uff00-\uffef]) +|(?<=[\w]) +(?=[\u3000-\u9fff\uff00-\uffef])")


def desegment(text: str | None) -> str:
    """Undo a pre-segmentation: drop the spaces next to CJK characters, keep those between Latin words."""
    return _CJK_GAP.sub("", normalise(text))


def compact(text: str | None) -> str:
    """The normalised text with all whitespace removed (input of character n-grams)."""
    return _SPACE.sub("", normalise(text))


@lru_cache(maxsize=1)
def _cutter():
    import rjieba

    return rjieba.cut


def tokens(text: str | None, *, segmented: bool = False) -> list[str]:
    """Words of a message, punctuation dropped.

    ``segmented=True`` means the text is already space-separated words (for instance a corpus shipped after
    jieba segmentation); it is then only normalised and split, never re-cut.
    """
    s = normalise(text)
    if not s:
        return []
    parts: Iterable[str] = s.split(" ") if segmented else _cutter()(s)
    return [w for w in (p.strip() for p in parts) if w and not _PUNCT_ONLY.match(w)]


def looks_segmented(texts: Iterable[str], *, sample: int = 200) -> bool:
    """Guess whether a column of Chinese text is pre-segmented: most rows have many single spaces between
    short CJK runs. Raw messages have few spaces."""
    seen = spaces = chars = 0
    for text in texts:
        if seen >= sample:
            break
        s = normalise(text)
        if not s:
            continue
        seen += 1
        spaces += s.count(" ")
        chars += len(s)
    return chars > 0 and spaces / chars > 0.15
