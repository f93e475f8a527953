"""A view in words and as a citation (plain text, BibTeX, RIS): what a reader takes away."""

from __future__ import annotations

from datetime import UTC, date, datetime

from record.actors import actor_name
from record.filters import Filters
from record.project import DASHBOARD_NAME
from record.taxonomy import DIRECTIONS, GROUPS


def _names(codes: tuple[str, ...]) -> str:
    return ", ".join(actor_name(c) for c in codes)


def describe_filters(filters: Filters) -> str:
    """The filters in words, for captions, images, downloads and citations."""
    who = []
    if filters.countries:
        who.append(f"involving {_names(filters.countries)}")
    if filters.actors:
        who.append(f"taken by {_names(filters.actors)}")
    if filters.targets:
        who.append(f"aimed at {_names(filters.targets)}")
    parts = [
        "; ".join(who) if who else "all countries",
        f"{filters.start.isoformat()} to {filters.end.isoformat()}",
        ("type groups: " + ", ".join(GROUPS[g].label for g in filters.groups)) if filters.groups else "all types",
        ("directions: " + ", ".join(DIRECTIONS[d].lower() for d in filters.directions)) if filters.directions
        else "all directions",
    ]
    return "; ".join(parts)


def accessed_today() -> date:
    """The date of access for a citation (the only place the dashboard reads the clock)."""
    return datetime.now(UTC).date()


def citation(title: str, what: str, version: str, link: str, accessed: date) -> str:
    """Plain-text citation of a view or a measure. `title` names it; `what` says what it shows."""
    return f"{DASHBOARD_NAME}. “{title}” ({what}). Data version {version}. {link} (accessed {accessed.isoformat()})."


def _bibtex_escape(text: str) -> str:
    out = text.replace("\\", r"\textbackslash{}")
    for ch in "{}&%$#_":
        out = out.replace(ch, "\\" + ch)
    return out.replace("~", r"\textasciitilde{}").replace("^", r"\textasciicircum{}")


def bibtex(key: str, title: str, what: str, version: str, link: str, accessed: date) -> str:
    """A BibTeX @misc entry (biblatex's urldate as well as a note for classic styles)."""
    fields = {
        "author": "{" + _bibtex_escape(DASHBOARD_NAME) + "}",
        "title": _bibtex_escape(f"{title} ({what})"),
        "howpublished": r"\url{" + link.replace("%", r"\%").replace("#", r"\#") + "}",
        "url": link,
        "version": _bibtex_escape(version),
        "year": str(accessed.year),
        "urldate": accessed.isoformat(),
        "note": _bibtex_escape(f"Data version {version}; accessed {accessed.isoformat()}"),
    }
    safe_key = "".join(ch if ch.isalnum() or ch in "-_:" else "-" for ch in key)[:80]
    body = ",\n".join(f"  {name} = {{{value}}}" for name, value in fields.items())
    return f"@misc{{{safe_key},\n{body}\n}}\n"


def ris(title: str, what: str, version: str, link: str, accessed: date) -> str:
    """An RIS record (type DATA: a dataset), one tag a line, ending with ER."""
    one_line = " ".join(f"{title} ({what})".split())
    lines = [
        ("TY", "DATA"),
        ("AU", DASHBOARD_NAME),
        ("TI", one_line),
        ("PY", str(accessed.year)),
        ("ET", f"Data version {version}"),
        ("UR", link),
        ("Y2", accessed.strftime("%Y/%m/%d")),
        ("N1", f"Data version {version}; accessed {accessed.isoformat()}"),
        ("ER", ""),
    ]
    return "".join(f"{tag}  - {value}\r\n" for tag, value in lines)
