"""The machine-readable changelog: what the validator checks, each measure's history, `since`,
and the comparison that writes a new entry's lists (also against a real git repository)."""

from __future__ import annotations

import subprocess
from datetime import date
from pathlib import Path

import pytest

from record.history import Event, UnknownVersion, diff_measures, histories, measure_history, since
from record.load import load_record
from record.model import Measure, version_key
from tests.conftest import FIXTURE_DATA, write
from tests.test_cli import run

FIXTURE_IDS = [
    "eu-2020-10-02-listings-sample", "by-2021-06-28-countermeasure-sample", "pl-2021-09-02-emergency-sample",
    "lt-2022-02-01-transit-sample", "by-2022-04-15-visa-free-sample", "ua-2021-05-25-flights-sample",
    "eu-2022-02-24-renewal-sample",
]
VERSIONS = """
changelog:
  - version: "2000.01.02"
    date: 2000-01-02
    changes: [Corrections.]
    changed:
      - id: eu-2020-10-02-listings-sample
        fields: [summary, sources]
      - id: by-2021-06-28-countermeasure-sample
        fields: [date]
    ended: [by-2022-04-15-visa-free-sample]
  - version: "2000.01.03"
    date: 2000-01-03
    changes: [A note.]
    changed:
      - {id: lt-2022-02-01-transit-sample, fields: [note]}
  - version: "2000.01.01"
    date: 2000-01-01
    changes: [First record.]
    added: [eu-2020-10-02-listings-sample, by-2021-06-28-countermeasure-sample, pl-2021-09-02-emergency-sample,
            lt-2022-02-01-transit-sample, ua-2021-05-25-flights-sample, eu-2022-02-24-renewal-sample]
    ended: [pl-2021-09-02-emergency-sample]
  - version: "2000.01.01.1"
    date: 2000-01-01
    changes: [A second look, and the visa-free window.]
    added: [by-2022-04-15-visa-free-sample]
    changed:
      - id: eu-2020-10-02-listings-sample
        fields: [title]
"""


def changelog_with(data_dir: Path, entry: str) -> str:
    """The fixture's changelog with one more version after it, as text."""
    text = (data_dir / "changelog.yaml").read_text(encoding="utf-8")
    return text + '  - version: "2000.01.02"\n    date: 2000-01-02\n    changes: [Later.]\n' + entry


def messages(data_dir: Path) -> list[str]:
    return [str(p) for p in load_record(data_dir).problems]


def test_version_order() -> None:
    assert sorted(["2026.11.26", "2026.11.25.10", "2026.11.25", "2026.11.25.2"], key=version_key) == [
        "2026.11.25", "2026.11.25.2", "2026.11.25.10", "2026.11.26"]


def test_a_measure_not_listed_as_added_is_a_problem_at_the_measure(data_dir: Path) -> None:
    path = data_dir / "changelog.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace("      - lt-2022-02-01-transit-sample\n", ""), encoding="utf-8")
    assert messages(data_dir) == [
        "measures/sample.yaml:47: measure 'lt-2022-02-01-transit-sample' is not listed as added in any version of changelog.yaml"]


def test_a_measure_with_an_end_must_be_listed_as_ended(data_dir: Path) -> None:
    path = data_dir / "changelog.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace("    ended:\n      - pl-2021-09-02-emergency-sample\n", "    ended:\n"),
                    encoding="utf-8")
    assert messages(data_dir) == [
        "measures/sample.yaml:33: measure 'pl-2021-09-02-emergency-sample' has an end but no version of changelog.yaml lists it as ended"]


@pytest.mark.parametrize(
    ("entry", "expected"),
    [
        ("    added: [no-such-measure]\n", "changelog.yaml:21: version '2000.01.02': added names an unknown measure id 'no-such-measure'"),
        ("    ended: [lt-2022-02-01-transit-sample]\n",
         "changelog.yaml:21: version '2000.01.02': ended names 'lt-2022-02-01-transit-sample', which has no end"),
        ("    added: [lt-2022-02-01-transit-sample]\n",
         "changelog.yaml:21: version '2000.01.02': added names 'lt-2022-02-01-transit-sample', already added in version '2000.01.01'"),
        ("    changed:\n      - id: no-such-measure\n        fields: [title]\n",
         "changelog.yaml:21: version '2000.01.02': changed names an unknown measure id 'no-such-measure'"),
        ("    changed:\n      - id: lt-2022-02-01-transit-sample\n        fields: [title, titel]\n",
         "changelog.yaml:23: changelog entry #2: changed[0].fields[1]: 'titel' is not a field of a measure"),
        ("    changed:\n      - id: lt-2022-02-01-transit-sample\n        fields: [id]\n",
         "changelog.yaml:23: changelog entry #2: changed[0].fields[0]: an id never changes: a measure with a new id is a new measure"),
        ("    changed:\n      - id: lt-2022-02-01-transit-sample\n        fields: []\n",
         "changelog.yaml:23: changelog entry #2: changed[0].fields: List should have at least 1 item after validation, not 0"),
        ("    ended: [lt-2022-02-01-transit-sample, lt-2022-02-01-transit-sample]\n",
         "changelog.yaml:21: version '2000.01.02': ended names 'lt-2022-02-01-transit-sample' twice"),
    ],
)
def test_changelog_lists_are_checked_against_the_record(data_dir: Path, entry: str, expected: str) -> None:
    (data_dir / "changelog.yaml").write_text(changelog_with(data_dir, entry), encoding="utf-8")
    found = messages(data_dir)
    assert expected in found, found


