"""A fictitious but realistic city, shaped like Stockholm's 2023 follow-up (seed 004).

The city's own organisations are real names (the central office, the 13 district
offices, the education office); every provider, school, address and case number is
invented. Organisation numbers are checksum-valid and made up. The data are
generated from a fixed seed, so every run gives the same city, and are returned as
import records: the demo loads through the same import as any city.

``generate(scale=...)`` makes larger cities for benchmarks: more providers and
units per area, and extra district offices.
"""

from __future__ import annotations

import datetime as dt
import random
import re
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

from stdnum import luhn

from foljsam.demo.data import (
    COMPANY_SUFFIXES,
    CONTRACT_AREAS,
    DISTRICT_OFFICE_NAMES,
    DISTRICTS,
    FIRST_WORDS,
    NONPROFIT_FORMS,
    OUTSIDE_TOWNS,
    PROTECTED,
    SECOND_WORDS,
    STREET_WORDS,
    UNIT_WORDS,
)

CITY_ORG_NUMBER = "2120000142"  # Stockholms stad
CENTRAL = "sof"
EDUCATION = "utbf"
# Substance-abuse providers without a contact e-mail, so that a screening
# campaign has some it cannot send to (issue 9: "who has no e-mail address").
MISSBRUK_WITHOUT_EMAIL = 3


def contact_email(name: str) -> str:
    """A provider's functional address, made from its name (no random draws, so
    the rest of the city stays as it was): "Ekbacka Behandling AB" ->
    uppfoljning@ekbacka-behandling.example.se."""
    plain = unicodedata.normalize("NFKD", name.lower())
    ascii_name = plain.encode("ascii", "ignore").decode()
    slug = "-".join(re.findall(r"[a-z0-9]+", ascii_name))
    slug = slug.removesuffix("-ab")
    return f"uppfoljning@{slug}.example.se"


