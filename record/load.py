"""Reading the YAML record: every problem is collected with its file and line, and every
valid record is kept, so one broken file or record never hides the others.
"""

from __future__ import annotations

import gc
import os
from collections import Counter
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml
from pydantic import ValidationError

from record.model import (
    Article,
    ArticleDocument,
    ChangelogEntry,
    ContextEvent,
    Measure,
    Publisher,
    Source,
    source_host,
    version_key,
)
from record.taxonomy import PUBLISHER_KINDS

REPO_ROOT = Path(__file__).resolve().parent.parent
DEFAULT_DATA_DIR = REPO_ROOT / "data"
MAX_FILE_BYTES = 16 * 1024 * 1024
MEASURES_GLOB = "measures/*.yaml"
ARTICLE_FILE = "article.yaml"
CHANGELOG_FILE = "changelog.yaml"
PUBLISHERS_FILE = "publishers.yaml"
EVENTS_FILE = "events.yaml"

_BaseLoader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def data_dir_from_env() -> Path:
    """The data folder: DASHBOARD_DATA_DIR when set, else the repository's data/."""
    configured = os.environ.get("DASHBOARD_DATA_DIR")
    return Path(configured).expanduser().resolve() if configured else DEFAULT_DATA_DIR


@dataclass(frozen=True, order=True)
class Problem:
    file: str
    line: int
    message: str

    def __str__(self) -> str:
        return f"{self.file}:{self.line}: {self.message}"


class LineMap(dict):
    """A YAML mapping that remembers where it and each of its keys stand in the file."""

    __slots__ = ("key_lines", "line")

    def __init__(self) -> None:
        super().__init__()
        self.line = 0
        self.key_lines: dict[Any, int] = {}


class _DuplicateKey(Exception):
    def __init__(self, key: object, line: int) -> None:
        super().__init__(key, line)
        self.key = key
        self.line = line


class _AliasUsed(Exception):
    def __init__(self, line: int) -> None:
        super().__init__(line)
        self.line = line


class _RecordLoader(_BaseLoader):  # type: ignore[misc, valid-type]
    """The C-accelerated safe loader where available, keeping line numbers, leaving dates
    as text for the model to check (so 2021-02-30 is a message, not a crash), and refusing
    aliases: they can expand without bound (a 'billion laughs' file), and a hand-written
    record never needs them. A node reached a second time is an alias."""

    def construct_object(self, node: yaml.Node, deep: bool = False) -> Any:
        if node in self.constructed_objects or node in self.recursive_objects:
            raise _AliasUsed(node.start_mark.line + 1)
        return super().construct_object(node, deep=deep)


def _construct_map(loader: _RecordLoader, node: yaml.MappingNode) -> Iterator[LineMap]:
    data = LineMap()
    data.line = node.start_mark.line + 1
    yield data
    loader.flatten_mapping(node)
    for key_node, value_node in node.value:
        key = loader.construct_object(key_node, deep=True)
        try:
            hash(key)
        except TypeError:
            raise yaml.constructor.ConstructorError(
                None, None, "a mapping key must be plain text", key_node.start_mark
            ) from None
        if key in data:
            raise _DuplicateKey(key, key_node.start_mark.line + 1)
        data[key] = loader.construct_object(value_node, deep=True)
        data.key_lines[key] = key_node.start_mark.line + 1


def _construct_timestamp_as_text(loader: _RecordLoader, node: yaml.ScalarNode) -> str:
    return loader.construct_scalar(node)


def _construct_bool_yaml12(loader: _RecordLoader, node: yaml.ScalarNode) -> bool | str:
    """YAML 1.2 booleans only: `NO` (Norway), `yes`, `on` and `off` stay text."""
    value = loader.construct_scalar(node)
    lowered = value.lower()
    return lowered == "true" if lowered in ("true", "false") else value


_RecordLoader.add_constructor("tag:yaml.org,2002:map", _construct_map)
_RecordLoader.add_constructor("tag:yaml.org,2002:bool", _construct_bool_yaml12)
_RecordLoader.add_constructor("tag:yaml.org,2002:timestamp", _construct_timestamp_as_text)


