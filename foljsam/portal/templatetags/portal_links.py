"""``{% answer_links followup %}``: the follow-up's answer links and their
forms, for the follow-up's page. A template tag rather than a context variable,
so that the follow-ups app (below the portal) need not import it."""

from __future__ import annotations

from typing import Any

from django import template

from foljsam.followups.models import FollowUp
from foljsam.portal.selectors import links_for_followup

register = template.Library()


@register.inclusion_tag("portal/_followup_links.html", takes_context=True)
def answer_links(context: dict[str, Any], followup: FollowUp) -> dict[str, Any]:
    request = context["request"]
    return {"links": links_for_followup(user=request.user, followup=followup)}
