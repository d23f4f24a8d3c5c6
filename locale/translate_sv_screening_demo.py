"""Swedish translations of the providers' contact e-mail in the registry import
and on the provider's page (issue 9), merged into ``translate_sv.SV``. The demo's
screening campaign is the city's own data, written in Swedish, and needs none.
"""

from __future__ import annotations

SV: dict[str, str | list[str]] = {
    "'%(value)s' is not a valid e-mail address; write it as namn@utforare.se.": "'%(value)s' är ingen giltig e-postadress; skriv den som namn@utforare.se.",
    "Contact e-mail": "Kontaktadress (e-post)",
}
