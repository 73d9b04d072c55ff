"""The ``sixia`` console command: Django's management commands under the project's settings.

``sixia load-regions``, ``sixia demo``, ``sixia create-token --user NAME``, ``sixia runserver`` …
"""

import os
import sys


def main() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "sixia.settings")
    from django.core.management import execute_from_command_line

    argv = list(sys.argv)
    # Commands are spelled with hyphens on the command line (``sixia load-regions``), underscores in Python.
    if len(argv) > 1 and not argv[1].startswith("-"):
        argv[1] = argv[1].replace("-", "_")
    from django.core.exceptions import ImproperlyConfigured

    try:
        execute_from_command_line(argv)
    except ImproperlyConfigured as exc:  # e.g. no key outside DEBUG: the message, not a traceback
        sys.exit(f"sixia: ImproperlyConfigured: {exc}")


if __name__ == "__main__":
    main()
