"""The development mail backend."""

from __future__ import annotations

from typing import Any

from django.core.mail.backends.console import EmailBackend


class ConsoleEmailBackend(EmailBackend):
    """Django's console backend, but the text is written as a person reads it.

    Django encodes a Swedish body as quoted-printable, which on the console turns
    "fått" into "f=C3=A5tt" and breaks an invitation link over two lines with an
    "=" at the end of the first, so the link cannot be followed. Only the
    development server and the demo write mail to the console; production sends
    the encoded message over SMTP, where the mail client decodes it."""

    def write_message(self, message: Any) -> None:
        msg = message.message()
        for name, value in msg.items():
            if name.lower() not in {"content-transfer-encoding", "content-type"}:
                self.stream.write(f"{name}: {value}\n")
        body = msg.get_body(preferencelist=("plain",))
        self.stream.write("\n" + (body.get_content() if body else "") + "\n")
        self.stream.write("-" * 79 + "\n")
