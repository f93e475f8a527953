"""The real record in data/: valid, sourced, and covering what the article needs."""

from __future__ import annotations

from collections import Counter

import pytest

from record.load import load_record
from tests.conftest import ROOT

DATA = ROOT / "data"


@pytest.fixture(scope="module")
def record():
    return load_record(DATA)


def test_record_has_no_problems(record) -> None:
    assert [str(p) for p in record.problems] == []


def test_record_size_and_sides(record) -> None:
    actors = Counter(m.actor for m in record.measures)
    assert len(record.measures) >= 40
    for code in ("EU", "BY", "UA", "PL", "LT", "LV", "US", "GB", "CA"):
        assert actors[code] > 0, code


def test_every_source_has_an_address_and_quote(record) -> None:
    for m in record.measures:
        assert m.sources
        for s in m.sources:
            assert s.url.startswith(("http://", "https://")) and len(s.quote) >= 10, m.id


def test_media_only_records_have_two_sources(record) -> None:
    thin = [m.id for m in record.measures if all(s.tier == "media" for s in m.sources) and len(m.sources) < 2]
    assert thin == []


def test_article_items_have_evidence_and_outcomes(record) -> None:
    article = record.article
    kinds = Counter(i.kind for i in article.items)
    assert kinds["signal"] == 4 and kinds["signal-to-kyiv"] >= 1 and kinds["recommendation"] >= 1 and kinds["claim"] >= 1
    for item in article.items:
        assert item.evidence, item.id
        assert item.outcome is not None, item.id
    assert article.positions


def test_article_quotes_are_in_the_article(record) -> None:
    text = (ROOT.parent / "shared" / "seed" / "article.md")
    if not text.exists():
        pytest.skip("shared/seed/article.md is not beside the project")
    body = " ".join(text.read_text(encoding="utf-8").split())
    for item in record.article.items:
        assert " ".join(item.quote.split()) in body, item.id


def test_yaml_files_name_their_schema() -> None:
    for path in [*sorted((DATA / "measures").glob("*.yaml")), DATA / "article.yaml", DATA / "changelog.yaml"]:
        first = path.read_text(encoding="utf-8").splitlines()[0]
        assert first.startswith("# yaml-language-server: $schema=") and "schema/" in first, path.name
