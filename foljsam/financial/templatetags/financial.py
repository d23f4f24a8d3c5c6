"""``{% load financial %}``: the financial checks of a follow-up on its page.

The follow-ups sit below the financial checks in the layering, so the follow-up
page cannot call this app's selectors; it loads this tag, which runs the
selector for whoever is asking."""

from __future__ import annotations

from typing import Any

from django import template

from foljsam.financial.selectors import checks_for_followup
from foljsam.followups.models import FollowUp

register = template.Library()


@register.inclusion_tag("financial/_followup_checks.html", takes_context=True)
def followup_financial_checks(
    context: template.Context, followup: FollowUp
) -> dict[str, Any]:
    user = context["request"].user
    return {
        "followup": followup,
        "financial_checks": list(checks_for_followup(user=user, followup=followup)),
        "can": context.get("can", {}),
    }
