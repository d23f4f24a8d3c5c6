"""``{% public_url "unit" pk %}``: a public page in the page's own language."""

from __future__ import annotations

from typing import Any

from django import template

from foljsam.publishing.http import public_url as _public_url

register = template.Library()


@register.simple_tag
def public_url(name: str, *args: Any) -> str:
    return _public_url(name, *args)
