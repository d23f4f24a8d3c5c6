"""Write a checked plan: new signals in bulk with their history rows, changed
ones one by one (each with its history row). Called inside one transaction."""

from __future__ import annotations

from dataclasses import asdict

from simple_history.utils import bulk_create_with_history

from foljsam.accounts.models import User
from foljsam.complaints.importing.plan import Plan
from foljsam.complaints.models import Signal
from foljsam.core.history import stamp_history

BATCH = 500


def apply_plan(plan: Plan, *, actor: User | None, reason: str) -> None:
    created = [
        Signal(**asdict(planned.record), recorded_by=actor) for planned in plan.create
    ]
    if created:
        bulk_create_with_history(
            created,
            Signal,
            batch_size=BATCH,
            default_user=actor,
            default_change_reason=reason,
        )
    for planned in plan.update:
        signal = planned.existing
        if signal is None:
            raise ValueError(f"row {planned.row}: an update without its signal")
        for name, value in asdict(planned.record).items():
            setattr(signal, name, value)
        stamp_history(signal, actor, reason)
        signal.save()
