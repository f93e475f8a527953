"""The one filter panel of every page, kept in the URL under the names of PRODUCT.md.

Streamlit's `bind="query-params"` writes a multiselect's *displayed* label into the URL
("Poland (PL)"), while the link contract says `country=PL`; so the panel keeps the URL in
step itself, in three steps: `seed_from_link` (a link seeds the widgets on a session's first
run, or when it is edited), `draw_panel` (the widgets), `write_link` (every change rewrites
the filter parameters, and retires the notices about the link that was opened).
"""

from __future__ import annotations

import streamlit as st
from streamlit.runtime.scriptrunner import get_script_run_ctx

from components.record_data import Loaded
from record.actors import actor_label
from record.filters import DATE_MAX, DATE_MIN, Filters
from record.link import FILTER_PARAMS, as_params, decode, encode
from record.taxonomy import DIRECTIONS, GROUPS

KEYS = {"country": "f_country", "actor": "f_actor", "target": "f_target", "from": "f_from", "to": "f_to",
        "type": "f_type", "direction": "f_direction"}
NOTICES = "_f_notices"
WRITTEN = "_f_written"
NOTICE_PAGE = "_f_notice_page"
RESET_RAN = "_f_reset_ran"
RESET_PENDING = "_f_reset_pending"


def url_params() -> dict[str, list[str]]:
    qp = st.query_params
    return {k: qp.get_all(k) for k in qp}


def _seed(filters: Filters) -> None:
    state = st.session_state
    state[KEYS["country"]] = list(filters.countries)
    state[KEYS["actor"]] = list(filters.actors)
    state[KEYS["target"]] = list(filters.targets)
    state[KEYS["from"]] = filters.start
    state[KEYS["to"]] = filters.end
    state[KEYS["type"]] = list(filters.groups)
    state[KEYS["direction"]] = list(filters.directions)


def reset_filters(defaults: Filters) -> None:
    _seed(defaults)
    st.session_state[NOTICES] = []


def _reset_clicked(defaults: Filters) -> None:
    reset_filters(defaults)
    st.session_state[RESET_RAN] = True


def _client_shows_panel() -> bool:
    """True when this run's request carries the panel's widget values although this session has
    never drawn them: a page drawn by another process that stopped (nginx moved the reader here,
    README: Past one process). Those values are the view the reader sees and just changed, newer
    than the link, which the server could not rewrite after the click. Streamlit has no public
    call for the values a request carries, so this reads them where its SessionState keeps them
    (1.67: keyed widgets' ids end with "-" and their key); if that changes, it is False, and the
    link seeds the panel as on any first run."""
    try:
        states = get_script_run_ctx().session_state._state._new_widget_state.states
    except AttributeError:
        return False
    suffix = "-" + KEYS["from"]
    return any(isinstance(wid, str) and wid.endswith(suffix) for wid in states)


def _apply_period(data: Loaded) -> None:
    key = st.session_state.get("f_period")
    if key in data.periods:
        _, start, end = data.periods[key]
        st.session_state[KEYS["from"]], st.session_state[KEYS["to"]] = start, end


def seed_from_link(data: Loaded, page: str) -> None:
    """On a session's first run, or when the reader edited the link: widgets take the link's values."""
    if st.session_state.pop(RESET_PENDING, False):
        reset_filters(data.defaults)  # a click on "Reset filters" that its callback did not see
        return
    if KEYS["from"] not in st.session_state and _client_shows_panel():
        return  # the widgets keep the reader's values; write_link puts them in the link
    params = url_params()
    ours = {k: v for k, v in params.items() if k in FILTER_PARAMS}
    if KEYS["from"] not in st.session_state or (ours and ours != st.session_state.get(WRITTEN)):
        decoded = decode(params, data.defaults, data.countries)
        _seed(decoded.filters)
        st.session_state[NOTICES] = decoded.notices
        st.session_state[NOTICE_PAGE] = page
        st.session_state[WRITTEN] = as_params(encode(decoded.filters))