def read_yaml(path: Path, label: str) -> tuple[Any, list[Problem]]:
    """Parse one YAML file. Returns (data or None, problems)."""
    try:
        size = path.stat().st_size
    except OSError as err:
        return None, [Problem(label, 0, f"cannot read the file: {err.strerror}")]
    if size > MAX_FILE_BYTES:
        return None, [Problem(label, 0, f"file is {size:,} bytes, over the limit of {MAX_FILE_BYTES:,}")]
    raw = path.read_bytes()
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as err:
        line = raw[: err.start].count(b"\n") + 1
        return None, [Problem(label, line, f"not UTF-8: byte 0x{raw[err.start]:02x} cannot be decoded")]
    if text.startswith("\ufeff"):
        text = text[1:]
    if not text.strip() or all(
        not ln.strip() or ln.lstrip().startswith("#") for ln in text.splitlines()
    ):
        return None, [Problem(label, 1, "the file is empty")]
    loader = _RecordLoader(text)
    try:
        root = loader.get_single_node()
        if root is None:
            return None, [Problem(label, 1, "the file is empty")]
        data = loader.construct_document(root)
    except _AliasUsed as alias:
        return None, [Problem(label, alias.line, "YAML anchors and aliases (&, *) are not allowed in the record")]
    except _DuplicateKey as dup:
        return None, [Problem(label, dup.line, f"duplicate key {dup.key!r} in one mapping")]
    except yaml.MarkedYAMLError as err:
        mark = err.problem_mark or err.context_mark
        line = mark.line + 1 if mark is not None else 0
        what = " ".join(p for p in (err.context, err.problem) if p) or "YAML syntax error"
        return None, [Problem(label, line, f"YAML syntax error: {what}")]
    except yaml.reader.ReaderError as err:
        line = text[: err.position].count("\n") + 1
        return None, [Problem(label, line, f"character 0x{err.character:02x} is not allowed in YAML ({err.reason})")]
    except yaml.YAMLError as err:
        return None, [Problem(label, 0, f"YAML error: {err}")]
    except RecursionError:
        return None, [Problem(label, 0, "the YAML nests too deeply")]
    finally:
        loader.dispose()
    return data, []


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


def _check_changelog(record: Record, complete: bool) -> None:
    """The changelog's lists against the record: every id it names exists, every measure was
    added in exactly one version, and `ended` agrees with the measures' `end`. Unless the
    changelog was read `complete` (present, every entry valid), a measure missing from its
    lists is not reported: one message about the file, not one per measure."""
    label = CHANGELOG_FILE
    by_id = {m.id: m for m in record.measures}
    added_in: dict[str, str] = {}
    ended_in: dict[str, str] = {}
    for entry in sorted(record.changelog, key=lambda e: (e.date, version_key(e.version))):
        lines = record.changelog_lines[entry.version]
        what = f"version {entry.version!r}"
        changed_ids = [c.id for c in entry.changed]
        added_here = set(entry.added)
        for key, ids in (("added", entry.added), ("changed", changed_ids), ("ended", entry.ended)):
            line = lines[key]
            for mid in sorted(i for i, n in Counter(ids).items() if n > 1):
                record.problems.append(Problem(label, line, f"{what}: {key} names {mid!r} twice"))
            for mid in dict.fromkeys(ids):
                if mid not in by_id:
                    record.problems.append(Problem(label, line, f"{what}: {key} names an unknown measure id {mid!r}"))
                elif key != "added" and mid not in added_in and mid not in added_here:
                    record.problems.append(Problem(label, line, f"{what}: {key} names {mid!r}, which no earlier version added"))
        for mid in dict.fromkeys(entry.added):
            if mid in added_in:
                record.problems.append(
                    Problem(label, lines["added"], f"{what}: added names {mid!r}, already added in version {added_in[mid]!r}")
                )
            else:
                added_in[mid] = entry.version
        for mid in sorted(added_here.intersection(changed_ids)):
            record.problems.append(Problem(label, lines["changed"], f"{what}: {mid!r} is both added and changed; list it as added"))
        for mid in dict.fromkeys(entry.ended):
            ended_in.setdefault(mid, entry.version)
            if mid in by_id and by_id[mid].end is None:
                record.problems.append(Problem(label, lines["ended"], f"{what}: ended names {mid!r}, which has no end"))
    if not complete:
        return
    for m in record.measures:
        file, line = record.locations[m.id]
        if m.id not in added_in:
            record.problems.append(Problem(file, line, f"measure {m.id!r} is not listed as added in any version of {label}"))
        if m.end is not None and m.id not in ended_in:
            record.problems.append(Problem(file, line, f"measure {m.id!r} has an end but no version of {label} lists it as ended"))


