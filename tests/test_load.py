"""The loader and validator: every problem with its file and line, valid records kept."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest

from record import reader as reader_module
from record.load import load_record
from tests.conftest import GOOD_MEASURE, list_as_added, measures_file, write


def messages(data_dir: Path) -> list[str]:
    return [str(p) for p in load_record(data_dir).problems]


def test_fixture_record_is_valid(data_dir: Path) -> None:
    record = load_record(data_dir)
    assert record.problems == []
    assert len(record.measures) == 7
    assert record.version == "2000.01.01"
    assert record.article is not None and len(record.article.items) == 2


def test_norway_stays_norway(data_dir: Path) -> None:
    """YAML 1.1 would read the bare code NO as false."""
    write(data_dir / "measures/no.yaml", measures_file(GOOD_MEASURE.format(id="no-1").replace("actor: EU", "actor: NO")))
    list_as_added(data_dir, "no-1")
    record = load_record(data_dir)
    assert record.problems == []
    assert {m.actor for m in record.measures} >= {"NO"}


def test_syntax_error_names_file_and_line_and_keeps_other_files(data_dir: Path) -> None:
    write(data_dir / "measures/broken.yaml", "measures:\n  - id: x\n    title: [unclosed\n")
    record = load_record(data_dir)
    assert len(record.measures) == 7
    assert any(str(p).startswith("measures/broken.yaml:") and "YAML syntax error" in p.message for p in record.problems)
    assert all(p.line >= 3 for p in record.problems if p.file == "measures/broken.yaml")


@pytest.mark.parametrize(
    ("content", "expected"),
    [
        ("", "measures/bad.yaml:1: the file is empty"),
        ("# only a comment\n", "measures/bad.yaml:1: the file is empty"),
        ("- just a list\n", "measures/bad.yaml:1: the file must be a mapping with the key 'measures'"),
        ("other: 1\n", "measures/bad.yaml:1: unknown top-level key 'other'"),
        ("measures: 5\n", "measures/bad.yaml:1: 'measures' must be a list"),
        ("a: &x [1]\nmeasures: *x\n", "measures/bad.yaml:1: YAML anchors and aliases (&, *) are not allowed in the record"),
        ("measures:\n  - id: a\n    id: b\n", "measures/bad.yaml:3: duplicate key 'id' in one mapping"),
    ],
)
def test_file_level_problems(data_dir: Path, content: str, expected: str) -> None:
    write(data_dir / "measures/bad.yaml", content)
    assert expected in messages(data_dir)


def test_not_utf8(data_dir: Path) -> None:
    (data_dir / "measures/latin1.yaml").write_bytes(b"measures:\n  - title: caf\xe9\n")
    assert "measures/latin1.yaml:2: not UTF-8: byte 0xe9 cannot be decoded" in messages(data_dir)


def test_size_limit(data_dir: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(reader_module, "MAX_FILE_BYTES", 100)
    write(data_dir / "measures/big.yaml", measures_file(GOOD_MEASURE.format(id="big")))
    found = [m for m in messages(data_dir) if m.startswith("measures/big.yaml:0:")]
    assert found and "over the limit of 100" in found[0]


def test_billion_laughs_is_refused_quickly(data_dir: Path) -> None:
    lines = ["a0: &a0 [x, x, x, x, x, x, x, x, x]"]
    for i in range(1, 9):
        lines.append(f"a{i}: &a{i} [" + ", ".join([f"*a{i - 1}"] * 9) + "]")
    lines.append("measures: *a8")
    write(data_dir / "measures/bomb.yaml", "\n".join(lines) + "\n")
    found = [m for m in messages(data_dir) if m.startswith("measures/bomb.yaml")]
    assert found == ["measures/bomb.yaml:1: YAML anchors and aliases (&, *) are not allowed in the record"]


@pytest.mark.parametrize(
    ("change", "line", "expected"),
    [
        (("date: 2021-06-21", "date: 2021-02-30"), 10, "date: '2021-02-30' is not a real date (day is out of range for month)"),
        (("date: 2021-06-21", "date: 20210621"), 10, "date: 20210621 is not an ISO date (YYYY-MM-DD)"),
        (("date: 2021-06-21", "date: 2021-06-21\n    end: 2021-01-01"), 3, "end 2021-01-01 is before the start 2021-06-21"),
        (("actor: EU", "actor: XX"), 6, "actor: unknown country code 'XX' (ISO 3166-1 alpha-2 or EU)"),
        (("targets: [BY]", "targets: [BY, ZZ]"), 7, "targets[1]: unknown country code 'ZZ'"),
        (("type: asset-freeze-travel-ban", "type: embargo"), 8, "type: Input should be"),
        (("direction: tightening", "direction: up"), 9, "direction: Input should be"),
        (("title: A measure", "title: [a, list]"), 4, "title: Input should be a valid string"),
        (("title: A measure", "title: A measure\n    colour: red"), 5, "colour: unknown field"),
        (("url: https://example.org/a", "url: javascript:alert(1)"), 12, "sources[0].url: 'javascript:alert(1)' is not an http(s) address"),
        (("url: https://example.org/a", "url: ftp://example.org/a"), 12, "sources[0].url: 'ftp://example.org/a' is not an http(s) address"),
        (("        quote: Something was done.\n", ""), 12, "sources[0].quote: required field is missing"),
        (("    sources:\n      - url: https://example.org/a\n        publisher: Test\n        tier: legal\n"
          "        quote: Something was done.\n", "    sources: []\n"), 11, "sources: List should have at least 1 item"),
        (("    sources:\n      - url: https://example.org/a\n        publisher: Test\n        tier: legal\n"
          "        quote: Something was done.\n", ""), 3, "sources: required field is missing"),
    ],
)
def test_record_problems_name_the_line(data_dir: Path, change: tuple[str, str], line: int, expected: str) -> None:
    text = measures_file(GOOD_MEASURE.format(id="x-1")).replace(*change)
    write(data_dir / "measures/one.yaml", "# comment\n" + text)
    found = [p for p in load_record(data_dir).problems if p.file == "measures/one.yaml"]
    assert found, "expected a problem"
    assert any(p.line == line and expected in p.message for p in found), [str(p) for p in found]
    assert all(p.message.startswith("measure 'x-1': ") for p in found)


def test_every_problem_in_one_run_and_valid_records_kept(data_dir: Path) -> None:
    body = (
        GOOD_MEASURE.format(id="ok-1")
        + GOOD_MEASURE.format(id="bad-1").replace("actor: EU", "actor: QQ")
        + GOOD_MEASURE.format(id="bad-2").replace("date: 2021-06-21", "date: 2021-13-01")
        + GOOD_MEASURE.format(id="ok-2")
    )
    write(data_dir / "measures/mixed.yaml", measures_file(body))
    list_as_added(data_dir, "ok-1", "ok-2")
    record = load_record(data_dir)
    ids = {m.id for m in record.measures}
    assert {"ok-1", "ok-2"} <= ids and not {"bad-1", "bad-2"} & ids
    mine = [p for p in record.problems if p.file == "measures/mixed.yaml"]
    assert len(mine) == 2


def test_duplicate_ids_across_files(data_dir: Path) -> None:
    write(data_dir / "measures/a.yaml", measures_file(GOOD_MEASURE.format(id="dup-1")))
    write(data_dir / "measures/b.yaml", measures_file(GOOD_MEASURE.format(id="dup-1")))
    found = [str(p) for p in load_record(data_dir).problems]
    assert "measures/b.yaml:2: duplicate id 'dup-1' (first at measures/a.yaml:2); this copy is not shown" in found


def test_links_to_unknown_ids(data_dir: Path) -> None:
    text = measures_file(GOOD_MEASURE.format(id="reply-1")).replace("date: 2021-06-21", "date: 2021-06-21\n    responds_to: [nowhere-1]")
    write(data_dir / "measures/links.yaml", text)
    article = (data_dir / "article.yaml").read_text().replace("ua-2021-05-25-flights-sample", "missing-measure")
    (data_dir / "article.yaml").write_text(article)
    found = [str(p) for p in load_record(data_dir).problems]
    assert "measures/links.yaml:2: measure 'reply-1': responds_to names an unknown id 'nowhere-1'" in found
    assert "article.yaml:20: article item 'recommendation-engage': evidence names an unknown measure id 'missing-measure'" in found


def test_missing_files_and_folder(tmp_path: Path) -> None:
    found = [str(p) for p in load_record(tmp_path).problems]
    assert "article.yaml:0: file is missing" in found and "changelog.yaml:0: file is missing" in found
    assert str(next(iter(load_record(tmp_path / "nope").problems))).endswith("the data folder does not exist")


def test_validation_never_changes_a_file(data_dir: Path) -> None:
    write(data_dir / "measures/broken.yaml", "measures:\n  - id: [\n")
    before = {p: hashlib.sha256(p.read_bytes()).hexdigest() for p in data_dir.rglob("*") if p.is_file()}
    load_record(data_dir)
    after = {p: hashlib.sha256(p.read_bytes()).hexdigest() for p in data_dir.rglob("*") if p.is_file()}
    assert before == after
