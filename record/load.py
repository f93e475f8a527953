"""Reading the YAML record: every problem is collected with its file and line, and every
valid record is kept, so one broken file or record never hides the others.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from record.checks import check_changelog, check_links, check_sources
from record.files import ARTICLE_FILE, CHANGELOG_FILE, EVENTS_FILE, PUBLISHERS_FILE
from record.model import (
    Article,
    ArticleDocument,
    ChangelogEntry,
    ContextEvent,
    Measure,
    Publisher,
    version_key,
)
from record.reader import LineMap, Problem, read_yaml, without_gc

REPO_ROOT = Path(__file__).resolve().parent.parent
DEFAULT_DATA_DIR = REPO_ROOT / "data"
MEASURES_GLOB = "measures/*.yaml"


def data_dir_from_env() -> Path:
    """The data folder: DASHBOARD_DATA_DIR when set, else the repository's data/."""
    configured = os.environ.get("DASHBOARD_DATA_DIR")
    return Path(configured).expanduser().resolve() if configured else DEFAULT_DATA_DIR


def _line_at(raw: Any, loc: Iterable[Any], fallback: int) -> int:
    """The line of the deepest part of `raw` named by a pydantic error location."""
    line, node = fallback, raw
    for part in loc:
        if isinstance(node, LineMap) and part in node:
            line = node.key_lines.get(part, line)
            node = node[part]
        elif isinstance(node, list) and isinstance(part, int) and 0 <= part < len(node):
            node = node[part]
            if isinstance(node, LineMap):
                line = node.line
        else:
            break
    return line


def _format_loc(loc: Iterable[Any]) -> str:
    out = ""
    for part in loc:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else str(part))
    return out


def _validation_problems(err: ValidationError, raw: Any, label: str, what: str, line: int) -> list[Problem]:
    problems = []
    for e in err.errors(include_url=False):
        message = e["msg"].removeprefix("Value error, ")
        where = _format_loc(e["loc"])
        if e["type"] == "extra_forbidden":
            message = "unknown field"
        elif e["type"] == "missing":
            message = "required field is missing"
        text = f"{what}: {where}: {message}" if where else f"{what}: {message}"
        problems.append(Problem(label, _line_at(raw, e["loc"], line), text))
    return problems


@dataclass
class Record:
    """The validated record, with every problem found on the way."""

    measures: list[Measure] = field(default_factory=list)
    article: Article | None = None
    changelog: list[ChangelogEntry] = field(default_factory=list)
    publishers: dict[str, Publisher] = field(default_factory=dict)
    events: list[ContextEvent] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    # Where each measure and article item was read from, for messages.
    locations: dict[str, tuple[str, int]] = field(default_factory=dict)
    article_lines: dict[str, int] = field(default_factory=dict)
    # Per data version, the lines of its entry ("entry") and of its "added", "changed" and "ended" keys.
    changelog_lines: dict[str, dict[str, int]] = field(default_factory=dict)

    @property
    def version(self) -> str:
        return self.changelog[0].version if self.changelog else "unversioned"

    def to_json_document(self) -> dict[str, Any]:
        return {
            "version": self.version,
            "measures": [m.model_dump(mode="json") for m in self.measures],
            "article": self.article.model_dump(mode="json") if self.article else None,
        }


def _top_level_list(path: Path, label: str, key: str, record: Record) -> tuple[list, LineMap] | None:
    """Read a file whose one top-level key holds a list; problems go to the record."""
    data, problems = read_yaml(path, label)
    record.problems.extend(problems)
    if data is None:
        return None
    if not isinstance(data, LineMap):
        record.problems.append(Problem(label, 1, f"the file must be a mapping with the key '{key}'"))
        return None
    record.problems.extend(
        Problem(label, data.key_lines.get(k, 1), f"unknown top-level key {k!r}")
        for k in data
        if k != key and not (isinstance(k, str) and k.startswith("x-"))
    )
    if key not in data:
        record.problems.append(Problem(label, 1, f"missing top-level key '{key}'"))
        return None
    if not isinstance(data[key], list):
        record.problems.append(Problem(label, data.key_lines.get(key, 1), f"'{key}' must be a list"))
        return None
    return data[key], data


def _valid_items(path: Path, label: str, key: str, model: type, noun: str, record: Record) -> Iterator[tuple[Any, int]]:
    """Each valid entry of a list-holding file with its line; every invalid one is a problem."""
    found = _top_level_list(path, label, key, record)
    if found is None:
        return
    items, data = found
    for index, raw in enumerate(items):
        line = raw.line if isinstance(raw, LineMap) else data.key_lines.get(key, 1)
        raw_id = raw.get("id", raw.get("host")) if isinstance(raw, dict) else None
        what = f"{noun} {raw_id!r}" if isinstance(raw_id, str) else f"{noun} #{index + 1}"
        if not isinstance(raw, dict):
            record.problems.append(Problem(label, line, f"{what}: must be a mapping of fields"))
            continue
        try:
            yield model.model_validate(raw), line
        except ValidationError as err:
            record.problems.extend(_validation_problems(err, raw, label, what, line))


