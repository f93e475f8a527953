"""The record's typed model. The JSON Schema editors use is generated from these classes."""

from __future__ import annotations

import re
from datetime import date
from typing import Annotated, Literal
from urllib.parse import urlsplit

from pydantic import AfterValidator, BaseModel, BeforeValidator, ConfigDict, Field, model_validator

from record.actors import is_known
from record.taxonomy import DIRECTIONS, ITEM_KINDS, PUBLISHER_KINDS, STANCES, TIERS, TYPES, VERDICTS

ID_PATTERN = r"^[a-z0-9]+(?:-[a-z0-9]+)*$"
_ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_SPACE_OR_CONTROL = re.compile(r"[\s\x00-\x1f\x7f]")
MAX_TEXT = 5000


def _iso_date(value: object) -> object:
    """Accept only YYYY-MM-DD (strings or YAML dates), never numbers or timestamps."""
    if isinstance(value, date):
        return value
    if isinstance(value, str) and _ISO_DATE.match(value):
        try:
            return date.fromisoformat(value)
        except ValueError as err:
            raise ValueError(f"{value!r} is not a real date ({err})") from None
    raise ValueError(f"{value!r} is not an ISO date (YYYY-MM-DD)")


def _country_code(value: str) -> str:
    if not is_known(value):
        raise ValueError(f"unknown country code {value!r} (ISO 3166-1 alpha-2 or EU)")
    return value


def _http_url(value: str) -> str:
    parts = urlsplit(value)
    if parts.scheme not in ("http", "https") or not parts.netloc:
        raise ValueError(f"{value!r} is not an http(s) address")
    if _SPACE_OR_CONTROL.search(value):
        raise ValueError("an address must not contain spaces or control characters")
    return value


IsoDate = Annotated[date, BeforeValidator(_iso_date), Field(json_schema_extra={"format": "date"})]
CountryCode = Annotated[str, Field(pattern=r"^(?:[A-Z]{2})$"), AfterValidator(_country_code)]
HttpUrl = Annotated[str, AfterValidator(_http_url), Field(json_schema_extra={"pattern": "^https?://"})]
Text = Annotated[str, Field(min_length=1, max_length=MAX_TEXT)]
MeasureId = Annotated[str, Field(pattern=ID_PATTERN, max_length=120)]

TypeKey = Literal[tuple(TYPES)]  # type: ignore[valid-type]
Direction = Literal[tuple(DIRECTIONS)]  # type: ignore[valid-type]
Tier = Literal[tuple(TIERS)]  # type: ignore[valid-type]
Stance = Literal[tuple(STANCES)]  # type: ignore[valid-type]
ItemKind = Literal[tuple(ITEM_KINDS)]  # type: ignore[valid-type]
PublisherKind = Literal[tuple(PUBLISHER_KINDS)]  # type: ignore[valid-type]
Verdict = Literal[tuple(VERDICTS)]  # type: ignore[valid-type]
HOST_PATTERN = r"^[a-z0-9](?:[a-z0-9-]*[a-z0-9])?(?:\.[a-z0-9](?:[a-z0-9-]*[a-z0-9])?)+$"


def source_host(url: str) -> str:
    """The host a source is filed under in the publishers table: lower case, without `www.`."""
    host = (urlsplit(url).hostname or "").lower()
    return host.removeprefix("www.")


class Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True, frozen=True)


class Source(Strict):
    url: HttpUrl
    publisher: Text
    tier: Tier
    quote: Text = Field(description="Copied verbatim from the source; supports the date and the fact.")


class Measure(Strict):
    id: MeasureId
    title: Annotated[str, Field(min_length=1, max_length=300)]
    summary: Text
    actor: CountryCode
    targets: Annotated[list[CountryCode], Field(min_length=1)]
    type: TypeKey
    direction: Direction
    date: IsoDate = Field(description="Adopted (legal acts) or announced (other measures).")
    in_force: IsoDate | None = Field(default=None, description="The first day it applied, where that differs from `date`.")
    end: IsoDate | None = Field(
        default=None, description="The last day it applied (inclusive): lifted, expired or suspended."
    )
    valid_until: IsoDate | None = Field(
        default=None, description="The last day the act says it applies unless renewed (inclusive)."
    )
    extends: list[MeasureId] = Field(
        default=[], description="On a renewal or prolongation: the ids of the measures it keeps in force."
    )
    legal_basis: list[Text] = []
    aligned: list[CountryCode] = []
    responds_to: list[MeasureId] = []
    sources: Annotated[list[Source], Field(min_length=1)]
    note: Text | None = None

    @model_validator(mode="after")
    def _dates_in_order(self) -> Measure:
        start = self.in_force or self.date
        if self.end is not None and self.end < start:
            raise ValueError(f"end {self.end} is before the start {start}")
        if self.valid_until is not None and self.valid_until < start:
            raise ValueError(f"valid_until {self.valid_until} is before the start {start}")
        if self.extends and self.direction != "maintaining":
            raise ValueError("only a renewal (direction: maintaining) extends other measures")
        if self.id in self.extends:
            raise ValueError("extends names the measure itself")
        return self


