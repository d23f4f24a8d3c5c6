"""The demo city's planning: seed 004's multi-year plan for 2024-2026 (with the
demo's contract areas), a proposed plan for 2027-2029, each organisation's
capacity and contact persons, and a register of complaints and other signals."""

from __future__ import annotations

import datetime as dt
import random
from typing import NamedTuple

from foljsam.accounts.models import Organisation, OrganisationKind, User
from foljsam.complaints.choices import SignalSource, SignalStatus
from foljsam.complaints.models import Signal, SignalCategory
from foljsam.complaints.services import signal_register
from foljsam.demo import city
from foljsam.planning.choices import PlanLead, PlanMethod, PlanScope
from foljsam.planning.models import Plan, PlanEntry
from foljsam.planning.services import organisation_settings_save
from foljsam.registry.models import ContractArea, Unit


class Entry(NamedTuple):
    year: int
    area: str
    method: str
    scope: str
    target: int | None
    lead: str
    why: str


CENTRAL, JOINT = PlanLead.CENTRAL_OFFICE, PlanLead.JOINT
SITE, SCREEN, BOTH = PlanMethod.SITE_VISIT, PlanMethod.SCREENING, PlanMethod.BOTH
ALL, SOME = PlanScope.ALL, PlanScope.SELECTION

# Seed 004, "Plan för uppföljning 2024-2026", with the demo city's contract areas.
PLAN_2024 = [
    Entry(
        2024,
        "missbruk-vuxna",
        BOTH,
        SOME,
        15,
        CENTRAL,
        "Nya avtal är upprättade inom området, ramavtalet är omfattande och "
        "insatserna ges till utsatta målgrupper. En digital screening av samtliga "
        "avtal med ekonomisk kontroll; de som visar avvikelser eller brister får "
        "verksamhetsbesök.",
    ),
    Entry(
        2024,
        "bostad-sarskild-service",
        SITE,
        SOME,
        None,
        JOINT,
        "Stadsdelsförvaltningarna bistår med verksamhetsbesök.",
    ),
    Entry(
        2024,
        "korttidsvistelse",
        SITE,
        SOME,
        None,
        JOINT,
        "Stadsdelsförvaltningarna bistår med verksamhetsbesök.",
    ),
    Entry(
        2024,
        "korttidstillsyn",
        SITE,
        SOME,
        None,
        JOINT,
        "Uppföljningen av korttidstillsyn i stadens skolor fortsätter efter 2023.",
    ),
    Entry(
        2024,
        "sysselsattning",
        SITE,
        SOME,
        None,
        JOINT,
        "Stadsdelsförvaltningarna bistår med verksamhetsbesök.",
    ),
    Entry(
        2024,
        "stodboende",
        SITE,
        SOME,
        None,
        JOINT,
        "Stadsdelsförvaltningarna bistår med verksamhetsbesök.",
    ),
    Entry(
        2025,
        "ledsagar-avlosarservice",
        SITE,
        SOME,
        None,
        JOINT,
        "För att säkra en kontinuerlig uppföljning av verksamhetsområdet.",
    ),
    Entry(
        2025,
        "boendestod",
        SITE,
        SOME,
        None,
        JOINT,
        "För att säkra en kontinuerlig uppföljning av verksamhetsområdet.",
    ),
    Entry(
        2026,
        "avhopparverksamhet",
        SITE,
        ALL,
        None,
        CENTRAL,
        "Nya upphandlingar beräknas vara genomförda innan 2026.",
    ),
    Entry(
        2026,
        "hvb-socialpsykiatri",
        SITE,
        ALL,
        None,
        CENTRAL,
        "Nya upphandlingar beräknas vara genomförda innan 2026.",
    ),
    Entry(
        2026,
        "daglig-verksamhet",
        SITE,
        SOME,
        60,
        JOINT,
        "Området med flest verksamheter inom LOV, som ständigt ökar i antal; "
        "uppföljningen görs tillsammans med stadsdelsförvaltningarna.",
    ),
]

