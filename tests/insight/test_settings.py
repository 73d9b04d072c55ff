"""The classifier's knobs are declared in sixia.settings (env SIXIA_INSIGHT_*), validated there at start-up,
and read through django.conf.settings by sixia.insight.classify."""

import os
import subprocess
import sys

import pytest

from sixia.insight import classify


def load_settings(**env: str) -> subprocess.CompletedProcess:
    """Import sixia.settings in a fresh interpreter (settings are read once, at start-up)."""
    environ = {k: v for k, v in os.environ.items() if not k.startswith("SIXIA_INSIGHT_")} | env
    code = "import sixia.settings as s; print(s.INSIGHT_AUTO_THRESHOLD, s.INSIGHT_TOP_K)"
    return subprocess.run([sys.executable, "-c", code], env=environ, capture_output=True, text=True, timeout=60)


def test_it_has_the_documented_defaults():
    done = load_settings()
    assert done.returncode == 0, done.stderr
    assert done.stdout.split() == ["0.9", "3"]


def test_it_reads_both_from_the_environment():
    done = load_settings(SIXIA_INSIGHT_AUTO_THRESHOLD="0.75", SIXIA_INSIGHT_TOP_K="5")
    assert done.returncode == 0, done.stderr
    assert done.stdout.split() == ["0.75", "5"]


@pytest.mark.parametrize(("env", "message"), [
    ({"SIXIA_INSIGHT_AUTO_THRESHOLD": "1.5"}, "SIXIA_INSIGHT_AUTO_THRESHOLD must be between 0 and 1, got 1.5"),
    ({"SIXIA_INSIGHT_AUTO_THRESHOLD": "-0.1"}, "SIXIA_INSIGHT_AUTO_THRESHOLD must be between 0 and 1"),
    ({"SIXIA_INSIGHT_AUTO_THRESHOLD": "nan"}, "SIXIA_INSIGHT_AUTO_THRESHOLD must be between 0 and 1"),
    ({"SIXIA_INSIGHT_AUTO_THRESHOLD": "high"}, "SIXIA_INSIGHT_AUTO_THRESHOLD must be a number, got 'high'"),
    ({"SIXIA_INSIGHT_TOP_K": "0"}, "SIXIA_INSIGHT_TOP_K must be at least 1, got 0"),
    ({"SIXIA_INSIGHT_TOP_K": "2.5"}, "SIXIA_INSIGHT_TOP_K must be a whole number, got '2.5'"),
])
def test_it_refuses_out_of_range_values_at_start_up(env, message):
    done = load_settings(**env)
    assert done.returncode != 0
    assert "ImproperlyConfigured" in done.stderr and message in done.stderr


def test_classify_reads_the_django_settings(settings):
    settings.INSIGHT_AUTO_THRESHOLD, settings.INSIGHT_TOP_K = 0.42, 7
    assert classify.auto_threshold() == 0.42 and classify.top_k() == 7
