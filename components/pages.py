"""The dashboard's pages: script, title, icon and URL path (a contract: shared links use the paths).
The router, the tests and the benchmark all read this one list."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

APP_PAGES = Path(__file__).resolve().parent.parent / "app_pages"


@dataclass(frozen=True)
class PageSpec:
    script: str
    title: str
    icon: str
    path: str  # "" is the Overview at `/`

    @property
    def file(self) -> Path:
        return APP_PAGES / self.script


PAGES = (
    PageSpec("overview.py", "Overview", ":material/dashboard:", ""),
    PageSpec("timeline.py", "Timeline", ":material/timeline:", "timeline"),
    PageSpec("matrix.py", "Matrix", ":material/grid_on:", "matrix"),
    PageSpec("changes.py", "What changed", ":material/compare_arrows:", "changes"),
    PageSpec("dynamics.py", "Dynamics", ":material/swap_horiz:", "dynamics"),
    PageSpec("article.py", "Article", ":material/article:", "article"),
    PageSpec("explorer.py", "Explorer", ":material/table_rows:", "explorer"),
    PageSpec("measure.py", "Measure", ":material/description:", "measure"),
    PageSpec("about.py", "About", ":material/info:", "about"),
)
