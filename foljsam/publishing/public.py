"""What the public comparison pages read (issue 8): the units that have a
published result, and one unit's page.

Every read starts from ``Publication.objects.visible_to(user)`` (the one scoping
mechanism; anyone reads the published rows) and keeps only the published ones,
for a logged-in reader of the city sees every publication there, proposed and
withdrawn ones too. Units, providers, districts and contract areas are reached
through the publication's follow-up, never read on their own: a unit without a
published result does not exist here, and neither does its provider or its
district.

What comes out is plain frozen data, and only what the central office approved
when it published: the summary, the year, the day performed, the methods and
the outcome as they were copied then; the unit's name, address and district; the
provider's name and its organisation number (``rules.public_org_number``: never
a sole trader's, which is a personal identity number). Never the follow-up's
note, its reasons, deficiencies, files, or anyone's name.

Where a unit lies is never shown when it is *protected*: when any of its
agreements or follow-ups is in a contract area whose addresses are protected
(``ContractArea.address_protected``: sheltered housing, programmes for
defectors; docs/decisions.md, issue 8). Its street address, postal code, town and
district are left out, and a search by district does not find it. The rule is
the unit's, not only its protected results': an address shown beside another
area's result would tell the same.

The search is paginated in the database (``UnitResults``): a count, the page's
units, their results, and which of them are protected: four queries whatever
the number of units.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any, overload

from django.db.models import Q, QuerySet
from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from foljsam.accounts.access import Viewer
from foljsam.followups.choices import Method, Outcome, outcome_label
from foljsam.followups.models import FollowUp
from foljsam.publishing import rules
from foljsam.publishing.http import SOURCES
from foljsam.publishing.models import Publication
from foljsam.registry.choices import ProviderKind
from foljsam.registry.models import Agreement
from foljsam.reporting.memo import remember

UNIT = "followup__unit"
_AGREEMENT_UNITS: Any = Agreement.units.through
# The publication's unit is protected (see the module's doc): two uncorrelated
# subqueries of the units under a protected area's agreements or follow-ups
# (they decide what is left out, and are never shown). Joins through every
# agreement and follow-up of every unit cost 150 ms at ten times Stockholm
# (bench/README.md, issue 8).
PROTECTED = Q(
    **{
        f"{UNIT}_id__in": _AGREEMENT_UNITS.objects.filter(
            agreement__contract_area__address_protected=True
        ).values("unit_id")
    }
) | Q(
    **{
        f"{UNIT}_id__in": FollowUp.objects.filter(
            contract_area__address_protected=True
        ).values("unit_id")
    }
)


def published(user: Viewer) -> QuerySet[Publication]:
    """The published results, as ``user`` reaches them: where every public read
    starts."""
    return Publication.objects.visible_to(user).published()


# Search ------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class SearchFilters:
    q: str = ""
    contract_area: int | None = None
    district: int | None = None
    provider: int | None = None


@dataclass(frozen=True, slots=True)
class SearchChoices:
    """What the search offers to choose from: only what has a published result,
    as (id, name), by name."""

    contract_areas: tuple[tuple[int, str], ...]
    districts: tuple[tuple[int, str], ...]


@dataclass(frozen=True, slots=True)
class UnitRow:
    """A unit in the search's results, with its latest published result among
    those the search found."""

    unit_id: int
    unit_name: str
    provider_name: str
    district_name: str  # empty outside the city, or when protected
    address_protected: bool
    closed_on: dt.date | None
    contract_areas: tuple[str, ...]
    latest_performed_on: dt.date
    latest_outcome: str
    latest_outcome_label: str


def search_choices(*, user: Viewer) -> SearchChoices:
    """The contract areas and districts with a published result (the districts
    of protected units left out), kept in Django's cache until a publication or
    the registry changes (``reporting.memo``): one query, two more when they
    changed. Providers are no list: a city buys from thousands (4,449 at ten
    times Stockholm, 285 kB of options); the search by name finds them, and a
    unit's page links to the provider's other units (``?provider=``)."""

    def compute() -> SearchChoices:
        rows = published(user).order_by()
        return SearchChoices(
            contract_areas=_pairs(rows, "followup__contract_area"),
            districts=_pairs(
                rows.filter(**{f"{UNIT}__district__isnull": False}).exclude(PROTECTED),
                f"{UNIT}__district",
            ),
        )

    return remember(
        "public-search-choices",
        today=timezone.localdate(),
        # The published rows are the same for every reader.
        reach=["published"],
        tables=SOURCES,
        compute=compute,
    )


def _pairs(rows: QuerySet[Publication], path: str) -> tuple[tuple[int, str], ...]:
    found = rows.values_list(f"{path}_id", f"{path}__name").distinct()
    return tuple(sorted(found, key=lambda pair: (pair[1].casefold(), pair[0])))


def search(*, user: Viewer, filters: SearchFilters) -> UnitResults:
    """The units with a published result that match ``filters``, by name, as a
    sequence the paginator slices."""
    rows = published(user)
    if filters.q:
        rows = rows.filter(
            Q(**{f"{UNIT}__name__icontains": filters.q})
            | Q(**{f"{UNIT}__provider__name__icontains": filters.q})
        )
    if filters.contract_area is not None:
        rows = rows.filter(followup__contract_area_id=filters.contract_area)
    if filters.district is not None:
        rows = rows.filter(**{f"{UNIT}__district_id": filters.district}).exclude(
            PROTECTED
        )
    if filters.provider is not None:
        rows = rows.filter(**{f"{UNIT}__provider_id": filters.provider})
    return UnitResults(rows)


class UnitResults(Sequence[UnitRow]):
    """The search's units, counted and sliced in the database: ``len()`` is one
    query, a slice three (the units of the page, their results, which of them
    are protected)."""

    def __init__(self, publications: QuerySet[Publication]) -> None:
        self._publications = publications
        self._units = (
            publications.order_by(f"{UNIT}__name", f"{UNIT}_id")
            .values_list(f"{UNIT}_id", f"{UNIT}__name")
            .distinct()
        )
        self._count: int | None = None

    def __len__(self) -> int:
        if self._count is None:
            self._count = self._units.count()
        return self._count

    @overload
    def __getitem__(self, index: int) -> UnitRow: ...

    @overload
    def __getitem__(self, index: slice) -> list[UnitRow]: ...

    def __getitem__(self, index: int | slice) -> UnitRow | list[UnitRow]:
        if isinstance(index, int):
            found = self[index : index + 1]
            if not found:
                raise IndexError(index)
            return found[0]
        ids = [unit_id for unit_id, _name in self._units[index]]
        return _unit_rows(self._publications, ids)


def _unit_rows(publications: QuerySet[Publication], ids: list[int]) -> list[UnitRow]:
    """The units ``ids`` (in that order) with their results among
    ``publications``: two queries."""
    if not ids:
        return []
    protected = _protected(publications, ids)
    found: dict[int, list[dict[str, Any]]] = {unit_id: [] for unit_id in ids}
    for row in (
        publications.filter(**{f"{UNIT}_id__in": ids})
        .order_by()
        .values(
            "pk",
            "performed_on",
            "published_at",
            "outcome",
            "regime",
            f"{UNIT}_id",
            f"{UNIT}__name",
            f"{UNIT}__closed_on",
            f"{UNIT}__provider__name",
            f"{UNIT}__district__name",
            "followup__contract_area__name",
        )
    ):
        found[row[f"{UNIT}_id"]].append(row)
    units = []
    for unit_id in ids:
        rows = found[unit_id]
        latest = max(rows, key=_rank)
        units.append(
            UnitRow(
                unit_id=unit_id,
                unit_name=latest[f"{UNIT}__name"],
                provider_name=latest[f"{UNIT}__provider__name"],
                district_name=""
                if unit_id in protected
                else latest[f"{UNIT}__district__name"] or "",
                address_protected=unit_id in protected,
                closed_on=latest[f"{UNIT}__closed_on"],
                contract_areas=_names(r["followup__contract_area__name"] for r in rows),
                latest_performed_on=latest["performed_on"],
                latest_outcome=latest["outcome"],
                latest_outcome_label=outcome_label(latest["outcome"], latest["regime"]),
            )
        )
    return units


def _protected(publications: QuerySet[Publication], ids: list[int]) -> set[int]:
    """Which of the units ``ids`` are protected: one query."""
    return set(
        publications.filter(PROTECTED, **{f"{UNIT}_id__in": ids})
        .order_by()
        .values_list(f"{UNIT}_id", flat=True)
        .distinct()
    )


def _rank(row: dict[str, Any]) -> tuple[dt.date, dt.datetime, int]:
    """The latest result: performed last, then published last."""
    return (row["performed_on"], row["published_at"], row["pk"])


def _names(names: Iterable[str]) -> tuple[str, ...]:
    return tuple(sorted(set(names), key=str.casefold))


# A unit's page -------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class PublicResult:
    """One published result, as the central office approved it."""

    publication_id: int
    contract_area_id: int
    contract_area_name: str
    year: int
    performed_on: dt.date
    method_labels: tuple[str, ...]
    outcome: str
    outcome_label: str
    summary: str
    # "sv" when the page is in another language and the summary is the Swedish
    # one (no translation was approved); empty when it is in the page's language.
    summary_lang: str
    # The provider when the unit was followed up, if another than today's.
    earlier_provider_name: str


@dataclass(frozen=True, slots=True)
class UnitPage:
    unit_id: int
    name: str
    # Street, postal code and city as one line; empty when protected.
    address: str
    address_protected: bool
    district_name: str  # empty outside the city, or when protected
    closed_on: dt.date | None
    provider_id: int
    provider_name: str
    org_number: str  # empty for a sole trader (``rules.public_org_number``)
    own: bool  # one of the city's own units (a mission description, no agreement)
    contract_areas: tuple[str, ...]
    # The latest result in each contract area, by the area's name.
    latest: tuple[PublicResult, ...]
    # Every other published result, the latest first.
    earlier: tuple[PublicResult, ...]


def unit_page(*, user: Viewer, pk: int, language: str) -> UnitPage:
    """The unit ``pk`` and its published results, the summaries in ``language``
    where an approved translation exists; 404 unless it has a published result.
    Where a protected unit lies is left out. Two queries."""
    rows = list(
        published(user)
        .filter(**{f"{UNIT}_id": pk})
        .order_by()
        .values(
            "pk",
            "year",
            "performed_on",
            "published_at",
            "methods",
            "outcome",
            "regime",
            "summary",
            "summary_en",
            "followup__contract_area_id",
            "followup__contract_area__name",
            "followup__provider_id",
            "followup__provider__name",
            f"{UNIT}__name",
            f"{UNIT}__address",
            f"{UNIT}__postal_code",
            f"{UNIT}__city",
            f"{UNIT}__closed_on",
            f"{UNIT}__district__name",
            f"{UNIT}__provider_id",
            f"{UNIT}__provider__name",
            f"{UNIT}__provider__org_number",
            f"{UNIT}__provider__kind",
        )
    )
    if not rows:
        raise Http404(_("No published results for this unit."))
    rows.sort(key=_rank, reverse=True)
    unit = rows[0]
    methods = {m.value: str(m.label) for m in Method}
    results = [
        _result(row, unit[f"{UNIT}__provider_id"], methods, language) for row in rows
    ]
    latest: dict[int, PublicResult] = {}
    for result in results:
        latest.setdefault(result.contract_area_id, result)
    chosen = {r.publication_id for r in latest.values()}
    hidden = bool(_protected(published(user), [pk]))
    return UnitPage(
        unit_id=pk,
        name=unit[f"{UNIT}__name"],
        address=""
        if hidden
        else _address(
            unit[f"{UNIT}__address"],
            unit[f"{UNIT}__postal_code"],
            unit[f"{UNIT}__city"],
        ),
        address_protected=hidden,
        district_name="" if hidden else unit[f"{UNIT}__district__name"] or "",
        closed_on=unit[f"{UNIT}__closed_on"],
        provider_id=unit[f"{UNIT}__provider_id"],
        provider_name=unit[f"{UNIT}__provider__name"],
        org_number=rules.public_org_number(unit[f"{UNIT}__provider__org_number"]),
        own=unit[f"{UNIT}__provider__kind"] == ProviderKind.MUNICIPAL,
        contract_areas=_names(r.contract_area_name for r in results),
        latest=tuple(
            sorted(latest.values(), key=lambda r: r.contract_area_name.casefold())
        ),
        earlier=tuple(r for r in results if r.publication_id not in chosen),
    )


def _address(street: str, postal_code: str, city: str) -> str:
    place = f"{postal_code} {city}".strip()
    return ", ".join(part for part in (street.strip(), place) if part)


def _result(
    row: dict[str, Any], provider_id: int, methods: dict[str, str], language: str
) -> PublicResult:
    translated = language != "sv" and bool(row["summary_en"])
    return PublicResult(
        publication_id=row["pk"],
        contract_area_id=row["followup__contract_area_id"],
        contract_area_name=row["followup__contract_area__name"],
        year=row["year"],
        performed_on=row["performed_on"],
        method_labels=tuple(methods[m] for m in row["methods"] or [] if m in methods),
        outcome=row["outcome"],
        outcome_label=outcome_label(row["outcome"], row["regime"]),
        summary=row["summary_en"] if translated else row["summary"],
        summary_lang="" if language == "sv" or translated else "sv",
        earlier_provider_name=(
            ""
            if row["followup__provider_id"] == provider_id
            else row["followup__provider__name"]
        ),
    )


# What the outcomes mean ----------------------------------------------------------

_MEANINGS = {
    Outcome.COMPLIES: gettext_lazy(
        "The unit met the requirements the city followed up."
    ),
    Outcome.COMPLIES_AFTER_COMPLEMENT: gettext_lazy(
        "The follow-up found deficiencies; the provider has put them right or "
        "sent what was missing, and the city has accepted it."
    ),
    Outcome.MINOR_DEFICIENCIES_REMAIN: gettext_lazy(
        "The unit meets the requirements on the whole, but minor deficiencies "
        "remain. The provider has an action plan, and the city follows it up."
    ),
    Outcome.DOES_NOT_COMPLY: gettext_lazy(
        "The unit did not meet the requirements. The city takes measures, such "
        "as demanding correction, and follows the unit up again."
    ),
}


@dataclass(frozen=True, slots=True)
class OutcomeMeaning:
    outcome: str
    label: str
    meaning: str


def outcome_meanings() -> tuple[OutcomeMeaning, ...]:
    """The four outcomes in words, and what each means, in the active language."""
    return tuple(
        OutcomeMeaning(o.value, str(o.label), str(_MEANINGS[o])) for o in Outcome
    )
