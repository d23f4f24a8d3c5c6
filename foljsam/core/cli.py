"""The ``foljsam`` console script: Django's manage.py with two-word command names.

``foljsam import registry PATH`` runs the management command ``import_registry``,
``foljsam registry map`` runs ``registry_map``, and so on; anything else
(``foljsam migrate``, ``foljsam createsuperuser``) goes to Django unchanged.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Sequence


def command_argv(args: Sequence[str], known: set[str]) -> list[str]:
    """Join a group and a verb into one command name when that command exists;
    ``help import registry`` asks for the help of ``import_registry``."""
    if args and args[0] == "help":
        return ["help", *command_argv(args[1:], known)]
    if len(args) >= 2 and not args[1].startswith("-"):
        joined = f"{args[0]}_{args[1]}"
        if joined in known:
            return [joined, *args[2:]]
    return list(args)


def run_django(argv: Sequence[str]) -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    from django.core.management import execute_from_command_line

    execute_from_command_line(list(argv))


def main(argv: Sequence[str] | None = None) -> None:
    argv = list(sys.argv if argv is None else argv)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    import django
    from django.core.management import get_commands

    django.setup()
    args = command_argv(argv[1:], set(get_commands()))
    run_django(["foljsam", *args])
