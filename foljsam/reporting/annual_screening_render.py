"""The annual report's digital screening in words (issue 9): the section every
format shows (page, PDF, DOCX) and its XLSX sheets. No database here: the input
is an ``annual_screening.ScreeningSummary``.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from django.utils.formats import number_format
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from foljsam.core.event_labels import choice_label
from foljsam.core.exports import Column
from foljsam.followups.choices import Method
from foljsam.reporting.annual import percent
from foljsam.reporting.annual_screening import (
    AreaScreening,
    CampaignLine,
    ScreeningSummary,
)
from foljsam.screening.choices import CampaignStatus, FlagKind

type Sheet = tuple[str, Sequence[Column[Any]], Sequence[Any]]


def _pct(value: float) -> str:
    return "%s %%" % number_format(value, decimal_pos=1, use_l10n=True)  # noqa: UP031


def flag_name(kind: str) -> str:
    return choice_label(FlagKind, kind)


def template_name(line: CampaignLine) -> str:
    return _("%(template)s, version %(number)d") % {
        "template": line.template,
        "number": line.template_version,
    }


def area_names(line: CampaignLine) -> str:
    return ", ".join(area.name for area in line.contract_areas)


@dataclass(frozen=True, slots=True)
class CampaignView:
    line: CampaignLine
    template: str
    areas: str
    status: str


@dataclass(frozen=True, slots=True)
class ScreeningView:
    summary: ScreeningSummary
    text: str
    campaigns: tuple[CampaignView, ...]
    flags: tuple[tuple[str, int], ...]  # (kind in words, providers)


def summary_text(summary: ScreeningSummary, year: int) -> str:
    """The section's first sentence: what was asked, answered and chosen."""
    if not summary.campaigns:
        return _("No screening campaign was sent for %(year)d.") % {"year": year}
    return ngettext(
        "In %(year)d, %(campaigns)d screening campaign asked %(asked)d providers; "
        "%(answered)d answered (%(share)s), %(flagged)d of them with flags, and "
        "%(visits)d site visits were chosen from the answers.",
        "In %(year)d, %(campaigns)d screening campaigns asked %(asked)d providers; "
        "%(answered)d answered (%(share)s), %(flagged)d of them with flags, and "
        "%(visits)d site visits were chosen from the answers.",
        len(summary.campaigns),
    ) % {
        "year": year,
        "campaigns": len(summary.campaigns),
        "asked": summary.asked,
        "answered": summary.answered,
        "share": _pct(percent(summary.answered, summary.asked)),
        "flagged": summary.flagged,
        "visits": summary.visits,
    }


def screening_view(summary: ScreeningSummary, year: int) -> ScreeningView:
    return ScreeningView(
        summary=summary,
        text=summary_text(summary, year),
        campaigns=tuple(
            CampaignView(
                line=line,
                template=template_name(line),
                areas=area_names(line),
                status=choice_label(CampaignStatus, line.status),
            )
            for line in summary.campaigns
        ),
        flags=tuple((flag_name(kind), n) for kind, n in summary.flags),
    )


def area_text(screening: AreaScreening) -> str:
    """A contract area's providers in the year's campaigns; empty when no
    campaign asked any."""
    if not screening.asked and not screening.visits:
        return ""
    return _(
        "%(answered)d of %(asked)d providers answered, %(flagged)d with flags; "
        "%(visits)d site visits chosen."
    ) % {
        "answered": screening.answered,
        "asked": screening.asked,
        "flagged": screening.flagged,
        "visits": screening.visits,
    }


def screening_method(count: int) -> str:
    """Digital screening in an area's methods, counted in providers (the other
    methods count follow-ups)."""
    return ngettext(
        "%(method)s: %(count)d provider answered",
        "%(method)s: %(count)d providers answered",
        count,
    ) % {"method": choice_label(Method, Method.SCREENING), "count": count}


# XLSX --------------------------------------------------------------------------


def screening_sheets(summary: ScreeningSummary) -> list[Sheet]:
    """Two sheets: the campaigns with their counts, and the flags per campaign
    and kind."""
    campaigns: list[Column[CampaignLine]] = [
        Column(_("Campaign"), lambda c: c.name),
        Column(_("Template"), template_name),
        Column(_("Contract areas"), area_names),
        Column(_("Status"), lambda c: choice_label(CampaignStatus, c.status)),
        Column(_("Sent on"), lambda c: c.sent_on),
        Column(_("Answer by"), lambda c: c.deadline),
        Column(_("Providers asked"), lambda c: c.asked),
        Column(_("Answered"), lambda c: c.answered),
        Column(_("Answered with flags"), lambda c: c.flagged),
        Column(_("Not answered"), lambda c: c.not_answered),
        Column(_("Site visits made"), lambda c: c.visits_created),
        Column(_("Follow-ups linked"), lambda c: c.visits_linked),
    ]
    flag_rows = [
        (line.name, flag_name(kind), n)
        for line in summary.campaigns
        for kind, n in line.flags
    ]
    flags: list[Column[tuple[str, str, int]]] = [
        Column(_("Campaign"), lambda row: row[0]),
        Column(_("Flag"), lambda row: row[1]),
        Column(_("Providers"), lambda row: row[2]),
    ]
    return [
        (_("Digital screening"), campaigns, summary.campaigns),
        (_("Screening flags"), flags, flag_rows),
    ]