def _bare_host(value: str) -> str:
    if value.startswith("www."):
        raise ValueError(f"list {value!r} without 'www.' (sources are matched on the host without it)")
    return value


class Publisher(Strict):
    """One host that sources use: who publishes there and what kind of publisher it is."""

    host: Annotated[str, Field(pattern=HOST_PATTERN, max_length=253), AfterValidator(_bare_host)]
    name: Annotated[str, Field(min_length=1, max_length=200)]
    kind: PublisherKind
    country: CountryCode = Field(description="Where the publisher is based (EU for the Union's institutions).")
    note: Text | None = None


class ContextEvent(Strict):
    """An event that explains the measures around it (an election, an invasion), drawn on time axes."""

    id: MeasureId
    date: IsoDate
    end: IsoDate | None = None
    label: Annotated[str, Field(min_length=1, max_length=40, description="Short label drawn on time axes.")]
    title: Annotated[str, Field(min_length=1, max_length=300)]
    summary: Text
    sources: Annotated[list[Source], Field(min_length=1)]

    @model_validator(mode="after")
    def _dates_in_order(self) -> ContextEvent:
        if self.end is not None and self.end < self.date:
            raise ValueError(f"end {self.end} is before the date {self.date}")
        return self


class Evidence(Strict):
    measure: MeasureId
    stance: Stance
    note: Text | None = None


class Outcome(Strict):
    text: Text
    as_of: IsoDate
    measures: list[MeasureId] = []


class ArticleItem(Strict):
    id: MeasureId
    kind: ItemKind
    title: Annotated[str, Field(min_length=1, max_length=300)]
    text: Text
    quote: Text
    evidence: list[Evidence] = []
    outcome: Outcome | None = None
    verdict: Verdict | None = Field(default=None, description="What the evidence says of the item, as of the outcome's date.")


class Position(Strict):
    id: MeasureId
    comment: int | None = None
    position: Text
    evidence: list[Evidence] = []


class Article(Strict):
    title: Text
    publisher: Text
    date: IsoDate
    url: HttpUrl
    author: Text | None = None
    items: list[ArticleItem] = []
    positions: list[Position] = []


# The fields a changelog entry may name as changed: every field of a measure but its id,
# which never changes (a new id is a new measure).
CHANGEABLE_FIELDS = tuple(name for name in Measure.model_fields if name != "id")


def _measure_field(value: str) -> str:
    if value == "id":
        raise ValueError("an id never changes: a measure with a new id is a new measure")
    if value not in CHANGEABLE_FIELDS:
        raise ValueError(f"{value!r} is not a field of a measure")
    return value


MeasureField = Annotated[str, AfterValidator(_measure_field), Field(json_schema_extra={"enum": list(CHANGEABLE_FIELDS)})]


class FieldChange(Strict):
    """One measure a data version changed, and which of its fields."""

    id: MeasureId
    fields: Annotated[list[MeasureField], Field(min_length=1)]


def version_key(version: str) -> tuple[int, ...]:
    """Data versions in order: 2026.11.25 < 2026.11.25.1 < 2026.11.25.10 < 2026.11.26."""
    return tuple(int(part) for part in version.split("."))


class ChangelogEntry(Strict):
    """One data version: the prose for readers, and the ids it touched for the feed, the
    `since` filter and each measure's history."""

    version: Annotated[str, Field(pattern=r"^\d{4}\.\d{2}\.\d{2}(?:\.\d+)?$")]
    date: IsoDate
    changes: Annotated[list[Text], Field(min_length=1)]
    added: list[MeasureId] = Field(default=[], description="Measures this version added to the record.")
    changed: list[FieldChange] = Field(default=[], description="Measures this version corrected or completed, with the fields.")
    ended: list[MeasureId] = Field(default=[], description="Measures that have an `end` since this version.")
    withdrawn: list[MeasureId] = Field(
        default=[], description="Measures taken out of the record in this version because no source that meets the "
                                "guide supports them; the prose says why. Their ids are never reused.")


# Documents as written in the YAML files, for the generated JSON Schemas.
class MeasuresDocument(Strict):
    measures: list[Measure]


class PublishersDocument(Strict):
    publishers: list[Publisher]


class EventsDocument(Strict):
    events: list[ContextEvent]


class ArticleDocument(Strict):
    article: Article


class ChangelogDocument(Strict):
    changelog: Annotated[list[ChangelogEntry], Field(min_length=1)]
