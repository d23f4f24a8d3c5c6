"""The annual report in words: the labels, the charts and the rows every format
shows, then the formats that come from HTML or from tables: the page's context,
the PDF (WeasyPrint, from the page's own body template), the XLSX and the JSON.
The DOCX is in ``annual_docx.py``. No database here: the input is an
``annual.AnnualReport``.
"""

from __future__ import annotations

import base64
import json
import textwrap
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from django.template.loader import render_to_string
from django.utils.formats import number_format
from django.utils.translation import gettext as _

from foljsam.core.exports import Column, xlsx_bytes
from foljsam.financial.choices import Item
from foljsam.findings.report_render import (
    DOCX_CONTENT_TYPE,
    PDF_CONTENT_TYPE,
    html_to_pdf,
    page_counter_css,
)
from foljsam.followups.choices import CancelReason, Method, outcome_label
from foljsam.planning.choices import PlanLead, PlanMethod, PlanScope
from foljsam.registry.choices import Law, Regime
from foljsam.reporting.annual import (
    OUTCOMES,
    REGIMES,
    AnnualReport,
    AreaReport,
    PlanLine,
    Tally,
    report_json,
)
from foljsam.reporting.annual_screening import PROVIDERS
from foljsam.reporting.annual_screening_render import (
    ScreeningView,
    area_text,
    screening_method,
    screening_sheets,
    screening_view,
)
from foljsam.reporting.charts import Bar, Chart, outcome_chart

JSON_CONTENT_TYPE = "application/json"
XLSX_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
# The most common deficiency categories shown per area, and for the city.
TOP_CATEGORIES = 5
CITY_TOP_CATEGORIES = 10


def pct(value: float) -> str:
    """A share as the language writes it: "55,9 %" in Swedish."""
    return "%s %%" % number_format(value, decimal_pos=1, use_l10n=True)  # noqa: UP031


def label(choices: Any, value: str) -> str:
    try:
        return str(choices(value).label)
    except ValueError:
        return value


def regime_name(regime: str) -> str:
    return label(Regime, regime)


def outcome_name(outcome: str, regime: str) -> str:
    """The agreement's words, or the mission description's for an area of the
    city's own units only."""
    return outcome_label(outcome, Regime.OWN if regime == Regime.OWN else "")


def reason_name(reason: str) -> str:
    return label(CancelReason, reason)


def method_name(method: str) -> str:
    return label(Method, method)


def item_name(item: str) -> str:
    return label(Item, item)


def law_name(area: AreaReport) -> str:
    law = label(Law, area.area.law)
    return " ".join(p for p in (area.area.legal_reference, law) if p)


# Charts ------------------------------------------------------------------------


def area_chart(area: AreaReport, year: int) -> Chart:
    bars = [
        Bar(
            label=textwrap.fill(outcome_name(outcome, area.regime), 30),
            value=share,
            count=count,
        )
        for outcome, count, share in area.tally.outcome_rows()
    ]
    parts = [
        _("%(outcome)s %(share)s (%(count)d)")
        % {
            "outcome": outcome_name(outcome, area.regime),
            "share": pct(share),
            "count": count,
        }
        for outcome, count, share in area.tally.outcome_rows()
    ]
    alt = _(
        "Bar chart of the outcomes in %(area)s %(year)d, %(performed)d follow-ups "
        "performed: %(parts)s."
    ) % {
        "area": area.area.name,
        "year": year,
        "performed": area.tally.performed,
        "parts": "; ".join(parts),
    }
    return outcome_chart(area.area.name, bars, alt)


def svg_data_uri(chart: Chart) -> str:
    """The chart as an ``<img>`` source: an image keeps its own styles to itself,
    so the page's Content-Security-Policy stays strict."""
    encoded = base64.b64encode(chart.svg().encode()).decode()
    return f"data:image/svg+xml;base64,{encoded}"


# What every format shows ---------------------------------------------------------


@dataclass(frozen=True, slots=True)
class OutcomeRow:
    name: str
    count: int
    share: str


@dataclass(frozen=True, slots=True)
class AreaView:
    """One area as the page, the PDF and the DOCX show it."""

    report: AreaReport
    chart: Chart | None  # none when nothing was performed
    outcomes: tuple[OutcomeRow, ...]
    reasons: tuple[tuple[str, int], ...]  # not performed, only reasons with any
    methods: str
    deficiencies: tuple[tuple[str, int], ...]
    financial: str
    anchor: str
    screening: str = ""  # the area's providers in the year's campaigns

    @property
    def chart_src(self) -> str:
        return svg_data_uri(self.chart) if self.chart else ""


