"""Checks across records and files: links between ids, and where each record's sources come from."""

from __future__ import annotations

from collections import Counter
from typing import TYPE_CHECKING

from record.files import ARTICLE_FILE, CHANGELOG_FILE, PUBLISHERS_FILE
from record.model import Publisher, Source, source_host, version_key
from record.reader import Problem
from record.taxonomy import PUBLISHER_KINDS

if TYPE_CHECKING:
    from record.load import Record


def check_links(record: Record) -> list[Problem]:
    problems: list[Problem] = []
    known = record.locations
    by_id = {m.id: m for m in record.measures}
    for m in record.measures:
        file, line = known[m.id]
        for target in m.responds_to:
            if target not in by_id:
                problems.append(Problem(file, line, f"measure {m.id!r}: responds_to names an unknown id {target!r}"))
            elif target == m.id:
                problems.append(Problem(file, line, f"measure {m.id!r}: responds_to names itself"))
        for target in m.extends:
            if target not in by_id:
                problems.append(Problem(file, line, f"measure {m.id!r}: extends names an unknown id {target!r}"))
            elif by_id[target].date > m.date:
                problems.append(Problem(file, line, f"measure {m.id!r}: extends {target!r}, which is dated after it"))
    if record.article is None:
        return problems
    label = ARTICLE_FILE
    seen: set[str] = set()
    for item in [*record.article.items, *record.article.positions]:
        line = record.article_lines.get(item.id, 1)
        if item.id in seen:
            problems.append(Problem(label, line, f"duplicate article item id {item.id!r}"))
        seen.add(item.id)
        ids = [e.measure for e in item.evidence]
        outcome = getattr(item, "outcome", None)
        if outcome is not None:
            ids += outcome.measures
        for mid in dict.fromkeys(ids):
            if mid not in by_id:
                problems.append(Problem(label, line, f"article item {item.id!r}: evidence names an unknown measure id {mid!r}"))
    return problems


def source_problems(sources: list[Source], actor: str | None, what: str, publishers: dict[str, Publisher]) -> list[str]:
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


def check_sources(record: Record) -> list[Problem]:
    problems: list[Problem] = []
    if not record.publishers:
        return problems  # a missing or broken table is already a problem; one message, not one per source
    for m in record.measures:
        file, line = record.locations[m.id]
        problems.extend(
            Problem(file, line, text) for text in source_problems(m.sources, m.actor, f"measure {m.id!r}", record.publishers)
        )
    for e in record.events:
        file, line = record.locations[f"event:{e.id}"]
        problems.extend(
            Problem(file, line, text) for text in source_problems(e.sources, None, f"event {e.id!r}", record.publishers)
        )
    return problems


def check_changelog(record: Record, complete: bool) -> list[Problem]:
    """The changelog's lists against the record: every id it names exists, every measure was
    added in exactly one version, and `ended` agrees with the measures' `end`. Unless the
    changelog was read `complete` (present, every entry valid), a measure missing from its
    lists is not reported: one message about the file, not one per measure."""
    problems: list[Problem] = []
    label = CHANGELOG_FILE
    by_id = {m.id: m for m in record.measures}
    added_in: dict[str, str] = {}
    ended_in: dict[str, str] = {}
    # Ids a version took out of the record: earlier versions may still name them.
    withdrawn = {mid: e.version for e in record.changelog for mid in e.withdrawn}
    # A later correction of `end` (listed as changed) may remove an end an earlier version listed.
    end_corrected = {c.id for e in record.changelog for c in e.changed if "end" in c.fields}
    for entry in sorted(record.changelog, key=lambda e: (e.date, version_key(e.version))):
        lines = record.changelog_lines[entry.version]
        what = f"version {entry.version!r}"
        changed_ids = [c.id for c in entry.changed]
        added_here = set(entry.added)
        for key, ids in (("added", entry.added), ("changed", changed_ids), ("ended", entry.ended)):
            line = lines[key]
            for mid in sorted(i for i, n in Counter(ids).items() if n > 1):
                problems.append(Problem(label, line, f"{what}: {key} names {mid!r} twice"))
            for mid in dict.fromkeys(ids):
                if mid in withdrawn:
                    continue
                if mid not in by_id:
                    problems.append(Problem(label, line, f"{what}: {key} names an unknown measure id {mid!r}"))
                elif key != "added" and mid not in added_in and mid not in added_here:
                    problems.append(Problem(label, line, f"{what}: {key} names {mid!r}, which no earlier version added"))
        for mid in dict.fromkeys(entry.added):
            if mid in added_in:
                problems.append(
                    Problem(label, lines["added"], f"{what}: added names {mid!r}, already added in version {added_in[mid]!r}")
                )
            else:
                added_in[mid] = entry.version
        for mid in sorted(added_here.intersection(changed_ids)):
            problems.append(Problem(label, lines["changed"], f"{what}: {mid!r} is both added and changed; list it as added"))
        for mid in dict.fromkeys(entry.ended):
            ended_in.setdefault(mid, entry.version)
            if mid in by_id and by_id[mid].end is None and mid not in end_corrected:
                problems.append(Problem(label, lines["ended"], f"{what}: ended names {mid!r}, which has no end"))
    for mid, version in withdrawn.items():
        if mid in by_id:
            problems.append(Problem(label, 1, f"version {version!r}: withdrawn names {mid!r}, which is still in the record"))
        elif mid not in added_in:
            problems.append(Problem(label, 1, f"version {version!r}: withdrawn names {mid!r}, which no version added"))
    if not complete:
        return problems
    for m in record.measures:
        file, line = record.locations[m.id]
        if m.id not in added_in:
            problems.append(Problem(file, line, f"measure {m.id!r} is not listed as added in any version of {label}"))
        if m.end is not None and m.id not in ended_in:
            problems.append(Problem(file, line, f"measure {m.id!r} has an end but no version of {label} lists it as ended"))
    return problems