def test_an_invalid_entry_is_one_message_not_one_per_measure(data_dir: Path) -> None:
    text = (data_dir / "changelog.yaml").read_text(encoding="utf-8").replace("date: 2000-01-01", "date: 2000-13-01")
    (data_dir / "changelog.yaml").write_text(text, encoding="utf-8")
    found = messages(data_dir)
    assert len(found) == 1 and found[0].startswith("changelog.yaml:4: changelog entry #1: date:"), found


def test_changed_before_added_is_a_problem(data_dir: Path) -> None:
    write(data_dir / "changelog.yaml", VERSIONS.replace(
        "    ended: [pl-2021-09-02-emergency-sample]\n",
        "    ended: [pl-2021-09-02-emergency-sample]\n    changed:\n      - {id: by-2022-04-15-visa-free-sample, fields: [title]}\n"))
    assert messages(data_dir) == [
        "changelog.yaml:22: version '2000.01.01': changed names 'by-2022-04-15-visa-free-sample', which no earlier version added"]


def test_added_and_changed_in_one_version_is_a_problem(data_dir: Path) -> None:
    also = "\n      - {id: by-2022-04-15-visa-free-sample, fields: [note]}"
    write(data_dir / "changelog.yaml", VERSIONS.replace("fields: [title]", "fields: [title]" + also))
    assert messages(data_dir) == [
        "changelog.yaml:26: version '2000.01.01.1': 'by-2022-04-15-visa-free-sample' is both added and changed; list it as added"]


def test_histories_per_measure(data_dir: Path) -> None:
    write(data_dir / "changelog.yaml", VERSIONS)
    record = load_record(data_dir)
    assert record.problems == []
    assert record.version == "2000.01.03"
    assert [e.version for e in record.changelog] == ["2000.01.03", "2000.01.02", "2000.01.01.1", "2000.01.01"]
    found = histories(record.changelog)
    assert set(found) == set(FIXTURE_IDS)
    eu = found["eu-2020-10-02-listings-sample"]
    assert (eu.added_in, eu.changed_in) == ("2000.01.01", "2000.01.02")
    assert eu.events == (
        Event("2000.01.01", date(2000, 1, 1), "added"),
        Event("2000.01.01.1", date(2000, 1, 1), "changed", ("title",)),
        Event("2000.01.02", date(2000, 1, 2), "changed", ("summary", "sources")),
    )
    assert [e.describe() for e in eu.events] == ["added", "changed: title", "changed: summary, sources"]
    pl = found["pl-2021-09-02-emergency-sample"]
    assert (pl.added_in, pl.changed_in) == ("2000.01.01", "2000.01.01")
    assert [e.what for e in pl.events] == ["added", "ended"]
    ua = found["ua-2021-05-25-flights-sample"]
    assert (ua.added_in, ua.changed_in, len(ua.events)) == ("2000.01.01", None, 1)
    assert found["lt-2022-02-01-transit-sample"].changed_in == "2000.01.03"
    visa = found["by-2022-04-15-visa-free-sample"]
    assert (visa.added_in, visa.changed_in) == ("2000.01.01.1", "2000.01.02")
    assert all(measure_history(record.changelog, mid) == h for mid, h in found.items())
    assert measure_history(record.changelog, "no-such-measure") is None