def _check_links(record: Record) -> None:
    known = record.locations
    by_id = {m.id: m for m in record.measures}
    for m in record.measures:
        file, line = known[m.id]
        for target in m.responds_to:
            if target not in by_id:
                record.problems.append(Problem(file, line, f"measure {m.id!r}: responds_to names an unknown id {target!r}"))
            elif target == m.id:
                record.problems.append(Problem(file, line, f"measure {m.id!r}: responds_to names itself"))
        for target in m.extends:
            if target not in by_id:
                record.problems.append(Problem(file, line, f"measure {m.id!r}: extends names an unknown id {target!r}"))
            elif by_id[target].date > m.date:
                record.problems.append(Problem(file, line, f"measure {m.id!r}: extends {target!r}, which is dated after it"))
    if record.article is None:
        return
    label = ARTICLE_FILE
    seen: set[str] = set()
    for item in [*record.article.items, *record.article.positions]:
        line = record.article_lines.get(item.id, 1)
        if item.id in seen:
            record.problems.append(Problem(label, line, f"duplicate article item id {item.id!r}"))
        seen.add(item.id)
        ids = [e.measure for e in item.evidence]
        outcome = getattr(item, "outcome", None)
        if outcome is not None:
            ids += outcome.measures
        for mid in dict.fromkeys(ids):
            if mid not in known:
                record.problems.append(Problem(label, line, f"article item {item.id!r}: evidence names an unknown measure id {mid!r}"))


def _source_problems(sources: list[Source], actor: str | None, what: str, publishers: dict[str, Publisher]) -> list[str]:
    """What is wrong with where a record's sources come from (DATA_GUIDE.md, "Sources you can
    stand behind"): every host is in the publishers table, every tier follows from the host's
    kind, and the record rests on more than aggregators or another party's state media."""
    out = []
    strong = 0
    for n, source in enumerate(sources, start=1):
        host = source_host(source.url)
        publisher = publishers.get(host)
        if publisher is None:
            out.append(f"{what}: source {n}: host {host!r} is not in {PUBLISHERS_FILE}")
            strong += 1  # not judged until it is listed
            continue
        tier = PUBLISHER_KINDS[publisher.kind].tier
        if source.tier != tier:
            out.append(f"{what}: source {n}: tier {source.tier!r} on {host} ({publisher.kind}); that kind's tier is {tier!r}")
        if publisher.kind == "aggregator":
            continue
        if publisher.kind == "state-media" and publisher.country != actor:
            continue
        strong += 1
    if sources and not strong:
        out.append(f"{what}: rests on aggregators or another party's state media alone; add the original or an independent source")
    return out


def _check_sources(record: Record) -> None:
    if not record.publishers:
        return  # a missing or broken table is already a problem; one message, not one per source
    for m in record.measures:
        file, line = record.locations[m.id]
        record.problems.extend(
            Problem(file, line, text) for text in _source_problems(m.sources, m.actor, f"measure {m.id!r}", record.publishers)
        )
    for e in record.events:
        file, line = record.locations[f"event:{e.id}"]
        record.problems.extend(
            Problem(file, line, text) for text in _source_problems(e.sources, None, f"event {e.id!r}", record.publishers)
        )


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


@contextmanager
def without_gc() -> Iterator[None]:
    """Loading (and building the frames) creates millions of objects and frees none of them in
    cycles; Python's cycle collector would rescan the growing heap again and again (more than
    half of the load time at 10,000 measures, and growing faster than the record). Reference
    counting still frees everything as usual."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


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
    _check_links(record)
    _check_sources(record)
    _check_changelog(record, changelog_complete)
    record.problems.sort()
    return record