# The demo's own proposal for the next three years, for the selection of 2027.
PLAN_2027 = [
    Entry(
        2027,
        "familjeradgivning",
        SITE,
        ALL,
        None,
        CENTRAL,
        "Senast uppföljt 2023; en utförare sade upp sitt avtal efter en begäran "
        "om rättelse.",
    ),
    Entry(
        2027,
        "korttidstillsyn",
        SITE,
        ALL,
        None,
        JOINT,
        "Samtliga skolor följdes upp 2023 och ska följas upp inom cykeln; "
        "stadsdelen där skolan ligger gör besöket.",
    ),
    Entry(
        2027,
        "missbruk-vuxna",
        SITE,
        SOME,
        25,
        CENTRAL,
        "Flest placeringar och flest inkomna signaler; nya avtal från 2027.",
    ),
    Entry(
        2028,
        "bostad-sarskild-service",
        SITE,
        SOME,
        None,
        JOINT,
        "Inom cykeln efter 2024 och 2025.",
    ),
    Entry(
        2028,
        "korttidsvistelse",
        SITE,
        SOME,
        None,
        JOINT,
        "Inom cykeln efter 2024 och 2025.",
    ),
    Entry(
        2029,
        "daglig-verksamhet",
        SITE,
        SOME,
        None,
        JOINT,
        "Uppföljningen av daglig verksamhet fortsätter inom cykeln.",
    ),
]


def _plan(name: str, first: int, entries: list[Entry], **fields: object) -> None:
    if Plan.objects.filter(name=name).exists():
        return
    plan = Plan.objects.create(
        name=name, first_year=first, last_year=first + 2, **fields
    )
    areas = ContractArea.objects.in_bulk(field_name="code")
    for e in entries:
        PlanEntry.objects.create(
            plan=plan,
            year=e.year,
            contract_area=areas[e.area],
            method=e.method,
            scope=e.scope,
            target_count=e.target,
            lead=e.lead,
            rationale=e.why,
        )


def load_plans() -> None:
    _plan(
        "Plan för uppföljning 2024\u20132026",
        2024,
        PLAN_2024,
        reference="SN 2024/0075",
        decided_on=dt.date(2024, 4, 23),
        summary=(
            "Målet för flerårsplaneringen är att säkerställa att olika avtalsområden "
            "följs upp med jämna mellanrum samt identifiera särskilt prioriterade "
            "verksamheter (årsrapport 2023)."
        ),
    )
    _plan(
        "Plan för uppföljning 2027\u20132029",
        2027,
        PLAN_2027,
        reference="",
        summary="Förslag till nämnden med årsrapporten för 2026.",
    )


# How many follow-ups each district took a year in the demo's history, and takes
# from 2027, when the city raised the capacities to clear what was left overdue:
# a big city's districts take more than seed 002's 2-4, which was for 100
# addresses.
HISTORY_CAPACITY = (3, 7)
DEMO_DISTRICT_CAPACITY = (6, 16)


def load_capacities(limits: tuple[int, int], *, update: bool = False) -> None:
    contacts = {
        "sdf-sodermalm": "uppfoljare.sodermalm",
        "sdf-bromma": "uppfoljare.bromma",
    }
    for organisation in Organisation.objects.filter(
        kind=OrganisationKind.DISTRICT_OFFICE
    ):
        if hasattr(organisation, "planning_settings") and not update:
            continue
        low, high = limits
        people = list(
            User.objects.filter(username=contacts.get(organisation.code, "-"))
        )
        organisation_settings_save(
            actor=None,
            organisation=organisation,
            min_per_year=low,
            max_per_year=high,
            contact_persons=people,
        )


