"""System checks on the keys: ``sixia check --deploy`` fails on a missing, published or short key.

settings.py already refuses such keys at start-up outside DEBUG; the check also covers DEBUG (a developer
about to deploy) and settings changed after start-up, with the same message (``sixia.keys.problem``).
"""

from __future__ import annotations

from django.conf import settings
from django.core import checks

from sixia import keys


@checks.register(checks.Tags.security, deploy=True)
def check_keys(app_configs=None, **kwargs) -> list[checks.CheckMessage]:
    found: list[checks.CheckMessage] = []
    for number, name in enumerate(keys.KEY_NAMES, start=1):
        value = getattr(settings, name.upper(), "") or ""
        problem = keys.problem(name, value, debug=False)
        if problem:
            found.append(checks.Error(problem, id=f"sixia.E00{number}"))
    if settings.FIELD_CIPHER == "sm4" and settings.BLIND_INDEX != "hmac-sm3":
        found.append(checks.Warning(
            "SIXIA_FIELD_CIPHER=sm4 but the blind indexes use HMAC-SHA256.",
            hint="For commercial cryptography throughout set SIXIA_BLIND_INDEX=hmac-sm3 and run "
                 "`sixia rotate-field-key` with the same key to recompute the indexes.",
            id="sixia.W001"))
    return found
