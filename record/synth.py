"""A synthetic record of N measures for benchmarks: a realistic mix of actors, types, dates,
spans, links and sources, written as valid YAML that `make validate` accepts.

Every address is on example.org and every quote says it is synthetic: nothing here is data.
"""

from __future__ import annotations

import argparse
import random
import sys
from datetime import date, timedelta
from pathlib import Path

import yaml

from record.taxonomy import TYPES

FILE_SIZE = 5000
ACTOR_WEIGHTS = {
    "EU": 20,
    "BY": 20,
    "UA": 10,
    "PL": 8,
    "LT": 8,
    "LV": 6,
    "US": 8,
    "GB": 5,
    "CA": 4,
    "CH": 3,
    "JP": 2,
    "NO": 2,
    "EE": 1,
    "CZ": 1,
    "DE": 1,
    "RU": 1,
}
TARGETS = {"BY": ["EU", "PL", "LT", "LV", "US", "GB", "UA", "CA", "NO", "CH"]}
ALIGNING = ["AL", "BA", "ME", "MK", "RS", "IS", "LI", "NO", "UA", "GE", "MD"]
TYPE_KEYS = list(TYPES)
WORDS = [
    "measure",
    "restriction",
    "listing",
    "border",
    "transit",
    "potash",
    "airspace",
    "visa",
    "release",
    "prisoner",
    "trade",
    "ban",
    "duty",
    "decision",
    "regulation",
    "embargo",
    "crossing",
    "migration",
    "emergency",
    "envoy",
    "letter",
    "talks",
    "sanctions",
    "package",
]


def _day(rng: random.Random) -> date:
    if rng.random() < 0.1:
        return date(2004, 1, 1) + timedelta(days=rng.randrange(0, 16 * 365))
    return date(2020, 8, 9) + timedelta(days=rng.randrange(0, 5 * 365 + 200))


def synth_measures(n: int, seed: int = 7) -> list[dict]:
    rng = random.Random(seed)
    actors = list(ACTOR_WEIGHTS)
    weights = list(ACTOR_WEIGHTS.values())
    out: list[dict] = []
    for i in range(n):
        actor = rng.choices(actors, weights)[0]
        targets = sorted(set(rng.sample(TARGETS["BY"], rng.choice([1, 1, 1, 2, 3])))) if actor == "BY" else ["BY"]
        day = _day(rng)
        kind = rng.choice(TYPE_KEYS)
        direction = rng.choices(["tightening", "easing", "maintaining"], [70, 20, 10])[0]
        title = " ".join(rng.choices(WORDS, k=rng.randint(4, 9))).capitalize()
        measure: dict = {
            "id": f"synth-{i:06d}",
            "title": title,
            "summary": f"Synthetic measure {i}: " + " ".join(rng.choices(WORDS, k=20)) + ".",
            "actor": actor,
            "targets": targets,
            "type": kind,
            "direction": direction,
            "date": day,
        }
        if rng.random() < 0.3:
            measure["in_force"] = day + timedelta(days=rng.randint(0, 10))
        if rng.random() < 0.25:
            measure["end"] = day + timedelta(days=rng.randint(20, 700))
        if rng.random() < 0.4:
            measure["legal_basis"] = [f"Synthetic Act {rng.randint(1, 999)}/{day.year}"]
        if actor == "EU" and rng.random() < 0.3:
            measure["aligned"] = sorted(rng.sample(ALIGNING, rng.randint(2, 7)))
        if out and rng.random() < 0.1:
            earlier = rng.randrange(max(0, len(out) - 500), len(out))
            measure["responds_to"] = [out[earlier]["id"]]
        measure["sources"] = [
            {
                "url": f"https://{SYNTH_HOSTS[tier]}/synthetic/{i}/{k}",
                "publisher": rng.choice(["Synthetic Journal", "Synthetic Ministry", "Synthetic News"]),
                "tier": tier,
                "quote": f"Synthetic quote {k} for measure {i}, not a real source.",
            }
            for k, tier in ((k, rng.choice(list(SYNTH_HOSTS))) for k in range(rng.choice([1, 1, 2, 2, 3])))
        ]
        out.append(measure)
    return out


