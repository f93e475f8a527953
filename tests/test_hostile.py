"""Bad and hostile input: the loader never raises, link decoding never raises, text stays text."""

from __future__ import annotations

from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from components.text import md_escape, md_link, safe_href
from record.load import load_record
from tests.conftest import GOOD_MEASURE, measures_file, write

SETTINGS = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])


def _load_bytes(tmp_path: Path, name: str, content: bytes):
    folder = tmp_path / name
    (folder / "measures").mkdir(parents=True, exist_ok=True)
    (folder / "measures" / "x.yaml").write_bytes(content)
    return load_record(folder)


@SETTINGS
@given(content=st.binary(max_size=400))
def test_loader_survives_any_bytes(tmp_path: Path, content: bytes) -> None:
    record = _load_bytes(tmp_path, "bytes", content)
    assert all(isinstance(p.line, int) and p.line >= 0 and p.file for p in record.problems)


YAMLISH = st.text(alphabet=st.sampled_from(list("abc:-[]{}&*!|>'\"#\n\t 0123456789.@%`,?")), max_size=300)


@SETTINGS
@given(content=YAMLISH)
def test_loader_survives_yaml_like_text(tmp_path: Path, content: str) -> None:
    record = _load_bytes(tmp_path, "text", ("measures:\n" + content).encode())
    assert all(str(p).startswith(("measures/x.yaml:", "article.yaml:", "changelog.yaml:", "publishers.yaml:", "events.yaml:"))
               for p in record.problems)


FIELD_VALUES = st.one_of(st.none(), st.integers(), st.floats(allow_nan=True), st.text(max_size=30), st.booleans(),
                         st.lists(st.text(max_size=5), max_size=3), st.dictionaries(st.text(max_size=5), st.integers(), max_size=2))


@SETTINGS
@given(field=st.sampled_from(["id", "title", "actor", "targets", "type", "direction", "date", "end", "sources", "aligned"]),
       value=FIELD_VALUES)
def test_any_field_value_gives_a_message_or_a_valid_record(tmp_path: Path, field: str, value: object) -> None:
    import yaml

    doc = yaml.safe_load(measures_file(GOOD_MEASURE.format(id="fuzz-1")))
    doc["measures"][0][field] = value
    folder = tmp_path / "fields"
    write(folder / "measures/x.yaml", yaml.safe_dump(doc, allow_unicode=True))
    record = load_record(folder)
    mine = [p for p in record.problems if p.file == "measures/x.yaml"]
    assert bool(mine) != bool(record.measures), (mine, record.measures)
    assert all(p.line >= 1 for p in mine)


def test_deep_nesting_is_a_message(tmp_path: Path) -> None:
    record = _load_bytes(tmp_path, "deep", b"measures: " + b"[" * 20000 + b"]" * 20000 + b"\n")
    assert any(p.file == "measures/x.yaml" for p in record.problems)


def test_nul_and_tabs_are_messages(tmp_path: Path) -> None:
    record = _load_bytes(tmp_path, "nul", b"measures:\n\t- id: x\x00\n")
    assert any(p.file == "measures/x.yaml" and p.line >= 1 for p in record.problems)


def test_markup_is_escaped() -> None:
    import re

    for hostile in ("<script>alert(1)</script>", "<img src=x onerror=alert(1)>", "[x](javascript:alert(1))",
                    ":red[boom] :material/home:", "$x^2$", "**bold** _it_ `code`", "line\nbreak # heading"):
        escaped = md_escape(hostile)
        # Every markdown-significant character is preceded by a backslash; no line breaks remain.
        assert not re.search(r"(?<!\\)[<>\[\]()*_`$:#!|]", escaped), escaped
        assert "\n" not in escaped


def test_only_http_links_become_links() -> None:
    assert safe_href("javascript:alert(1)") is None
    assert safe_href("data:text/html,<script>") is None
    assert safe_href("https://example.org/a b(c)") == "https://example.org/a%20b%28c%29"
    assert md_link("x", "javascript:alert(1)") == "x"
    assert md_link("Pub", "https://example.org/") == "[Pub](https://example.org/)"
