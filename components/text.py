"""Showing text from the record or a link as text, never as markup or HTML."""

from __future__ import annotations

import re
from urllib.parse import quote, urlsplit

# Every ASCII punctuation character may be backslash-escaped in CommonMark; escaping them all
# also defuses Streamlit's own directives (:red[...], :material/...:) and $math$.
_MD_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+\-.!|<>~:$&\"'=^%@;,/?])")


def md_escape(text: object) -> str:
    """Text made literal for st.markdown: no markup, no HTML, no directives, no line breaks
    turned into structure."""
    value = "" if text is None else str(text)
    value = "".join(ch if ch.isprintable() or ch in "\n\t" else "\ufffd" for ch in value)
    return _MD_SPECIAL.sub(r"\\\1", value).replace("\n", " ")


def safe_href(url: str) -> str | None:
    """An http(s) address ready to sit inside a markdown link, or None if it is not one."""
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.netloc:
        return None
    return quote(url, safe=":/?#@!$&'*+,;=%~-._[]")


def md_link(label: str, url: str) -> str:
    href = safe_href(url)
    return f"[{md_escape(label)}]({href})" if href else md_escape(label)
