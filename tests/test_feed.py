"""The Atom feed of the data's changes, the correction link and the project facts."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import feedparser
import httpx
import pytest
import yaml

from record.corrections import RECORD_FIELD, TEMPLATE, correction_url
from record.feed import FEED_FILE, feed_xml
from record.load import load_record
from record.project import FEED_PATH, PUBLIC_URL
from tests.browser import streamlit_server
from tests.conftest import ROOT, write
from tests.test_history import VERSIONS


def listed(record) -> int:
    """Feed entries the changelog calls for: one per listed id of a measure in the record, and one
    per withdrawn id (the earlier entries of a withdrawn measure are not repeated)."""
    present = {m.id for m in record.measures}
    ids = [mid for e in record.changelog for mid in (*e.added, *(c.id for c in e.changed), *e.ended)]
    return sum(mid in present for mid in ids) + sum(len(e.withdrawn) for e in record.changelog)


def test_committed_feed_is_up_to_date() -> None:
    record = load_record()
    assert FEED_FILE.exists(), "static/feed.xml is missing: run `make feed` and commit it"
    assert FEED_FILE.read_bytes() == feed_xml(record), "static/feed.xml is stale: run `make feed` and commit it"


def test_committed_feed_parses_with_one_entry_per_listed_change() -> None:
    record = load_record()
    parsed = feedparser.parse(FEED_FILE.read_bytes())
    assert not parsed.bozo, parsed.get("bozo_exception")
    assert len(parsed.entries) == listed(record) > 0
    ids = {m.id for m in record.measures}
    withdrawn = [e for e in parsed.entries if e.title.startswith("Withdrawn: ")]
    assert len(withdrawn) == sum(len(e.withdrawn) for e in record.changelog)
    assert all(e.link == f"{PUBLIC_URL}/about" for e in withdrawn)
    links = {e.link for e in parsed.entries if e not in withdrawn}
    assert all(link.startswith(f"{PUBLIC_URL}/measure?id=") for link in links)
    assert {link.split("id=", 1)[1] for link in links} <= ids
    assert len({e.id for e in parsed.entries}) == len(parsed.entries), "entry ids are unique"
    assert parsed.feed.links[0].href == f"{PUBLIC_URL}/{FEED_PATH}"


def test_feed_entries_per_version(data_dir: Path) -> None:
    write(data_dir / "changelog.yaml", VERSIONS)
    record = load_record(data_dir)
    assert record.problems == []
    parsed = feedparser.parse(feed_xml(record, "https://dash.example.org/"))
    assert not parsed.bozo
    assert len(parsed.entries) == listed(record) == 13
    first = parsed.entries[0]  # the newest version first
    assert first.title.startswith("Changed: ") and first.tags[0].term == "changed"
    assert first.link == "https://dash.example.org/measure?id=lt-2022-02-01-transit-sample"
    assert first.updated_parsed[:3] == (2000, 1, 3)
    ended = [e for e in parsed.entries if e.tags[0].term == "ended"]
    assert [e.link.rsplit("=", 1)[1] for e in ended] == ["by-2022-04-15-visa-free-sample", "pl-2021-09-02-emergency-sample"]
    assert "Its last day: 2022-05-15." in ended[0].summary
    assert parsed.feed.updated_parsed[:3] == (2000, 1, 3)


def test_feed_does_not_depend_on_the_day(data_dir: Path) -> None:
    """Written in another process, at another time: the same bytes."""
    code = "import sys; from record.feed import feed_xml; from record.load import load_record; " \
           "sys.stdout.buffer.write(feed_xml(load_record(sys.argv[1])))"
    out = subprocess.run([sys.executable, "-c", code, str(data_dir)], cwd=ROOT, capture_output=True, check=True, timeout=60).stdout
    assert out == feed_xml(load_record(data_dir))
    assert b"<updated>2000-01-01T00:00:00+00:00</updated>" in out.split(b"<entry>")[0], "the feed is dated by its newest version"


def test_feed_check_fails_when_stale(tmp_path: Path, data_dir: Path) -> None:
    out = tmp_path / "feed.xml"
    cli = [sys.executable, "-m", "record.cli", "feed", str(data_dir), "--output", str(out)]
    assert subprocess.run([*cli, "--check"], cwd=ROOT, capture_output=True, timeout=60).returncode == 1
    assert subprocess.run(cli, cwd=ROOT, capture_output=True, timeout=60).returncode == 0
    assert subprocess.run([*cli, "--check"], cwd=ROOT, capture_output=True, timeout=60).returncode == 0
    write(data_dir / "changelog.yaml", VERSIONS)
    stale = subprocess.run([*cli, "--check"], cwd=ROOT, capture_output=True, text=True, timeout=60)
    assert stale.returncode == 1 and "out of date" in stale.stderr


def test_streamlit_serves_the_feed() -> None:
    with streamlit_server() as url:
        response = httpx.get(f"{url}/{FEED_PATH}", timeout=30)
    assert response.status_code == 200
    assert response.content == FEED_FILE.read_bytes()
    assert "xml" in response.headers["content-type"]


def test_correction_url_prefills_the_form() -> None:
    url = correction_url("eu-2021-06-24-x", "Ban on potash & oil — “Belaruskali”", repository="https://github.com/o/r/")
    parts = urlsplit(url)
    assert (parts.scheme, parts.netloc, parts.path) == ("https", "github.com", "/o/r/issues/new")
    assert " " not in url and "“" not in url and "—" not in url and "%26" in url
    query = parse_qs(parts.query, strict_parsing=True)
    assert query == {"template": ["correction.yml"], "title": ["Correction: Ban on potash & oil — “Belaruskali”"],
                     RECORD_FIELD: ["eu-2021-06-24-x"]}


def test_correction_form_has_the_fields_the_link_fills() -> None:
    form = yaml.safe_load((ROOT / ".github" / "ISSUE_TEMPLATE" / TEMPLATE).read_text(encoding="utf-8"))
    assert {"name", "description", "body"} <= set(form)
    fields = {item["id"]: item for item in form["body"] if "id" in item}
    assert RECORD_FIELD in fields and fields[RECORD_FIELD]["type"] == "input"
    assert fields[RECORD_FIELD]["validations"]["required"] is True
    assert fields["what-is-wrong"]["validations"]["required"] is True
    assert fields["source-url"]["type"] == "input" and fields["source-url"]["validations"]["required"] is True
    assert all(item["type"] in {"markdown", "input", "textarea", "dropdown", "checkboxes"} for item in form["body"])


def project_value(name: str, **env: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-c", f"import record.project as p; print(p.{name})"], cwd=ROOT, capture_output=True,
                          text=True, env={"PATH": "/usr/bin:/bin", **env}, timeout=60)


def test_project_addresses_and_their_overrides() -> None:
    assert project_value("PUBLIC_URL").stdout.strip() == "http://localhost:8501"
    assert project_value("REPOSITORY_URL").stdout.strip() == project_value("PLACEHOLDER_REPOSITORY_URL").stdout.strip()
    assert project_value("PUBLIC_URL", DASHBOARD_PUBLIC_URL="https://dash.example.org/").stdout.strip() == "https://dash.example.org"
    assert project_value("REPOSITORY_URL", DASHBOARD_REPOSITORY="https://github.com/a/b").stdout.strip() == "https://github.com/a/b"
    bad = project_value("PUBLIC_URL", DASHBOARD_PUBLIC_URL="dash.example.org")
    assert bad.returncode != 0 and "is not an http(s) base address" in bad.stderr


@pytest.mark.parametrize("measure_id", ["a-1", "by-2022-04-15-visa-free-sample"])
def test_measure_links_are_the_page_contract(measure_id: str) -> None:
    from record.project import measure_url

    assert measure_url(measure_id, "https://x.example.org") == f"https://x.example.org/measure?id={measure_id}"