def outcome_rows(tally: Tally, regime: str) -> tuple[OutcomeRow, ...]:
    return tuple(
        OutcomeRow(outcome_name(o, regime), count, pct(share))
        for o, count, share in tally.outcome_rows()
    )


def reason_rows(tally: Tally) -> tuple[tuple[str, int], ...]:
    return tuple((reason_name(r), n) for r, n in tally.reason_rows() if n)


def financial_text(area: AreaReport) -> str:
    summary = area.financial
    if not summary.checks:
        return _("No financial check was recorded in the year's follow-ups.")
    if not summary.flagged_checks:
        return _("%(checks)d checks; none flagged anything.") % {
            "checks": summary.checks
        }
    items = ", ".join(
        "%s (%d)" % (item_name(item), n)  # noqa: UP031
        for item, n in summary.items
    )
    return _("%(checks)d checks, %(flagged)d with flags: %(items)s.") % {
        "checks": summary.checks,
        "flagged": summary.flagged_checks,
        "items": items,
    }


def methods_text(area: AreaReport) -> str:
    """The methods and the follow-ups using each, then digital screening in
    providers who answered: "Site visit (3), Digital screening: 12 providers
    answered"."""
    return ", ".join(
        screening_method(n) if unit == PROVIDERS else "%s (%d)" % (method_name(m), n)  # noqa: UP031
        for m, n, unit in area.method_counts
    )


def area_view(area: AreaReport, year: int) -> AreaView:
    return AreaView(
        report=area,
        chart=area_chart(area, year) if area.tally.performed else None,
        outcomes=outcome_rows(area.tally, area.regime),
        reasons=reason_rows(area.tally),
        methods=methods_text(area),
        deficiencies=tuple(
            (d.name, d.count) for d in area.deficiencies[:TOP_CATEGORIES]
        ),
        financial=financial_text(area),
        anchor=f"area-{area.area.code}",
        screening=area_text(area.screening),
    )


@dataclass(frozen=True, slots=True)
class RegimeView:
    regime: str
    name: str
    tally: Tally
    outcomes: tuple[OutcomeRow, ...]


@dataclass(frozen=True, slots=True)
class PlanYear:
    year: int
    lines: tuple[tuple[PlanLine, str, str, str], ...]  # line, method, scope, lead


@dataclass(frozen=True, slots=True)
class ReportView:
    report: AnnualReport
    areas: tuple[AreaView, ...]
    regimes: tuple[RegimeView, ...]
    reasons: tuple[tuple[str, int], ...]
    deficiencies: tuple[tuple[str, int], ...]
    plan: tuple[PlanYear, ...]
    screening: ScreeningView

    @property
    def regime_rows(self) -> list[tuple[str, tuple[str, ...]]]:
        """Planned, performed and each outcome, a column per regime."""
        rows = [
            (_("Planned"), tuple(str(r.tally.planned) for r in self.regimes)),
            (_("Performed"), tuple(str(r.tally.performed) for r in self.regimes)),
        ]
        for index, outcome in enumerate(OUTCOMES):
            rows.append(
                (
                    outcome_name(outcome, ""),
                    tuple(
                        "%d (%s)"  # noqa: UP031
                        % (r.outcomes[index].count, r.outcomes[index].share)
                        for r in self.regimes
                    ),
                )
            )
        return rows

    @property
    def title(self) -> str:
        return _("Follow-ups of providers %(year)d: annual report") % {
            "year": self.report.year
        }


def report_view(report: AnnualReport) -> ReportView:
    by_year: dict[int, list[tuple[PlanLine, str, str, str]]] = {
        y: [] for y in report.plan_years
    }
    for line in report.plan:
        by_year.setdefault(line.year, []).append(
            (
                line,
                label(PlanMethod, line.method),
                label(PlanScope, line.scope),
                label(PlanLead, line.lead),
            )
        )
    return ReportView(
        report=report,
        areas=tuple(area_view(a, report.year) for a in report.areas),
        regimes=tuple(
            RegimeView(
                regime,
                regime_name(regime),
                report.regimes[regime],
                outcome_rows(report.regimes[regime], ""),
            )
            for regime in REGIMES
        ),
        reasons=reason_rows(report.total),
        deficiencies=tuple(
            (d.name, d.count) for d in report.deficiencies[:CITY_TOP_CATEGORIES]
        ),
        plan=tuple(PlanYear(y, tuple(lines)) for y, lines in sorted(by_year.items())),
        screening=screening_view(report.screening, report.year),
    )


