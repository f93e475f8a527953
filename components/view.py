"""What the frame computed for this run (record, filters, filtered rows), handed to the page."""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd
import streamlit as st

from components.record_data import Loaded
from record.filters import Filters
from record.model import Measure

_KEY = "_current_view"


@dataclass(frozen=True)
class View:
    """`page`: the page's URL path ("" for the Overview); `rows`: the measures the filters select."""

    data: Loaded
    filters: Filters
    rows: pd.DataFrame
    page: str
    page_title: str

    @property
    def measures(self) -> dict[str, Measure]:
        return self.data.measures_by_id


def publish(view: View) -> None:
    st.session_state[_KEY] = view


def current() -> View:
    """The view of this run; the entrypoint publishes it before the page runs."""
    return st.session_state[_KEY]
