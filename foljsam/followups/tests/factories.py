from __future__ import annotations

import datetime as dt
from typing import Any

import factory
from factory.django import DjangoModelFactory

from foljsam.accounts.tests.factories import OrganisationFactory
from foljsam.followups.models import FollowUp
from foljsam.registry.tests.factories import ContractAreaFactory, UnitFactory


class FollowUpFactory(DjangoModelFactory[FollowUp]):
    class Meta:
        model = FollowUp

    year = 2027
    unit = factory.SubFactory(UnitFactory)
    provider = factory.LazyAttribute(lambda o: o.unit.provider)
    contract_area = factory.SubFactory(ContractAreaFactory)
    organisation = factory.SubFactory(OrganisationFactory)
    status = FollowUp.Status.ASSIGNED


def protocol_followup(
    *,
    organisation: Any,
    provider: Any = None,
    status: str = "preparing",
    questions: int = 3,
    version: Any = None,
) -> FollowUp:
    """A follow-up with a published template version of yes/no questions, each
    checking a requirement, already started (documents requested)."""
    from foljsam.registry.tests.factories import AgreementFactory, ProviderFactory
    from foljsam.requirements.services import version_publish
    from foljsam.requirements.tests.factories import build_version

    if version is None:
        texts = [f"Finns rutin nummer {n}?" for n in range(1, questions + 1)]
        version = version_publish(
            actor=None,
            version=build_version(
                code=f"mall-{FollowUp.objects.count()}-{questions}",
                sections=[
                    ("Rutiner", texts[: (questions + 1) // 2]),
                    ("Personal", texts[(questions + 1) // 2 :]),
                ],
            ),
        )
    unit = UnitFactory(provider=provider or ProviderFactory())
    own = unit.provider.kind == "municipal"
    if own:
        agreement = AgreementFactory(
            provider=unit.provider, units=[unit], kind="mission", signed_by=None
        )
    else:
        agreement = AgreementFactory(provider=unit.provider, units=[unit])
    return FollowUpFactory(
        unit=unit,
        contract_area=agreement.contract_area,
        agreement=agreement,
        organisation=organisation,
        template_version=version,
        status=status,
        outcome="complies" if status in {"completed", "shared"} else "",
        cancel_reason="other" if status == "cancelled" else "",
        cancelled_on=dt.date(2026, 6, 1) if status == "cancelled" else None,
        methods=["site_visit"],
    )
