"""The one filter panel of every page, kept in the URL under the names of PRODUCT.md.

Streamlit's `bind="query-params"` writes a multiselect's *displayed* label into the URL
("Poland (PL)"), while the link contract says `country=PL`; so the panel keeps the URL in
step itself: a link seeds the widgets on a session's first run (or when it is edited), and
every change of a widget rewrites the five parameters.
"""

from __future__ import annotations

import streamlit as st

from components.record_data import Loaded
from components.text import md_escape
from record.actors import actor_label
from record.filters import DATE_MAX, DATE_MIN, PARAMS, Filters, as_params, decode, encode
from record.taxonomy import DIRECTIONS, GROUPS

KEYS = {"country": "f_country", "from": "f_from", "to": "f_to", "type": "f_type", "direction": "f_direction"}
# Parameters that belong to one page (not filters); the panel leaves them alone.
PAGE_PARAMS = ("measure", "asof", "q", "view", "chain")


def _url_params() -> dict[str, list[str]]:
    qp = st.query_params
    return {k: qp.get_all(k) for k in qp}


def _seed(filters: Filters) -> None:
    st.session_state[KEYS["country"]] = list(filters.countries)
    st.session_state[KEYS["from"]] = filters.start
    st.session_state[KEYS["to"]] = filters.end
    st.session_state[KEYS["type"]] = list(filters.groups)
    st.session_state[KEYS["direction"]] = list(filters.directions)


def _reset(defaults: Filters) -> None:
    _seed(defaults)
    st.session_state["_f_notices"] = []


def filter_panel(data: Loaded) -> Filters:
    """Draw the panel in the sidebar and return the filters it shows."""
    defaults = data.defaults
    params = _url_params()
    ours = {k: v for k, v in params.items() if k in PARAMS}
    first_run = KEYS["from"] not in st.session_state
    if first_run or (ours and ours != st.session_state.get("_f_written")):
        decoded = decode({k: v for k, v in params.items() if k not in PAGE_PARAMS}, defaults, data.countries)
        _seed(decoded.filters)
        st.session_state["_f_notices"] = decoded.notices

    with st.sidebar:
        st.markdown("**Filters**")
        countries = st.multiselect(
            "Countries", data.countries, key=KEYS["country"], format_func=actor_label,
            placeholder="All countries",
            help="A measure matches when its actor or one of its targets is chosen.",
        )
        start = st.date_input("From", key=KEYS["from"], min_value=DATE_MIN, max_value=DATE_MAX, format="YYYY-MM-DD")
        end = st.date_input("To", key=KEYS["to"], min_value=DATE_MIN, max_value=DATE_MAX, format="YYYY-MM-DD")
        groups = st.multiselect(
            "Type groups", list(GROUPS), key=KEYS["type"], format_func=lambda g: GROUPS[g].label,
            placeholder="All types",
        )
        directions = st.multiselect(
            "Direction", list(DIRECTIONS), key=KEYS["direction"], format_func=DIRECTIONS.__getitem__,
            placeholder="All directions",
        )
        st.button("Reset filters", on_click=_reset, args=(defaults,), key="f_reset", width="stretch")
        if start > end:
            st.warning("“From” is after “To”: the two dates are read the other way round.")
            start, end = end, start

    filters = Filters(
        start=start, end=end, countries=tuple(countries), groups=tuple(groups), directions=tuple(directions)
    )
    wanted = as_params(encode(filters, defaults))
    if wanted != ours:
        for key in PARAMS:
            if key in wanted:
                st.query_params[key] = wanted[key]
            elif key in st.query_params:
                del st.query_params[key]
    st.session_state["_f_written"] = wanted
    return filters


def link_notices() -> None:
    """Say which values of the opened link were dropped, while its view is still shown."""
    notices = st.session_state.get("_f_notices", [])
    if notices:
        st.warning("Some values in this link were not valid and were dropped:\n\n" + "\n".join(
            f"- {md_escape(n)}" for n in notices[:12]
        ), icon=":material/warning:")

