"""Decoding links into filters and applying them."""

from __future__ import annotations

from datetime import date

from hypothesis import given, settings
from hypothesis import strategies as st

from record.filters import Filters, as_params, decode, encode, filter_mask, query_string
from record.frames import build_frames
from record.load import load_record
from tests.conftest import FIXTURE_DATA

DEFAULTS = Filters(start=date(2004, 4, 1), end=date(2025, 12, 31))
COUNTRIES = ["BY", "UA", "EU", "LT", "LV", "PL"]


def test_valid_link_round_trips() -> None:
    params = {"country": ["PL", "LT"], "from": ["2021-01-01"], "to": ["2022-12-31"], "direction": ["easing"], "type": ["border"]}
    decoded = decode(params, DEFAULTS, COUNTRIES)
    assert decoded.notices == []
    assert decoded.filters == Filters(
        start=date(2021, 1, 1), end=date(2022, 12, 31), countries=("LT", "PL"), groups=("border",), directions=("easing",)
    )
    assert decode(as_params(encode(decoded.filters, DEFAULTS)), DEFAULTS, COUNTRIES).filters == decoded.filters


def test_defaults_are_left_out_of_the_link() -> None:
    assert query_string(DEFAULTS, DEFAULTS) == ""
    assert query_string(Filters(start=DEFAULTS.start, end=date(2022, 1, 1), countries=("PL",)), DEFAULTS) == "?country=PL&to=2022-01-01"


def test_invalid_values_are_dropped_with_a_notice() -> None:
    params = {
        "country": ["PL", "XX", "<script>alert(1)</script>", "pl"],
        "from": ["2021-02-30"],
        "to": ["yesterday"],
        "type": ["listings", "bogus"],
        "direction": ["sideways"],
        "utm_source": ["x"],
    }
    decoded = decode(params, DEFAULTS, COUNTRIES)
    assert decoded.filters.countries == ("PL",)
    assert decoded.filters.groups == ("listings",)
    assert decoded.filters.directions == ()
    assert (decoded.filters.start, decoded.filters.end) == (DEFAULTS.start, DEFAULTS.end)
    text = "\n".join(decoded.notices)
    for fragment in ("country='XX'", "<script>alert(1)</script>", "from='2021-02-30'", "to='yesterday'", "type='bogus'",
                     "direction='sideways'", "'utm_source'"):
        assert fragment in text


def test_reversed_dates_are_dropped() -> None:
    decoded = decode({"from": ["2022-01-01"], "to": ["2021-01-01"]}, DEFAULTS, COUNTRIES)
    assert (decoded.filters.start, decoded.filters.end) == (DEFAULTS.start, DEFAULTS.end)
    assert "start is after the end" in decoded.notices[0]


def test_long_and_repeated_values_and_control_characters() -> None:
    decoded = decode({"country": ["PL"] * 500 + ["A" * 5000], "direction": ["easing\x00\x1b[31m"]}, DEFAULTS, COUNTRIES)
    assert decoded.filters.countries == ("PL",)
    assert any("given 500" in n or "given 501" in n for n in decoded.notices)
    assert all(len(n) < 200 for n in decoded.notices)
    assert not any("\x00" in n or "\x1b" in n for n in decoded.notices)


@settings(max_examples=300, deadline=None)
@given(st.dictionaries(st.sampled_from(["country", "from", "to", "type", "direction", "x"]), st.lists(st.text(max_size=60), max_size=8)))
def test_decoding_any_link_never_fails(params: dict[str, list[str]]) -> None:
    decoded = decode(params, DEFAULTS, COUNTRIES)
    f = decoded.filters
    assert f.start <= f.end
    assert set(f.countries) <= set(COUNTRIES)
    assert all(isinstance(n, str) and "\x00" not in n for n in decoded.notices)


def test_country_matches_actor_or_target() -> None:
    frames = build_frames(load_record(FIXTURE_DATA).measures)
    ids = lambda f: set(frames.measures.loc[filter_mask(frames, f), "id"])  # noqa: E731
    base = Filters(start=date(2000, 1, 1), end=date(2030, 1, 1))
    assert ids(Filters(base.start, base.end, countries=("LV",))) == {"by-2022-04-15-visa-free-sample"}
    assert ids(Filters(base.start, base.end, countries=("PL",))) == {"pl-2021-09-02-emergency-sample"}
    assert ids(Filters(base.start, base.end, countries=("EU",))) == {
        "eu-2020-10-02-listings-sample", "by-2021-06-28-countermeasure-sample", "eu-2022-02-24-renewal-sample"}
    assert ids(Filters(date(2021, 1, 1), date(2021, 12, 31), directions=("tightening",), groups=("migration",))) == {
        "pl-2021-09-02-emergency-sample"}
    assert len(ids(base)) == 7
