"""Background work of screening campaigns, run by ``foljsam worker``."""

from __future__ import annotations

from django.tasks import task

from foljsam.screening import sending


@task()
def send_links(
    *, campaign_id: int, base_url: str, respondent_ids: list[int] | None = None
) -> int:
    """E-mail the campaign's personal links not yet sent."""
    return sending.send_links(campaign_id, base_url, respondent_ids)


@task()
def send_reminders(
    *, campaign_id: int, base_url: str, respondent_ids: list[int]
) -> int:
    """Remind the providers who have not answered."""
    return sending.send_reminders(campaign_id, base_url, respondent_ids)
