"""Shared fixtures: the small fixed record, and a way to write a data folder for one test."""

from __future__ import annotations

import shutil
import textwrap
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
FIXTURE_DATA = ROOT / "tests" / "fixtures" / "data"

def measure_yaml(mid: str, url: str = "https://example.org/a", quote: str = "Something was done.") -> str:
    """One valid measure as YAML list item, for tests that write their own data files."""
    return f"""
  - id: {mid}
    title: A measure
    summary: Something done.
    actor: EU
    targets: [BY]
    type: asset-freeze-travel-ban
    direction: tightening
    date: 2021-06-21
    sources:
      - url: {url}
        publisher: Test
        tier: legal
        quote: {_plain_or_quoted(quote)}
"""


def _plain_or_quoted(text: str) -> str:
    plain = text.replace(" ", "").replace(".", "").isalnum()
    return text if plain else "'" + text.replace("'", "''") + "'"


GOOD_MEASURE = measure_yaml("{id}")


@pytest.fixture
def data_dir(tmp_path: Path) -> Path:
    """A copy of the fixture record that a test may edit."""
    target = tmp_path / "data"
    shutil.copytree(FIXTURE_DATA, target)
    return target


def write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(textwrap.dedent(text).lstrip("\n"), encoding="utf-8")
    return path


def measures_file(body: str) -> str:
    return "measures:\n" + body.strip("\n") + "\n"


def list_as_added(data_dir: Path, *ids: str) -> None:
    """Name new measures in the fixture changelog's one version, as a curator would."""
    path = data_dir / "changelog.yaml"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("    added:\n", "    added:\n" + "".join(f"      - {i}\n" for i in ids), 1), encoding="utf-8")


# Browser tests (tests/test_browser*.py): one Chromium and one server of the real record per module,
# and a page that fails its test on any page or console error.
@pytest.fixture(scope="module")
def browser():
    from tests.browser import CHROMIUM, CHROMIUM_ARGS, require_chromium

    require_chromium()
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield b
        b.close()


@pytest.fixture(scope="module")
def server():
    from tests.browser import streamlit_server

    with streamlit_server(ROOT / "data") as url:
        yield url


@pytest.fixture
def page(browser):
    from tests.browser import assert_no_page_errors, watch

    context = browser.new_context(viewport={"width": 1300, "height": 900}, accept_downloads=True)
    pg = context.new_page()
    errors = watch(pg)
    yield pg
    context.close()
    assert_no_page_errors(errors)
