"""Command line: `validate`, `export`, `schema`, `changelog-entry`, `feed` and `check-sources` (see the Makefile)."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from record.history import Diff, diff_measures
from record.load import CHANGELOG_FILE, REPO_ROOT, data_dir_from_env, load_measures, load_record
from record.model import ArticleDocument, ChangelogDocument, EventsDocument, MeasuresDocument, PublishersDocument

SCHEMA_DIR = REPO_ROOT / "schema"
SCHEMAS = {
    "measures.schema.json": MeasuresDocument,
    "article.schema.json": ArticleDocument,
    "changelog.schema.json": ChangelogDocument,
    "publishers.schema.json": PublishersDocument,
    "events.schema.json": EventsDocument,
}


def _data_dir(arg: str | None) -> Path:
    return Path(arg).expanduser().resolve() if arg else data_dir_from_env()


def validate(data_dir: Path) -> int:
    record = load_record(data_dir)
    for problem in record.problems:
        print(problem)
    n = len(record.problems)
    print(
        f"{data_dir}: {len(record.measures)} valid measures, {n} problem{'s' if n != 1 else ''}",
        file=sys.stderr,
    )
    return 1 if n else 0


def export(data_dir: Path) -> int:
    record = load_record(data_dir)
    for problem in record.problems:
        print(problem, file=sys.stderr)
    json.dump(record.to_json_document(), sys.stdout, ensure_ascii=False, indent=1)
    sys.stdout.write("\n")
    return 1 if record.problems else 0


def schemas() -> dict[str, str]:
    out = {}
    for name, model in SCHEMAS.items():
        schema = model.model_json_schema()
        schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
        schema["title"] = name.removesuffix(".schema.json")
        out[name] = json.dumps(schema, indent=1, ensure_ascii=False) + "\n"
    return out


def check_schemas() -> int:
    """Fail when the committed schemas no longer match the model."""
    stale = [name for name, text in schemas().items()
             if not (SCHEMA_DIR / name).exists() or (SCHEMA_DIR / name).read_text(encoding="utf-8") != text]
    for name in stale:
        print(f"schema/{name} is out of date: run `make schema` and commit it", file=sys.stderr)
    return 1 if stale else 0


def write_schemas() -> int:
    SCHEMA_DIR.mkdir(exist_ok=True)
    for name, text in schemas().items():
        (SCHEMA_DIR / name).write_text(text, encoding="utf-8")
        print(f"wrote schema/{name}")
    return 0


def entry_lists(diff: Diff) -> str:
    """The `added`, `changed` and `ended` keys of a changelog entry, indented to paste under its `version`."""
    lines = ["    added:" + ("" if diff.added else " []"), *(f"      - {mid}" for mid in diff.added)]
    lines.append("    changed:" + ("" if diff.changed else " []"))
    for change in diff.changed:
        lines += [f"      - id: {change.id}", f"        fields: [{', '.join(change.fields)}]"]
    lines += ["    ended:" + ("" if diff.ended else " []"), *(f"      - {mid}" for mid in diff.ended)]
    return "\n".join(lines) + "\n"


def changelog_entry(base: str, data_dir: Path, to: str | None = None) -> int:
    """Print the lists of a new changelog entry: the measures at `base` against the working
    tree (or the revision `to`). Exits 1 when the lists cannot be trusted: a measure that does
    not validate on either side, or one that is gone (nothing is deleted)."""
    from record.revision import RevisionError, measures_at

    try:
        old, old_problems = measures_at(base, data_dir)
        if to is None:
            measures, new_problems = load_measures(data_dir)
            new = {m.id: m for m in measures}
        else:
            new, new_problems = measures_at(to, data_dir)
    except RevisionError as err:
        print(f"changelog-entry: {err}", file=sys.stderr)
        return 2
    diff = diff_measures(old, new)
    print(f"# measures at {base} -> {to or 'the working tree'} ({data_dir})")
    sys.stdout.write(entry_lists(diff))
    for side, problems in ((base, old_problems), (to or "working tree", new_problems)):
        for problem in problems:
            print(f"{side}: {problem} (left out of the comparison)", file=sys.stderr)
    for mid in diff.removed:
        print(f"measure {mid!r} is at {base} but no longer in the record: nothing is deleted, give it an end instead",
              file=sys.stderr)
    return 1 if old_problems or new_problems or diff.removed else 0


def changelog_problems(record) -> list:
    """The problems that make the changelog's lists untrustworthy (the feed is built from them)."""
    return [p for p in record.problems if p.file == CHANGELOG_FILE or CHANGELOG_FILE in p.message]


def feed(data_dir: Path, output: Path | None, check: bool) -> int:
    """Write static/feed.xml from the changelog, or with `check` only say whether it is stale."""
    from record.feed import FEED_FILE, feed_xml, write_feed

    path = output or FEED_FILE
    record = load_record(data_dir)
    problems = changelog_problems(record)
    for problem in problems:
        print(problem, file=sys.stderr)
    if problems:
        print("feed: the changelog has problems (above); fix them first", file=sys.stderr)
        return 1
    if check:
        if not path.exists() or path.read_bytes() != feed_xml(record):
            print(f"{path} is out of date: run `make feed` and commit it", file=sys.stderr)
            return 1
        return 0
    changed = write_feed(record, path)
    print(f"{'wrote' if changed else 'unchanged:'} {path}", file=sys.stderr)
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m record.cli", description=__doc__)
    sub = parser.add_subparsers(dest="command", required=True)
    for name in ("validate", "export"):
        p = sub.add_parser(name)
        p.add_argument("data_dir", nargs="?", help="data folder (default: $DASHBOARD_DATA_DIR or data/)")
    schema = sub.add_parser("schema", help="write the JSON Schemas generated from the model to schema/")
    schema.add_argument("--check", action="store_true", help="only check that they are up to date")
    entry = sub.add_parser("changelog-entry", help="the added/changed/ended lists of a new changelog entry, from a git revision")
    entry.add_argument("base", help="the git revision of the last published data (a tag, a branch, a commit)")
    entry.add_argument("data_dir", nargs="?", help="data folder inside the git work tree (default: $DASHBOARD_DATA_DIR or data/)")
    entry.add_argument("--to", help="compare with this revision instead of the working tree")
    feed_cmd = sub.add_parser("feed", help="write the Atom feed of the data's changes (static/feed.xml) from the changelog")
    feed_cmd.add_argument("data_dir", nargs="?", help="data folder (default: $DASHBOARD_DATA_DIR or data/)")
    feed_cmd.add_argument("--output", type=Path, help="where to write it (default: static/feed.xml)")
    feed_cmd.add_argument("--check", action="store_true", help="only check that it is up to date")
    args = parser.parse_args(argv)
    if args.command == "feed":
        return feed(_data_dir(args.data_dir), args.output, args.check)
    if args.command == "changelog-entry":
        return changelog_entry(args.base, _data_dir(args.data_dir), args.to)
    if args.command == "validate":
        return validate(_data_dir(args.data_dir))
    if args.command == "export":
        return export(_data_dir(args.data_dir))
    return check_schemas() if args.check else write_schemas()


if __name__ == "__main__":
    sys.exit(main())
