"""Shared fixtures: the small fixed record, and a way to write a data folder for one test."""

from __future__ import annotations

import shutil
import textwrap
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
FIXTURE_DATA = ROOT / "tests" / "fixtures" / "data"

GOOD_MEASURE = """
  - id: {id}
    title: A measure
    summary: Something done.
    actor: EU
    targets: [BY]
    type: asset-freeze-travel-ban
    direction: tightening
    date: 2021-06-21
    sources:
      - url: https://example.org/a
        publisher: Test
        tier: legal
        quote: Something was done.
"""


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
