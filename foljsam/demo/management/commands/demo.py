from __future__ import annotations

from typing import Any

from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandParser
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from foljsam.core.worker import start_in_thread
from foljsam.demo.loader import DEMO_PASSWORD, load_demo


class Command(BaseCommand):
    help = (
        "Migrate the database, load the demo city (a second run changes nothing), "
        "print the demo logins and serve the app on 127.0.0.1."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--no-serve", action="store_true", help="Load the demo, then stop."
        )
        parser.add_argument(
            "--port", type=int, default=8000, help="Port to serve on (default 8000)."
        )

    def handle(self, *args: Any, **options: Any) -> None:
        call_command("migrate", interactive=False, verbosity=0)
        result = load_demo()
        report = result.report
        self.stdout.write(
            self.style.SUCCESS(
                _(
                    "The demo city is loaded: %(created)d new and %(updated)d "
                    "changed rows in the registry, %(rules)d new rules, %(users)d "
                    "new users."
                )
                % {
                    "created": report.created,
                    "updated": report.updated,
                    "rules": result.rules_created,
                    "users": result.users_created,
                }
            )
        )
        for sheet in report.sheets:
            self.stdout.write(
                "  "
                + ngettext(
                    "%(sheet)s: %(total)d row (%(created)d new, %(updated)d changed)",
                    "%(sheet)s: %(total)d rows (%(created)d new, %(updated)d changed)",
                    sheet.total,
                )
                % {
                    "sheet": sheet.sheet,
                    "total": sheet.total,
                    "created": len(sheet.created),
                    "updated": len(sheet.updated),
                }
            )
        self.stdout.write(
            "  "
            + ngettext(
                "%(count)d new follow-up template",
                "%(count)d new follow-up templates",
                result.templates_created,
            )
            % {"count": result.templates_created}
        )
        self.stdout.write(
            "  "
            + ngettext(
                "%(count)d new signal in the register",
                "%(count)d new signals in the register",
                result.signals_created,
            )
            % {"count": result.signals_created}
        )
        self.stdout.write(
            "  "
            + ngettext(
                "%(count)d follow-up of earlier years",
                "%(count)d follow-ups of earlier years",
                result.followups_created,
            )
            % {"count": result.followups_created}
        )
        self.stdout.write(
            "\n"
            + _("Logins (the password for all is %(password)s):")
            % {"password": DEMO_PASSWORD}
        )
        for login in result.logins:
            self.stdout.write(f"  {login.username:<22} {login.description}")
        if options["no_serve"]:
            return
        address = f"127.0.0.1:{options['port']}"
        # The e-mail that publishing queues is sent by a worker on a thread of
        # this process, to this terminal: the demo needs no second command.
        start_in_thread()
        self.stdout.write(
            "\n"
            + _("Open http://%(address)s/ in a web browser. Ctrl+C stops the server.")
            % {"address": address}
        )
        call_command("runserver", address, use_reloader=False)
