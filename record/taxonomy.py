"""The measure taxonomy: one place for types, their groups, labels and colours.

Groups follow the EU Sanctions Map's families (listings, economic, financial, transport...)
widened to the two-way relations this record covers (diplomatic steps, prisoners, migration).
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Group:
    key: str
    label: str
    colour: str
    description: str
    short: str


@dataclass(frozen=True)
class MeasureType:
    key: str
    group: str
    label: str
    # A standing measure stays in force until it is lifted or expires; an event happens once.
    standing: bool
    description: str


# Colours: a categorical palette readable on light and dark backgrounds (Okabe-Ito based).
GROUPS: dict[str, Group] = {
    g.key: g
    for g in (
        Group("listings", "Listings", "#0072B2", "Asset freezes and travel bans on named persons and entities.", "Listings"),
        Group("economic", "Economic and trade", "#E69F00", "Import and export bans, trade restrictions, duties.", "Economic"),
        Group("financial", "Financial", "#009E73", "Banking, SWIFT, investment, securities and loans.", "Financial"),
        Group("transport", "Transport and airspace", "#56B4E9", "Airspace and airport bans, flights, road and rail transit.", "Transport"),
        Group("border", "Border and visa", "#CC79A7", "Border crossings, visa regimes and entry rules.", "Border, visa"),
        Group("diplomatic", "Diplomatic", "#7F7F7F", "Contacts and letters, relations, expulsions, suspended agreements.", "Diplomatic"),
        Group(
            "human-rights", "Political prisoners and human rights", "#D55E00", "Arrests, sentences, releases and pardons.", "Human rights"
        ),
        Group("migration", "Migration", "#8C564B", "Migration policy, states of emergency at the border.", "Migration"),
        Group("energy", "Energy", "#F0E442", "Electricity, oil, gas and nuclear measures.", "Energy"),
        Group("military", "Arms and military", "#332288", "Arms embargoes and military-related restrictions.", "Military"),
        Group("framework", "Legal framework", "#999933", "Creating or changing a sanctions regime or its criteria.", "Framework"),
    )
}

TYPES: dict[str, MeasureType] = {
    t.key: t
    for t in (
        MeasureType(
            "asset-freeze-travel-ban",
            "listings",
            "Asset freeze / travel ban",
            True,
            "Listing (or delisting) of persons and entities: asset freeze and/or travel ban.",
        ),
        MeasureType("travel-ban", "listings", "Travel ban", True, "Entry bans on named persons only."),
        MeasureType("import-ban", "economic", "Import ban", True, "Bans on importing goods."),
        MeasureType("export-ban", "economic", "Export ban", True, "Bans on exporting goods, technology or services."),
        MeasureType(
            "trade-restriction", "economic", "Trade restriction", True, "Other restrictions on trade: quotas, licences, embargoes."
        ),
        MeasureType("tariff", "economic", "Tariff / duty", True, "Special, anti-dumping or retaliatory duties."),
        MeasureType("financial-restriction", "financial", "Financial restriction", True, "SWIFT, deposits, securities, loans, investment."),
        MeasureType("airspace-ban", "transport", "Airspace / airport ban", True, "Closing airspace or airports to carriers."),
        MeasureType("flight-suspension", "transport", "Flight suspension", True, "Suspending flights between countries."),
        MeasureType("road-transport-ban", "transport", "Road transport ban", True, "Bans on road haulage by undertakings of a country."),
        MeasureType("transit-restriction", "transport", "Transit restriction", True, "Rail, port or road transit of goods."),
        MeasureType("border-crossing", "border", "Border crossing", True, "Closing, reopening or restricting crossing points."),
        MeasureType("visa-regime", "border", "Visa regime", True, "Visa-free entry, visa suspensions, entry rules for citizens."),
        MeasureType("diplomatic-contact", "diplomatic", "Diplomatic contact", False, "Letters, offers of talks, visits, calls."),
        MeasureType(
            "diplomatic-relations",
            "diplomatic",
            "Diplomatic relations",
            True,
            "Downgrades, recalled ambassadors, lists of 'unfriendly' states.",
        ),
        MeasureType("diplomatic-expulsion", "diplomatic", "Expulsion of diplomats", False, "Expelling diplomats or closing missions."),
        MeasureType("agreement-suspension", "diplomatic", "Agreement suspended", True, "Suspending a treaty or leaving a partnership."),
        MeasureType(
            "prisoner-release", "human-rights", "Prisoner release / pardon", False, "Releases, pardons, transfers to house arrest."
        ),
        MeasureType(
            "arrest-or-sentence", "human-rights", "Arrest / sentence", False, "Arrests, trials and sentences with a political bearing."
        ),
        MeasureType("migration-policy", "migration", "Migration policy", True, "Migration routes, facilities, asylum and return rules."),
        MeasureType("state-of-emergency", "migration", "State of emergency", True, "Emergency rule in border areas."),
        MeasureType("energy-restriction", "energy", "Energy restriction", True, "Electricity, oil, gas or nuclear measures."),
        MeasureType("arms-embargo", "military", "Arms embargo", True, "Embargo on arms and equipment for internal repression."),
        MeasureType("sanctions-framework", "framework", "Sanctions framework", True, "A regime, its criteria or its legal basis."),
    )
}

DIRECTIONS: dict[str, str] = {
    "tightening": "Tightening",
    "easing": "Easing",
    "maintaining": "Maintaining (renewal)",
}

# Plotly marker symbols by direction, used by every chart.
DIRECTION_SYMBOLS: dict[str, str] = {
    "tightening": "triangle-up",
    "easing": "triangle-down",
    "maintaining": "circle",
}

TIERS: dict[str, str] = {
    "legal": "An act published in an official journal or gazette (EUR-Lex, legislation.gov.uk, Federal Register, pravo.by...).",
    "official": "A government, Council or ministry press release or statement.",
    "media": "A news report; a media-only record should carry two independent sources.",
}

@dataclass(frozen=True)
class PublisherKind:
    key: str
    label: str
    tier: str  # the only tier a source on such a host may carry
    description: str


PUBLISHER_KINDS: dict[str, PublisherKind] = {
    k.key: k
    for k in (
        PublisherKind("official-journal", "Official journal", "legal",
                      "EUR-Lex, legislation.gov.uk, the Federal Register, the Canada Gazette, national gazettes."),
        PublisherKind("legal-database", "Legal database", "legal", "A legal publisher's copy of an act."),
        PublisherKind("government", "Government", "official",
                      "A government, ministry, presidency, parliament, Council or Commission site."),
        PublisherKind("wire", "News agency", "media", "Reuters, AP, AFP, PAP, BNS, Ukrinform, Interfax-Ukraine..."),
        PublisherKind("broadcaster", "Broadcaster", "media", "Public broadcasters, RFE/RL."),
        PublisherKind("newspaper", "Newspaper or news site", "media", "Newspapers and independent news sites."),
        PublisherKind("specialist", "Specialist", "media", "Law-firm and trade bulletins, think tanks."),
        PublisherKind("state-media", "State media", "media",
                      "Outlets controlled by a party to these measures (BelTA, TASS, RIA...): a source for what "
                      "their own government did or said only."),
        PublisherKind("aggregator", "Aggregator", "media",
                      "Republishers, content farms, scrapers, press-release distributors: never a record's only support."),
    )
}

VERDICTS: dict[str, str] = {
    "held": "Held",
    "partly": "Partly held",
    "did-not": "Did not hold",
    "too-early": "Too early to say",
}

STANCES: dict[str, str] = {
    "supports": "Supports",
    "contradicts": "Contradicts",
    "context": "Context",
}

ITEM_KINDS: dict[str, str] = {
    "claim": "Claim",
    "signal": "Signal to the West",
    "signal-to-kyiv": "Signal to Kyiv",
    "recommendation": "Recommendation",
}