# Formats -----------------------------------------------------------------------


def annual_json(report: AnnualReport) -> bytes:
    return (
        json.dumps(report_json(report), ensure_ascii=False, indent=2) + "\n"
    ).encode()


def annual_print_html(view: ReportView) -> str:
    """The standalone HTML the PDF is made from: the page's own report body."""
    return render_to_string(
        "reporting/annual_print.html",
        {"view": view, "report": view.report, "page_counter": page_counter_css()},
    )


def annual_pdf(view: ReportView) -> bytes:
    css = render_to_string(
        "reporting/annual_print.css", {"page_counter": page_counter_css()}
    )
    return html_to_pdf(annual_print_html(view), css)


def _reason_count(reason: str) -> Callable[[AreaReport], int]:
    return lambda a: a.tally.not_performed.get(reason, 0)


def _outcome_count(outcome: str) -> Callable[[AreaReport], int]:
    return lambda a: a.tally.outcomes.get(outcome, 0)


def _outcome_share(outcome: str) -> Callable[[AreaReport], float]:
    return lambda a: a.tally.shares[outcome]


def _item(index: int) -> Callable[[Sequence[Any]], Any]:
    return lambda row: row[index]


def _area_columns() -> list[Column[AreaReport]]:
    columns: list[Column[AreaReport]] = [
        Column(_("Contract area code"), lambda a: a.area.code),
        Column(_("Contract area"), lambda a: a.area.name),
        Column(_("Law"), lambda a: law_name(a)),
        Column(_("Units in the area"), lambda a: a.units),
        Column(_("Planned"), lambda a: a.tally.planned),
        Column(_("Performed"), lambda a: a.tally.performed),
        Column(_("In progress"), lambda a: a.tally.in_progress),
    ]
    for reason in CancelReason.values:
        columns.append(
            Column(
                _("Not performed: %(reason)s") % {"reason": reason_name(reason)},
                _reason_count(reason),
            )
        )
    for outcome in OUTCOMES:
        name = outcome_name(outcome, "")
        columns.append(Column(name, _outcome_count(outcome)))
        columns.append(
            Column(
                _("%(outcome)s, share (%%)") % {"outcome": name},
                _outcome_share(outcome),
            )
        )
    columns += [
        Column(_("Correction requests"), lambda a: a.correction_requests),
        Column(_("Penalties"), lambda a: a.penalties),
        Column(_("Terminations"), lambda a: a.terminations),
        Column(_("Financial checks"), lambda a: a.financial.checks),
        Column(_("Financial checks with flags"), lambda a: a.financial.flagged_checks),
        Column(_("Followed up within the cycle"), lambda a: a.coverage.covered),
        Column(_("Coverage (%)"), lambda a: a.coverage.share),
        Column(_("Cycle (years)"), lambda a: a.area.cycle_years),
        Column(_("Providers asked in screenings"), lambda a: a.screening.asked),
        Column(_("Providers who answered a screening"), lambda a: a.screening.answered),
        Column(_("Site visits chosen from screenings"), lambda a: a.screening.visits),
    ]
    return columns


def _sheet(
    title: str, headers: Sequence[str], rows: Sequence[Sequence[Any]]
) -> tuple[str, list[Column[Sequence[Any]]], Sequence[Sequence[Any]]]:
    columns: list[Column[Sequence[Any]]] = [
        Column(header, _item(index)) for index, header in enumerate(headers)
    ]
    return title, columns, rows


