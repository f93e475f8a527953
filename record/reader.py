"""Reading one YAML file of the record: line numbers kept for every mapping and key, dates left
as text for the model to check, aliases and duplicate keys refused, and every failure turned
into a `Problem` with its file and line instead of an exception."""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

MAX_FILE_BYTES = 16 * 1024 * 1024

_BaseLoader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


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
