"""Checks across records and files: links between ids, and where each record's sources come from."""

from __future__ import annotations

from typing import TYPE_CHECKING

from record.files import ARTICLE_FILE, PUBLISHERS_FILE
from record.model import Publisher, Source, source_host
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
