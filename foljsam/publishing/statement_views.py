"""The accessibility statement (tillgänglighetsredogörelse, issue 8), in Digg's
form; its facts are ``accessibility.STATEMENT``. Open to anyone and linked from
the footer of every page, public or not."""

from __future__ import annotations

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from foljsam.publishing import accessibility
from foljsam.publishing.http import other_language_url, public_page


@public_page
def statement(request: HttpRequest) -> HttpResponse:
    url, language = other_language_url(request)
    return render(
        request,
        "publishing/accessibility_statement.html",
        {
            "statement": accessibility.STATEMENT,
            "standard": accessibility.STANDARD,
            "level": accessibility.LEVEL,
            "en_301_549": accessibility.EN_301_549,
            "digg_name": accessibility.DIGG_NAME,
            "digg_report_url": accessibility.DIGG_REPORT_URL,
            "organisation": settings.FOLJSAM_PUBLISHER_NAME,
            "email": settings.FOLJSAM_ACCESSIBILITY_CONTACT_EMAIL,
            "phone": settings.FOLJSAM_ACCESSIBILITY_CONTACT_PHONE,
            "public_section": "accessibility",
            "other_language_url": url,
            "other_language": language,
        },
    )
