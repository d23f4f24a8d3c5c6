"""Parsers for one cell each. They return the clean value or raise ``FieldError``
with a message, in the active language, that tells the user what to write instead."""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from collections.abc import Mapping

from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.utils.translation import gettext as _
from stdnum.exceptions import ValidationError as StdnumError
from stdnum.se import orgnr

from foljsam.accounts.models import CODE_PATTERN
from foljsam.core.tabular import normalise_name

_CODE_RE = re.compile(CODE_PATTERN)
_POSTAL_RE = re.compile(r"^[0-9]{3} ?[0-9]{2}$")


class FieldError(Exception):
    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


def _check_printable(value: str) -> None:
    # Control characters (a NUL from a broken export, say) are never meant, and
    # PostgreSQL refuses NUL in text: say so here rather than fail while writing.
    if any(unicodedata.category(ch) == "Cc" for ch in value):
        shown = "".join(
            f"\\x{ord(ch):02x}" if unicodedata.category(ch) == "Cc" else ch
            for ch in value
        )
        raise FieldError(
            _("'%(value)s' contains a control character that cannot be stored.")
            % {"value": shown}
        )


def text(value: str, *, max_length: int, required: bool = False) -> str:
    value = " ".join(value.split())
    _check_printable(value)
    if required and not value:
        raise FieldError(_("A value is required."))
    if len(value) > max_length:
        raise FieldError(
            _("At most %(max)d characters are allowed; this has %(length)d.")
            % {"max": max_length, "length": len(value)}
        )
    return value


def code(value: str, *, required: bool = True) -> str | None:
    given = value.strip()
    value = given.lower()
    if not value:
        if required:
            raise FieldError(_("A code is required."))
        return None
    if len(value) > 40 or not _CODE_RE.match(value):
        raise FieldError(
            _(
                "'%(value)s' is not a valid code: use at most 40 letters a-z, "
                "digits, '-', '_' or '.'."
            )
            % {"value": given}
        )
    return value


def org_number(value: str) -> str:
    value = value.strip()
    if not value:
        raise FieldError(_("An organisation number is required."))
    try:
        return str(orgnr.validate(value))
    except StdnumError:
        raise FieldError(
            _("'%(value)s' is not a valid Swedish organisation number.")
            % {"value": value}
        ) from None


def choice(value: str, options: Mapping[str, tuple[str, ...]]) -> str:
    key = normalise_name(value)
    for canonical, aliases in options.items():
        if key == normalise_name(canonical) or key in aliases:
            return canonical
    if not key:
        raise FieldError(_("A value is required."))
    raise FieldError(
        _("Unknown value '%(value)s'. Allowed values: %(allowed)s.")
        % {"value": value, "allowed": ", ".join(options)}
    )


YES_NO = {
    "yes": ("ja", "j", "y", "1", "true", "sant", "x"),
    "no": ("nej", "n", "0", "false", "falskt", "-"),
}


def yes_no(value: str) -> bool:
    """Yes or no; an empty cell is no."""
    if not value.strip():
        return False
    return choice(value, YES_NO) == "yes"


def date(value: str, *, required: bool = False) -> dt.date | None:
    value = value.strip()
    if not value:
        if required:
            raise FieldError(_("A date is required."))
        return None
    candidate = value[:10] if re.match(r"^\d{4}-\d{2}-\d{2}[ T]00:00", value) else value
    try:
        return dt.date.fromisoformat(candidate)
    except ValueError:
        raise FieldError(
            _("'%(value)s' is not a date. Write dates as YYYY-MM-DD.")
            % {"value": value}
        ) from None


def whole_number(
    value: str, *, minimum: int, maximum: int, default: int | None = None
) -> int:
    # Swedish Excel writes thousands with a (non-breaking) space: "1 200".
    value = "".join(value.split())
    if not value:
        if default is None:
            raise FieldError(_("A number is required."))
        return default
    try:
        number = int(value)
    except ValueError:
        raise FieldError(
            _("'%(value)s' is not a whole number.") % {"value": value}
        ) from None
    if not minimum <= number <= maximum:
        raise FieldError(
            _("The number must be between %(min)d and %(max)d.")
            % {"min": minimum, "max": maximum}
        )
    return number


def postal_code(value: str) -> str:
    value = " ".join(value.split())
    if not value:
        return ""
    if not _POSTAL_RE.match(value):
        raise FieldError(
            _("'%(value)s' is not a Swedish postal code (five digits, as 123 45).")
            % {"value": value}
        )
    digits = value.replace(" ", "")
    return f"{digits[:3]} {digits[3:]}"


# Django's EmailField and RFC 5321's limit for a path.
EMAIL_MAX_LENGTH = 254


def email(value: str) -> str:
    """An e-mail address, or "" for an empty cell (a provider may have none)."""
    value = value.strip()
    _check_printable(value)
    if not value:
        return ""
    try:
        validate_email(value)
        valid = len(value) <= EMAIL_MAX_LENGTH
    except ValidationError:
        valid = False
    if not valid:
        raise FieldError(
            _(
                "'%(value)s' is not a valid e-mail address; write it as "
                "namn@utforare.se."
            )
            % {"value": value}
        )
    return value


def id_list(value: str, *, max_length: int) -> frozenset[str]:
    # Spaces inside an id are normalised as in the units sheet (``text``).
    items = [" ".join(item.split()) for item in re.split(r"[;\n]", value)]
    ids = frozenset(item for item in items if item)
    for item in ids:
        _check_printable(item)
        if len(item) > max_length:
            raise FieldError(
                _("'%(value)s' is longer than %(max)d characters.")
                % {"value": item, "max": max_length}
            )
    return ids