@dataclass
class _Builder:
    rng: random.Random
    scale: int
    organisations: list[dict[str, Any]] = field(default_factory=list)
    contract_areas: list[dict[str, Any]] = field(default_factory=list)
    providers: list[dict[str, Any]] = field(default_factory=list)
    units: list[dict[str, Any]] = field(default_factory=list)
    agreements: list[dict[str, Any]] = field(default_factory=list)
    used_names: set[str] = field(default_factory=set)
    used_numbers: set[str] = field(default_factory=lambda: {CITY_ORG_NUMBER})
    unit_seq: int = 0
    case_seq: int = 0
    districts: list[tuple[str, str, tuple[str, ...], str]] = field(default_factory=list)

    # Names and numbers -----------------------------------------------------

    def place_name(self, *, unique: bool = False) -> str:
        """A made-up place name; ``unique`` ones are not handed out twice while
        any are left."""
        name = self.rng.choice(FIRST_WORDS) + self.rng.choice(SECOND_WORDS)
        if unique:
            for _attempt in range(200):
                if name not in self.used_names:
                    break
                name = self.rng.choice(FIRST_WORDS) + self.rng.choice(SECOND_WORDS)
            self.used_names.add(name)
        return name

    def street(self) -> str:
        return (
            f"{self.rng.choice(FIRST_WORDS)}{self.rng.choice(STREET_WORDS)} "
            f"{self.rng.randint(1, 120)}"
        )

    def org_number(self, prefix: str) -> str:
        while True:
            body = prefix + "".join(
                str(self.rng.randrange(10)) for _ in range(9 - len(prefix))
            )
            number = body + luhn.calc_check_digit(body)
            if number not in self.used_numbers:
                self.used_numbers.add(number)
                return number

    def provider(self, area: str, *, nonprofit: bool = False) -> str:
        place = self.place_name(unique=True)
        if nonprofit:
            name = self.rng.choice(NONPROFIT_FORMS).format(place)
            number = self.org_number("802")
        else:
            name = f"{place} {self.rng.choice(COMPANY_SUFFIXES[area])}"
            number = self.org_number("559")
        if self.scale > 1:
            name = f"{name} {len(self.providers) + 1}"
        self.providers.append(
            {
                "org_number": number,
                "name": name,
                "kind": "nonprofit" if nonprofit else "company",
                "contact_email": contact_email(name),
            }
        )
        return number

    def case_number(self, prefix: str, year: int) -> str:
        self.case_seq += 1
        return f"{prefix} {year}/{self.case_seq:04d}"

    # Places ----------------------------------------------------------------

    def address_in(self, district: int) -> dict[str, Any]:
        code, _name, postal_codes, town = self.districts[district]
        return {
            "address": self.street(),
            "postal_code": self.rng.choice(postal_codes),
            "city": town,
            "district": f"sdf-{code}",
        }

    def address_outside(self) -> dict[str, Any]:
        postal_code, town = self.rng.choice(OUTSIDE_TOWNS)
        return {
            "address": self.street(),
            "postal_code": postal_code,
            "city": town,
            "district": "",
        }

    def unit(
        self,
        provider: str,
        name: str,
        place: dict[str, Any],
        *,
        placements: tuple[int, int],
        opened: int,
        operated_by: str = "",
        closed_on: dt.date | None = None,
    ) -> str:
        self.unit_seq += 1
        unit_id = f"V{self.unit_seq:05d}"
        self.units.append(
            {
                "unit_id": unit_id,
                "provider_org_number": provider,
                "name": name,
                **place,
                "operated_by": operated_by,
                "placements": self.rng.randint(*placements),
                "opened_on": dt.date(opened, self.rng.randint(1, 12), 1),
                "closed_on": closed_on,
            }
        )
        return unit_id

    def agreement(
        self,
        reference: str,
        provider: str,
        area: str,
        kind: str,
        units: list[str],
        *,
        signed_by: str,
        valid_from: dt.date,
        valid_to: dt.date | None = None,
        terminated_on: dt.date | None = None,
        termination_reason: str = "",
    ) -> None:
        self.agreements.append(
            {
                "reference": reference,
                "provider_org_number": provider,
                "contract_area": area,
                "kind": kind,
                "signed_by": signed_by,
                "valid_from": valid_from,
                "valid_to": valid_to,
                "terminated_on": terminated_on,
                "termination_reason": termination_reason,
                "unit_ids": ";".join(units),
            }
        )

    def district_index(self) -> int:
        return self.rng.randrange(len(self.districts))

    def unit_name(self, area: str, place: str) -> str:
        return f"{self.rng.choice(UNIT_WORDS[area])} {place}"

    # The city ----------------------------------------------------------------

    def organisations_sheet(self) -> None:
        self.organisations.append(
            {"code": CENTRAL, "name": "Socialförvaltningen", "kind": "central_office"}
        )
        for code, name, _postal, _town in self.districts:
            self.organisations.append(
                {
                    "code": f"sdf-{code}",
                    "name": DISTRICT_OFFICE_NAMES.get(
                        code, f"{name} stadsdelsförvaltning"
                    ),
                    "kind": "district_office",
                }
            )
        self.organisations.append(
            {
                "code": EDUCATION,
                "name": "Utbildningsförvaltningen",
                "kind": "education_office",
            }
        )
        self.organisations.append(
            {"code": "slk", "name": "Stadsledningskontoret", "kind": "other"}
        )

    def contract_areas_sheet(self) -> None:
        for code, name, law, reference, operating_area in CONTRACT_AREAS:
            self.contract_areas.append(
                {
                    "code": code,
                    "name": name,
                    "law": law,
                    "legal_reference": reference,
                    "cycle_years": 3,
                    "operating_area": operating_area,
                    "address_protected": "ja" if code in PROTECTED else "nej",
                }
            )

    def lov_area(
        self,
        area: str,
        units: int,
        *,
        per_provider: tuple[int, int],
        placements: tuple[int, int],
        since: int,
        nonprofit_share: float = 0.1,
    ) -> None:
        """Private providers admitted to the city's choice system (LOV)."""
        remaining = units * self.scale
        while remaining > 0:
            count = min(remaining, self.rng.randint(*per_provider))
            remaining -= count
            provider = self.provider(
                area, nonprofit=self.rng.random() < nonprofit_share
            )
            opened = self.rng.randint(since, 2022)
            unit_ids = []
            for _ in range(count):
                place = self.place_name()
                unit_ids.append(
                    self.unit(
                        provider,
                        self.unit_name(area, place),
                        self.address_in(self.district_index()),
                        placements=placements,
                        opened=self.rng.randint(opened, 2023),
                    )
                )
            self.agreement(
                self.case_number("SN", opened),
                provider,
                area,
                "lov",
                unit_ids,
                signed_by=CENTRAL,
                valid_from=dt.date(opened, self.rng.choice((1, 4, 7, 10)), 1),
            )

    def lou_area(
        self,
        area: str,
        agreements: int,
        *,
        terminated: int,
        placements: tuple[int, int],
        start: dt.date,
        end: dt.date,
        outside_share: float,
        reason: str,
        shared_units: list[str] | None = None,
    ) -> list[str]:
        """Framework agreements (LOU), one unit each; some ended during 2023."""
        created: list[str] = []
        total = agreements * self.scale
        shared_units = shared_units or []
        first_shared = total - len(shared_units)
        for index in range(total):
            ended = index < terminated * self.scale
            if index >= first_shared:
                # A unit that already holds an agreement in another area.
                unit_id = shared_units[index - first_shared]
                provider = next(
                    u["provider_org_number"]
                    for u in self.units
                    if u["unit_id"] == unit_id
                )
                ended = False
            else:
                provider = self.provider(area, nonprofit=self.rng.random() < 0.15)
                place = (
                    self.address_outside()
                    if self.rng.random() < outside_share
                    else self.address_in(self.district_index())
                )
                unit_id = self.unit(
                    provider,
                    self.unit_name(area, self.place_name()),
                    place,
                    placements=placements,
                    opened=self.rng.randint(2008, 2021),
                    closed_on=dt.date(2023, 6 + index % 6, 28) if ended else None,
                )
            created.append(unit_id)
            self.agreement(
                self.case_number("SN", start.year - 1),
                provider,
                area,
                "lou",
                [unit_id],
                signed_by=CENTRAL,
                valid_from=start,
                valid_to=end,
                terminated_on=dt.date(2023, 6 + index % 6, 28) if ended else None,
                termination_reason=reason if ended else "",
            )
        return created

    def own_units(
        self,
        area: str,
        per_district: int,
        *,
        placements: tuple[int, int],
        word: str,
    ) -> None:
        """The districts' own operation, under the city's mission description."""
        unit_ids = []
        for index, (code, _name, _postal, _town) in enumerate(self.districts):
            for _ in range(per_district):
                unit_ids.append(
                    self.unit(
                        CITY_ORG_NUMBER,
                        f"{word} {self.place_name()}",
                        self.address_in(index),
                        placements=placements,
                        opened=self.rng.randint(1995, 2015),
                        operated_by=f"sdf-{code}",
                    )
                )
        self.agreement(
            f"UB {area}",
            CITY_ORG_NUMBER,
            area,
            "mission",
            unit_ids,
            signed_by="",
            valid_from=dt.date(2017, 11, 1),
        )

    def schools(self) -> None:
        """Short-term supervision (KTT) run by the education office in 20 city
        schools; seed 004: "Stockholms stad 20 verksamheter i egen regi som bedrivs
        av utbildningsförvaltningen"."""
        unit_ids = []
        for index in range(20 * self.scale):
            school = f"{self.place_name(unique=True)}skolan"
            unit_ids.append(
                self.unit(
                    CITY_ORG_NUMBER,
                    f"Korttidstillsyn {school}",
                    self.address_in(index % len(self.districts)),
                    placements=(4, 25),
                    opened=self.rng.randint(2005, 2018),
                    operated_by=EDUCATION,
                )
            )
        self.agreement(
            "UB korttidstillsyn",
            CITY_ORG_NUMBER,
            "korttidstillsyn",
            "mission",
            unit_ids,
            signed_by="",
            valid_from=dt.date(2016, 1, 1),
        )

    def district_agreements(self) -> None:
        """Contracts a district signs itself: entreprenad and individual agreements."""
        for code, area, word in (
            ("bromma", "bostad-sarskild-service", "Gruppbostad"),
            ("farsta", "bostad-sarskild-service", "Servicebostad"),
            ("norrmalm", "sysselsattning", "Träffpunkt"),
        ):
            district = next(i for i, d in enumerate(self.districts) if d[0] == code)
            provider = self.provider(area)
            unit_id = self.unit(
                provider,
                f"{word} {self.place_name()}",
                self.address_in(district),
                placements=(4, 8),
                opened=2019,
            )
            self.agreement(
                self.case_number(f"SDF-{code[:3].upper()}", 2019),
                provider,
                area,
                "entreprenad",
                [unit_id],
                signed_by=f"sdf-{code}",
                valid_from=dt.date(2020, 1, 1),
                valid_to=dt.date(2027, 12, 31),
            )
        # Seed 003: "Några enstaka barn och ungdomar har insatsen i verksamhet med
        # individuella avtal".
        district = next(
            i for i, d in enumerate(self.districts) if d[0] == "hagersten-alvsjo"
        )
        for _ in range(3):
            provider = self.provider("korttidsvistelse")
            unit_id = self.unit(
                provider,
                f"Korttidshem {self.place_name()}",
                self.address_in(district),
                placements=(1, 3),
                opened=2018,
            )
            self.agreement(
                self.case_number("SDF-HÄG", 2022),
                provider,
                "korttidsvistelse",
                "individual",
                [unit_id],
                signed_by="sdf-hagersten-alvsjo",
                valid_from=dt.date(2022, 8, 1),
                valid_to=dt.date(2027, 7, 31),
            )

    def build(self) -> dict[str, list[dict[str, Any]]]:
        self.organisations_sheet()
        self.contract_areas_sheet()
        self.providers.append(
            {
                "org_number": CITY_ORG_NUMBER,
                "name": "Stockholms stad",
                "kind": "municipal",
                "contact_email": contact_email("Stockholms stad"),
            }
        )
        # LOV areas (seeds 002, 004).
        self.lov_area(
            "daglig-verksamhet",
            168,
            per_provider=(1, 10),
            placements=(3, 40),
            since=2010,
        )
        self.lov_area(
            "familjeradgivning",
            25,
            per_provider=(1, 1),
            placements=(0, 0),
            since=2014,
            nonprofit_share=0.3,
        )
        self.lov_area(
            "bostad-sarskild-service",
            40,
            per_provider=(1, 6),
            placements=(3, 8),
            since=2010,
        )
        self.lov_area(
            "korttidsvistelse", 10, per_provider=(1, 3), placements=(4, 12), since=2012
        )
        self.lov_area(
            "ledsagar-avlosarservice",
            15,
            per_provider=(1, 2),
            placements=(5, 60),
            since=2011,
        )
        self.lov_area(
            "boendestod", 12, per_provider=(1, 2), placements=(5, 40), since=2012
        )
        self.lov_area(
            "sysselsattning", 10, per_provider=(1, 2), placements=(5, 30), since=2012
        )
        self.lov_area(
            "stodboende", 8, per_provider=(1, 2), placements=(4, 16), since=2013
        )
        # LOU framework agreements (seed 004): defector programmes, HVB places in
        # social psychiatry, and substance-abuse care, where some providers hold
        # agreements in both HVB and substance abuse for the same unit.
        self.lou_area(
            "avhopparverksamhet",
            28,
            terminated=6,
            placements=(0, 6),
            start=dt.date(2021, 3, 1),
            end=dt.date(2027, 2, 28),
            outside_share=0.5,
            reason="Utföraren sade upp avtalet under uppföljningen 2023.",
        )
        hvb = self.lou_area(
            "hvb-socialpsykiatri",
            21,
            terminated=2,
            placements=(1, 8),
            start=dt.date(2022, 1, 1),
            end=dt.date(2027, 12, 31),
            outside_share=0.7,
            reason="Utföraren sade upp avtalet i samband med uppföljningen 2023.",
        )
        first_missbruk = len(self.providers)
        self.lou_area(
            "missbruk-vuxna",
            90,
            terminated=1,
            placements=(0, 15),
            start=dt.date(2022, 4, 1),
            end=dt.date(2027, 3, 31),
            outside_share=0.6,
            reason="Avtalstiden gick ut; utföraren tecknade inte nytt avtal.",
            shared_units=hvb[2:6],
        )
        # After the one whose agreement ended, a few in force have no address.
        first = first_missbruk + self.scale
        for row in self.providers[first : first + MISSBRUK_WITHOUT_EMAIL]:
            row["contact_email"] = ""
        # The city's own operation.
        self.schools()
        self.own_units(
            "bostad-sarskild-service", 2, placements=(4, 8), word="Gruppbostad"
        )
        self.own_units("korttidsvistelse", 1, placements=(6, 14), word="Korttidshem")
        self.own_units("sysselsattning", 1, placements=(10, 40), word="Träffpunkt")
        self.district_agreements()
        # A gap worth seeing: a new LOV agreement whose units are not registered yet.
        provider = self.provider("daglig-verksamhet")
        self.agreement(
            self.case_number("SN", 2026),
            provider,
            "daglig-verksamhet",
            "lov",
            [],
            signed_by=CENTRAL,
            valid_from=dt.date(2026, 10, 1),
        )
        return {
            "organisations": self.organisations,
            "contract_areas": self.contract_areas,
            "providers": self.providers,
            "units": self.units,
            "agreements": self.agreements,
        }


def _extra_districts(scale: int) -> Iterator[tuple[str, str, tuple[str, ...], str]]:
    for number in range(1, 4 * (scale - 1) + 1):
        yield (
            f"extra-{number:02d}",
            f"Stadsdel {number}",
            (f"1{number % 90 + 10:02d} 10",),
            "Stockholm",
        )


def generate(*, scale: int = 1, seed: int = 2023) -> dict[str, list[dict[str, Any]]]:
    """The demo city as import records. ``scale`` multiplies the providers and
    units; above 1 it also adds district offices (for benchmarks)."""
    builder = _Builder(random.Random(seed), scale)
    builder.districts = [*DISTRICTS, *_extra_districts(scale)]
    return builder.build()