# One host per tier, so that the publishers table fixes each source's tier as in the real record.
SYNTH_HOSTS = {"legal": "journal.example.org", "official": "ministry.example.org", "media": "news.example.org"}
SYNTH_PUBLISHERS = {"publishers": [
    {"host": "journal.example.org", "name": "Synthetic Journal", "kind": "official-journal", "country": "EU"},
    {"host": "ministry.example.org", "name": "Synthetic Ministry", "kind": "government", "country": "EU"},
    {"host": "news.example.org", "name": "Synthetic News", "kind": "newspaper", "country": "EU"},
    {"host": "example.org", "name": "Synthetic Pravda", "kind": "newspaper", "country": "UA"},
]}
SYNTH_EVENTS = {"events": [
    {"id": "synthetic-election", "date": date(2020, 8, 9), "label": "Election", "title": "Synthetic election",
     "summary": "Synthetic event.", "sources": [{"url": "https://news.example.org/synthetic/election", "publisher": "Synthetic News",
                                                  "tier": "media", "quote": "Synthetic quote, not a real source."}]},
]}


def write_synthetic(n: int, out_dir: Path, seed: int = 7) -> None:
    measures = synth_measures(n, seed)
    (out_dir / "measures").mkdir(parents=True, exist_ok=True)
    for old in (out_dir / "measures").glob("synthetic-*.yaml"):
        old.unlink()
    header = "# yaml-language-server: $schema=../../schema/measures.schema.json\n# Synthetic benchmark data (make synth).\n"
    for start in range(0, len(measures), FILE_SIZE):
        chunk = measures[start : start + FILE_SIZE]
        text = yaml.dump(
            {"measures": chunk}, Dumper=getattr(yaml, "CSafeDumper", yaml.SafeDumper), sort_keys=False, allow_unicode=True, width=120
        )
        (out_dir / "measures" / f"synthetic-{start // FILE_SIZE:03d}.yaml").write_text(header + text, encoding="utf-8")
    ids = [m["id"] for m in measures[:3]]
    article = {
        "article": {
            "title": "Synthetic article",
            "publisher": "Synthetic Pravda",
            "date": date(2022, 4, 18),
            "url": "https://example.org/synthetic/article",
            "items": [
                {
                    "id": f"synthetic-{kind}",
                    "kind": kind,
                    "title": f"Synthetic {kind}",
                    "text": "Synthetic item.",
                    "quote": "Synthetic quote.",
                    "evidence": [{"measure": mid, "stance": "context"} for mid in ids],
                    "outcome": {"text": "Synthetic outcome.", "as_of": date(2025, 1, 1), "measures": ids[:1]},
                }
                for kind in ("claim", "signal", "signal-to-kyiv", "recommendation")
            ],
            "positions": [
                {
                    "id": "synthetic-position",
                    "comment": 1,
                    "position": "Synthetic position.",
                    "evidence": [{"measure": ids[0], "stance": "supports"}],
                }
            ],
        }
    }
    (out_dir / "article.yaml").write_text(yaml.safe_dump(article, sort_keys=False), encoding="utf-8")
    changelog = {"changelog": [{
        "version": "2000.01.01", "date": date(2000, 1, 1), "changes": [f"Synthetic record of {n} measures."],
        "added": [m["id"] for m in measures], "ended": [m["id"] for m in measures if m.get("end")],
    }]}
    (out_dir / "changelog.yaml").write_text(yaml.safe_dump(changelog, sort_keys=False), encoding="utf-8")
    (out_dir / "publishers.yaml").write_text(yaml.safe_dump(SYNTH_PUBLISHERS, sort_keys=False), encoding="utf-8")
    (out_dir / "events.yaml").write_text(yaml.safe_dump(SYNTH_EVENTS, sort_keys=False), encoding="utf-8")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m record.synth", description=__doc__)
    parser.add_argument("n", type=int)
    parser.add_argument("out", type=Path)
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args(argv)
    if args.n < 3:
        parser.error("N must be at least 3")
    write_synthetic(args.n, args.out, args.seed)
    print(f"wrote {args.n} synthetic measures to {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
