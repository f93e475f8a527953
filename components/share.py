"""“Share or cite this view”: the pinned link and what it shows, citations (plain, BibTeX, RIS)
and an iframe snippet for embedding."""

from __future__ import annotations

import html
from collections.abc import Sequence

import streamlit as st

from components.links import absolute_url
from components.text import md_escape, md_link
from components.view import current
from record.cite import accessed_today, bibtex, citation, describe_filters, ris
from record.project import DASHBOARD_NAME

PAGE_PARAM_WORDS = {"asof": "as of {}", "measure": "measure {}", "id": "measure {}", "view": "tab {}", "chain": "chain from {}",
                    "q": "search “{}”", "events": "context events {}", "since": "changes since version {}", "show": "shown as {}"}


def view_words(filters, extra: Sequence[tuple[str, str]]) -> str:
    words = [describe_filters(filters)]
    words += [PAGE_PARAM_WORDS.get(k, k + " {}").format(v) for k, v in extra]
    return "; ".join(words)


def share_view(extra: Sequence[tuple[str, str]] | None = None, *, title: str | None = None, key: str = "view") -> None:
    """The share block of a page. `extra`: the page's own parameters; `title`: what is cited
    (the page title unless given)."""
    view = current()
    extra = list(extra or [])
    link = absolute_url(view.page, view.filters, extra)
    version = view.data.record.version
    what = view_words(view.filters, extra)
    name = title or f"{view.page_title} view"
    accessed = accessed_today()
    if st.context.is_embedded:
        st.markdown(f"{md_link('Open the full view ↗', link)} · {md_escape(DASHBOARD_NAME)}, data version {md_escape(version)}")
        return
    # A popover, not an expander: its content (and the code viewer behind its copy buttons) is
    # drawn only when opened, so the share block costs a page nothing until it is used.
    with st.popover("Share or cite this view", icon=":material/link:"):
        st.markdown(f"**This link shows:** {md_escape(view.page_title)} — {md_escape(what)}; data version "
                    f"{md_escape(version)}. It carries the period, so it shows the same view when the record grows.")
        st.code(link, language=None, wrap_lines=True)
        st.markdown("**Cite**")
        st.code(citation(name, what, version, link, accessed), language=None, wrap_lines=True)
        stem = f"belarus-measures-{view.page or 'overview'}-{version}"
        bib = bibtex(f"belarus-measures-{view.page or 'overview'}-{version}", name, what, version, link, accessed)
        ris_text = ris(name, what, version, link, accessed)
        with st.expander("BibTeX and RIS"):
            st.code(bib, language="latex", wrap_lines=True)
            st.code(ris_text, language=None, wrap_lines=True)
            c1, c2 = st.columns(2)
            c1.download_button("BibTeX", bib, file_name=f"{stem}.bib", mime="application/x-bibtex", key=f"bib_{key}",
                               on_click="ignore", icon=":material/download:", width="stretch")
            c2.download_button("RIS", ris_text, file_name=f"{stem}.ris", mime="application/x-research-info-systems",
                               key=f"ris_{key}", on_click="ignore", icon=":material/download:", width="stretch")
        st.markdown("**Embed** (compact view, no sidebar)")
        snippet = (f'<iframe src="{html.escape(link + "&embed=true")}" width="100%" height="640" style="border:0" '
                   f'title="{html.escape(name + " — " + what)}" loading="lazy"></iframe>')
        st.code(snippet, language="html", wrap_lines=True)
