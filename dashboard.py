"""Entrypoint: page set-up, the one filter panel, and the router. Pages live in app_pages/
(not pages/: see README)."""

import streamlit as st

from components.chart import image_format_control
from components.filter_panel import embedded_filters, filter_panel, link_notices
from components.notices import data_problems, dropped_values
from components.pages import PAGES
from components.record_data import filtered, loaded
from components.view import View, publish
from deploy import gcfreeze, nodelay, wakeups
from record.project import DASHBOARD_NAME

# A rerun's messages leave as they are ready, not after the reader's delayed ACK (deploy/nodelay.py).
nodelay.enable()
# One event-loop wake-up per burst of messages, not per message (deploy/wakeups.py).
wakeups.coalesce()
st.set_page_config(page_title=DASHBOARD_NAME, page_icon="⚖️", layout="wide", initial_sidebar_state="auto")
# On a phone the pages and the filters fold into the sidebar behind Streamlit's bare "»": name it.
st.html("<style>[data-testid='stExpandSidebarButton']::after{content:'Pages and filters';margin-left:.4rem;"
        "font-size:.9rem;white-space:nowrap}</style>")

pages = {
    spec.path: st.Page(spec.file, title=spec.title, icon=spec.icon, url_path=spec.path or "overview", default=not spec.path)
    for spec in PAGES
}
# Embedded (`?embed=true`, Streamlit's own switch): no navigation and no panel, the link's view only.
embedded = bool(st.context.is_embedded)
page = st.navigation(list(pages.values()), position="hidden" if embedded else "top")
path = page.url_path  # "" for the Overview, as in PAGES
data = loaded()
if embedded:
    filters = embedded_filters(data, path)
else:
    filters = filter_panel(data, path)
    with st.sidebar:
        image_format_control()
data_problems(data.record)
dropped_values(link_notices(path))
publish(View(data, filters, filtered(data, filters), path, page.title))
page.run()
# What this run imported lasts as long as the process: out of the collector's way (deploy/gcfreeze.py).
gcfreeze.settle()