def annual_xlsx(report: AnnualReport) -> bytes:
    """The tables under the report, one sheet each, as numbers."""
    total = report.total
    summary = _sheet(
        _("Summary"),
        [_("Figure"), _("Value")],
        [
            (_("Year"), report.year),
            (_("Planned"), total.planned),
            (_("Performed"), total.performed),
            (_("In progress"), total.in_progress),
            *(
                (_("Not performed: %(reason)s") % {"reason": reason_name(r)}, n)
                for r, n in total.reason_rows()
            ),
            *((outcome_name(o, ""), n) for o, n, _s in total.outcome_rows()),
            (_("Correction requests"), report.correction_requests),
            (_("Penalties"), report.penalties),
            (_("Terminations"), report.terminations),
            (_("Followed up within the cycle"), report.coverage.covered),
            (_("Units"), report.coverage.total),
            (_("Screening campaigns"), len(report.screening.campaigns)),
            (_("Providers asked in screenings"), report.screening.asked),
            (_("Providers who answered a screening"), report.screening.answered),
            (_("Site visits chosen from screenings"), report.screening.visits),
        ],
    )
    regimes = _sheet(
        _("Regimes"),
        [
            _("Regime"),
            _("Planned"),
            _("Performed"),
            _("Outcome"),
            _("Count"),
            _("Share (%)"),
        ],
        [
            (regime_name(r), t.planned, t.performed, outcome_name(o, ""), n, s)
            for r, t in report.regimes.items()
            for o, n, s in t.outcome_rows()
        ],
    )
    deficiencies = _sheet(
        _("Deficiencies"),
        [
            _("Contract area code"),
            _("Contract area"),
            _("Category code"),
            _("Category"),
            _("Follow-ups"),
        ],
        [
            (a.area.code, a.area.name, d.code, d.name, d.count)
            for a in report.areas
            for d in a.deficiencies
        ],
    )
    # A method counts follow-ups, digital screening providers who answered: each
    # in its own column, so that no column mixes the two.
    methods = _sheet(
        _("Methods"),
        [
            _("Contract area code"),
            _("Contract area"),
            _("Method"),
            _("Follow-ups"),
            _("Providers who answered a screening"),
        ],
        [
            (
                a.area.code,
                a.area.name,
                method_name(m),
                None if unit == PROVIDERS else n,
                n if unit == PROVIDERS else None,
            )
            for a in report.areas
            for m, n, unit in a.method_counts
        ],
    )
    plan = _sheet(
        _("Plan"),
        [
            _("Year"),
            _("Contract area"),
            _("Method"),
            _("Which units"),
            _("Number of units"),
            _("Who does it"),
            _("Why"),
            _("Plan"),
        ],
        [
            (
                line.year,
                line.contract_area_name,
                label(PlanMethod, line.method),
                label(PlanScope, line.scope),
                line.target_count,
                label(PlanLead, line.lead),
                line.rationale,
                line.plan,
            )
            for line in report.plan
        ],
    )
    coverage = _sheet(
        _("Coverage"),
        [
            _("Contract area code"),
            _("Contract area"),
            _("Cycle (years)"),
            _("Planned"),
            _("Units"),
            _("Followed up within the cycle"),
            _("Coverage (%)"),
        ],
        [
            (
                row.area.code,
                row.area.name,
                row.area.cycle_years,
                row.planned,
                row.coverage.total,
                row.coverage.covered,
                row.coverage.share,
            )
            for row in report.coverage_rows
        ],
    )
    sheets: list[Any] = [
        summary,
        (_("Contract areas"), _area_columns(), report.areas),
        regimes,
        deficiencies,
        methods,
        coverage,
        plan,
        *screening_sheets(report.screening),
    ]
    return xlsx_bytes(sheets)


def standalone_html(view: ReportView) -> str:
    """The report as one HTML file for the command line: the print version with
    its stylesheet inside (a file on disk, not a page the app serves)."""
    css = render_to_string(
        "reporting/annual_print.css", {"page_counter": page_counter_css()}
    )
    html = annual_print_html(view)
    return html.replace("</head>", f"<style>\n{css}\n</style>\n</head>", 1)


FORMATS = ("html", "pdf", "docx", "xlsx", "json")
CONTENT_TYPES = {
    "html": "text/html; charset=utf-8",
    "pdf": PDF_CONTENT_TYPE,
    "docx": DOCX_CONTENT_TYPE,
    "xlsx": XLSX_CONTENT_TYPE,
    "json": JSON_CONTENT_TYPE,
}


def render(report: AnnualReport, fmt: str) -> bytes:
    """The report in one of ``FORMATS``."""
    if fmt == "json":
        return annual_json(report)
    if fmt == "xlsx":
        return annual_xlsx(report)
    view = report_view(report)
    if fmt == "html":
        return standalone_html(view).encode()
    if fmt == "pdf":
        return annual_pdf(view)
    if fmt == "docx":
        from foljsam.reporting.annual_docx import annual_docx

        return annual_docx(view)
    raise ValueError(fmt)
