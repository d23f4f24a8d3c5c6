"""Invitation links: like password-reset links, but signed apart and valid for
longer (FOLJSAM_INVITATION_DAYS), while reset links stay short-lived
(PASSWORD_RESET_TIMEOUT)."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.contrib.auth.tokens import PasswordResetTokenGenerator
from django.utils.http import base36_to_int


class InvitationTokenGenerator(PasswordResetTokenGenerator):
    key_salt = "foljsam.accounts.tokens.InvitationTokenGenerator"

    def check_token(self, user: Any, token: str | None) -> bool:
        if not (user and token):
            return False
        try:
            ts = base36_to_int(token.split("-")[0])
        except ValueError:
            return False
        age = self._num_seconds(self._now()) - ts
        if age > settings.FOLJSAM_INVITATION_DAYS * 24 * 3600:
            return False
        # The signature, tampering and one use (the token covers the password
        # hash, which accepting the invitation changes) are checked as for a reset,
        # with the reset timeout lifted for this one check.
        return self._signature_holds(user, token, ts)

    def _signature_holds(self, user: Any, token: str, ts: int) -> bool:
        from django.utils.crypto import constant_time_compare

        return any(
            constant_time_compare(
                self._make_token_with_timestamp(user, ts, secret), token
            )
            for secret in [self.secret, *self.secret_fallbacks]
        )


invitation_tokens = InvitationTokenGenerator()
