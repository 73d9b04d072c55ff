"""The suite's settings: sixia.settings with keys made up for this run (random, never written anywhere).

Set in the environment before sixia.settings reads it, so subprocesses a test starts (``sixia ...``,
``python -c "import sixia.settings"``) get the same keys; pytest-xdist workers inherit them as well.
"""

import os
import secrets

os.environ.setdefault("SIXIA_SECRET_KEY", secrets.token_urlsafe(48))
os.environ.setdefault("SIXIA_FIELD_KEY", secrets.token_urlsafe(48))

from sixia.settings import *  # noqa: F403

# Per-process counters are enough for the suite (each test clears them, see conftest); the captcha answers
# "PASSED" here only.
CACHES["throttle"] = {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "throttle"}  # noqa: F405
SILENCED_SYSTEM_CHECKS = ["django_ratelimit.E003", "django_ratelimit.W001"]
CAPTCHA_TEST_MODE = True
REPEAT_INDEX_LATER = False  # index new cases in their transaction (tests/insight/test_index_later.py: the task)
