from __future__ import annotations

import datetime as dt

from django import template
from django.utils.html import format_html
from django.utils.safestring import SafeString
from django.utils.translation import gettext_lazy as _
from stdnum.se import orgnr

from foljsam.registry.models import Agreement

register = template.Library()

AGREEMENT_STATUS = {
    "valid": ("ok", _("In force")),
    "upcoming": ("due", _("Not yet in force")),
    "expired": ("neutral", _("Expired")),
    "terminated": ("neutral", _("Terminated")),
}


@register.simple_tag
def agreement_status(agreement: Agreement, today: dt.date) -> SafeString:
    css, label = AGREEMENT_STATUS[agreement.status_on(today)]
    return format_html('<span class="badge badge--{}">{}</span>', css, label)


@register.filter
def org_number(value: str) -> str:
    """5560125790 -> 556012-5790."""
    return str(orgnr.format(value)) if value else ""
