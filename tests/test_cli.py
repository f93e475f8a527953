"""`make validate` and `make export` behaviour, through the module the Makefile calls."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from tests.conftest import FIXTURE_DATA, ROOT, write


def run(*args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "record.cli", *args], cwd=ROOT, capture_output=True, text=True,
        env={**os.environ, **(env or {})}, timeout=60, check=False,
    )


def test_validate_clean_folder() -> None:
    result = run("validate", str(FIXTURE_DATA))
    assert result.returncode == 0, result.stdout
    assert result.stdout == ""
    assert "7 valid measures, 0 problems" in result.stderr


def test_validate_prints_every_problem_as_file_line_message(data_dir: Path) -> None:
    write(data_dir / "measures/bad.yaml", "measures:\n  - id: a-1\n    date: 2021-02-30\n")
    (data_dir / "measures/worse.yaml").write_bytes(b"\xff\xfe")
    result = run("validate", str(data_dir))
    assert result.returncode == 1
    lines = result.stdout.splitlines()
    assert "measures/worse.yaml:1: not UTF-8: byte 0xff cannot be decoded" in lines
    assert "measures/bad.yaml:3: measure 'a-1': date: '2021-02-30' is not a real date (day is out of range for month)" in lines
    assert "measures/bad.yaml:2: measure 'a-1': title: required field is missing" in lines
    assert all(line.count(":") >= 2 and line.split(":")[1].isdigit() for line in lines)


def test_export_is_the_json_document(data_dir: Path) -> None:
    result = run("export", env={"DASHBOARD_DATA_DIR": str(data_dir)})
    assert result.returncode == 0, result.stderr
    document = json.loads(result.stdout)
    assert document["version"] == "2000.01.01"
    assert len(document["measures"]) == 7
    first = document["measures"][0]
    assert first["date"] == "2020-10-02" and first["sources"][0]["quote"]


def test_data_dir_from_environment(data_dir: Path) -> None:
    write(data_dir / "measures/extra.yaml", "measures: []\n")
    result = run("validate", env={"DASHBOARD_DATA_DIR": str(data_dir)})
    assert str(data_dir) in result.stderr


def test_schemas_are_up_to_date() -> None:
    assert run("schema", "--check").returncode == 0