def draw_panel(data: Loaded) -> Filters:
    """The widgets, in the sidebar; returns the filters they show."""
    with st.sidebar:
        st.markdown("**Filters**")
        countries = st.multiselect(
            "Countries (either side)", data.countries, key=KEYS["country"], format_func=actor_label,
            placeholder="All countries", help="A measure matches when its actor or one of its targets is chosen.",
        )
        actors = st.multiselect(
            "Who acted", data.countries, key=KEYS["actor"], format_func=actor_label, placeholder="Any actor",
            help="Only measures taken by these countries or blocs (link: actor=).",
        )
        targets = st.multiselect(
            "Who was targeted", data.countries, key=KEYS["target"], format_func=actor_label, placeholder="Any target",
            help="Only measures aimed at these countries or blocs (link: target=).",
        )
        current = (st.session_state.get(KEYS["from"]), st.session_state.get(KEYS["to"]))
        st.session_state["f_period"] = next((k for k, (_, a, b) in data.periods.items() if (a, b) == current), None)
        st.pills("Period", list(data.periods), key="f_period", format_func=lambda k: data.periods[k][0],
                 on_change=_apply_period, args=(data,))
        start = st.date_input("From", key=KEYS["from"], min_value=DATE_MIN, max_value=DATE_MAX, format="YYYY-MM-DD")
        end = st.date_input("To", key=KEYS["to"], min_value=DATE_MIN, max_value=DATE_MAX, format="YYYY-MM-DD")
        groups = st.multiselect(
            "Type groups", list(GROUPS), key=KEYS["type"], format_func=lambda g: GROUPS[g].label, placeholder="All types",
        )
        directions = st.multiselect(
            "Direction", list(DIRECTIONS), key=KEYS["direction"], format_func=DIRECTIONS.__getitem__,
            placeholder="All directions",
        )
        pressed = st.button("Reset filters", on_click=_reset_clicked, args=(data.defaults,), key="f_reset", width="stretch")
        if pressed and not st.session_state.pop(RESET_RAN, False):
            # Pressed on a page another process drew: this session never registered the callback.
            # The widgets above are drawn, so the reset happens at the start of one more run.
            st.session_state[RESET_PENDING] = True
            st.rerun()
        if start > end:
            st.warning("“From” is after “To”: the two dates are read the other way round.")
            start, end = end, start
    return Filters(start=start, end=end, countries=tuple(countries), actors=tuple(actors), targets=tuple(targets),
                   groups=tuple(groups), directions=tuple(directions))


def write_link(filters: Filters) -> None:
    """Keep the URL's filter parameters equal to the panel; a change retires the link's notices."""
    wanted = as_params(encode(filters))
    if wanted != st.session_state.get(WRITTEN):
        st.session_state[NOTICES] = []
    ours = {k: v for k, v in url_params().items() if k in FILTER_PARAMS}
    if wanted != ours:
        for key in FILTER_PARAMS:
            if key in wanted:
                st.query_params[key] = wanted[key]
            elif key in st.query_params:
                del st.query_params[key]
    st.session_state[WRITTEN] = wanted


def filter_panel(data: Loaded, page: str) -> Filters:
    """The filters of this run, from the link or the panel, written back into the link."""
    seed_from_link(data, page)
    filters = draw_panel(data)
    write_link(filters)
    return filters


def embedded_filters(data: Loaded, page: str) -> Filters:
    """An embedded view (`?embed=true`) has no panel: its filters are the link's, as they stand."""
    seed_from_link(data, page)
    state = st.session_state
    start, end = state[KEYS["from"]], state[KEYS["to"]]
    return Filters(start=min(start, end), end=max(start, end), countries=tuple(state[KEYS["country"]]),
                   actors=tuple(state[KEYS["actor"]]), targets=tuple(state[KEYS["target"]]),
                   groups=tuple(state[KEYS["type"]]), directions=tuple(state[KEYS["direction"]]))


def link_notices(page: str) -> list[str]:
    """The notices about the opened link's dropped values, while its view is still shown: on the
    page it opened, until a filter is changed."""
    if st.session_state.get(NOTICE_PAGE) != page:
        st.session_state[NOTICES] = []
    return st.session_state.get(NOTICES, [])
