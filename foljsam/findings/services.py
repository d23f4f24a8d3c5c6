"""Changes to deficiencies. Issue 6 adds the measures (complement, revisit,
escalation) and the officer's confirmation of proposed deficiencies."""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from foljsam.accounts.models import User
from foljsam.core.history import stamp_history
from foljsam.findings.choices import DeficiencyStatus, Severity
from foljsam.findings.models import Deficiency
from foljsam.followups.models import FollowUp
from foljsam.requirements.models import Requirement, RequirementCategory


@transaction.atomic
def deficiency_register(
    *,
    actor: User | None,
    followup: FollowUp,
    category: RequirementCategory,
    severity: str = Severity.MINOR,
    description: str = "",
    requirement: Requirement | None = None,
    resolved_on: dt.date | None = None,
) -> Deficiency:
    """Record a deficiency a follow-up found (seed 004: "De verksamheter som vid
    avtalsuppföljning uppvisar brister ges möjlighet att inom en förutbestämd
    tidsram åtgärda bristerna"). One resolved by a complement carries the day."""
    if severity not in Severity.values:
        raise ValidationError({"severity": _("Choose a severity.")})
    deficiency = Deficiency(
        followup=followup,
        category=category,
        severity=severity,
        description=description,
        requirement=requirement,
        status=DeficiencyStatus.RESOLVED if resolved_on else DeficiencyStatus.OPEN,
        resolved_on=resolved_on,
    )
    stamp_history(deficiency, actor)
    deficiency.save()
    return deficiency
