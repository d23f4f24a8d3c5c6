"""``{% public_url "unit" pk %}``: a public page in the page's own language."""

from __future__ import annotations

from typing import Any

from django import template

from foljsam.publishing.http import public_url as _public_url

register = template.Library()


@register.simple_tag
def public_url(name: str, *args: Any) -> str:
    return _public_url(name, *args)


@register.inclusion_tag("publishing/_published_note.html", takes_context=True)
def published_note(context: dict[str, Any], followup: Any) -> dict[str, Any]:
    """On a follow-up's page inside the app (the provider's portal): whether its
    result is on the public pages, with the approved summary and a link. Read
    through the one scoping mechanism: anyone may read a published result."""
    from foljsam.publishing.models import Publication

    publication = (
        Publication.objects.visible_to(context["request"].user)
        .published()
        .filter(followup=followup)
        .first()
    )
    return {
        "publication": publication,
        "public_page": _public_url("unit", followup.unit_id) if publication else "",
    }