def test_since_a_version(data_dir: Path) -> None:
    write(data_dir / "changelog.yaml", VERSIONS)
    record = load_record(data_dir)
    result = since(record, "2000.01.01.1")
    assert not isinstance(result, UnknownVersion)
    assert list(result) == ["lt-2022-02-01-transit-sample", "eu-2020-10-02-listings-sample", "by-2021-06-28-countermeasure-sample",
                            "by-2022-04-15-visa-free-sample"]
    assert [e.describe() for e in result["eu-2020-10-02-listings-sample"]] == ["changed: summary, sources"]
    assert [e.describe() for e in result["by-2022-04-15-visa-free-sample"]] == ["ended"]
    everything = since(record, "2000.01.01")
    assert [e.describe() for e in everything["eu-2020-10-02-listings-sample"]] == ["changed: title", "changed: summary, sources"]
    assert [e.describe() for e in everything["by-2022-04-15-visa-free-sample"]] == ["added", "ended"]
    assert "ua-2021-05-25-flights-sample" not in everything
    assert since(record, "2000.01.03") == {}


def test_since_an_unknown_version_is_a_value_to_show() -> None:
    record = load_record(FIXTURE_DATA)
    result = since(record, "1999.01.01")
    assert isinstance(result, UnknownVersion)
    assert str(result) == "no data version '1999.01.01' in the changelog (versions: 2000.01.01)"


def measure(mid: str, **fields: object) -> Measure:
    base = {"id": mid, "title": "A measure", "summary": "Done.", "actor": "EU", "targets": ["BY"], "type": "asset-freeze-travel-ban",
            "direction": "tightening", "date": "2021-06-21",
            "sources": [{"url": "https://example.org/a", "publisher": "T", "tier": "legal", "quote": "Done."}]}
    return Measure.model_validate({**base, **fields})


def test_diff_measures() -> None:
    old = {m.id: m for m in [measure("a"), measure("b"), measure("c"), measure("d", end="2022-01-01"), measure("gone")]}
    new = {m.id: m for m in [
        measure("a"),
        measure("b", summary="Done again.", end="2022-02-01"),
        measure("c", title="Retitled", sources=[{"url": "https://example.org/b", "publisher": "T", "tier": "legal", "quote": "Q."}]),
        measure("d", end="2022-01-02"),
        measure("new"),
        measure("new-ended", end="2021-07-01"),
    ]}
    diff = diff_measures(old, new)
    assert diff.added == ["new", "new-ended"]
    assert [(c.id, c.fields) for c in diff.changed] == [("b", ["summary"]), ("c", ["title", "sources"]), ("d", ["end"])]
    assert diff.ended == ["b", "new-ended"]
    assert diff.removed == ["gone"]


def git(cwd: Path, *args: str) -> None:
    subprocess.run(["git", "-c", "user.name=T", "-c", "user.email=t@example.org", *args], cwd=cwd, check=True, capture_output=True)


def test_changelog_entry_against_a_git_revision(tmp_path: Path) -> None:
    repo = tmp_path / "repo"
    (repo / "data").mkdir(parents=True)
    subprocess.run(["cp", "-r", str(FIXTURE_DATA) + "/.", str(repo / "data")], check=True)
    git(repo, "init", "-q")
    git(repo, "add", ".")
    git(repo, "commit", "-q", "-m", "first")
    sample = repo / "data/measures/sample.yaml"
    text = sample.read_text(encoding="utf-8")
    text = text.replace("    title: EU lists 40 officials\n", "    title: EU lists forty officials\n")
    text = text.replace("    date: 2021-06-28\n", "    date: 2021-06-28\n    end: 2022-06-28\n")
    sample.write_text(text, encoding="utf-8")
    write(repo / "data/measures/new.yaml", """
        measures:
          - id: lt-2023-01-01-new-sample
            title: A new one
            summary: New.
            actor: LT
            targets: [BY]
            type: state-of-emergency
            direction: tightening
            date: 2023-01-01
            sources:
              - url: https://news.example.org/new
                publisher: Test News
                tier: media
                quote: New.
    """)
    result = run("changelog-entry", "HEAD", str(repo / "data"))
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines()[1:] == [
        "    added:",
        "      - lt-2023-01-01-new-sample",
        "    changed:",
        "      - id: eu-2020-10-02-listings-sample",
        "        fields: [title]",
        "    ended:",
        "      - by-2021-06-28-countermeasure-sample",
    ]
    sample.unlink()
    gone = run("changelog-entry", "HEAD", str(repo / "data"))
    assert gone.returncode == 1 and "'pl-2021-09-02-emergency-sample' is at HEAD but no longer in the record" in gone.stderr
    assert run("changelog-entry", "no-such-rev", str(repo / "data")).returncode == 2


def test_the_real_changelog_lists_every_measure_once() -> None:
    record = load_record()
    found = [str(p) for p in record.problems if "changelog" in str(p)]
    assert found == []
    withdrawn = {mid for e in record.changelog for mid in e.withdrawn}
    assert {m.id for m in record.measures} == set(histories(record.changelog)) - withdrawn
