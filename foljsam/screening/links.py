"""The personal links of a screening campaign (issue 9: "a personal link:
single-use per respondent, expiring, and revocable").

The token is made from a random nonce and the secret key
(``salted_hmac``), so it can be made again for a reminder without being stored.
The database keeps the nonce and the token's SHA-256: a copy of the database
alone opens no link, and a link is found by its hash, never by comparing tokens.
A new nonce (a new link) makes the old token open nothing.
"""

from __future__ import annotations

import base64
import datetime as dt
import hashlib
import secrets

from django.conf import settings
from django.utils import timezone
from django.utils.crypto import salted_hmac

# A token is 43 characters; anything much longer is not one of ours.
TOKEN_MAX_LENGTH = 64


def new_nonce() -> str:
    return secrets.token_hex(16)


def make_token(respondent_id: int, nonce: str) -> str:
    digest = salted_hmac(
        "foljsam.screening.link", f"{respondent_id}:{nonce}", algorithm="sha256"
    ).digest()
    return base64.urlsafe_b64encode(digest).rstrip(b"=").decode("ascii")


def hash_token(token: str) -> str:
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


def expiry(deadline: dt.date) -> dt.datetime:
    """The end of the day ``FOLJSAM_SCREENING_GRACE_DAYS`` after the deadline,
    in the city's time: a late answer is still taken (and counted overdue)."""
    last = deadline + dt.timedelta(days=int(settings.FOLJSAM_SCREENING_GRACE_DAYS))
    start = dt.datetime.combine(
        last + dt.timedelta(days=1), dt.time.min, tzinfo=timezone.get_current_timezone()
    )
    return start - dt.timedelta(microseconds=1)
