"""Actors: ISO 3166-1 alpha-2 countries (names from pycountry) plus the EU as a bloc.

EU membership and the sides used for balances are the one small table here.
"""

from __future__ import annotations

from functools import cache

import pycountry

EU = "EU"

EU_MEMBERS: frozenset[str] = frozenset(
    [
        "AT",
        "BE",
        "BG",
        "HR",
        "CY",
        "CZ",
        "DK",
        "EE",
        "FI",
        "FR",
        "DE",
        "GR",
        "HU",
        "IE",
        "IT",
        "LV",
        "LT",
        "LU",
        "MT",
        "NL",
        "PL",
        "PT",
        "RO",
        "SK",
        "SI",
        "ES",
        "SE",
    ]
)

# Shorter everyday names where the ISO name is formal ("Russian Federation").
_SHORT_NAMES = {
    "RU": "Russia",
    "GB": "United Kingdom",
    "US": "United States",
    "KR": "South Korea",
    "MD": "Moldova",
    "IR": "Iran",
    "SY": "Syria",
    "VE": "Venezuela",
    "TW": "Taiwan",
}

SIDES: dict[str, str] = {
    "minsk": "Minsk",
    "eu": "EU and member states",
    "ukraine": "Ukraine",
    "others": "Others",
}


@cache
def known_codes() -> frozenset[str]:
    return frozenset(c.alpha_2 for c in pycountry.countries) | {EU}


def is_known(code: str) -> bool:
    return code in known_codes()


@cache
def actor_name(code: str) -> str:
    if code == EU:
        return "European Union"
    if code in _SHORT_NAMES:
        return _SHORT_NAMES[code]
    country = pycountry.countries.get(alpha_2=code)
    if country is None:
        return code
    return getattr(country, "common_name", None) or country.name


def actor_label(code: str) -> str:
    return f"{actor_name(code)} ({code})"


def side_of(code: str) -> str:
    """Which side of the relation an actor belongs to, for balances of pressure."""
    if code == "BY":
        return "minsk"
    if code == EU or code in EU_MEMBERS:
        return "eu"
    if code == "UA":
        return "ukraine"
    return "others"
