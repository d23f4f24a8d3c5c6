"""The accessibility statement's facts (tillgänglighetsredogörelse, issue 8), as
data: the page shows them and a test holds them to the code.

Lagen (2018:1937) om tillgänglighet till digital offentlig service (DOS-lagen)
and Digg's regulation (MDFFS 2019:2) ask for: the public body and the service,
whether it is fully, partly or not compliant, the content that is not accessible
and why, the date of the assessment and the method, the date the statement was
last updated, a way to report shortcomings and ask for content, and a link to
Digg's complaints procedure. The requirements are EN 301 549, which for the web
is WCAG 2.1 level AA.

Change ``STATEMENT`` when the service changes: a gap that is fixed leaves the
list (``tests/test_statement.py`` checks some of them against the code), and
``updated_on`` moves.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

# Digg's procedure for reporting a public body's lacking accessibility, as Digg
# asks statements to link it ("Skapa en tillgänglighetsredogörelse").
DIGG_REPORT_URL = "https://www.digg.se/tdosanmalan"
DIGG_NAME = "Myndigheten för digital förvaltning (Digg)"
STANDARD = "WCAG 2.1"
LEVEL = "AA"
EN_301_549 = "EN 301 549 V3.2.1"

FULLY, PARTLY, NOT = "fully", "partly", "not"


@dataclass(frozen=True, slots=True)
class Gap:
    """Content that is not accessible, why, and what to do meanwhile."""

    key: str
    title: Promise
    description: Promise
    criteria: tuple[str, ...]  # "WCAG 2.1 1.3.1", "EN 301 549 10.1.3.1"


@dataclass(frozen=True, slots=True)
class Statement:
    conformance: str  # FULLY, PARTLY or NOT
    published_on: dt.date
    assessed_on: dt.date  # the latest assessment the statement rests on
    updated_on: dt.date
    method: Promise
    gaps: tuple[Gap, ...]

    @property
    def conformance_text(self) -> Promise:
        return {
            FULLY: _("fully compliant"),
            PARTLY: _("partially compliant"),
            NOT: _("not compliant"),
        }[self.conformance]


STATEMENT = Statement(
    conformance=PARTLY,
    published_on=dt.date(2026, 11, 30),
    assessed_on=dt.date(2026, 11, 30),
    updated_on=dt.date(2026, 11, 30),
    method=_(
        "Self-assessment by the team that builds the service. Every page, in "
        "every role that may open it and on the public pages without logging in, "
        "is tested automatically with axe-core against WCAG 2.1 A and AA in a "
        "browser whenever the service changes; the skip link and keyboard focus "
        "are tested too. Automated tests find only some kinds of problems. The "
        "service has not yet been reviewed by an outside party or tested by "
        "users of screen readers."
    ),
    gaps=(
        Gap(
            key="office",
            title=_("Word and Excel files have not been checked"),
            description=_(
                "The documents the service makes (protocols, question lists, "
                "reports, letters, the annual report, exports) use Word's heading "
                "styles, repeated table headers and a header row in every sheet; "
                "the annual report's charts are pictures whose description gives "
                "every figure. The files have not been checked with an "
                "accessibility checker, so they may fall short in ways we do not "
                "know of."
            ),
            criteria=("EN 301 549 10",),
        ),
        Gap(
            key="uploads",
            title=_("Uploaded files are not checked"),
            description=_(
                "Files that providers and the city's officers upload to a "
                "follow-up (evidence, complements, action plans) are shown as "
                "they were sent; nobody checks whether they are accessible. The "
                "providers' files are their own documents, which the city neither "
                "makes nor controls. If you cannot read one, contact us and we "
                "will help you with its content."
            ),
            criteria=("EN 301 549 10",),
        ),
        Gap(
            key="session",
            title=_("Logging out after a while without activity gives no warning"),
            description=_(
                "For security, you are logged out after a period without activity "
                "(30 minutes unless the city has chosen otherwise), and ten hours "
                "after logging in at the latest. There is no warning beforehand and "
                "no way to extend the time, so what you have typed into a form and "
                "not yet sent is lost. The protocol of a follow-up saves itself as "
                "you go. The public pages need no login."
            ),
            criteria=("WCAG 2.1 2.2.1",),
        ),
    ),
)
