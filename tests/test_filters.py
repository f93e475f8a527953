"""Reading links into filters (record/link.py) and applying them (record/filters.py)."""

from __future__ import annotations

from datetime import date

from hypothesis import given, settings
from hypothesis import strategies as st

from record.filters import PERIOD_START, Filters, filter_mask, periods
from record.frames import build_frames
from record.link import as_params, decode, encode, query_string
from record.load import load_record
from tests.conftest import FIXTURE_DATA

DEFAULTS = Filters(start=PERIOD_START, end=date(2025, 12, 31))
COUNTRIES = ["BY", "UA", "EU", "LT", "LV", "PL"]


def test_valid_link_round_trips() -> None:
    params = {"country": ["PL", "LT"], "actor": ["LT"], "target": ["BY"], "from": ["2021-01-01"], "to": ["2022-12-31"],
              "direction": ["easing"], "type": ["border"]}
    decoded = decode(params, DEFAULTS, COUNTRIES)
    assert decoded.notices == []
    assert decoded.filters == Filters(
        start=date(2021, 1, 1), end=date(2022, 12, 31), countries=("LT", "PL"), actors=("LT",), targets=("BY",),
        groups=("border",), directions=("easing",)
    )
    assert decode(as_params(encode(decoded.filters)), DEFAULTS, COUNTRIES).filters == decoded.filters


def test_a_written_link_always_carries_the_period() -> None:
    assert query_string(DEFAULTS) == "?from=2020-08-09&to=2025-12-31"
    narrowed = Filters(start=DEFAULTS.start, end=date(2022, 1, 1), countries=("PL",))
    assert query_string(narrowed) == "?country=PL&from=2020-08-09&to=2022-01-01"


def test_invalid_values_are_dropped_with_a_notice() -> None:
    params = {
        "country": ["PL", "XX", "<script>alert(1)</script>", "pl"],
        "actor": ["ZZ"],
        "from": ["2021-02-30"],
        "to": ["yesterday"],
        "type": ["listings", "bogus"],
        "direction": ["sideways"],
        "bogus_param": ["x"],
    }
    decoded = decode(params, DEFAULTS, COUNTRIES)
    assert decoded.filters.countries == ("PL",)
    assert decoded.filters.actors == ()
    assert decoded.filters.groups == ("listings",)
    assert decoded.filters.directions == ()
    assert (decoded.filters.start, decoded.filters.end) == (DEFAULTS.start, DEFAULTS.end)
    text = "\n".join(decoded.notices)
    for fragment in ("country='XX'", "<script>alert(1)</script>", "actor='ZZ'", "from='2021-02-30'", "to='yesterday'",
                     "type='bogus'", "direction='sideways'", "'bogus_param'"):
        assert fragment in text


def test_tracking_and_page_parameters_raise_no_notice() -> None:
    params = {"utm_source": ["x"], "utm_campaign": ["y"], "fbclid": ["z"], "gclid": ["w"], "asof": ["2022-04-18"],
              "measure": ["a"], "view": ["target"], "id": ["b"], "events": ["off"], "show": ["table"]}
    assert decode(params, DEFAULTS, COUNTRIES).notices == []


def test_reversed_dates_are_dropped() -> None:
    decoded = decode({"from": ["2022-01-01"], "to": ["2021-01-01"]}, DEFAULTS, COUNTRIES)
    assert (decoded.filters.start, decoded.filters.end) == (DEFAULTS.start, DEFAULTS.end)
    assert "start is after the end" in decoded.notices[0]


def test_one_sided_links_never_run_backwards_and_say_what_they_do() -> None:
    late = decode({"from": ["2030-01-01"]}, DEFAULTS, COUNTRIES)
    assert (late.filters.start, late.filters.end) == (date(2030, 1, 1), date(2030, 1, 1))
    assert "after the record's last date" in late.notices[0]
    early = decode({"to": ["2019-12-31"]}, DEFAULTS, COUNTRIES)
    assert early.filters.start <= early.filters.end == date(2019, 12, 31)
    assert "before the default start" in early.notices[0]
    inside = decode({"from": ["2022-01-01"]}, DEFAULTS, COUNTRIES)
    assert (inside.filters.start, inside.filters.end, inside.notices) == (date(2022, 1, 1), DEFAULTS.end, [])


def test_long_and_repeated_values_and_control_characters() -> None:
    decoded = decode({"country": ["PL"] * 500 + ["A" * 5000], "direction": ["easing\x00\x1b[31m"]}, DEFAULTS, COUNTRIES)
    assert decoded.filters.countries == ("PL",)
    assert any("given 500" in n or "given 501" in n for n in decoded.notices)
    assert all(len(n) < 200 for n in decoded.notices)
    assert not any("\x00" in n or "\x1b" in n for n in decoded.notices)


@settings(max_examples=300, deadline=None)
@given(st.dictionaries(st.sampled_from(["country", "actor", "target", "from", "to", "type", "direction", "x"]),
                       st.lists(st.text(max_size=60), max_size=8)))
def test_decoding_any_link_never_fails(params: dict[str, list[str]]) -> None:
    decoded = decode(params, DEFAULTS, COUNTRIES)
    f = decoded.filters
    assert f.start <= f.end
    assert set(f.countries) | set(f.actors) | set(f.targets) <= set(COUNTRIES)
    assert all(isinstance(n, str) and "\x00" not in n for n in decoded.notices)


def test_country_matches_actor_or_target_and_roles_narrow() -> None:
    frames = build_frames(load_record(FIXTURE_DATA).measures)
    ids = lambda f: set(frames.measures.loc[filter_mask(frames, f), "id"])  # noqa: E731
    base = Filters(start=date(2000, 1, 1), end=date(2030, 1, 1))
    span = (base.start, base.end)
    assert ids(Filters(*span, countries=("LV",))) == {"by-2022-04-15-visa-free-sample"}
    assert ids(Filters(*span, countries=("PL",))) == {"pl-2021-09-02-emergency-sample"}
    assert ids(Filters(*span, countries=("EU",))) == {
        "eu-2020-10-02-listings-sample", "by-2021-06-28-countermeasure-sample", "eu-2022-02-24-renewal-sample"}
    assert ids(Filters(*span, actors=("EU",))) == {"eu-2020-10-02-listings-sample", "eu-2022-02-24-renewal-sample"}
    assert ids(Filters(*span, targets=("EU",))) == {"by-2021-06-28-countermeasure-sample"}
    assert ids(Filters(*span, actors=("BY",), targets=("LT",))) == {"by-2022-04-15-visa-free-sample"}
    assert ids(Filters(*span, actors=("BY",), targets=("PL",))) == set()
    assert ids(Filters(*span, actors=("BY", "LT"), targets=("BY", "LT"))) == {
        "by-2022-04-15-visa-free-sample", "lt-2022-02-01-transit-sample"}
    assert ids(Filters(date(2021, 1, 1), date(2021, 12, 31), directions=("tightening",), groups=("migration",))) == {
        "pl-2021-09-02-emergency-sample"}
    assert len(ids(base)) == 7


def test_periods_are_fixed_days() -> None:
    found = periods(date(2004, 1, 1), date(2026, 2, 26), date(2022, 4, 18))
    assert found["election"][1:] == (date(2020, 8, 9), date(2026, 2, 26))
    assert found["invasion"][1:] == (date(2022, 2, 24), date(2026, 2, 26))
    assert found["article"][1:] == (date(2022, 2, 1), date(2022, 6, 30))
    assert found["all"][1:] == (date(2004, 1, 1), date(2026, 2, 26))
