"""Showing text from the record or a link as text, never as markup or HTML."""

from __future__ import annotations

import re
from functools import lru_cache
from urllib.parse import quote, urlsplit

# Every ASCII punctuation character may be backslash-escaped in CommonMark; escaping them all
# also defuses Streamlit's own directives (:red[...], :material/...:) and $math$.
_MD_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+\-.!|<>~:$&\"'=^%@;,/?])")


def md_escape(text: object) -> str:
    """Text made literal for st.markdown: no markup, no HTML, no directives, no line breaks
    turned into structure."""
    value = "" if text is None else str(text)
    return _escaped(value) if len(value) <= _CACHED_LENGTH else _escape(value)


# The record's texts are escaped on every rerun of every page: each distinct one once is enough.
# Bounded in count and in length (text from a link can be anything): 16,384 texts of at most
# 600 characters; longer ones (a few summaries) are escaped each time.
_CACHED_LENGTH = 600


def _escape(value: str) -> str:
    value = "".join(ch if ch.isprintable() or ch in "\n\t" else "\ufffd" for ch in value)
    return _MD_SPECIAL.sub(r"\\\1", value).replace("\n", " ")


_escaped = lru_cache(maxsize=16384)(_escape)


def safe_href(url: str) -> str | None:
    """An http(s) address ready to sit inside a markdown link, or None if it is not one."""
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.netloc:
        return None
    return quote(url, safe=":/?#@!$&'*+,;=%~-._[]")


def md_link(label: str, url: str) -> str:
    href = safe_href(url)
    return f"[{md_escape(label)}]({href})" if href else md_escape(label)