def _load_measures(path: Path, label: str, record: Record) -> None:
    for measure, line in _valid_items(path, label, "measures", Measure, "measure", record):
        if measure.id in record.locations:
            first_file, first_line = record.locations[measure.id]
            record.problems.append(
                Problem(label, line, f"duplicate id {measure.id!r} (first at {first_file}:{first_line}); this copy is not shown")
            )
            continue
        record.locations[measure.id] = (label, line)
        record.measures.append(measure)


def _load_publishers(path: Path, label: str, record: Record) -> None:
    for publisher, line in _valid_items(path, label, "publishers", Publisher, "publisher", record):
        if publisher.host in record.publishers:
            record.problems.append(Problem(label, line, f"host {publisher.host!r} is listed twice"))
            continue
        record.publishers[publisher.host] = publisher


def _load_events(path: Path, label: str, record: Record) -> None:
    seen: set[str] = set()
    for event, line in _valid_items(path, label, "events", ContextEvent, "event", record):
        if event.id in seen:
            record.problems.append(Problem(label, line, f"duplicate event id {event.id!r}"))
            continue
        seen.add(event.id)
        record.locations[f"event:{event.id}"] = (label, line)
        record.events.append(event)
    record.events.sort(key=lambda e: e.date)


def _load_article(path: Path, label: str, record: Record) -> None:
    data, problems = read_yaml(path, label)
    record.problems.extend(problems)
    if data is None:
        return
    try:
        record.article = ArticleDocument.model_validate(data).article
    except ValidationError as err:
        record.problems.extend(_validation_problems(err, data, label, "article", 1))
        return
    for key in ("items", "positions"):
        for raw in data["article"].get(key, []):
            if isinstance(raw, LineMap) and isinstance(raw.get("id"), str):
                record.article_lines[raw["id"]] = raw.line


def _load_changelog(path: Path, label: str, record: Record) -> None:
    found = _top_level_list(path, label, "changelog", record)
    if found is None:
        return
    for index, raw in enumerate(found[0]):
        line = raw.line if isinstance(raw, LineMap) else 1
        try:
            entry = ChangelogEntry.model_validate(raw)
        except ValidationError as err:
            record.problems.extend(_validation_problems(err, raw, label, f"changelog entry #{index + 1}", line))
            continue
        if entry.version in record.changelog_lines:
            first = record.changelog_lines[entry.version]["entry"]
            record.problems.append(Problem(label, line, f"version {entry.version!r} is listed twice (first at line {first})"))
            continue
        record.changelog.append(entry)
        record.changelog_lines[entry.version] = {"entry": line, **{k: raw.key_lines.get(k, line) for k in ("added", "changed", "ended")}}
    record.changelog.sort(key=lambda e: (e.date, version_key(e.version)), reverse=True)


SINGLE_FILES = (ARTICLE_FILE, CHANGELOG_FILE, PUBLISHERS_FILE, EVENTS_FILE)


def record_files(data_dir: Path) -> list[Path]:
    return [*sorted(data_dir.glob(MEASURES_GLOB)), *(data_dir / name for name in SINGLE_FILES)]


def fingerprint(data_dir: Path) -> tuple:
    """Changes whenever a data file is added, removed or edited: the cache key of the record."""
    out = []
    for path in record_files(data_dir):
        try:
            st = path.stat()
            out.append((str(path), st.st_mtime_ns, st.st_size))
        except OSError:
            out.append((str(path), None, None))
    return tuple(out)


def load_record(data_dir: Path | None = None) -> Record:
    """Read and validate every file of a data folder."""
    with without_gc():
        return _load_record(Path(data_dir) if data_dir is not None else data_dir_from_env())


def load_measures(data_dir: Path) -> tuple[list[Measure], list[Problem]]:
    """Only the measures files of a folder, each record validated on its own (no links,
    sources or changelog checks): the valid measures and the problems that left some out."""
    record = Record()
    with without_gc():
        for path in sorted(Path(data_dir).glob(MEASURES_GLOB)):
            _load_measures(path, path.relative_to(data_dir).as_posix(), record)
    return record.measures, sorted(record.problems)


def _load_record(data_dir: Path) -> Record:
    record = Record()
    if not data_dir.is_dir():
        record.problems.append(Problem(str(data_dir), 0, "the data folder does not exist"))
        return record
    measure_files = sorted(data_dir.glob(MEASURES_GLOB))
    if not measure_files:
        record.problems.append(Problem(f"{data_dir.name}/{MEASURES_GLOB}", 0, "no measures files found"))
    for path in measure_files:
        _load_measures(path, path.relative_to(data_dir).as_posix(), record)
    readers = {ARTICLE_FILE: _load_article, CHANGELOG_FILE: _load_changelog,
               PUBLISHERS_FILE: _load_publishers, EVENTS_FILE: _load_events}
    changelog_complete = False
    for name in SINGLE_FILES:
        path = data_dir / name
        if path.exists():
            before = len(record.problems)
            readers[name](path, name, record)
            if name == CHANGELOG_FILE:
                changelog_complete = len(record.problems) == before
        else:
            record.problems.append(Problem(name, 0, "file is missing"))
    record.problems.extend(check_links(record))
    record.problems.extend(check_sources(record))
    record.problems.extend(check_changelog(record, changelog_complete))
    record.problems.sort()
    return record
