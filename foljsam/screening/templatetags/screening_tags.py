"""``{% load screening_tags %}{% campaign_of followup %}``: on a follow-up's page,
the screening campaign that chose it for a site visit. A template tag, so that
the follow-ups app (below screening) need not import it."""

from __future__ import annotations

from typing import Any

from django import template

from foljsam.followups.models import FollowUp
from foljsam.screening.selectors import chosen_by

register = template.Library()


@register.inclusion_tag("screening/_followup_campaign.html", takes_context=True)
def campaign_of(context: template.Context, followup: FollowUp) -> dict[str, Any]:
    user = context["request"].user
    return {"chosen": chosen_by(user=user, followup_id=followup.pk)}
