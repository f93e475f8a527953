"""What leaves the dashboard as a file: CSV with no formula in any cell, calendars, citations."""

from __future__ import annotations

import csv
import io
import zipfile
from datetime import date

import bibtexparser
import icalendar
import pandas as pd
import pytest

from record.calendar import terms_calendar
from record.cite import bibtex, citation, ris
from record.explore import FORMULA_STARTS, bundle, export_csv, safe_csv
from record.frames import build_frames
from record.life import upcoming_terms
from record.load import load_record
from tests.conftest import FIXTURE_DATA

FORMULAS = ['=HYPERLINK("http://example.invalid","x")', "+1+1", "-2+3", "@SUM(A1)", "\t=1", "＝1+1", " =cmd|' /C calc'!A0"]


def evaluates(cell: str) -> bool:
    """Would a spreadsheet read this cell as a formula?"""
    return cell.lstrip(" ").startswith(FORMULA_STARTS)


@pytest.fixture
def hostile_frames(data_dir):
    """The fixture record with formula-like text in every text field a CSV carries."""
    path = data_dir / "measures" / "sample.yaml"
    text = path.read_text(encoding="utf-8")
    for i, line in enumerate(text.splitlines()):
        for field in ("title:", "summary:", "publisher:", "quote:"):
            if line.strip().startswith(field):
                formula = FORMULAS[i % len(FORMULAS)].replace('"', '\\"')
                text = text.replace(line, line.split(field)[0] + f'{field} "{formula}"', 1)
    text = text.replace("    date: 2020-10-02\n", '    date: 2020-10-02\n    legal_basis: ["=1+2", "@x"]\n    note: "+33 6 12"\n', 1)
    path.write_text(text, encoding="utf-8")
    record = load_record(data_dir)
    assert not [p for p in record.problems if "measure" in p.message and "source" not in p.message], record.problems
    frames = build_frames(record.measures)
    # pandas 3 keeps text as its string dtype: the guard must not depend on `object` columns.
    return frames


def cells(text: str) -> list[str]:
    return [cell for row in csv.reader(io.StringIO(text)) for cell in row]


def test_no_csv_cell_is_a_formula(hostile_frames) -> None:
    m = hostile_frames.measures.copy()
    m["title"] = m["title"].astype("string")
    text = export_csv(m.assign(status="in-force"), hostile_frames.sources)
    found = cells(text)
    assert any(c.startswith("'=HYPERLINK") for c in found), "the hostile title is in the CSV, defused"
    assert [c for c in found if evaluates(c)] == []


def test_the_zips_csv_is_defused_too(hostile_frames) -> None:
    archive = zipfile.ZipFile(io.BytesIO(bundle({"x.csv": export_csv(hostile_frames.measures, hostile_frames.sources)})))
    assert [c for c in cells(archive.read("x.csv").decode()) if evaluates(c)] == []


def test_safe_csv_on_any_dtype() -> None:
    frame = pd.DataFrame({
        "s": pd.Series(FORMULAS, dtype="string"), "o": pd.Series(FORMULAS, dtype=object),
        "c": pd.Series(FORMULAS).astype("category"), "n": range(len(FORMULAS)), "=head": [-1] * len(FORMULAS),
    })
    found = cells(safe_csv(frame))
    assert [c for c in found if evaluates(c)] == ["-1"] * len(FORMULAS), "numbers stay numbers"


def test_terms_calendar_parses_and_holds_the_dates() -> None:
    frames = build_frames(load_record(FIXTURE_DATA).measures)
    terms = upcoming_terms(frames.measures, date(2022, 4, 15))
    titles = dict(zip(frames.measures["id"], frames.measures["title"], strict=True))
    cal = icalendar.Calendar.from_ical(terms_calendar(terms, titles, lambda i: f"https://x.test/measure?id={i}", "2000.01.01"))
    events = [c for c in cal.walk() if c.name == "VEVENT"]
    assert [(e.decoded("dtstart"), str(e["summary"])) for e in events] == [
        (date(2023, 2, 28), "Term ends: EU renews its measures")]
    assert "EU lists 40 officials" in str(events[0]["description"])
    assert str(events[0]["url"]) == "https://x.test/measure?id=eu-2022-02-24-renewal-sample"


def test_bibtex_parses_and_ris_has_its_tags() -> None:
    link = "https://x.test/timeline?country=PL&from=2021-01-01&to=2021-12-31"
    what = "involving Poland; 2021-01-01 to 2021-12-31; all types; all directions"
    text = bibtex("belarus-measures-timeline", "Timeline view {x} & 100%", what, "2026.12.01", link, date(2026, 12, 1))
    library = bibtexparser.parse_string(text)
    assert not library.failed_blocks
    entry = library.entries[0]
    assert entry.entry_type == "misc" and entry["url"] == link and "2026.12.01" in entry["note"]
    assert entry["urldate"] == "2026-12-01"
    lines = ris("Timeline view", what, "2026.12.01", link, date(2026, 12, 1)).split("\r\n")
    tags = [line[:2] for line in lines if line]
    assert tags[0] == "TY" and tags[-1] == "ER"
    for tag in ("TI", "UR", "Y2", "AU"):
        assert tag in tags
    assert f"UR  - {link}" in lines
    plain = citation("Timeline view", what, "2026.12.01", link, date(2026, 12, 1))
    assert link in plain and "2026.12.01" in plain and "accessed 2026-12-01" in plain
