"""How good the record's sources are: records by their best publisher kind, hosts by kind."""

from __future__ import annotations

import pandas as pd

from record.load import Record
from record.model import Measure, source_host
from record.taxonomy import PUBLISHER_KINDS

KIND_RANK = {k: i for i, k in enumerate(PUBLISHER_KINDS)}  # official journals first, aggregators last


def source_kinds(measure: Measure, record: Record) -> list[str]:
    """The publisher kind of each source ("unlisted" where its host is not in the table)."""
    kinds = []
    for s in measure.sources:
        publisher = record.publishers.get(source_host(s.url))
        kinds.append(publisher.kind if publisher else "unlisted")
    return kinds


def best_kind(measure: Measure, record: Record) -> str:
    return min(source_kinds(measure, record), key=lambda k: KIND_RANK.get(k, len(KIND_RANK)))


def records_by_best_kind(record: Record) -> pd.DataFrame:
    counts = pd.Series([best_kind(m, record) for m in record.measures], dtype=object).value_counts()
    order = [k for k in [*PUBLISHER_KINDS, "unlisted"] if k in counts.index]
    labels = {k: v.label for k, v in PUBLISHER_KINDS.items()} | {"unlisted": "Not in the publishers table"}
    return pd.DataFrame({"best publisher kind": [labels[k] for k in order], "records": [int(counts[k]) for k in order]})


def hosts_by_kind(record: Record) -> pd.DataFrame:
    used: dict[str, int] = {}
    for m in record.measures:
        for s in m.sources:
            host = source_host(s.url)
            used[host] = used.get(host, 0) + 1
    rows = []
    for key, kind in PUBLISHER_KINDS.items():
        hosts = [h for h, p in record.publishers.items() if p.kind == key and h in used]
        rows.append({"kind": kind.label, "tier": kind.tier, "hosts": len(hosts), "sources": sum(used[h] for h in hosts)})
    return pd.DataFrame(rows)


def coverage_by_actor_and_year(measures: pd.DataFrame) -> pd.DataFrame:
    """Measures per actor (rows, busiest first) and year (columns), with a total."""
    coverage = pd.crosstab(measures["actor_name"], measures["date"].dt.year)
    coverage["total"] = coverage.sum(axis=1)
    coverage = coverage.sort_values("total", ascending=False)
    coverage.columns = [str(c) for c in coverage.columns]
    return coverage
