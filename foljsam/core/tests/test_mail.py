import io

from django.core.mail import EmailMessage

from foljsam.core.mail import ConsoleEmailBackend

LINK = "http://127.0.0.1:8000/users/invitation/OQ/" + "a1b2c3d4" * 8 + "/"


def test_the_console_shows_swedish_text_and_whole_links() -> None:
    stream = io.StringIO()
    message = EmailMessage(
        "Ditt konto i Följsam",
        f"Du har fått ett konto. Välj ditt lösenord här:\n\n{LINK}\n",
        "foljsam@localhost",
        ["ny@example.org"],
    )

    sent = ConsoleEmailBackend(stream=stream).send_messages([message])

    written = stream.getvalue()
    assert sent == 1
    assert "Subject: Ditt konto i Följsam\n" in written
    assert "To: ny@example.org\n" in written
    assert "Du har fått ett konto. Välj ditt lösenord här:" in written
    assert f"\n{LINK}\n" in written
    assert "=C3" not in written