SUMMARIES = {
    "bemotande": [
        "Klagomål på personalens bemötande vid ett besök i verksamheten.",
        "Anhörig framför att verksamheten inte besvarar frågor om insatsen.",
    ],
    "utforande": [
        "Insatsen har inte utförts enligt genomförandeplanen under flera veckor.",
        "Aktiviteter har ställts in utan att beställaren informerats.",
    ],
    "sakerhet": [
        "Avvikelse om hot i verksamheten som inte rapporterats till beställaren.",
        "Brister i rutinen för hot och våld enligt handläggare.",
    ],
    "bemanning-kompetens": [
        "Hög personalomsättning och många vikarier enligt handläggare.",
        "Verksamheten saknar tillfälligt den kompetens avtalet kräver.",
    ],
    "dokumentation": [
        "Genomförandeplaner saknas för flera insatser.",
        "Personakter förvaras inte i låst skåp.",
    ],
    "lokaler": [
        "Slitage i gemensamma lokaler enligt tips från handläggare.",
    ],
    "information": [
        "Ny verksamhetschef har inte meddelats förvaltningen.",
        "Underleverantör används utan att förvaltningen informerats.",
    ],
    "ekonomi": [
        "Skatteskuld hos Kronofogden vid kontroll.",
        "Kreditbetyget har sänkts kraftigt sedan förra kontrollen.",
    ],
}


class _SourceWeights(NamedTuple):
    source: str
    weight: float
    categories: tuple[str, ...]


SOURCES = [
    _SourceWeights(
        SignalSource.COMPLAINT, 0.45, ("bemotande", "utforande", "bemanning-kompetens")
    ),
    _SourceWeights(
        SignalSource.DEVIATION, 0.15, ("sakerhet", "dokumentation", "utforande")
    ),
    _SourceWeights(SignalSource.LEX_SARAH, 0.08, ("sakerhet", "utforande")),
    _SourceWeights(
        SignalSource.CASE_OFFICER, 0.17, ("utforande", "lokaler", "information")
    ),
    _SourceWeights(SignalSource.IVO_DECISION, 0.05, ("dokumentation", "sakerhet")),
    _SourceWeights(SignalSource.FINANCIAL_CHECK, 0.10, ("ekonomi",)),
]


def load_signals(today: dt.date) -> int:
    """About forty signals a year from 2023, more where the city has many
    placements (seed 004: "staden har många placeringar hos en enskild utförare
    eller ... har fått in notiser, frågor eller avvikelser")."""
    if Signal.objects.exists():
        return 0
    rng = random.Random(4)
    central = Organisation.objects.get(code=city.CENTRAL)
    categories = SignalCategory.objects.in_bulk(field_name="code")
    units = list(
        Unit.objects.filter(closed_on__isnull=True)
        .exclude(provider__kind="municipal")
        .select_related("provider", "district")
        .order_by("pk")
    )
    weights = [1 + u.placements for u in units]
    created = 0
    for year in range(2023, today.year + 1):
        count = 40 if year < today.year else 36
        for number in range(1, count + 1):
            unit = rng.choices(units, weights)[0]
            kind = rng.choices(SOURCES, [s.weight for s in SOURCES])[0]
            code = rng.choice(kind.categories)
            last_day = min(dt.date(year, 12, 31), today)
            received = dt.date(year, 1, 1) + dt.timedelta(
                days=rng.randrange((last_day - dt.date(year, 1, 1)).days + 1)
            )
            age = (today - received).days
            if age > 200:
                status = rng.choice(
                    [SignalStatus.CLOSED] * 4 + [SignalStatus.DISMISSED]
                )
            elif age > 60:
                status = rng.choice([SignalStatus.INVESTIGATING, SignalStatus.CLOSED])
            else:
                status = SignalStatus.RECEIVED
            closed = (
                min(today, received + dt.timedelta(days=rng.randint(20, 120)))
                if status in {SignalStatus.CLOSED, SignalStatus.DISMISSED}
                else None
            )
            recorder = (
                unit.district
                if unit.district is not None and rng.random() < 0.25
                else central
            )
            signal_register(
                actor=None,
                organisation=recorder,
                provider=unit.provider,
                unit=None if kind.source == SignalSource.FINANCIAL_CHECK else unit,
                received_on=received,
                source=kind.source,
                category=categories[code],
                summary=rng.choice(SUMMARIES[code]),
                reference=f"KL {year}/{number:04d}",
                status=status,
                closed_on=closed,
                handling_note=(
                    "Utredd med utföraren; åtgärd redovisad."
                    if status == SignalStatus.CLOSED
                    else ""
                ),
            )
            created += 1
    return created
