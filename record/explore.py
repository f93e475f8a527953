"""Search and export of a table of measures: what the Explorer shows is what it downloads."""

from __future__ import annotations

import io
import zipfile
from collections import Counter
from typing import Any

import pandas as pd

from record.model import Measure

# The Explorer's table and its CSV hold the same columns: codes beside their labels.
TABLE_COLUMNS = ["date", "actor", "actor_name", "targets_text", "title", "group", "group_label", "type", "type_label",
                 "direction", "in_force", "end", "valid_until", "legal_basis", "id"]
CSV_COLUMNS = [*TABLE_COLUMNS, "summary", "note"]
DATE_COLUMNS = ("date", "in_force", "end", "valid_until")


def search(frame: pd.DataFrame, query: str) -> pd.DataFrame:
    """Rows whose text holds every word of the query (case-insensitive, literal)."""
    words = [w for w in query.lower().split() if w][:20]
    if not words:
        return frame
    mask = pd.Series(True, index=frame.index)
    for word in words:
        mask &= frame["search_text"].str.contains(word, regex=False)
    return frame.loc[mask]


# A spreadsheet runs a cell that starts with one of these as a formula (OWASP's list, with the
# full-width forms some spreadsheets also read, and the tab and returns that can hide one).
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r", "\n", "＝", "＋", "－", "＠")


def defuse(value: object) -> object:
    """Text that a spreadsheet would run as a formula, prefixed with an apostrophe; the rest as is."""
    if isinstance(value, str) and value.lstrip(" ").startswith(FORMULA_STARTS):
        return "'" + value
    return value


def safe_csv(frame: pd.DataFrame) -> str:
    """A CSV in which no cell is a formula, whatever the column's dtype (object, string, category)."""
    out = frame.copy()
    for col in out.columns:
        if not pd.api.types.is_numeric_dtype(out[col]) and not pd.api.types.is_datetime64_any_dtype(out[col]):
            out[col] = out[col].map(defuse).astype(object)
    out.columns = [defuse(str(c)) for c in out.columns]
    buffer = io.StringIO()
    out.to_csv(buffer, index=False)
    return buffer.getvalue()


def export_csv(frame: pd.DataFrame, sources: pd.DataFrame) -> str:
    """One row per measure, its sources' addresses and publishers joined with ' | '; with the
    status column when the table is an as-of view."""
    columns = (["status"] if "status" in frame else []) + CSV_COLUMNS
    out = frame[columns].copy().rename(columns={"targets_text": "targets"})
    for col in DATE_COLUMNS:
        out[col] = out[col].dt.strftime("%Y-%m-%d").fillna("")
    picked = sources[sources["id"].isin(out["id"])]
    joined = picked.groupby("id").agg(
        source_urls=("url", " | ".join), source_publishers=("publisher", " | ".join), source_tiers=("tier", " | ".join)
    )
    return safe_csv(out.join(joined, on="id"))


def export_json(measures: list[Measure], about: dict[str, Any]) -> dict[str, Any]:
    return {**about, "count": len(measures), "measures": [m.model_dump(mode="json") for m in measures]}


def download_readme(about: dict[str, Any], measures: list[Measure], citation: str) -> str:
    """The README that travels with a download: what was filtered, which version, which sources."""
    publishers = Counter(s.publisher for m in measures for s in m.sources)
    tiers = Counter(s.tier for m in measures for s in m.sources)
    lines = [
        "Belarus–EU–Ukraine measures: a download from the dashboard",
        "",
        f"Data version: {about['version']}",
        f"Filters: {about['filters']}",
    ]
    if about.get("asof"):
        lines.append(f"As of: {about['asof']} (status of each standing measure on that day)")
    if about.get("search"):
        lines.append(f"Search: {about['search']}")
    lines += [
        f"Link to this view: {about['link']}",
        f"Measures: {len(measures)}",
        "",
        "Files: the CSV has one row per measure (source addresses joined with ' | '); the JSON has every",
        "field of every record, with each source's publisher, tier and the quote copied from it.",
        "",
        "Sources by tier: " + ", ".join(f"{k} {v}" for k, v in sorted(tiers.items())),
        "Publishers cited most: " + "; ".join(f"{p} ({n})" for p, n in publishers.most_common(12)),
        "",
        "Cite as:",
        citation,
        "",
    ]
    return "\n".join(lines)


def bundle(files: dict[str, str]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, text in files.items():
            archive.writestr(name, text)
    return buffer.getvalue()
