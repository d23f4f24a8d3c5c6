"""The demo city's publications: results of the earlier years on the public
pages, a few proposals waiting and one sent back, and nothing published that
the rules would refuse."""

from __future__ import annotations

import pytest

from foljsam.demo.loader import load_demo
from foljsam.demo.publications import PROPOSED
from foljsam.publishing.models import Publication
from foljsam.publishing.services import publication_blockers
from foljsam.registry.models import ContractArea

pytestmark = pytest.mark.django_db


def test_the_demo_city_publishes_what_the_rules_allow() -> None:
    load_demo()
    published = Publication.objects.published().select_related("followup__provider")
    assert published.count() > 100
    assert Publication.objects.filter(status="proposed").count() == PROPOSED
    assert Publication.objects.filter(status="declined").count() == 1
    for publication in published:
        assert publication.followup.status == "shared"
        assert publication_blockers(publication.followup) == []
        assert publication.summary and publication.summary_en
    # Both regimes and a protected area are among them.
    assert {p.regime for p in published} == {"own", "private"}
    protected = ContractArea.objects.get(code="avhopparverksamhet")
    assert protected.address_protected
    assert published.filter(followup__contract_area=protected).exists()
    # Loading again changes nothing.
    before = Publication.objects.count()
    load_demo()
    assert Publication.objects.count() == before
